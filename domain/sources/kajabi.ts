import { z } from 'zod';
import type { SegmentMessageInput } from '../ingestion/segmentMessages';
import { eventsByTopic, type IgnoredEvent, isIgnored } from './eventsByTopic';
import { currencyCode, emailAddress, minorAmount, optionalText, platformId, platformTimestamp } from './fields';
import { learnerByEmail, learnerByPlatformId, MessageBatch } from './messageBatch';
import { toMajorUnits } from './money';

/**
 * Kajabi webhooks of the public API (developers.kajabi.com, "hooks"): a delivery is
 * `{ id, event, payload }` where payload is a list of JSON:API resources (the purchase, its customer,
 * its offer …). Kajabi does not sign deliveries, so the route authenticates them with a per-source
 * shared secret.
 *
 * Kajabi's hook events are purchase, order_created, payment_succeeded, form_submission, tag_added and
 * tag_removed. It sends no lesson-progress, quiz, course-completion, sign-in, refund or unsubscribe
 * events, so journeys cannot react to a Kajabi learner's progress through a course.
 */

const resourceRef = z.object({ id: platformId, type: z.string() }).loose();
const toOne = z.object({ data: resourceRef.nullable() }).loose();
const toMany = z.object({ data: z.array(resourceRef) }).loose();

function resource<Type extends string, Attributes extends z.ZodRawShape>(type: Type, attributes: Attributes) {
  return z.object({ id: platformId, type: z.literal(type), attributes: z.object(attributes).loose() }).loose();
}

const customer = resource('customers', { email: emailAddress, name: optionalText });
const offer = resource('offers', { title: optionalText });
const product = resource('products', { title: optionalText });
const purchase = resource('purchases', { amount_in_cents: minorAmount, currency: currencyCode, created_at: platformTimestamp }).extend({
  relationships: z.object({ products: toMany.optional(), offer: toOne.optional() }).loose().optional(),
});
const order = resource('orders', { order_number: platformId.optional(), total_price_in_cents: minorAmount, currency_code: currencyCode, created_at: platformTimestamp });
const formSubmission = resource('form_submissions', { email: emailAddress, name: optionalText, phone_number: optionalText });
const form = resource('forms', { title: optionalText });

/** The payload's resources grouped by JSON:API type, so each can be validated by name. */
function groupByType(resources: { type: string }[]): Record<string, unknown> {
  const groups: Record<string, unknown[]> = {};
  for (const item of resources) (groups[item.type] ??= []).push(item);
  return groups;
}
const resourcesByType = z.array(z.object({ type: z.string() }).loose()).transform(groupByType);
/** Exactly one resource of a type (the purchase, its customer). */
const one = <Schema extends z.ZodType>(schema: Schema) => z.tuple([schema]).transform(([only]) => only);

function kajabiHook<Event extends string, Resources extends z.ZodRawShape>(event: Event, resources: Resources) {
  return z.object({ id: platformId, event: z.literal(event), payload: resourcesByType.pipe(z.object(resources).loose()) }).loose();
}

/** The events we map; payment_succeeded (it repeats each renewal of a purchase already counted) and tag events are ignored. */
export const kajabiWebhookSchema = eventsByTopic((hook) => hook.event, {
  purchase: kajabiHook('purchase', { purchases: one(purchase), customers: one(customer), offers: one(offer).optional(), products: z.array(product).optional() }),
  order_created: kajabiHook('order_created', { orders: one(order), customers: one(customer) }),
  form_submission: kajabiHook('form_submission', { form_submissions: one(formSubmission), forms: one(form).optional() }),
});
export type KajabiWebhook = z.output<typeof kajabiWebhookSchema>;
type KajabiHook = Exclude<KajabiWebhook, IgnoredEvent>;
type Customer = z.output<typeof customer>;

const learnerOf = (buyer: Customer) => learnerByPlatformId('kajabi', buyer.id, buyer.attributes.email);

/** Kajabi → canonical messages. Kajabi sends no event times on form submissions, so those carry none. */
export function mapKajabiWebhook(payload: KajabiWebhook): SegmentMessageInput[] {
  return isIgnored(payload) ? [] : mapHook(payload);
}

function mapHook(hook: KajabiHook): SegmentMessageInput[] {
  switch (hook.event) {
    case 'purchase':
      return mapPurchase(hook.id, hook.payload);
    case 'order_created': {
      const { orders: placed, customers: buyer } = hook.payload;
      const { currency_code: currency, total_price_in_cents: total } = placed.attributes;
      return new MessageBatch('kajabi', hook.id, placed.attributes.created_at).track('Order Completed', learnerOf(buyer), {
        orderId: placed.id,
        orderNumber: placed.attributes.order_number,
        revenue: toMajorUnits(total, currency),
        currency,
      }).messages;
    }
    case 'form_submission': {
      const { form_submissions: submission, forms: submittedForm } = hook.payload;
      const { email, name, phone_number: phone } = submission.attributes;
      // A submission carries no contact id, so the email is the learner's id here.
      const learner = learnerByEmail('kajabi', email);
      return new MessageBatch('kajabi', hook.id, undefined)
        .identify(learner, { name, phone })
        .track('Signed Up', learner, { formId: submittedForm?.id, formTitle: submittedForm?.attributes.title }).messages;
    }
  }
}

/**
 * A purchase of an offer: the order, then an enrolment in each product the offer grants — Kajabi
 * grants access on purchase and sends no enrolment event of its own. Kajabi products are mostly
 * courses; a product id is the courseId.
 */
function mapPurchase(hookId: string, payload: Extract<KajabiHook, { event: 'purchase' }>['payload']): SegmentMessageInput[] {
  const { purchases: bought, customers: buyer, offers: boughtOffer, products = [] } = payload;
  const productIds = bought.relationships?.products?.data.map((ref) => ref.id) ?? [];
  const titleOf = (productId: string) => products.find((candidate) => candidate.id === productId)?.attributes.title;
  const { amount_in_cents: amount, currency } = bought.attributes;
  const batch = new MessageBatch('kajabi', hookId, bought.attributes.created_at);
  const learner = learnerOf(buyer);
  batch.track('Order Completed', learner, {
    orderId: bought.id,
    revenue: toMajorUnits(amount, currency),
    currency,
    offerId: boughtOffer?.id ?? bought.relationships?.offer?.data?.id,
    offerTitle: boughtOffer?.attributes.title,
    courseId: productIds.length === 1 ? productIds[0] : undefined,
    productIds,
  });
  for (const productId of productIds) {
    batch.track('Enrolled', learner, { courseId: productId, courseTitle: titleOf(productId), offerId: boughtOffer?.id });
  }
  return batch.messages;
}
