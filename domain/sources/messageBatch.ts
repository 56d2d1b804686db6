import type { SegmentMessageInput } from '../ingestion/segmentMessages';
import type { CanonicalEventName } from '../learners';

type Scalar = string | number | boolean;
/** Properties or traits; `undefined` values are dropped so optional platform fields leave no empty keys. */
export type MessageFields = Record<string, Scalar | Scalar[] | undefined>;

/** Events the sources emit: the canonical vocabulary plus `Unsubscribed`, which pairs with the trait. */
export type SourceEventName = CanonicalEventName | 'Unsubscribed';

/**
 * Who a platform event is about. The id stays in the platform's own namespace (`teachable:12345`):
 * `userId` belongs to the customer's own site, and a platform id there would merge unrelated people.
 * The email is what identity resolution links on.
 */
export interface PlatformLearner {
  anonymousId: string;
  email?: string;
}

export function learnerByPlatformId(platform: string, platformUserId: string, email?: string): PlatformLearner {
  return { anonymousId: `${platform}:${platformUserId}`, email };
}

/** For payloads with no platform user id (a Stripe guest checkout, a Kajabi form): the email is the id. */
export function learnerByEmail(platform: string, email: string): PlatformLearner {
  return { anonymousId: `${platform}-email:${email.trim().toLowerCase()}`, email };
}

function withoutUndefined(fields: MessageFields): Record<string, Scalar | Scalar[]> {
  return Object.fromEntries(Object.entries(fields).filter((entry): entry is [string, Scalar | Scalar[]] => entry[1] !== undefined));
}

/**
 * The messages one platform event produces, in order. Message ids are `<source>:<event id>:<n>` with
 * n counting from 1, so a retried delivery of the same event produces the same ids and ingestion
 * deduplicates it.
 */
export class MessageBatch {
  readonly messages: SegmentMessageInput[] = [];

  constructor(
    private readonly source: string,
    private readonly eventId: string,
    /** The platform's event time; absent when the platform sends none (ingestion then uses arrival time). */
    private readonly timestamp: string | undefined,
  ) {}

  identify(learner: PlatformLearner, traits: MessageFields): this {
    this.messages.push({ type: 'identify', ...this.envelope(learner), traits: withoutUndefined({ email: learner.email, ...traits }) });
    return this;
  }

  track(event: SourceEventName, learner: PlatformLearner, properties: MessageFields): this {
    this.messages.push({
      type: 'track',
      event,
      ...this.envelope(learner),
      properties: withoutUndefined(properties),
      ...(learner.email ? { context: { traits: { email: learner.email } } } : {}),
    });
    return this;
  }

  private envelope(learner: PlatformLearner) {
    return {
      messageId: `${this.source}:${this.eventId}:${this.messages.length + 1}`,
      anonymousId: learner.anonymousId,
      ...(this.timestamp ? { timestamp: this.timestamp } : {}),
    };
  }
}
