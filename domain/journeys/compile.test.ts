import { canonicalEventNames } from '../learners';
import { compileJourney, type KnownNames } from './compile';
import { journeyGraphSchema, type Edge, type JourneyGraph, type JourneyNode } from './graph';
import { type Condition } from '../segments/rules';
import { type ConditionSettings } from './nodes/condition';
import { type EntryTrigger } from './nodes/entry';

// Small graphs for the tests: every node at the origin, since positions never matter to the compiler.
const position = { x: 0, y: 0 };

const known: KnownNames = {
  segments: new Set(['at-risk-students', 'highly-engaged-prospects']),
  templates: new Set(['welcome', 'tips']),
  events: new Set(canonicalEventNames),
};

function entryNode(id: string, trigger: EntryTrigger = { kind: 'manual' }): JourneyNode {
  return { id, type: 'entry', position, settings: { trigger, reentry: { mode: 'once' } } };
}

function sendNode(id: string, templateId = 'welcome', label?: string): JourneyNode {
  return { id, type: 'sendMessage', label, position, settings: { templateId, channel: 'email', kind: 'marketing', topic: 'promotions', whenHeldBack: 'defer' } };
}

function delayNode(id: string): JourneyNode {
  return { id, type: 'delay', position, settings: { mode: 'duration', duration: { amount: 1, unit: 'days' } } };
}

function waitNode(id: string, event = 'Logged In'): JourneyNode {
  return { id, type: 'waitForEvent', position, settings: { event, timeout: { amount: 3, unit: 'days' } } };
}

const atRisk: Condition = { type: 'segment', segmentId: 'at-risk-students', operator: 'in' };

function conditionNode(id: string, settings: ConditionSettings): JourneyNode {
  return { id, type: 'condition', position, settings };
}

function yesNoNode(id: string, condition = atRisk): JourneyNode {
  return conditionNode(id, { mode: 'yesNo', condition });
}

function inactivityNode(id: string, activityEvents: string[]): JourneyNode {
  return { id, type: 'inactivity', position, settings: { inactiveFor: { amount: 7, unit: 'days' }, activityEvents } };
}

function splitNode(id: string, weights: number[]): JourneyNode {
  return { id, type: 'split', position, settings: { variants: weights.map((weight, index) => ({ id: `v${index + 1}`, label: `Variant ${index + 1}`, weight })) } };
}

function exitNode(id: string): JourneyNode {
  return { id, type: 'exit', position, settings: {} };
}

function link(source: string, sourceHandle: string, target: string, id = `${source}.${sourceHandle}`): Edge {
  return { id, source, sourceHandle, target };
}

/** A graph as the designer would save it, defaults filled in. */
function graphOf(nodes: JourneyNode[], edges: Edge[], rest: Partial<Pick<JourneyGraph, 'goals' | 'exitWhen'>> = {}): JourneyGraph {
  return journeyGraphSchema.parse({ nodes, edges, ...rest });
}

function problemsOf(graph: JourneyGraph) {
  const result = compileJourney(graph, known);
  return result.ok ? [] : result.problems;
}

function codesOf(graph: JourneyGraph) {
  return problemsOf(graph).map((problem) => problem.code);
}

/** A journey that compiles: start → welcome → wait → end. */
const straight = () => [entryNode('start'), sendNode('welcome', 'welcome', 'Welcome email'), delayNode('wait'), exitNode('end')];
const straightEdges = () => [link('start', 'next', 'welcome'), link('welcome', 'next', 'wait'), link('wait', 'next', 'end')];

