// Webhook payload schemas of the course platforms and Stripe, and their mappers onto the canonical
// ingestion messages (Segment-spec identify / track). Pure: the HTTP routes verify and parse.
export { isIgnored, type IgnoredEvent } from './eventsByTopic';
export { kajabiWebhookSchema, mapKajabiWebhook, type KajabiWebhook } from './kajabi';
export { mapStripeEvent, stripeEventSchema, type StripeEvent } from './stripe';
export { mapTeachableWebhook, teachableWebhookSchema, type TeachableWebhook } from './teachable';
export { mapThinkificWebhook, thinkificWebhookSchema, type ThinkificWebhook } from './thinkific';
