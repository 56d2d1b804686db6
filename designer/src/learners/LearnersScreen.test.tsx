/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockApi } from '../segments/testing/mockApi';
import { LearnerScreen, LearnersScreen } from './LearnersScreen';

const learner = (learnerId: string, traits: Record<string, unknown>, emails: string[]) => ({
  learnerId,
  userId: null,
  emails,
  anonymousIds: [],
  groups: [],
  traits,
  traitsUpdatedAt: { firstName: '2025-01-02T10:00:00.000Z' },
  mergedLearnerIds: [],
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
});
const notFound = { status: 404, body: { error: { code: 'not_found', message: 'Learner not found' } } };

describe('learners', () => {
  it('searches by what is typed and lists the matching learners with links', async () => {
    const user = userEvent.setup();
    const calls = mockApi({
      'GET /api/learners': (_body, url) => ({ body: { learners: new URL(url, 'http://x').searchParams.get('query') === 'grace' ? [learner('l-grace', { name: 'Grace Hopper' }, ['grace@example.com'])] : [] } }),
      'GET /api/learners/grace': () => notFound,
    });
    render(<LearnersScreen />);
    await user.type(screen.getByLabelText('Search learners'), 'grace');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    const results = await screen.findByRole('table', { name: 'Search results' });
    expect(within(results).getByRole('link', { name: 'Grace Hopper' })).toHaveAttribute('href', '#/learners/l-grace');
    expect(within(results).getByText('grace@example.com')).toBeInTheDocument();
    expect(window.location.hash).toBe('#/learners?q=grace');
    expect(calls.some((call) => call.url === '/api/learners?query=grace&limit=50')).toBe(true);
  });

  it('finds a learner by id, which the search endpoint does not match', async () => {
    mockApi({
      'GET /api/learners': () => ({ body: { learners: [] } }),
      'GET /api/learners/l-42': () => ({ body: { learner: learner('l-42', { firstName: 'Alan' }, []), events: [] } }),
    });
    render(<LearnersScreen query="l-42" />);
    expect(await screen.findByRole('link', { name: 'Alan' })).toHaveAttribute('href', '#/learners/l-42');
  });

  it('shows a profile with segments and their history, consent, journeys at their current step and the timeline', async () => {
    const calls = mockApi({
      'GET /api/learners/l-ada': () => ({
        body: {
          learner: learner('l-ada', { firstName: 'Ada', plan: 'pro' }, ['ada@example.com']),
          events: [{ messageId: 'm-1', type: 'track', name: 'Enrolled', courseId: 'c-1', properties: { price: 99 }, timestamp: '2025-01-03T00:00:00.000Z', receivedAt: '2025-01-03T00:00:00.000Z', source: 'api' }],
        },
      }),
      'GET /api/learners/l-ada/segments': () => ({
        body: {
          segmentIds: ['at-risk'],
          periods: [
            { segmentId: 'at-risk', segmentName: 'At-risk students', enteredAt: '2025-01-05T00:00:00.000Z', exitedAt: null },
            { segmentId: 'new-leads', segmentName: 'New leads', enteredAt: '2025-01-01T00:00:00.000Z', exitedAt: '2025-01-03T00:00:00.000Z' },
          ],
        },
      }),
      'GET /api/learners/l-ada/consent': () => ({ body: { learnerId: 'l-ada', unsubscribedFromAll: false, topics: [{ topic: 'promotions', name: 'Promotions', doubleOptIn: false, status: 'opted_in', recorded: true, source: 'api', at: '2025-01-01T00:00:00.000Z', receives: true }] } }),
      'GET /api/journeys': () => ({
        body: {
          journeys: [
            { id: 're-engagement', name: 'Re-engagement', description: '', status: 'published', publishedVersion: 1, graph: { nodes: [{ id: 'wait-login', type: 'waitForEvent', label: 'Wait for a login', settings: {} }], edges: [], goals: [], exitWhen: { leftEntrySegment: false, unsubscribed: true } }, createdAt: '', updatedAt: '' },
            { id: 'draft', name: 'Draft', description: '', status: 'draft', publishedVersion: null, graph: { nodes: [], edges: [], goals: [], exitWhen: { leftEntrySegment: false, unsubscribed: true } }, createdAt: '', updatedAt: '' },
          ],
        },
      }),
      // One list by learner from Temporal; the journeys only lend their names and step labels.
      'GET /api/learners/l-ada/journeys': () => ({
        body: {
          runs: [
            { journeyId: 're-engagement', workflowId: 'journey-re-engagement-l-ada', runId: 'r-1', learnerId: 'l-ada', version: 1, currentNode: 'wait-login', courseId: null, status: 'RUNNING', startedAt: '2025-01-05T00:00:00.000Z', closedAt: null },
            { journeyId: 'retired', workflowId: 'journey-retired-l-ada', runId: 'r-0', learnerId: 'l-ada', version: 3, currentNode: null, courseId: null, status: 'COMPLETED', startedAt: '2024-12-01T00:00:00.000Z', closedAt: '2024-12-02T00:00:00.000Z' },
          ],
        },
      }),
    });
    render(<LearnerScreen learnerId="l-ada" />);
    expect(await screen.findByRole('heading', { name: 'Ada' })).toBeInTheDocument();
    expect(within(screen.getByRole('table', { name: 'Traits' })).getByRole('row', { name: /plan pro/ })).toBeInTheDocument();
    const history = await screen.findByRole('table', { name: 'Segment history' });
    expect(within(history).getByRole('row', { name: /New leads/ })).toHaveTextContent(/New leads.*2025/);
    expect(within(history).getByRole('row', { name: /At-risk students/ })).toHaveTextContent('still in');
    expect(await screen.findByRole('row', { name: /Promotions opted in yes/ })).toBeInTheDocument();
    const runs = await screen.findByRole('table', { name: 'Journey runs' });
    expect(within(runs).getAllByRole('row')).toHaveLength(3);
    expect(within(runs).getByRole('row', { name: /Re-engagement/ })).toHaveTextContent('Wait for a login');
    // A journey no longer listed still shows its run, by id.
    expect(within(runs).getByRole('row', { name: /retired/ })).toHaveTextContent(/retired v3completed\(finished\)/);
    expect(within(runs).getByRole('link', { name: 'retired' })).toHaveAttribute('href', '#/journeys/retired/live');
    // No scanning of each journey's runs.
    expect(calls.some((call) => /\/api\/journeys\/[^/]+\/runs/.test(call.url))).toBe(false);
    expect(screen.getByText('Enrolled')).toBeInTheDocument();
  });
});
