/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { segmentRuleSchema } from '../../../domain/segments/rules';
import { EVENT_LIST, TRAIT_LIST } from './conditions/names';
import { SegmentScreen, SegmentsScreen } from './SegmentsScreen';
import { invalid, mockApi } from './testing/mockApi';

const estimate = { count: 42, exact: true, scanned: 300, total: 300, matchesNobody: false, sample: [{ learnerId: 'l-1', email: 'ada@example.com', name: 'Ada Lovelace' }] };
const segmentView = (id: string, name: string) => ({
  id,
  name,
  description: '',
  kind: 'dynamic',
  rule: null,
  status: 'active',
  version: 1,
  size: 7,
  dependsOn: { events: [], traits: [], segments: [], timeDependent: false },
  evaluation: { state: 'done', version: 1, processed: 300, total: 300, entered: 7, exited: 0, startedAt: null, finishedAt: null, error: null },
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
});

describe('segment builder', () => {
  it('builds a nested AND / OR rule and saves exactly that JSON', async () => {
    const user = userEvent.setup();
    const calls = mockApi({
      'GET /api/segments': () => ({ body: { segments: [segmentView('new-leads', 'New leads')] } }),
      'POST /api/segments/estimate': () => ({ body: { estimate, warnings: [] } }),
      'POST /api/segments': () => ({ status: 201, body: { segment: segmentView('french-learners', 'French learners'), warnings: [], estimate } }),
      'GET /api/segments/known-names': () => ({ body: { events: ['Enrolled', 'Podcast Played'], traits: ['country', 'favouriteColour'] } }),
    });
    render(<SegmentScreen segmentId="new" />);
    // Names seen in the workspace are suggested beside the canonical ones.
    const suggested = (listId: string) => [...(document.getElementById(listId)?.querySelectorAll('option') ?? [])].map((option) => option.value);
    await waitFor(() => expect(suggested(EVENT_LIST)).toContain('Podcast Played'));
    expect(suggested(EVENT_LIST)).toContain('Logged In');
    expect(suggested(TRAIT_LIST)).toEqual(expect.arrayContaining(['favouriteColour', 'email']));

    await user.type(screen.getByLabelText('Name'), 'French learners');
    const rule = screen.getByRole('group', { name: /^Rule:/ });
    // AND: country equals FR …
    await user.click(within(rule).getAllByRole('button', { name: 'Add condition' })[0]!);
    const trait = screen.getByRole('group', { name: 'Condition 1: Trait' });
    await user.type(within(trait).getByLabelText('Trait'), 'country');
    await user.type(within(trait).getByLabelText('Value'), 'FR');
    // … AND (enrolled at least twice OR member of new leads), and NOT opened an email in the last 30 days.
    await user.click(within(rule).getAllByRole('button', { name: 'Add group' })[0]!);
    const group = screen.getByRole('group', { name: /^Group 2:/ });
    expect(group).toHaveAccessibleName('Group 2: any of these (OR)');
    await user.selectOptions(within(group).getByLabelText('New condition type'), 'Event count');
    await user.click(within(group).getByRole('button', { name: 'Add condition' }));
    const event = screen.getByRole('group', { name: 'Condition 2.1: Event count' });
    await user.type(within(event).getByLabelText('Event'), 'Enrolled');
    await user.clear(within(event).getByLabelText('Count'));
    await user.type(within(event).getByLabelText('Count'), '2');
    await user.selectOptions(within(group).getByLabelText('New condition type'), 'Segment membership');
    await user.click(within(group).getByRole('button', { name: 'Add condition' }));
    await waitFor(() => expect(screen.getByRole('option', { name: 'New leads' })).toBeInTheDocument());
    await user.selectOptions(within(screen.getByRole('group', { name: 'Condition 2.2: Segment membership' })).getByLabelText('Segment'), 'new-leads');
    await user.selectOptions(within(rule).getAllByLabelText('New condition type').at(-1)!, 'Email engagement');
    await user.click(within(rule).getAllByRole('button', { name: 'Add condition' }).at(-1)!);
    await user.click(screen.getByRole('button', { name: 'Negate condition 3 (Email engagement)' }));
    expect(screen.getByRole('group', { name: 'Not 3: none of this' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Create segment' }));
    await waitFor(() => expect(calls.some((call) => call.method === 'POST' && call.url === '/api/segments')).toBe(true));
    const saved = calls.find((call) => call.method === 'POST' && call.url === '/api/segments')!.body as { rule: unknown };
    const expected = {
      version: 1,
      condition: {
        type: 'all',
        conditions: [
          { type: 'trait', trait: 'country', operator: 'equals', value: 'FR' },
          {
            type: 'any',
            conditions: [
              { type: 'event', event: 'Enrolled', count: { operator: 'atLeast', value: 2 }, window: { kind: 'ever' } },
              { type: 'segment', segmentId: 'new-leads', operator: 'in' },
            ],
          },
          { type: 'not', condition: { type: 'engagement', action: 'opened', window: { kind: 'last', duration: { amount: 30, unit: 'days' } } } },
        ],
      },
    };
    expect(saved).toEqual({ name: 'French learners', description: '', rule: expected });
    // What the builder produced is a rule the server's schema accepts.
    expect(segmentRuleSchema.safeParse(saved.rule).success).toBe(true);
    expect(await screen.findByRole('status')).toHaveTextContent('Saved version 1');
  });

  it('requests a debounced estimate for the rule on screen, shows it, and shows 400 problems beside the condition', async () => {
    const user = userEvent.setup();
    const calls = mockApi({
      'GET /api/segments': () => ({ body: { segments: [] } }),
      'POST /api/segments/estimate': (body) => {
        const condition = (body as { rule: { condition: { conditions: { event?: string }[] } } }).rule.condition.conditions[0]!;
        if (condition.event === '') return invalid([{ path: ['rule', 'condition', 'conditions', 0, 'event'], message: 'Too small: expected string to have >=1 characters' }]);
        return { body: { estimate, warnings: [] } };
      },
    });
    render(<SegmentScreen segmentId="new" />);
    expect(screen.getByText(/Every group needs a condition/)).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('New condition type'), 'Event count');
    await user.click(screen.getByRole('button', { name: 'Add condition' }));

    const eventField = screen.getByLabelText('Event');
    await waitFor(() => expect(eventField).toHaveAccessibleDescription('Too small: expected string to have >=1 characters'));
    expect(eventField).toHaveAttribute('aria-invalid', 'true');

    await user.type(eventField, 'Logged In');
    expect(await screen.findByTestId('estimate-count')).toHaveTextContent('42');
    expect(screen.getByRole('link', { name: 'Ada Lovelace' })).toHaveAttribute('href', '#/learners/l-1');
    expect(eventField).not.toHaveAttribute('aria-invalid');
    const estimates = calls.filter((call) => call.url === '/api/segments/estimate');
    // Typing "Logged In" is one request after the pause, not one per key.
    expect(estimates.length).toBeLessThanOrEqual(3);
    expect(estimates.at(-1)!.body).toEqual({ rule: { version: 1, condition: { type: 'all', conditions: [{ type: 'event', event: 'Logged In', count: { operator: 'atLeast', value: 1 }, window: { kind: 'ever' } }] } } });
  });

  it('lists segments with their sizes and uploads a CSV static list', async () => {
    const user = userEvent.setup();
    const calls = mockApi({
      'GET /api/segments': () => ({ body: { segments: [segmentView('at-risk', 'At-risk students')] } }),
      'POST /api/segments/lists': () => ({ status: 201, body: { segment: { ...segmentView('vip', 'VIP'), kind: 'static' }, added: 2, unknown: ['nobody@example.com'] } }),
    });
    render(<SegmentsScreen />);
    const row = (await screen.findByRole('link', { name: 'At-risk students' })).closest('tr')!;
    expect(within(row).getByText('7')).toBeInTheDocument();

    await user.type(screen.getByLabelText('List name'), 'VIP');
    const file = new File(['email\nada@example.com\ngrace@example.com\nnobody@example.com\n'], 'vip.csv', { type: 'text/csv' });
    await user.upload(screen.getByLabelText('List file'), file);
    await user.click(screen.getByRole('button', { name: 'Upload list' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Created VIP with 2 members; 1 matched no learner: nobody@example.com');
    const upload = calls.find((call) => call.method === 'POST' && call.url.startsWith('/api/segments/lists'))!;
    expect(upload.url).toBe('/api/segments/lists?name=VIP');
    expect(upload.body).toContain('grace@example.com');
  });
});
