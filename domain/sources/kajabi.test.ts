import formSubmission from '../../test/fixtures/webhooks/kajabi/form-submission.json';
import orderCreated from '../../test/fixtures/webhooks/kajabi/order-created.json';
import purchase from '../../test/fixtures/webhooks/kajabi/purchase.json';
import tagAdded from '../../test/fixtures/webhooks/kajabi/tag-added.json';
import { segmentMessageSchema } from '../ingestion/segmentMessages';
import { kajabiWebhookSchema, mapKajabiWebhook } from './kajabi';

/** Parses a delivery as the route does, maps it, and checks every message is a valid ingestion message. */
function map(delivery: unknown) {
  const messages = mapKajabiWebhook(kajabiWebhookSchema.parse(delivery));
  for (const message of messages) expect(segmentMessageSchema.safeParse(message).error).toBeUndefined();
  return messages;
}

const priya = { anonymousId: 'kajabi:1560042', context: { traits: { email: 'priya.raman@example.com' } } };

describe('Kajabi webhooks', () => {
  it('maps a purchase to Order Completed and an enrolment in each product the offer grants', () => {
    expect(map(purchase)).toEqual([
      {
        type: 'track',
        event: 'Order Completed',
        messageId: 'kajabi:c2f1a9d04b7e4e1f:1',
        timestamp: '2026-02-03T11:20:05.412Z',
        ...priya,
        properties: {
          orderId: '4410987',
          revenue: 249,
          currency: 'USD',
          offerId: '30577',
          offerTitle: 'Mindful Leadership — Full Access',
          courseId: '70021',
          productIds: ['70021'],
        },
      },
      {
        type: 'track',
        event: 'Enrolled',
        messageId: 'kajabi:c2f1a9d04b7e4e1f:2',
        timestamp: '2026-02-03T11:20:05.412Z',
        ...priya,
        properties: { courseId: '70021', courseTitle: 'Mindful Leadership', offerId: '30577' },
      },
    ]);
  });

  it('names no single course on an order for an offer granting several products', () => {
    const [bought, offer, customer] = purchase.payload;
    const twoProducts = { data: [{ id: '70021', type: 'products' }, { id: '70022', type: 'products' }] };
    const delivery = { ...purchase, payload: [{ ...bought, relationships: { ...bought?.relationships, products: twoProducts } }, offer, customer] };
    const messages = map(delivery);
    expect(messages.map((message) => (message.type === 'track' ? [message.event, message.properties?.courseId] : []))).toEqual([
      ['Order Completed', undefined],
      ['Enrolled', '70021'],
      ['Enrolled', '70022'],
    ]);
  });

  it('maps a cart order to Order Completed, zero-decimal currencies in whole units', () => {
    expect(map(orderCreated)).toEqual([
      {
        type: 'track',
        event: 'Order Completed',
        messageId: 'kajabi:8d0e3c5a9f214b6a:1',
        timestamp: '2026-02-14T02:00:08.000Z',
        ...priya,
        properties: { orderId: '902211', orderNumber: '3107', revenue: 150000, currency: 'JPY' },
      },
    ]);
  });

  it('maps a form submission to an identify and Signed Up, keyed by email for want of a contact id', () => {
    expect(map(formSubmission)).toEqual([
      { type: 'identify', messageId: 'kajabi:51b7e0f2c3d84a19:1', anonymousId: 'kajabi-email:jonas.weber@example.com', traits: { email: 'Jonas.Weber@example.com', name: 'Jonas Weber' } },
      {
        type: 'track',
        event: 'Signed Up',
        messageId: 'kajabi:51b7e0f2c3d84a19:2',
        anonymousId: 'kajabi-email:jonas.weber@example.com',
        context: { traits: { email: 'Jonas.Weber@example.com' } },
        properties: { formId: '12009', formTitle: 'Free Breathing Guide' },
      },
    ]);
  });

  it('gives a retried delivery the same message ids', () => {
    const first = map(purchase).map((message) => message.messageId);
    expect(map(structuredClone(purchase)).map((message) => message.messageId)).toEqual(first);
  });

  it('ignores events it does not map', () => {
    expect(map(tagAdded)).toEqual([]);
    expect(map({ id: 'f00', event: 'payment_succeeded', payload: [] })).toEqual([]);
  });

  it('rejects a mapped event without the resources the mapping reads', () => {
    const withoutCustomer = { ...purchase, payload: purchase.payload.filter((resource) => resource.type !== 'customers') };
    expect(kajabiWebhookSchema.safeParse(withoutCustomer).error?.issues[0]?.path).toEqual(['payload', 'customers']);
    const [bought] = purchase.payload;
    const withoutAmount = { ...purchase, payload: [{ ...bought, attributes: { currency: 'USD' } }, ...purchase.payload.slice(1)] };
    expect(kajabiWebhookSchema.safeParse(withoutAmount).success).toBe(false);
  });
});
