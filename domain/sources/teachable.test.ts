import commentCreated from '../../test/fixtures/webhooks/teachable/comment-created.json';
import enrollmentCompleted from '../../test/fixtures/webhooks/teachable/enrollment-completed.json';
import enrollmentCreated from '../../test/fixtures/webhooks/teachable/enrollment-created.json';
import lectureProgressCreated from '../../test/fixtures/webhooks/teachable/lecture-progress-created.json';
import responseCreated from '../../test/fixtures/webhooks/teachable/response-created.json';
import saleCreated from '../../test/fixtures/webhooks/teachable/sale-created.json';
import transactionCreated from '../../test/fixtures/webhooks/teachable/transaction-created.json';
import transactionRefunded from '../../test/fixtures/webhooks/teachable/transaction-refunded.json';
import userCreated from '../../test/fixtures/webhooks/teachable/user-created.json';
import userSubscribed from '../../test/fixtures/webhooks/teachable/user-subscribe-to-marketing-emails.json';
import userUnsubscribed from '../../test/fixtures/webhooks/teachable/user-unsubscribe-from-marketing-emails.json';
import { segmentMessageSchema } from '../ingestion/segmentMessages';
import { mapTeachableWebhook, teachableWebhookSchema } from './teachable';

/** Parses a delivery as the route does, maps it, and checks every message is a valid ingestion message. */
function map(delivery: unknown) {
  const messages = mapTeachableWebhook(teachableWebhookSchema.parse(delivery));
  for (const message of messages) expect(segmentMessageSchema.safeParse(message).error).toBeUndefined();
  return messages;
}

const maya = { anonymousId: 'teachable:4821337', context: { traits: { email: 'maya.lindqvist@example.com' } } };
const course = { courseId: '918273', courseTitle: 'Watercolour Foundations' };

