/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { type JourneyView } from '../../../domain/journeys/api';
import { exampleJourneys } from '../../../domain/journeys/examples';
import { ApiError, api } from '../api/client';
import { ImportJourneyButton } from './ImportJourney';
import { JourneyScreen } from './JourneyScreen';
import { quietReactFlowMeasuring, stubBrowserLayout } from './testSupport';
import { exportJourney } from './transfer';

jest.mock('../api/client', () => {
  const actual: object = jest.requireActual('../api/client');
  return { ...actual, api: { get: jest.fn(), post: jest.fn(), put: jest.fn(), delete: jest.fn(), verifyKey: jest.fn() } };
});

let restoreConsole: () => void;
beforeAll(() => {
  stubBrowserLayout();
  restoreConsole = quietReactFlowMeasuring();
});
afterAll(() => restoreConsole());
afterEach(() => jest.resetAllMocks());

const get = api.get as jest.Mock;
const post = api.post as jest.Mock;
const put = api.put as jest.Mock;

const onboarding = exampleJourneys.find((journey) => journey.id === 'onboarding')!;
const journey = (overrides: Partial<JourneyView> = {}): JourneyView => ({
  id: onboarding.id,
  name: onboarding.name,
  description: onboarding.description,
  graph: onboarding.graph,
  status: 'draft',
  publishedVersion: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...overrides,
});

/** Answers GETs from a table of paths, like the API would. */
function answerGets(table: Record<string, unknown>) {
  get.mockImplementation(async (path: string) => {
    if (path in table) return table[path];
    throw new ApiError(404, 'not_found', `No ${path}`);
  });
}

const catalogues = {
  '/api/templates': { templates: [{ id: 'onboarding-welcome', name: 'Welcome' }] },
  '/api/segments': { segments: [] },
  '/api/topics': { topics: [{ id: 'course-updates', name: 'Course updates' }] },
};

