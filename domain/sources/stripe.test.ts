import chargeRefunded from '../../test/fixtures/webhooks/stripe/charge-refunded.json';
import asyncPaymentSucceeded from '../../test/fixtures/webhooks/stripe/checkout-session-async-payment-succeeded.json';
import jpyGuestCheckout from '../../test/fixtures/webhooks/stripe/checkout-session-completed-jpy-guest.json';
import unpaidCheckout from '../../test/fixtures/webhooks/stripe/checkout-session-completed-unpaid.json';
import checkoutCompleted from '../../test/fixtures/webhooks/stripe/checkout-session-completed.json';
import refundCreated from '../../test/fixtures/webhooks/stripe/refund-created.json';
import { segmentMessageSchema } from '../ingestion/segmentMessages';
import { mapStripeEvent, stripeEventSchema } from './stripe';

/** Parses an event as the route does, maps it, and checks every message is a valid ingestion message. */
function map(event: unknown) {
  const messages = mapStripeEvent(stripeEventSchema.parse(event));
  for (const message of messages) expect(segmentMessageSchema.safeParse(message).error).toBeUndefined();
  return messages;
}

const elena = { anonymousId: 'stripe:cus_R8fLk2QmZ0aB7c', context: { traits: { email: 'elena.marsh@example.com' } } };

describe('Stripe events', () => {
  it('maps a paid checkout session to Order Completed with the course from metadata', () => {
    expect(map(checkoutCompleted)).toEqual([
      {
        type: 'track',
        event: 'Order Completed',
        messageId: 'stripe:evt_1Qx7Lp2eZvKYlo2C9d3f5g7h:1',
        timestamp: '2026-03-20T11:11:01.000Z',
        ...elena,
        properties: { orderId: 'cs_test_b1Q9xR2mKc7TzL0aP4vN', revenue: 129, currency: 'USD', courseId: 'ux-writing-101', paymentIntentId: 'pi_3Qx7Lm2eZvKYlo2C0abc1234' },
      },
    ]);
  });

  it('keeps zero-decimal amounts whole and keys a guest checkout by its email', () => {
    expect(map(jpyGuestCheckout)).toEqual([
      {
        type: 'track',
        event: 'Order Completed',
        messageId: 'stripe:evt_1Qy1Ac2eZvKYlo2C4k6m8n0p:1',
        timestamp: '2026-03-23T21:20:00.000Z',
        anonymousId: 'stripe-email:haruto.sato@example.com',
        context: { traits: { email: 'Haruto.Sato@example.com' } },
        properties: { orderId: 'cs_test_a7Jp4Yq0Wn3Xr8Ls2Df6', revenue: 4800, currency: 'JPY', courseId: 'ux-writing-101', paymentIntentId: 'pi_3Qy1Ab2eZvKYlo2C1def5678' },
      },
    ]);
  });

  it('waits for async_payment_succeeded when a session completes unpaid', () => {
    expect(map(unpaidCheckout)).toEqual([]);
    expect(map(asyncPaymentSucceeded)).toEqual([
      {
        type: 'track',
        event: 'Order Completed',
        messageId: 'stripe:evt_1Qz5Gh2eZvKYlo2C6u8v0w2x:1',
        timestamp: '2026-03-27T00:53:20.000Z',
        ...elena,
        properties: { orderId: 'cs_test_c3Vb8Nm1Qw5Er7Ty9Ui0', revenue: 129, currency: 'USD', courseId: 'ux-writing-101', paymentIntentId: 'pi_3Qz2Cd2eZvKYlo2C2ghi9012' },
      },
    ]);
  });

  it('maps charge.refunded to Refunded for the amount this refund added', () => {
    expect(map(chargeRefunded)).toEqual([
      {
        type: 'track',
        event: 'Refunded',
        messageId: 'stripe:evt_3Qx9Ab2eZvKYlo2C1j3k5l7m:1',
        timestamp: '2026-03-27T11:13:20.000Z',
        ...elena,
        properties: { chargeId: 'ch_3Qx7Lm2eZvKYlo2C0xyz9876', paymentIntentId: 'pi_3Qx7Lm2eZvKYlo2C0abc1234', amount: 89, currency: 'USD', courseId: 'ux-writing-101' },
      },
    ]);
  });

  it('ignores refund.created (charge.refunded carries the refund and its learner) and other events', () => {
    expect(map(refundCreated)).toEqual([]);
    expect(map({ id: 'evt_1', type: 'customer.created', data: { object: {} } })).toEqual([]);
  });

  it('maps nothing when neither a customer nor an email names the learner, or for a setup session', () => {
    const anonymous = { ...checkoutCompleted.data.object, customer: null, customer_details: null };
    expect(map({ ...checkoutCompleted, data: { object: anonymous } })).toEqual([]);
    const setup = { ...checkoutCompleted.data.object, mode: 'setup', amount_total: null, currency: null };
    expect(map({ ...checkoutCompleted, data: { object: setup } })).toEqual([]);
  });

  it('gives a retried event the same message ids', () => {
    const first = map(checkoutCompleted).map((message) => message.messageId);
    expect(map(structuredClone(checkoutCompleted)).map((message) => message.messageId)).toEqual(first);
  });

  it('rejects a mapped event missing a field the mapping reads', () => {
    const { amount_refunded: _omitted, ...withoutAmount } = chargeRefunded.data.object;
    expect(stripeEventSchema.safeParse({ ...chargeRefunded, data: { object: withoutAmount } }).error?.issues[0]?.path).toEqual(['data', 'object', 'amount_refunded']);
    expect(stripeEventSchema.safeParse({ ...checkoutCompleted, created: '2026-03-20' }).success).toBe(false);
  });
});
