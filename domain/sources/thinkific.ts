import { z } from 'zod';
import type { SegmentMessageInput } from '../ingestion/segmentMessages';
import { eventsByTopic, type IgnoredEvent, isIgnored } from './eventsByTopic';
import { currencyCode, emailAddress, majorAmount, optionalText, percentScore, platformId, platformTimestamp } from './fields';
import { learnerByPlatformId, MessageBatch, type PlatformLearner } from './messageBatch';

/**
 * Thinkific webhooks (v2 "webhook event", support.thinkific.dev "Webhooks Documentation"): an
 * envelope `{ id, resource, action, tenant_id, created_at, payload }` whose topic is
 * `<resource>.<action>`. Deliveries are signed: `X-Thinkific-Hmac-Sha256` is the hex HMAC-SHA256 of
 * the raw body keyed with the site's API key (or the app's client secret), see api/webhooks/signatures.ts.
 */

const thinkificUser = z.object({ id: platformId, email: emailAddress, first_name: optionalText, last_name: optionalText }).loose();
const namedRef = z.object({ id: platformId, name: optionalText }).loose();

const enrollment = z.object({ course: namedRef, user: thinkificUser }).loose();
/** The lesson's `position` counts within its chapter, so it is not a course-wide lesson number. */
const lessonCompletion = z.object({ course: namedRef, chapter: namedRef.optional(), lesson: namedRef, user: thinkificUser }).loose();
/**
 * A quiz attempt. The documented payload names the quiz but not its course, and has no pass/fail
 * flag; both are read when present.
 */
const quizAttempt = z
  .object({
    quiz: namedRef,
    grade: percentScore,
    correct_count: z.number().int().nonnegative().optional(),
    incorrect_count: z.number().int().nonnegative().optional(),
    attempts: z.number().int().positive().optional(),
    passed: z.boolean().optional(),
    course: namedRef.optional(),
    user: thinkificUser,
  })
  .loose();
/** An order: `amount_dollars` is already in major units; the documented payload carries no currency. */
const order = z
  .object({
    id: platformId,
    order_number: platformId.optional(),
    amount_dollars: majorAmount,
    currency: currencyCode.optional(),
    product_id: platformId.optional(),
    product_name: optionalText,
    user: thinkificUser,
  })
  .loose();
/** A Thinkific Payments refund: the money fields' units are undocumented, so only ids and currency are read. */
const refundedTransaction = z
  .object({ id: platformId, currency: currencyCode.optional(), order: z.object({ id: platformId, user: thinkificUser }).loose() })
  .loose();

function thinkificEvent<Resource extends string, Action extends string, Payload extends z.ZodType>(resource: Resource, action: Action, payload: Payload) {
  return z
    .object({ id: platformId, resource: z.literal(resource), action: z.literal(action), created_at: platformTimestamp, payload })
    .loose()
    .transform((event) => ({ ...event, topic: `${resource}.${action}` as `${Resource}.${Action}` }));
}

function topicOf(event: Record<string, unknown>): string | undefined {
  return typeof event.resource === 'string' && typeof event.action === 'string' ? `${event.resource}.${event.action}` : undefined;
}

/** The topics we map; any other (enrollment.progress, course.updated …) is accepted and ignored. */
export const thinkificWebhookSchema = eventsByTopic(topicOf, {
  'enrollment.created': thinkificEvent('enrollment', 'created', enrollment),
  'enrollment.completed': thinkificEvent('enrollment', 'completed', enrollment),
  'lesson.completed': thinkificEvent('lesson', 'completed', lessonCompletion),
  'quiz.attempted': thinkificEvent('quiz', 'attempted', quizAttempt),
  'order.created': thinkificEvent('order', 'created', order),
  'order_transaction.refunded': thinkificEvent('order_transaction', 'refunded', refundedTransaction),
  'user.signup': thinkificEvent('user', 'signup', thinkificUser),
  'user.signin': thinkificEvent('user', 'signin', thinkificUser),
});
export type ThinkificWebhook = z.output<typeof thinkificWebhookSchema>;
type ThinkificEvent = Exclude<ThinkificWebhook, IgnoredEvent>;

const learnerOf = (user: { id: string; email: string }): PlatformLearner => learnerByPlatformId('thinkific', user.id, user.email);
const courseOf = (course: { id: string; name?: string }) => ({ courseId: course.id, courseTitle: course.name });

function nameTraits(user: z.output<typeof thinkificUser>) {
  const name = [user.first_name, user.last_name].filter(Boolean).join(' ') || undefined;
  return { name, firstName: user.first_name, lastName: user.last_name };
}

/**
 * Thinkific → canonical messages. Not mapped: enrollment.progress (lesson.completed carries the
 * lesson), enrollment.trial, and order_transaction.succeeded (order.created already counts the sale).
 * Thinkific sends no unsubscribe event.
 */
export function mapThinkificWebhook(payload: ThinkificWebhook): SegmentMessageInput[] {
  return isIgnored(payload) ? [] : mapEvent(payload);
}

function mapEvent(event: ThinkificEvent): SegmentMessageInput[] {
  const batch = new MessageBatch('thinkific', event.id, event.created_at);
  switch (event.topic) {
    case 'enrollment.created':
      return batch.track('Enrolled', learnerOf(event.payload.user), courseOf(event.payload.course)).messages;
    case 'enrollment.completed':
      return batch.track('Course Completed', learnerOf(event.payload.user), courseOf(event.payload.course)).messages;
    case 'lesson.completed': {
      const { course, chapter, lesson, user } = event.payload;
      return batch.track('Lesson Completed', learnerOf(user), {
        ...courseOf(course),
        lessonId: lesson.id,
        lessonTitle: lesson.name,
        chapterId: chapter?.id,
        chapterTitle: chapter?.name,
      }).messages;
    }
    case 'quiz.attempted': {
      const attempt = event.payload;
      return batch.track('Quiz Attempted', learnerOf(attempt.user), {
        ...(attempt.course ? courseOf(attempt.course) : {}),
        quizId: attempt.quiz.id,
        quizTitle: attempt.quiz.name,
        score: attempt.grade,
        passed: attempt.passed,
        correctCount: attempt.correct_count,
        incorrectCount: attempt.incorrect_count,
        attempt: attempt.attempts,
      }).messages;
    }
    case 'order.created': {
      const placed = event.payload;
      return batch.track('Order Completed', learnerOf(placed.user), {
        orderId: placed.id,
        orderNumber: placed.order_number,
        revenue: placed.amount_dollars,
        currency: placed.currency,
        productId: placed.product_id,
        productName: placed.product_name,
      }).messages;
    }
    case 'order_transaction.refunded': {
      const refund = event.payload;
      return batch.track('Refunded', learnerOf(refund.order.user), { orderId: refund.order.id, transactionId: refund.id, currency: refund.currency }).messages;
    }
    case 'user.signup': {
      const user = event.payload;
      return batch.identify(learnerOf(user), nameTraits(user)).track('Signed Up', learnerOf(user), {}).messages;
    }
    case 'user.signin':
      return batch.track('Logged In', learnerOf(event.payload), {}).messages;
  }
}