describe('Teachable webhooks', () => {
  it('maps a new enrolment to Enrolled with the course', () => {
    expect(map(enrollmentCreated)).toEqual([
      { type: 'track', event: 'Enrolled', messageId: 'teachable:60010001:1', timestamp: '2026-03-01T09:15:02.000Z', ...maya, properties: course },
    ]);
  });

  it('maps a completed enrolment to Course Completed', () => {
    expect(map(enrollmentCompleted)).toEqual([
      { type: 'track', event: 'Course Completed', messageId: 'teachable:60010077:1', timestamp: '2026-04-18T20:03:51.000Z', ...maya, properties: course },
    ]);
  });

  it('maps a completed lecture to Lesson Completed', () => {
    expect(map(lectureProgressCreated)).toEqual([
      {
        type: 'track',
        event: 'Lesson Completed',
        messageId: 'teachable:60010042:1',
        timestamp: '2026-03-04T18:27:09.000Z',
        ...maya,
        properties: { ...course, lessonId: '5550123', lessonTitle: 'Mixing Greens', courseProgressPercent: 25 },
      },
    ]);
  });

  it('maps a graded quiz response to Quiz Attempted with its score', () => {
    expect(map(responseCreated)).toEqual([
      {
        type: 'track',
        event: 'Quiz Attempted',
        messageId: 'teachable:60010055:1',
        timestamp: '2026-03-06T10:40:00.000Z',
        ...maya,
        properties: { ...course, lessonId: '5550188', lessonTitle: 'Colour Theory Check', score: 80 },
      },
    ]);
    // Teachable documents no pass/fail flag; when one is sent it is kept.
    const passed = map({ ...responseCreated, object: { ...responseCreated.object, grade: '55.5', passed: false } });
    expect(passed[0]?.type === 'track' && passed[0].properties).toMatchObject({ score: 55.5, passed: false });
  });

  it('maps a transaction to Order Completed in major units and an upper-case currency', () => {
    expect(map(transactionCreated)).toEqual([
      {
        type: 'track',
        event: 'Order Completed',
        messageId: 'teachable:60010002:1',
        timestamp: '2026-03-01T09:14:59.000Z',
        ...maya,
        properties: { orderId: '7310021', saleId: '5120456', revenue: 149, currency: 'USD', ...course },
      },
    ]);
  });

  it('maps a refunded transaction to Refunded with the refunded amount', () => {
    expect(map(transactionRefunded)).toEqual([
      {
        type: 'track',
        event: 'Refunded',
        messageId: 'teachable:60010099:1',
        timestamp: '2026-03-20T12:00:04.000Z',
        ...maya,
        properties: { orderId: '7310021', saleId: '5120456', amount: 149, currency: 'USD', ...course },
      },
    ]);
  });

  it('maps a new user to an identify with their traits and Signed Up', () => {
    expect(map(userCreated)).toEqual([
      {
        type: 'identify',
        messageId: 'teachable:60009990:1',
        anonymousId: 'teachable:4821337',
        timestamp: '2026-02-27T16:05:44.000Z',
        traits: { email: 'maya.lindqvist@example.com', name: 'Maya Lindqvist' },
      },
      { type: 'track', event: 'Signed Up', messageId: 'teachable:60009990:2', timestamp: '2026-02-27T16:05:44.000Z', ...maya, properties: {} },
    ]);
  });

  it('maps an unsubscribe to the unsubscribed trait and Unsubscribed, and a resubscribe back', () => {
    expect(map(userUnsubscribed)).toEqual([
      {
        type: 'identify',
        messageId: 'teachable:60010120:1',
        anonymousId: 'teachable:4821337',
        timestamp: '2026-05-02T07:30:00.000Z',
        traits: { email: 'maya.lindqvist@example.com', unsubscribed: true },
      },
      { type: 'track', event: 'Unsubscribed', messageId: 'teachable:60010120:2', timestamp: '2026-05-02T07:30:00.000Z', ...maya, properties: { list: 'marketing' } },
    ]);
    expect(map(userSubscribed)).toEqual([
      {
        type: 'identify',
        messageId: 'teachable:60010150:1',
        anonymousId: 'teachable:4821337',
        timestamp: '2026-06-11T13:45:10.000Z',
        traits: { email: 'maya.lindqvist@example.com', unsubscribed: false },
      },
    ]);
  });

  it('maps every envelope of a delivery sent as a JSON array, each under its own event id', () => {
    const ids = map([enrollmentCreated, commentCreated, lectureProgressCreated]).map((message) => message.messageId);
    expect(ids).toEqual(['teachable:60010001:1', 'teachable:60010042:1']);
  });

  it('gives a retried delivery the same message ids, so ingestion deduplicates it', () => {
    const first = map(userCreated);
    const retry = map(structuredClone(userCreated));
    expect(retry.map((message) => message.messageId)).toEqual(first.map((message) => message.messageId));
    expect(new Set(first.map((message) => message.messageId)).size).toBe(first.length);
  });

  it('ignores event types it does not map, whatever their payload', () => {
    expect(map(saleCreated)).toEqual([]);
    expect(map(commentCreated)).toEqual([]);
    expect(map({ type: 'UserTag.created', object: 'anything' })).toEqual([]);
  });

  it('never uses the platform user id as userId', () => {
    const messages = [enrollmentCreated, transactionCreated, userCreated].flatMap(map);
    expect(messages.every((message) => message.userId === undefined && message.anonymousId === 'teachable:4821337')).toBe(true);
  });

  it('rejects a mapped event missing a field the mapping reads, naming where', () => {
    const withoutEmail = { ...enrollmentCreated, object: { ...enrollmentCreated.object, user: { id: 4821337 } } };
    const result = teachableWebhookSchema.safeParse(withoutEmail);
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([[0, 'object', 'user', 'email']]);
    const withoutCourse = { ...enrollmentCreated, object: { user: enrollmentCreated.object.user } };
    expect(teachableWebhookSchema.safeParse(withoutCourse).error?.issues[0]?.message).toBe('course_id or course is required');
    expect(teachableWebhookSchema.safeParse({ object: {} }).success).toBe(false);
    expect(teachableWebhookSchema.safeParse([]).success).toBe(false);
  });

  it('maps nothing for a lecture progress that is not a completion', () => {
    expect(map({ ...lectureProgressCreated, object: { ...lectureProgressCreated.object, is_completed: false } })).toEqual([]);
  });
});
