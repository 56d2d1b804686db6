import { canonicalEventNames } from '../learners';
import { exampleSegments } from '../segments/examples';
import { compileJourney, type CompileResult } from './compile';
import { exampleJourneys } from './examples';
import { journeyGraphSchema } from './graph';

const known = {
  segments: new Set(['highly-engaged-prospects', 'at-risk-students']),
  templates: new Set(['onboarding-welcome', 'onboarding-tips', 'onboarding-progress', 'upsell-offer', 'upsell-reminder', 'reengage-reminder', 'reengage-support']),
  events: new Set<string>(canonicalEventNames),
};

function compiled(id: string) {
  const example = exampleJourneys.find((journey) => journey.id === id);
  if (!example) throw new Error(`no example ${id}`);
  const result: CompileResult = compileJourney(example.graph, known);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result;
}

const nextOf = (id: string) => Object.fromEntries(Object.entries(compiled(id).journey.nodes).map(([nodeId, node]) => [nodeId, node.next]));

describe('exampleJourneys', () => {
  test('are onboarding, upsell and re-engagement, saved as the schema would save them', () => {
    expect(exampleJourneys.map((journey) => journey.id)).toEqual(['onboarding', 'upsell', 're-engagement']);
    for (const { graph } of exampleJourneys) expect(journeyGraphSchema.parse(graph)).toEqual(graph);
  });

  test('use example segments that exist', () => {
    const segmentIds = new Set(exampleSegments.map((segment) => segment.id));
    for (const id of known.segments) expect(segmentIds.has(id)).toBe(true);
  });

  test('are laid out left to right', () => {
    for (const { graph } of exampleJourneys) {
      const x = new Map(graph.nodes.map((node) => [node.id, node.position.x]));
      for (const edge of graph.edges) expect(x.get(edge.target)).toBeGreaterThan(x.get(edge.source) as number);
    }
  });

  test('onboarding compiles, keyed by course, with its steps in order', () => {
    const { journey, warnings } = compiled('onboarding');
    expect(warnings).toEqual([]);
    expect(journey.trigger).toEqual({ kind: 'event', event: 'Enrolled', key: 'courseId' });
    expect(journey.entryNodeId).toBe('enrolled');
    expect(nextOf('onboarding')).toEqual({
      enrolled: { next: 'welcome' },
      welcome: { next: 'wait-2-days' },
      'wait-2-days': { next: 'tips' },
      tips: { next: 'wait-3-days' },
      'wait-3-days': { next: 'completed' },
      completed: { yes: 'finished', no: 'progress' },
      finished: {},
      progress: { next: 'nudged' },
      nudged: {},
    });
    expect(journey.dependsOn).toEqual({ events: ['Course Completed', 'Enrolled'], segments: [], templates: ['onboarding-progress', 'onboarding-tips', 'onboarding-welcome'] });
    expect(journey.goals).toEqual([{ id: 'course-completed', kind: 'event', event: 'Course Completed' }]);
  });

  test('upsell compiles, waiting for an order', () => {
    const { journey, warnings } = compiled('upsell');
    expect(warnings).toEqual([]);
    expect(journey.trigger).toEqual({ kind: 'segmentEntered', segmentId: 'highly-engaged-prospects' });
    expect(nextOf('upsell')).toEqual({
      engaged: { next: 'offer' },
      offer: { next: 'wait-for-order' },
      'wait-for-order': { happened: 'ordered', timedOut: 'reminder' },
      ordered: {},
      reminder: { next: 'reminded' },
      reminded: {},
    });
    expect(journey.goals).toEqual([{ id: 'ordered', kind: 'event', event: 'Order Completed' }]);
  });

  test('re-engagement compiles and ends when the learner leaves the at-risk segment', () => {
    const { journey, warnings } = compiled('re-engagement');
    expect(warnings).toEqual([]);
    expect(journey.trigger).toEqual({ kind: 'segmentEntered', segmentId: 'at-risk-students' });
    expect(journey.exitWhen).toEqual({ leftEntrySegment: true, unsubscribed: true });
    expect(nextOf('re-engagement')).toEqual({
      'at-risk': { next: 'reminder' },
      reminder: { next: 'wait-for-login' },
      'wait-for-login': { happened: 'returned', timedOut: 'support' },
      returned: {},
      support: { next: 'offered-support' },
      'offered-support': {},
    });
  });
});
