import { journeyGraphSchema, journeyNodeSchema, journeyNodeTypes, nodeOutputs } from './graph';

const position = { x: 0, y: 0 };
const entry = { id: 'start', type: 'entry', position, settings: { trigger: { kind: 'manual' }, reentry: { mode: 'once' } } } as const;
const exit = { id: 'end', type: 'exit', position, settings: {} } as const;

describe('journeyGraphSchema', () => {
  test('fills in no goals and the default exits', () => {
    expect(journeyGraphSchema.parse({ nodes: [], edges: [] })).toEqual({ nodes: [], edges: [], goals: [], exitWhen: { leftEntrySegment: false, unsubscribed: true } });
    expect(journeyGraphSchema.parse({ nodes: [], edges: [], exitWhen: { leftEntrySegment: true } }).exitWhen).toEqual({ leftEntrySegment: true, unsubscribed: true });
  });

  test('accepts both kinds of goal', () => {
    const goals = [
      { id: 'bought', kind: 'event', event: 'Order Completed', where: [{ property: 'amount', operator: 'gt', value: 0 }] },
      { id: 'engaged', kind: 'segmentEntered', segmentId: 'highly-engaged-prospects' },
    ];
    expect(journeyGraphSchema.parse({ nodes: [], edges: [], goals }).goals).toEqual(goals);
    expect(journeyGraphSchema.safeParse({ nodes: [], edges: [], goals: [{ id: 'x', kind: 'segmentExited', segmentId: 'a' }] }).success).toBe(false);
  });

  test('round-trips a graph through JSON', () => {
    const graph = journeyGraphSchema.parse({ nodes: [entry, exit], edges: [{ id: 'e1', source: 'start', sourceHandle: 'next', target: 'end' }] });
    expect(journeyGraphSchema.parse(JSON.parse(JSON.stringify(graph)))).toEqual(graph);
  });
});

describe('journeyNodeSchema', () => {
  const node = { id: 'end_1', type: 'exit', label: 'Done', position: { x: 10, y: -20.5 }, settings: {} };

  test('accepts a node with an optional label', () => {
    expect(journeyNodeSchema.parse(node)).toEqual(node);
    const { label: _label, ...unlabelled } = node;
    expect(journeyNodeSchema.parse(unlabelled)).toEqual(unlabelled);
  });

  test.each([
    ['an empty id', { ...node, id: '' }],
    ['an id with a space', { ...node, id: 'end 1' }],
    ['a 65-character id', { ...node, id: 'x'.repeat(65) }],
    ['an unknown type', { ...node, type: 'sms' }],
    ['settings of another type', { ...node, type: 'delay' }],
    ['no position', { ...node, position: undefined }],
  ])('rejects %s', (_case, invalid) => {
    expect(journeyNodeSchema.safeParse(invalid).success).toBe(false);
  });
});

describe('journeyNodeTypes', () => {
  test('lists every type once, in palette order, with its metadata', () => {
    expect(journeyNodeTypes.map((type) => type.type)).toEqual(['entry', 'delay', 'waitForEvent', 'inactivity', 'condition', 'split', 'sendMessage', 'updateProfile', 'exit']);
    for (const { palette } of journeyNodeTypes) {
      expect(palette.label).not.toBe('');
      expect(palette.description).toMatch(/^[A-Z][^.]*\.$/);
      expect(palette.icon).toMatch(/^[a-z-]+$/);
      expect(palette.colour).toMatch(/^#[0-9a-f]{6}$/);
    }
  });

  test('only delays, waits for events and inactivity wait', () => {
    expect(journeyNodeTypes.filter((type) => type.waits).map((type) => type.type)).toEqual(['delay', 'waitForEvent', 'inactivity']);
  });
});

describe('nodeOutputs', () => {
  test('gives the outputs of the node type for its settings', () => {
    const variants = ['a', 'b', 'c'].map((id) => ({ id, label: id, weight: 33 }));
    expect(nodeOutputs(entry)).toEqual([{ id: 'next', label: 'next' }]);
    expect(nodeOutputs({ id: 'ab', type: 'split', position, settings: { variants } }).map((output) => output.id)).toEqual(['a', 'b', 'c']);
    expect(nodeOutputs(exit)).toEqual([]);
  });
});
