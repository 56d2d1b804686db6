/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { exampleJourneys } from '../../../domain/journeys/examples';
import { journeyNodeTypes, type JourneyGraph } from '../../../domain/journeys/graph';
import { JourneyEditor } from './JourneyEditor';
import { quietReactFlowMeasuring, stubBrowserLayout } from './testSupport';

let restoreConsole: () => void;
beforeAll(() => {
  stubBrowserLayout();
  restoreConsole = quietReactFlowMeasuring();
});
afterAll(() => restoreConsole());

const empty: JourneyGraph = { nodes: [], edges: [], goals: [], exitWhen: { leftEntrySegment: false, unsubscribed: true } };

function renderEditor(props: Partial<Parameters<typeof JourneyEditor>[0]> = {}) {
  const changes: JourneyGraph[] = [];
  const view = render(<JourneyEditor initialGraph={empty} mode="edit" onGraphChange={(graph) => changes.push(graph)} {...props} />);
  return { ...view, changes, latest: () => changes.at(-1)! };
}

describe('the journey editor', () => {
  it('lists every node type in the palette, named by its label, with its description', () => {
    renderEditor();
    const palette = screen.getByRole('list', { name: 'Node palette' });
    const items = within(palette).getAllByRole('listitem');
    expect(items).toHaveLength(journeyNodeTypes.length);
    for (const { palette: entry } of journeyNodeTypes) {
      const button = within(palette).getByRole('button', { name: entry.label });
      expect(button).toHaveAccessibleDescription(entry.description);
      expect(button).toHaveAttribute('draggable', 'true');
    }
    expect(screen.getByRole('application', { name: 'Journey canvas' })).toBeInTheDocument();
  });

  it('adds steps from the keyboard, each after the selected one, and opens its settings', async () => {
    const user = userEvent.setup();
    const { latest } = renderEditor();
    const palette = screen.getByRole('list', { name: 'Node palette' });
    within(palette).getByRole('button', { name: 'Entry' }).focus();
    await user.keyboard('{Enter}');
    expect(latest().nodes.map((node) => node.type)).toEqual(['entry']);
    expect(screen.getByRole('region', { name: 'Node settings' })).toHaveTextContent('Entry');

    within(palette).getByRole('button', { name: 'Wait for event' }).focus();
    await user.keyboard('{Enter}');
    expect(latest().nodes.map((node) => node.id)).toEqual(['entry-1', 'wait-for-event-1']);
    expect(latest().edges).toEqual([{ id: 'entry-1-next-wait-for-event-1', source: 'entry-1', sourceHandle: 'next', target: 'wait-for-event-1' }]);
    // The new node's outputs are labelled on the canvas.
    const canvas = screen.getByRole('application', { name: 'Journey canvas' });
    expect(within(canvas).getByText('happened')).toBeInTheDocument();
    expect(within(canvas).getByText('timed out')).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Node settings' })).toHaveTextContent('Wait for event');
  });

  it('undoes and redoes an add with the buttons and the keyboard', async () => {
    const user = userEvent.setup();
    const { latest } = renderEditor();
    const palette = screen.getByRole('list', { name: 'Node palette' });
    await user.click(within(palette).getByRole('button', { name: 'Entry' }));
    await user.click(within(palette).getByRole('button', { name: 'Delay' }));
    expect(latest().nodes).toHaveLength(2);

    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(latest().nodes.map((node) => node.type)).toEqual(['entry']);
    await user.click(screen.getByRole('button', { name: 'Redo' }));
    expect(latest().nodes.map((node) => node.type)).toEqual(['entry', 'delay']);

    await user.click(document.body);
    await user.keyboard('{Control>}z{/Control}');
    expect(latest().nodes).toHaveLength(1);
    await user.keyboard('{Control>}{Shift>}z{/Shift}{/Control}');
    expect(latest().nodes).toHaveLength(2);
    await user.keyboard('{Control>}z{/Control}{Control>}z{/Control}');
    expect(latest().nodes).toHaveLength(0);
    expect(screen.getByRole('button', { name: 'Undo' })).toBeDisabled();
    await user.keyboard('{Control>}y{/Control}');
    expect(latest().nodes).toHaveLength(1);
  });

  it('deletes the selected step with its connections, and pastes a copy with a fresh id', async () => {
    const user = userEvent.setup();
    const { latest } = renderEditor();
    const palette = screen.getByRole('list', { name: 'Node palette' });
    await user.click(within(palette).getByRole('button', { name: 'Entry' }));
    await user.click(within(palette).getByRole('button', { name: 'Send message' }));
    await user.click(document.body);
    await user.keyboard('{Control>}c{/Control}{Control>}v{/Control}');
    expect(latest().nodes.map((node) => node.id)).toEqual(['entry-1', 'send-message-1', 'send-message-2']);
    // The pasted copy is selected now: Delete removes it and only it.
    await user.keyboard('{Delete}');
    expect(latest().nodes.map((node) => node.id)).toEqual(['entry-1', 'send-message-1']);
    expect(latest().edges).toHaveLength(1);
    // Clicking a node on the canvas selects it and opens its settings. (A plain click event: React
    // Flow's drag handling wants a pointer event with a window, which user-event does not give it.)
    fireEvent.click(within(screen.getByRole('application', { name: 'Journey canvas' })).getByRole('group', { name: 'Send message' }));
    await user.click(within(screen.getByRole('region', { name: 'Node settings' })).getByRole('button', { name: 'Delete step' }));
    expect(latest().nodes.map((node) => node.id)).toEqual(['entry-1']);
    expect(latest().edges).toEqual([]);
  });

  it('shows each problem on its node as a badge and in the list, and selects the node from the list', async () => {
    const user = userEvent.setup();
    const onboarding = exampleJourneys.find((journey) => journey.id === 'onboarding')!.graph;
    renderEditor({
      initialGraph: onboarding,
      problems: [
        { nodeId: 'welcome', code: 'unknown_template', message: '"Welcome email" sends template "onboarding-welcome", which does not exist.' },
        { nodeId: 'welcome', code: 'unknown_topic', message: '"Welcome email" is filed under topic "course-updates", which does not exist.' },
        { nodeId: null, code: 'no_entry', message: 'The journey has no entry step.' },
      ],
    });
    const canvas = screen.getByRole('application', { name: 'Journey canvas' });
    expect(within(canvas).getByRole('status', { name: '2 problems' })).toBeInTheDocument();
    const list = screen.getByRole('region', { name: 'Problems' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(3);
    await user.click(within(list).getByRole('button', { name: /onboarding-welcome/ }));
    const settings = screen.getByRole('region', { name: 'Node settings' });
    expect(within(settings).getByText('welcome')).toBeInTheDocument();
    expect(within(settings).getByRole('list', { name: 'Problems of this step' })).toHaveTextContent('does not exist');
  });

  it('counts settings errors found while typing on the node badge', async () => {
    const user = userEvent.setup();
    const { latest } = renderEditor();
    await user.click(within(screen.getByRole('list', { name: 'Node palette' })).getByRole('button', { name: 'Delay' }));
    const settings = screen.getByRole('region', { name: 'Node settings' });
    const amount = within(settings).getByRole('spinbutton', { name: /amount/i });
    await user.clear(amount);
    await user.type(amount, '0');
    const canvas = screen.getByRole('application', { name: 'Journey canvas' });
    expect(within(canvas).getByRole('status', { name: '1 problems' })).toBeInTheDocument();
    expect(latest().nodes[0]).toMatchObject({ settings: { mode: 'duration', duration: { amount: 0 } } });
    // One undo step reverts the whole edit of the field.
    await act(async () => {
      await user.click(screen.getByRole('button', { name: 'Undo' }));
    });
    expect(latest().nodes[0]).toMatchObject({ settings: { duration: { amount: 1 } } });
  });

  it('shows a past version read-only: no palette, no editing buttons', () => {
    renderEditor({ initialGraph: exampleJourneys[0]!.graph, mode: 'readOnly' });
    expect(screen.queryByRole('list', { name: 'Node palette' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Undo' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Zoom to fit' })).toBeInTheDocument();
  });

  it('lists the keyboard shortcuts in a popover', async () => {
    const user = userEvent.setup();
    renderEditor();
    await user.click(screen.getByRole('button', { name: 'Keyboard shortcuts' }));
    expect(screen.getByRole('dialog', { name: 'Keyboard shortcuts' })).toHaveTextContent('Undo');
  });
});
