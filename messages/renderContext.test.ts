import { recordEvents } from '../domain/segments/behaviour';
import { learnerRenderContext, RECENT_ACTIVITY_ITEMS } from './renderContext';

const at = (day: number, hour = 0) => Date.UTC(2026, 0, day, hour);

describe('learnerRenderContext', () => {
  const { summary } = recordEvents({}, [
    { id: 'e1', name: 'Course Page Viewed', at: at(1), properties: { path: '/courses/data-analytics', 'odd.key': 'kept' } },
    { id: 'e2', name: 'Lesson Completed', at: at(3), properties: { courseId: 'ux-foundations', lessonNumber: 2 } },
    { id: 'e3', name: 'Segment Entered', at: at(4), properties: { segmentId: 'engaged' } },
    { id: 'e4', name: 'Lesson Completed', at: at(5), properties: { courseId: 'ux-foundations', lessonNumber: 3 } },
    { id: 'e5', name: 'Order Completed', at: at(9), properties: { courseId: 'python-basics' } },
  ]);
  const learner = { _id: 'l-1', traits: { firstName: 'Ada', interests: 'copywriting, ux-foundations' }, segmentIds: ['engaged'], behaviour: summary };

  it('reads traits, segments, interests and the recent activity the summary keeps', () => {
    const context = learnerRenderContext(learner, { courseTitle: 'UX' }, at(8));
    expect(context.learner).toEqual({ firstName: 'Ada', interests: 'copywriting, ux-foundations', learnerId: 'l-1' });
    expect(context.event).toEqual({ courseTitle: 'UX' });
    expect(context.segments).toEqual(['engaged']);
    // Activity after the send's moment is not yet known to the message; bookkeeping events are left out.
    expect(context.activity.recent.map((item) => [item.name, item.at])).toEqual([
      ['Lesson Completed', '2026-01-05T00:00:00.000Z'],
      ['Lesson Completed', '2026-01-03T00:00:00.000Z'],
      ['Course Page Viewed', '2026-01-01T00:00:00.000Z'],
    ]);
    expect(context.activity.recent[2]).toMatchObject({ path: '/courses/data-analytics', 'odd.key': 'kept' });
    expect(context.activity.last).toMatchObject({ name: 'Lesson Completed', lessonNumber: 3 });
    expect(context.activity.lastAt).toBe('2026-01-05T00:00:00.000Z');
    expect(context.activity.counts).toEqual({ 'Course Page Viewed': 1, 'Lesson Completed': 2, 'Order Completed': 1 });
    expect(context.interests).toEqual(['copywriting', 'ux-foundations', 'data-analytics']);
  });

  it('keeps only the newest occurrences', () => {
    const many = recordEvents({}, Array.from({ length: 30 }, (_, index) => ({ id: `v${index}`, name: 'Logged In', at: at(1, index % 24) + index * 60_000 }))).summary;
    const context = learnerRenderContext({ _id: 'l-2', behaviour: many }, undefined, at(20));
    expect(context.activity.recent).toHaveLength(RECENT_ACTIVITY_ITEMS);
    expect(context.activity.counts['Logged In']).toBe(30);
    expect(context.event).toEqual({});
    expect(context.interests).toEqual([]);
  });

  it('does not let event names reach the object prototype', () => {
    const hostile = recordEvents({}, [{ id: 'p', name: '__proto__', at: at(1), properties: { __proto__: 'x' } as Record<string, unknown> }]).summary;
    const context = learnerRenderContext({ _id: 'l-3', behaviour: hostile }, undefined, at(2));
    expect(Object.hasOwn(context.activity.counts, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(context.activity.counts)).toBe(Object.prototype);
  });
});
