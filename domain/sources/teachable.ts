import { z } from 'zod';
import type { SegmentMessageInput } from '../ingestion/segmentMessages';
import { currencyCode, emailAddress, minorAmount, optionalText, percentScore, platformId, platformTimestamp } from './fields';
import { eventsByTopic, type IgnoredEvent, isIgnored } from './eventsByTopic';
import { learnerByPlatformId, MessageBatch, type PlatformLearner } from './messageBatch';
import { toMajorUnits } from './money';

/**
 * Teachable webhooks ("Webhook events and data", docs.teachable.com). A delivery is one envelope
 * `{ type, id, hook_event_id, created, livemode, object }`, or — when the school switches on the
 * "send as JSON array" setting — an array of them. Teachable does not sign deliveries (a webhook is
 * configured with a URL only), so the route authenticates them with a per-source shared secret.
 */

const teachableUser = z.object({ id: platformId, email: emailAddress, name: optionalText }).loose();
const namedRef = z.object({ id: platformId, name: optionalText }).loose();

/** Objects about a course name it by `course_id`, by a nested `course`, or (usually) both. */
const courseFields = { course_id: platformId.optional(), course: namedRef.optional() };
type CourseFields = { course_id?: string; course?: { id: string; name?: string } };

function requireCourse(object: CourseFields, context: z.RefinementCtx) {
  if (!object.course_id && !object.course) {
    context.addIssue({ code: 'custom', path: ['course_id'], message: 'course_id or course is required' });
  }
}

const enrollment = z.object({ ...courseFields, user: teachableUser }).loose().superRefine(requireCourse);
const lectureProgress = z
  .object({ ...courseFields, lecture: namedRef, is_completed: z.boolean().optional(), percent_complete: z.number().min(0).max(100).optional(), user: teachableUser })
  .loose()
  .superRefine(requireCourse);
/** A graded quiz response. `grade` is the percentage; Teachable documents no pass/fail flag, so `passed` is read only when sent. */
const quizResponse = z
  .object({ ...courseFields, lecture: namedRef.optional(), grade: percentScore, passed: z.boolean().optional(), user: teachableUser })
  .loose()
  .superRefine(requireCourse);
/** A charge: amounts in the currency's minor units, like Teachable's transactions API. */
const transaction = z
  .object({ id: platformId, sale_id: platformId.optional(), final_price: minorAmount, amount_refunded: minorAmount.optional(), currency: currencyCode, ...courseFields, user: teachableUser })
  .loose();

function teachableEvent<Type extends string, Payload extends z.ZodType>(type: Type, object: Payload) {
  return z.object({ type: z.literal(type), hook_event_id: platformId, created: platformTimestamp, object }).loose();
}

/** The events we map; any other type (Sale.created, Comment.created …) is accepted and ignored. */
const teachableEnvelopeSchema = eventsByTopic((envelope) => envelope.type, {
  'Enrollment.created': teachableEvent('Enrollment.created', enrollment),
  'Enrollment.completed': teachableEvent('Enrollment.completed', enrollment),
  'LectureProgress.created': teachableEvent('LectureProgress.created', lectureProgress),
  'Response.created': teachableEvent('Response.created', quizResponse),
  'Transaction.created': teachableEvent('Transaction.created', transaction),
  'Transaction.refunded': teachableEvent('Transaction.refunded', transaction),
  'User.created': teachableEvent('User.created', teachableUser),
  'User.unsubscribe_from_marketing_emails': teachableEvent('User.unsubscribe_from_marketing_emails', teachableUser),
  'User.subscribe_to_marketing_emails': teachableEvent('User.subscribe_to_marketing_emails', teachableUser),
});
type TeachableEvent = Exclude<z.output<typeof teachableEnvelopeSchema>, IgnoredEvent>;

/** One envelope or, with the "JSON array" setting, several: parsed as an array either way. */
export const teachableWebhookSchema = z.preprocess((body) => (Array.isArray(body) ? body : [body]), z.array(teachableEnvelopeSchema).min(1).max(100));
export type TeachableWebhook = z.output<typeof teachableWebhookSchema>;

const learnerOf = (user: { id: string; email: string }): PlatformLearner => learnerByPlatformId('teachable', user.id, user.email);
const courseOf = (object: CourseFields) => ({ courseId: object.course?.id ?? object.course_id, courseTitle: object.course?.name });

/**
 * Teachable → canonical messages. Sale.created is not mapped: it also fires for free and manual
 * enrolments (covered by Enrollment.created), while Transaction.created carries the money actually
 * charged, renewals included. Teachable sends no sign-in event.
 */
export function mapTeachableWebhook(payload: TeachableWebhook): SegmentMessageInput[] {
  return payload.flatMap((envelope) => (isIgnored(envelope) ? [] : mapEvent(envelope)));
}

function mapEvent(event: TeachableEvent): SegmentMessageInput[] {
  const batch = new MessageBatch('teachable', event.hook_event_id, event.created);
  switch (event.type) {
    case 'Enrollment.created':
      return batch.track('Enrolled', learnerOf(event.object.user), courseOf(event.object)).messages;
    case 'Enrollment.completed':
      return batch.track('Course Completed', learnerOf(event.object.user), courseOf(event.object)).messages;
    case 'LectureProgress.created': {
      const progress = event.object;
      if (progress.is_completed === false) return [];
      return batch.track('Lesson Completed', learnerOf(progress.user), {
        ...courseOf(progress),
        lessonId: progress.lecture.id,
        lessonTitle: progress.lecture.name,
        courseProgressPercent: progress.percent_complete,
      }).messages;
    }
    case 'Response.created': {
      const response = event.object;
      return batch.track('Quiz Attempted', learnerOf(response.user), {
        ...courseOf(response),
        lessonId: response.lecture?.id,
        lessonTitle: response.lecture?.name,
        score: response.grade,
        passed: response.passed,
      }).messages;
    }
    case 'Transaction.created': {
      const charge = event.object;
      return batch.track('Order Completed', learnerOf(charge.user), {
        orderId: charge.id,
        saleId: charge.sale_id,
        revenue: toMajorUnits(charge.final_price, charge.currency),
        currency: charge.currency,
        ...courseOf(charge),
      }).messages;
    }
    case 'Transaction.refunded': {
      const charge = event.object;
      return batch.track('Refunded', learnerOf(charge.user), {
        orderId: charge.id,
        saleId: charge.sale_id,
        amount: toMajorUnits(charge.amount_refunded ?? charge.final_price, charge.currency),
        currency: charge.currency,
        ...courseOf(charge),
      }).messages;
    }
    case 'User.created':
      return batch.identify(learnerOf(event.object), { name: event.object.name }).track('Signed Up', learnerOf(event.object), {}).messages;
    case 'User.unsubscribe_from_marketing_emails':
      return batch.identify(learnerOf(event.object), { unsubscribed: true }).track('Unsubscribed', learnerOf(event.object), { list: 'marketing' }).messages;
    case 'User.subscribe_to_marketing_emails':
      // Without this a learner who opts back in would stay suppressed forever.
      return batch.identify(learnerOf(event.object), { unsubscribed: false }).messages;
  }
}