describe('the journey screen', () => {
  it('shows the problems of a refused publish on the canvas', async () => {
    const user = userEvent.setup();
    answerGets({ '/api/journeys/onboarding': { journey: journey() }, ...catalogues });
    const problems = [
      { nodeId: 'tips', code: 'unknown_template', message: '"Tips email" sends template "onboarding-tips", which does not exist.' },
      { nodeId: 'progress', code: 'unknown_template', message: '"Progress nudge" sends template "onboarding-progress", which does not exist.' },
    ];
    post.mockImplementation(async (path: string) => {
      if (path === '/api/journeys/onboarding/publish') throw new ApiError(400, 'validation_failed', 'The journey has 2 problem(s)', { location: 'graph', problems });
      throw new Error(`unexpected POST ${path}`);
    });
    render(<JourneyScreen journeyId="onboarding" view="edit" />);
    await user.click(await screen.findByRole('button', { name: 'Publish' }));
    const canvas = screen.getByRole('application', { name: 'Journey canvas' });
    expect(await within(canvas).findAllByRole('status', { name: '1 problems' })).toHaveLength(2);
    expect(screen.getByRole('region', { name: 'Problems' })).toHaveTextContent('onboarding-progress');
    expect(screen.getByRole('alert')).toHaveTextContent('Not published: 2 problems');
  });

  it('validates the drawn graph and autosaves the draft after an edit', async () => {
    const user = userEvent.setup();
    answerGets({ '/api/journeys/onboarding': { journey: journey() }, ...catalogues });
    post.mockResolvedValue({ ok: true, problems: [], warnings: [{ nodeId: 'enrolled', code: 'unknown_event', message: 'Event "Enrolled" has not been seen yet.' }] });
    put.mockImplementation(async (_path: string, body: { graph: unknown }) => ({ journey: journey({ graph: body.graph as JourneyView['graph'] }) }));
    render(<JourneyScreen journeyId="onboarding" view="edit" />);
    await user.click(await screen.findByRole('button', { name: 'Validate' }));
    expect(post).toHaveBeenCalledWith('/api/journeys/validate', { graph: onboarding.graph });
    expect(await screen.findByRole('region', { name: 'Problems' })).toHaveTextContent('has not been seen yet');

    await user.click(within(screen.getByRole('list', { name: 'Node palette' })).getByRole('button', { name: 'Exit' }));
    expect(screen.getByRole('status', { name: 'Save status' })).toHaveTextContent('Saving…');
    await waitFor(() => expect(put).toHaveBeenCalled(), { timeout: 3_000 });
    const [path, body] = put.mock.calls.at(-1) as [string, { name: string; graph: { nodes: unknown[] } }];
    expect(path).toBe('/api/journeys/onboarding');
    expect(body.name).toBe(onboarding.name);
    expect(body.graph.nodes).toHaveLength(onboarding.graph.nodes.length + 1);
    await waitFor(() => expect(screen.getByRole('status', { name: 'Save status' })).toHaveTextContent('Saved'));
  });

  it('shows live counts on the published version and the learners at a node with links to their runs', async () => {
    answerGets({
      '/api/journeys/onboarding': { journey: journey({ status: 'active', publishedVersion: 1 }) },
      '/api/journeys/onboarding/versions': { versions: [{ version: 1, name: onboarding.name, publishedAt: '2026-01-02T00:00:00.000Z' }] },
      '/api/journeys/onboarding/versions/1': { version: 1, name: onboarding.name, publishedAt: '2026-01-02T00:00:00.000Z', graph: onboarding.graph },
      '/api/journeys/onboarding/counts': {
        nodes: [
          { nodeId: 'welcome', entered: 40, waitingNow: 0, left: { next: 40 }, messages: { sent: 40, opened: 10, clicked: 4, skipped: 0 } },
          { nodeId: 'wait-2-days', entered: 40, waitingNow: 12, left: { next: 28 } },
        ],
      },
      '/api/designer/settings': { temporalUiUrl: 'https://temporal.example.com/', temporalNamespace: 'courses' },
      '/api/journeys/onboarding/runs?node=wait-2-days&limit=100': {
        runs: [{ workflowId: 'journey-onboarding-learner-7', runId: 'r1', learnerId: 'learner-7', version: 1, currentNode: 'wait-2-days', courseId: null, status: 'RUNNING', startedAt: '2026-01-03T00:00:00.000Z', closedAt: null }],
      },
    });
    render(<JourneyScreen journeyId="onboarding" view="live" />);
    const canvas = await screen.findByRole('application', { name: 'Journey canvas' });
    const welcome = within(canvas).getByRole('group', { name: 'Welcome email' });
    await waitFor(() => expect(welcome).toHaveTextContent('40 sent · open 25 % · click 10 %'));
    const wait = within(canvas).getByRole('group', { name: 'Wait 2 days' });
    expect(wait).toHaveTextContent('12 waiting');
    expect(screen.getByRole('button', { name: 'Pause' })).toBeInTheDocument();

    fireEvent.click(wait);
    const learners = await screen.findByRole('region', { name: 'Learners at step' });
    const link = await within(learners).findByRole('link', { name: 'Run of learner-7 in Temporal' });
    expect(link).toHaveAttribute('href', 'https://temporal.example.com/namespaces/courses/workflows/journey-onboarding-learner-7');
  });

  it('shows a past version read-only', async () => {
    answerGets({
      '/api/journeys/onboarding': { journey: journey({ status: 'active', publishedVersion: 2 }) },
      '/api/journeys/onboarding/versions': { versions: [2, 1].map((version) => ({ version, name: onboarding.name, publishedAt: '2026-01-02T00:00:00.000Z' })) },
      '/api/journeys/onboarding/versions/1': { version: 1, name: onboarding.name, publishedAt: '2026-01-02T00:00:00.000Z', graph: onboarding.graph },
    });
    render(<JourneyScreen journeyId="onboarding" version={1} view="edit" />);
    expect(await screen.findByText(/Version 1 \(read-only\)/)).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Node palette' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Publish' })).not.toBeInTheDocument();
  });
});

describe('export and import', () => {
  it('imports an exported journey as a new draft, beside the one it came from', async () => {
    const user = userEvent.setup();
    post.mockImplementation(async (path: string, body: { id: string }) => {
      if (body.id === 'onboarding') throw new ApiError(409, 'conflict', 'Journey onboarding exists');
      return { journey: journey({ id: body.id }) };
    });
    const imported = jest.fn();
    render(<ImportJourneyButton onImported={imported} />);
    const file = new File([exportJourney(journey())], 'journey-onboarding.json', { type: 'application/json' });
    await user.upload(screen.getByLabelText('Journey file to import'), file);
    await waitFor(() => expect(imported).toHaveBeenCalled());
    expect(post).toHaveBeenLastCalledWith('/api/journeys', { id: 'onboarding-2', name: onboarding.name, description: onboarding.description, graph: onboarding.graph });
    expect(imported.mock.calls[0][0]).toMatchObject({ id: 'onboarding-2' });
  });

  it('refuses a file that is not a journey, saying why', async () => {
    const user = userEvent.setup();
    render(<ImportJourneyButton onImported={jest.fn()} />);
    await user.upload(screen.getByLabelText('Journey file to import'), new File(['{"name": "x", "graph": {"nodes": "none"}}'], 'bad.json', { type: 'application/json' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('bad.json is not a journey');
    expect(post).not.toHaveBeenCalled();
  });
});
