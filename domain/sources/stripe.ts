import { z } from 'zod';
import type { SegmentMessageInput } from '../ingestion/segmentMessages';
import { eventsByTopic, type IgnoredEvent, isIgnored } from './eventsByTopic';
import { currencyCode, emailAddress, minorAmount, optionalText } from './fields';
import { learnerByEmail, learnerByPlatformId, MessageBatch, type PlatformLearner } from './messageBatch';
import { toMajorUnits } from './money';

/**
 * Stripe events (docs.stripe.com/api/events): `{ id, type, created, data: { object, previous_attributes } }`,
 * signed with the `Stripe-Signature` header (see api/webhooks/signatures.ts). Amounts are in the
 * currency's minor units, zero-decimal currencies (JPY …) in whole units.
 */

const stripeId = z.string().trim().min(1).max(255);
/** Unix seconds → ISO date-time. */
const unixTime = z
  .number()
  .int()
  .positive()
  .transform((seconds) => new Date(seconds * 1000).toISOString());
/** Metadata values are always strings; `courseId` is the key our checkout integration sets. */
const metadata = z.record(z.string(), z.string()).nullish();
const billingContact = z.object({ email: emailAddress.nullish(), name: optionalText }).loose().nullish();

/** A Checkout Session. Setup-mode sessions have no amount or currency and produce no order. */
const checkoutSession = z
  .object({
    id: stripeId,
    amount_total: minorAmount.nullable(),
    currency: currencyCode.nullable(),
    payment_status: z.string(),
    customer: stripeId.nullish(),
    customer_details: billingContact,
    payment_intent: stripeId.nullish(),
    metadata,
  })
  .loose();
const charge = z
  .object({
    id: stripeId,
    amount_refunded: minorAmount,
    currency: currencyCode,
    customer: stripeId.nullish(),
    billing_details: billingContact,
    receipt_email: emailAddress.nullish(),
    payment_intent: stripeId.nullish(),
    metadata,
  })
  .loose();

function stripeEvent<Type extends string, Data extends z.ZodRawShape>(type: Type, data: Data) {
  return z.object({ id: stripeId, type: z.literal(type), created: unixTime, data: z.object(data).loose() }).loose();
}

/**
 * The events we map. Refunds come from charge.refunded, not refund.created: a Refund object names
 * neither the customer nor an email, so it could not be attributed to a learner, and mapping both
 * would count every refund twice.
 */
export const stripeEventSchema = eventsByTopic((event) => event.type, {
  'checkout.session.completed': stripeEvent('checkout.session.completed', { object: checkoutSession }),
  'checkout.session.async_payment_succeeded': stripeEvent('checkout.session.async_payment_succeeded', { object: checkoutSession }),
  'charge.refunded': stripeEvent('charge.refunded', {
    object: charge,
    // What the charge had refunded before this event: a partial refund's amount is the difference.
    previous_attributes: z.object({ amount_refunded: minorAmount.optional() }).loose().optional(),
  }),
});
export type StripeEvent = z.output<typeof stripeEventSchema>;
type MappedStripeEvent = Exclude<StripeEvent, IgnoredEvent>;

/** The Stripe customer when there is one, else the email of a guest checkout; null when neither is known. */
function learnerOf(customerId: string | null | undefined, email: string | null | undefined): PlatformLearner | null {
  if (customerId) return learnerByPlatformId('stripe', customerId, email ?? undefined);
  if (email) return learnerByEmail('stripe', email);
  return null;
}

/** Stripe → canonical messages. An event naming neither a customer nor an email cannot be attributed and maps to nothing. */
export function mapStripeEvent(payload: StripeEvent): SegmentMessageInput[] {
  return isIgnored(payload) ? [] : mapEvent(payload);
}

function mapEvent(event: MappedStripeEvent): SegmentMessageInput[] {
  const batch = new MessageBatch('stripe', event.id, event.created);
  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded': {
      const session = event.data.object;
      // An unpaid session is a delayed payment method still settling; its async_payment_succeeded event is the order.
      if (session.payment_status === 'unpaid' || session.amount_total === null || session.currency === null) return [];
      const learner = learnerOf(session.customer, session.customer_details?.email);
      if (!learner) return [];
      return batch.track('Order Completed', learner, {
        orderId: session.id,
        revenue: toMajorUnits(session.amount_total, session.currency),
        currency: session.currency,
        courseId: session.metadata?.courseId,
        paymentIntentId: session.payment_intent ?? undefined,
      }).messages;
    }
    case 'charge.refunded': {
      const refunded = event.data.object;
      const learner = learnerOf(refunded.customer, refunded.billing_details?.email ?? refunded.receipt_email);
      if (!learner) return [];
      const refundedBefore = event.data.previous_attributes?.amount_refunded ?? 0;
      return batch.track('Refunded', learner, {
        chargeId: refunded.id,
        paymentIntentId: refunded.payment_intent ?? undefined,
        amount: toMajorUnits(refunded.amount_refunded - refundedBefore, refunded.currency),
        currency: refunded.currency,
        courseId: refunded.metadata?.courseId,
      }).messages;
    }
  }
}
