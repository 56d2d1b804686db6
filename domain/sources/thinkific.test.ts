import enrollmentCompleted from '../../test/fixtures/webhooks/thinkific/enrollment-completed.json';
import enrollmentCreated from '../../test/fixtures/webhooks/thinkific/enrollment-created.json';
import enrollmentProgress from '../../test/fixtures/webhooks/thinkific/enrollment-progress.json';
import lessonCompleted from '../../test/fixtures/webhooks/thinkific/lesson-completed.json';
import orderCreated from '../../test/fixtures/webhooks/thinkific/order-created.json';
import orderTransactionRefunded from '../../test/fixtures/webhooks/thinkific/order-transaction-refunded.json';
import quizAttempted from '../../test/fixtures/webhooks/thinkific/quiz-attempted.json';
import userSignin from '../../test/fixtures/webhooks/thinkific/user-signin.json';
import userSignup from '../../test/fixtures/webhooks/thinkific/user-signup.json';
import { segmentMessageSchema } from '../ingestion/segmentMessages';
import { mapThinkificWebhook, thinkificWebhookSchema } from './thinkific';

/** Parses a delivery as the route does, maps it, and checks every message is a valid ingestion message. */
function map(delivery: unknown) {
  const messages = mapThinkificWebhook(thinkificWebhookSchema.parse(delivery));
  for (const message of messages) expect(segmentMessageSchema.safeParse(message).error).toBeUndefined();
  return messages;
}

const tomas = { anonymousId: 'thinkific:2093311', context: { traits: { email: 'tomas.okafor@example.com' } } };
const course = { courseId: '41207', courseTitle: 'Sourdough at Home' };

describe('Thinkific webhooks', () => {
  it('maps enrollment.created to Enrolled with the course', () => {
    expect(map(enrollmentCreated)).toEqual([
      { type: 'track', event: 'Enrolled', messageId: 'thinkific:20260110140001123400001:1', timestamp: '2026-01-10T14:00:01.512Z', ...tomas, properties: course },
    ]);
  });

  it('maps enrollment.completed to Course Completed', () => {
    expect(map(enrollmentCompleted)).toEqual([
      { type: 'track', event: 'Course Completed', messageId: 'thinkific:20260301093000555500002:1', timestamp: '2026-03-01T09:30:00.105Z', ...tomas, properties: course },
    ]);
  });

  it('maps lesson.completed to Lesson Completed with the lesson and its chapter', () => {
    expect(map(lessonCompleted)).toEqual([
      {
        type: 'track',
        event: 'Lesson Completed',
        messageId: 'thinkific:20260115200000222200004:1',
        timestamp: '2026-01-15T20:00:00.010Z',
        ...tomas,
        properties: { ...course, lessonId: '310552', lessonTitle: 'Feeding Schedule', chapterId: '98001', chapterTitle: 'Starter Culture' },
      },
    ]);
  });

  it('maps quiz.attempted to Quiz Attempted with the grade as score', () => {
    expect(map(quizAttempted)).toEqual([
      {
        type: 'track',
        event: 'Quiz Attempted',
        messageId: 'thinkific:20260120081500333300005:1',
        timestamp: '2026-01-20T08:15:00.250Z',
        ...tomas,
        properties: { quizId: '310560', quizTitle: 'Hydration Basics', score: 90, correctCount: 9, incorrectCount: 1, attempt: 1 },
      },
    ]);
    // The documented payload names no course; when one is sent it is carried.
    const withCourse = map({ ...quizAttempted, payload: { ...quizAttempted.payload, course: { id: 41207, name: 'Sourdough at Home' }, passed: true } });
    expect(withCourse[0]?.type === 'track' && withCourse[0].properties).toMatchObject({ ...course, passed: true });
  });

  it('maps order.created to Order Completed with the revenue in major units', () => {
    expect(map(orderCreated)).toEqual([
      {
        type: 'track',
        event: 'Order Completed',
        messageId: 'thinkific:20260110135958444400006:1',
        timestamp: '2026-01-10T13:59:58.900Z',
        ...tomas,
        properties: { orderId: '660213', orderNumber: '1042', revenue: 89, productId: '52011', productName: 'Sourdough at Home' },
      },
    ]);
    const withCurrency = map({ ...orderCreated, payload: { ...orderCreated.payload, amount_dollars: '89.50', currency: 'cad' } });
    expect(withCurrency[0]?.type === 'track' && withCurrency[0].properties).toMatchObject({ revenue: 89.5, currency: 'CAD' });
  });

  it('maps order_transaction.refunded to Refunded for the order', () => {
    expect(map(orderTransactionRefunded)).toEqual([
      {
        type: 'track',
        event: 'Refunded',
        messageId: 'thinkific:20260118100000555500007:1',
        timestamp: '2026-01-18T10:00:00.700Z',
        ...tomas,
        properties: { orderId: '660213', transactionId: '990041', currency: 'EUR' },
      },
    ]);
  });

  it('maps user.signup to an identify with the name traits and Signed Up', () => {
    expect(map(userSignup)).toEqual([
      {
        type: 'identify',
        messageId: 'thinkific:20260109194210666600008:1',
        anonymousId: 'thinkific:2093311',
        timestamp: '2026-01-09T19:42:10.400Z',
        traits: { email: 'tomas.okafor@example.com', name: 'Tomás Okafor', firstName: 'Tomás', lastName: 'Okafor' },
      },
      { type: 'track', event: 'Signed Up', messageId: 'thinkific:20260109194210666600008:2', timestamp: '2026-01-09T19:42:10.400Z', ...tomas, properties: {} },
    ]);
  });

  it('maps user.signin to Logged In', () => {
    expect(map(userSignin)).toEqual([
      { type: 'track', event: 'Logged In', messageId: 'thinkific:20260112071500777700009:1', timestamp: '2026-01-12T07:15:00.333Z', ...tomas, properties: {} },
    ]);
  });

  it('gives a retried delivery the same message ids', () => {
    const first = map(userSignup).map((message) => message.messageId);
    expect(map(structuredClone(userSignup)).map((message) => message.messageId)).toEqual(first);
  });

  it('ignores topics it does not map', () => {
    expect(map(enrollmentProgress)).toEqual([]);
    expect(map({ id: '1', resource: 'course', action: 'updated', payload: null })).toEqual([]);
  });

  it('rejects a mapped topic missing a field the mapping reads, and an envelope without a topic', () => {
    const withoutUser = { ...lessonCompleted, payload: { ...lessonCompleted.payload, user: undefined } };
    expect(thinkificWebhookSchema.safeParse(withoutUser).error?.issues[0]?.path).toEqual(['payload', 'user']);
    const testEmail = { ...enrollmentCreated, payload: { ...enrollmentCreated.payload, user: { ...enrollmentCreated.payload.user, email: 'not an email' } } };
    expect(thinkificWebhookSchema.safeParse(testEmail).error?.issues[0]?.path).toEqual(['payload', 'user', 'email']);
    expect(thinkificWebhookSchema.safeParse({ id: '1', payload: {} }).success).toBe(false);
  });
});