describe('compileJourney', () => {
  test('compiles a valid journey into steps with their next steps, positions dropped', () => {
    const result = compileJourney(graphOf(straight(), straightEdges(), { goals: [{ id: 'bought', kind: 'event', event: 'Order Completed' }] }), known);
    expect(result).toEqual({
      ok: true,
      warnings: [],
      journey: {
        entryNodeId: 'start',
        trigger: { kind: 'manual' },
        reentry: { mode: 'once' },
        nodes: {
          start: { type: 'entry', label: 'start', settings: { trigger: { kind: 'manual' }, reentry: { mode: 'once' } }, next: { next: 'welcome' } },
          welcome: { type: 'sendMessage', label: 'Welcome email', settings: { templateId: 'welcome', channel: 'email', kind: 'marketing', topic: 'promotions', whenHeldBack: 'defer' }, next: { next: 'wait' } },
          wait: { type: 'delay', label: 'wait', settings: { mode: 'duration', duration: { amount: 1, unit: 'days' } }, next: { next: 'end' } },
          end: { type: 'exit', label: 'end', settings: {}, next: {} },
        },
        goals: [{ id: 'bought', kind: 'event', event: 'Order Completed' }],
        exitWhen: { leftEntrySegment: false, unsubscribed: true },
        dependsOn: { events: ['Order Completed'], segments: [], templates: ['welcome'] },
      },
    });
  });

  test('lists what the journey depends on, once each and sorted', () => {
    const nodes = [
      entryNode('start', { kind: 'segmentEntered', segmentId: 'highly-engaged-prospects' }),
      conditionNode('check', {
        mode: 'branches',
        branches: [
          { id: 'a', label: 'A', condition: { type: 'any', conditions: [atRisk, { type: 'event', event: 'Logged In', count: { operator: 'atLeast', value: 1 }, window: { kind: 'ever' } }] } },
          { id: 'b', label: 'B', condition: { ...atRisk, operator: 'notIn' } },
        ],
      }),
      sendNode('tips', 'tips'),
      sendNode('welcome'),
      waitNode('login'),
      exitNode('end'),
    ];
    const edges = [link('start', 'next', 'check'), link('check', 'a', 'tips'), link('check', 'b', 'welcome'), link('check', 'else', 'login'), link('tips', 'next', 'end'), link('welcome', 'next', 'end'), link('login', 'happened', 'end'), link('login', 'timedOut', 'end')];
    const result = compileJourney(graphOf(nodes, edges), known);
    expect(result.ok && result.journey.dependsOn).toEqual({ events: ['Logged In'], segments: ['at-risk-students', 'highly-engaged-prospects'], templates: ['tips', 'welcome'] });
    expect(result.ok && result.journey.nodes.check?.next).toEqual({ a: 'tips', b: 'welcome', else: 'login' });
  });

  test('no_entry: a journey without an entry, and no unreachable steps on top', () => {
    expect(problemsOf(graphOf([sendNode('welcome'), exitNode('end')], [link('welcome', 'next', 'end')]))).toEqual([
      { nodeId: null, code: 'no_entry', message: expect.stringContaining('no entry') },
    ]);
  });

  test('several_entries: on each entry, naming them all', () => {
    const graph = graphOf([entryNode('first'), entryNode('second'), exitNode('end')], [link('first', 'next', 'end'), link('second', 'next', 'end')]);
    const problems = problemsOf(graph);
    expect(problems.map((problem) => [problem.code, problem.nodeId])).toEqual([
      ['several_entries', 'first'],
      ['several_entries', 'second'],
    ]);
    for (const problem of problems) expect(problem.message).toMatch(/"first".*"second"/);
  });

  test('duplicate_node_id, duplicate_edge_id and duplicate_goal_id', () => {
    const graph = graphOf([...straight(), exitNode('end')], [...straightEdges(), { ...link('wait', 'next', 'end'), id: 'start.next' }], {
      goals: [
        { id: 'goal', kind: 'event', event: 'Enrolled' },
        { id: 'goal', kind: 'event', event: 'Logged In' },
      ],
    });
    const problems = problemsOf(graph);
    expect(problems).toEqual(
      expect.arrayContaining([
        { nodeId: 'end', code: 'duplicate_node_id', message: expect.stringContaining('"end"') },
        { nodeId: null, edgeId: 'start.next', code: 'duplicate_edge_id', message: expect.stringContaining('"start.next"') },
        { nodeId: null, code: 'duplicate_goal_id', message: expect.stringContaining('"goal"') },
      ]),
    );
  });

  test('unreachable_node: a step nothing leads to', () => {
    const graph = graphOf([...straight(), sendNode('orphan', 'tips', 'Forgotten tips'), exitNode('orphan-end')], [...straightEdges(), link('orphan', 'next', 'orphan-end')]);
    expect(problemsOf(graph)).toEqual([
      { nodeId: 'orphan', code: 'unreachable_node', message: expect.stringContaining('"Forgotten tips"') },
      { nodeId: 'orphan-end', code: 'unreachable_node', message: expect.stringContaining('"orphan-end"') },
    ]);
  });

  test('missing_edge: an output without a connection, named by its label', () => {
    const graph = graphOf([entryNode('start'), waitNode('login'), exitNode('end')], [link('start', 'next', 'login'), link('login', 'happened', 'end')]);
    expect(problemsOf(graph)).toEqual([{ nodeId: 'login', code: 'missing_edge', message: expect.stringMatching(/"timed out".*"login"/) }]);
  });

  test('duplicate_edge: two connections from one output', () => {
    const graph = graphOf([...straight(), exitNode('other')], [...straightEdges(), link('wait', 'next', 'other', 'second')]);
    const problems = problemsOf(graph);
    expect(problems).toContainEqual({ nodeId: 'wait', edgeId: 'second', code: 'duplicate_edge', message: expect.stringMatching(/"next".*"wait"/) });
    // The second edge is not followed, so "other" is also unreachable.
    expect(problems.map((problem) => problem.code)).toEqual(['duplicate_edge', 'unreachable_node']);
  });

  test('unknown_handle: a connection from an output the step does not have', () => {
    const graph = graphOf(straight(), [...straightEdges(), link('welcome', 'yes', 'end', 'bad')]);
    expect(problemsOf(graph)).toEqual([{ nodeId: 'welcome', edgeId: 'bad', code: 'unknown_handle', message: expect.stringMatching(/"Welcome email" has no output "yes"/) }]);
  });

  test('dangling_edge: a connection to or from a step that does not exist', () => {
    const graph = graphOf(straight(), [...straightEdges(), link('wait', 'next', 'ghost', 'to-ghost'), link('phantom', 'next', 'end', 'from-phantom')]);
    expect(problemsOf(graph)).toEqual([
      { nodeId: 'wait', edgeId: 'to-ghost', code: 'dangling_edge', message: expect.stringContaining('"ghost"') },
      { nodeId: 'end', edgeId: 'from-phantom', code: 'dangling_edge', message: expect.stringContaining('"phantom"') },
    ]);
  });

  test('entry_has_incoming: nothing may lead into the entry', () => {
    const nodes = [entryNode('start'), waitNode('login'), exitNode('end')];
    const graph = graphOf(nodes, [link('start', 'next', 'login'), link('login', 'happened', 'end'), link('login', 'timedOut', 'start')]);
    const problems = problemsOf(graph);
    expect(problems).toContainEqual({ nodeId: 'start', edgeId: 'login.timedOut', code: 'entry_has_incoming', message: expect.stringMatching(/"login".*"start"/) });
  });

  test('cycle_without_wait: a loop of steps that never pause, naming them all', () => {
    const nodes = [entryNode('start'), sendNode('nag', 'welcome', 'Nag'), yesNoNode('still-at-risk'), exitNode('end')];
    const edges = [link('start', 'next', 'nag'), link('nag', 'next', 'still-at-risk'), link('still-at-risk', 'yes', 'nag'), link('still-at-risk', 'no', 'end')];
    expect(problemsOf(graphOf(nodes, edges))).toEqual([{ nodeId: 'nag', code: 'cycle_without_wait', message: expect.stringMatching(/"Nag", "still-at-risk" loop/) }]);
  });

  test('a loop through a wait is allowed', () => {
    const nodes = [entryNode('start'), sendNode('nag'), delayNode('pause'), yesNoNode('still-at-risk'), exitNode('end')];
    const edges = [link('start', 'next', 'nag'), link('nag', 'next', 'pause'), link('pause', 'next', 'still-at-risk'), link('still-at-risk', 'yes', 'nag'), link('still-at-risk', 'no', 'end')];
    expect(compileJourney(graphOf(nodes, edges), known).ok).toBe(true);
  });

  test('a loop that can bypass its wait is still a cycle without a wait', () => {
    const nodes = [entryNode('start'), yesNoNode('check'), splitNode('choose', [50, 50]), delayNode('pause'), exitNode('end')];
    const edges = [link('start', 'next', 'check'), link('check', 'yes', 'choose'), link('check', 'no', 'end'), link('choose', 'v1', 'pause'), link('choose', 'v2', 'check'), link('pause', 'next', 'check')];
    expect(problemsOf(graphOf(nodes, edges))).toEqual([{ nodeId: 'check', code: 'cycle_without_wait', message: expect.stringContaining('"check", "choose"') }]);
  });

  test('a step leading to itself without waiting is a cycle', () => {
    const nodes = [entryNode('start'), splitNode('again', [50, 50]), exitNode('end')];
    const edges = [link('start', 'next', 'again'), link('again', 'v1', 'again'), link('again', 'v2', 'end')];
    expect(codesOf(graphOf(nodes, edges))).toEqual(['cycle_without_wait']);
  });

  test('message_without_template and unknown_template', () => {
    const nodes = [entryNode('start'), sendNode('draft', ' ', 'Draft email'), sendNode('typo', 'welcom'), exitNode('end')];
    const edges = [link('start', 'next', 'draft'), link('draft', 'next', 'typo'), link('typo', 'next', 'end')];
    expect(problemsOf(graphOf(nodes, edges))).toEqual([
      { nodeId: 'draft', code: 'message_without_template', message: expect.stringMatching(/"Draft email" is a message without a template/) },
      { nodeId: 'typo', code: 'unknown_template', message: expect.stringMatching(/"typo".*"welcom"/) },
    ]);
  });

  test('split_weights: variants that do not add up to 100', () => {
    const nodes = [entryNode('start'), splitNode('ab', [30, 60]), exitNode('end')];
    const edges = [link('start', 'next', 'ab'), link('ab', 'v1', 'end'), link('ab', 'v2', 'end')];
    expect(problemsOf(graphOf(nodes, edges))).toEqual([{ nodeId: 'ab', code: 'split_weights', message: expect.stringMatching(/"ab" add up to 90%/) }]);
  });

  test('unknown_segment: in the trigger, deep in a condition and in a goal', () => {
    const nested: Condition = { type: 'all', conditions: [{ type: 'trait', trait: 'plan', operator: 'equals', value: 'pro' }, { type: 'not', condition: { type: 'segment', segmentId: 'vips', operator: 'in' } }] };
    const nodes = [entryNode('start', { kind: 'segmentExited', segmentId: 'trial-users' }), yesNoNode('check', nested), exitNode('yes'), exitNode('no')];
    const edges = [link('start', 'next', 'check'), link('check', 'yes', 'yes'), link('check', 'no', 'no')];
    const graph = graphOf(nodes, edges, { goals: [{ id: 'upgraded', kind: 'segmentEntered', segmentId: 'customers' }] });
    expect(problemsOf(graph)).toEqual([
      { nodeId: 'start', code: 'unknown_segment', message: expect.stringMatching(/"start".*"trial-users"/) },
      { nodeId: 'check', code: 'unknown_segment', message: expect.stringMatching(/"check".*"vips"/) },
      { nodeId: null, code: 'unknown_segment', message: expect.stringMatching(/"upgraded".*"customers"/) },
    ]);
  });

  test('unknown_event is only a warning: custom events are allowed', () => {
    const nodes = [entryNode('start', { kind: 'event', event: 'Certificate Issued' }), waitNode('wait', 'Logged In'), inactivityNode('idle', ['Video Watched', 'Video Watched']), exitNode('end')];
    const edges = [link('start', 'next', 'wait'), link('wait', 'happened', 'idle'), link('wait', 'timedOut', 'end'), link('idle', 'next', 'end')];
    const result = compileJourney(graphOf(nodes, edges, { goals: [{ id: 'shared', kind: 'event', event: 'Post Shared' }] }), known);
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([
      { nodeId: 'start', code: 'unknown_event', message: expect.stringMatching(/"start".*"Certificate Issued"/) },
      { nodeId: 'idle', code: 'unknown_event', message: expect.stringMatching(/"idle".*"Video Watched"/) },
      { nodeId: null, code: 'unknown_event', message: expect.stringMatching(/"shared".*"Post Shared"/) },
    ]);
  });

  test('no_entry_segment warns when exiting on leaving the entry segment cannot happen', () => {
    const result = compileJourney(graphOf(straight(), straightEdges(), { exitWhen: { leftEntrySegment: true, unsubscribed: true } }), known);
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([{ nodeId: 'start', code: 'no_entry_segment', message: expect.any(String) }]);
  });

  test('reports every problem at once', () => {
    const nodes = [entryNode('start', { kind: 'segmentEntered', segmentId: 'nobody' }), sendNode('draft', ''), splitNode('ab', [10, 10]), exitNode('end'), exitNode('lost')];
    const edges = [link('start', 'next', 'draft'), link('draft', 'next', 'ab'), link('ab', 'v1', 'end'), link('ab', 'v3', 'end')];
    expect(codesOf(graphOf(nodes, edges)).sort()).toEqual(['message_without_template', 'missing_edge', 'split_weights', 'unknown_handle', 'unknown_segment', 'unreachable_node']);
  });
});
