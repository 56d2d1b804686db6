import type { MessageChannel, MessageKind, WhenHeldBack } from '../domain/messages/sends';
import type { LearnerDocument } from '../store/models/learner';

/** One message a journey step owes a learner. */
export interface SendRequest {
  /** Unique per message owed (journey run × node × visit): a retry or replay with it never sends twice. */
  idempotencyKey: string;
  learnerId: string;
  templateId: string;
  channel: MessageChannel;
  kind: MessageKind;
  /** The subscription topic a marketing message belongs to (consent is per topic). */
  topic?: string;
  /** What a frequency cap or quiet hours do to this message (marketing only); default defer. */
  whenHeldBack?: WhenHeldBack;
  /** The run's time (epoch ms) — caps, quiet hours and personalisation read the learner at this moment. */
  at?: number;
  /** Webhook channel: where to POST. */
  webhookUrl?: string;
  journeyId?: string;
  journeyVersion?: number;
  nodeId?: string;
  /** The event that started the run: its properties personalise the message (`event.*`). */
  triggerMessageId?: string;
}

export type SendOutcome =
  | { status: 'sent'; messageId: string }
  | { status: 'skipped'; reason: string }
  /** Held back by a cap or quiet hours: the run waits until `until` (epoch ms) and asks again with the same key. */
  | { status: 'deferred'; until: number; reason: string };

/** What the pipeline knows while deciding about and preparing one send. */
export interface SendContext {
  request: SendRequest;
  /** The ledger id. */
  sendId: string;
  /** The learner's live profile (merges followed). */
  learner: LearnerDocument;
  traits: Record<string, unknown>;
  /** The moment the send is judged at (the run's time, else now), epoch ms. */
  at: number;
}

/** A check's answer: undefined lets the message through. */
export type Verdict = undefined | { skip: string } | { deferUntil: number; reason: string };

/** One rule a message must pass at send time (address, suppression, consent, caps, quiet hours). */
export interface SendCheck {
  check(context: SendContext): Promise<Verdict>;
  /** Told once every check let the message through, before it is queued (checks that count what they admit). */
  admit?(context: SendContext): Promise<void>;
}

/** A message rendered for one learner, before delivery. */
export interface RenderedMessage {
  subject: string;
  html: string;
  text: string;
  templateVersion: number;
  locale?: string;
  /** The content variant chosen (e.g. a segment-dependent block), recorded in the ledger and UTM tags. */
  variant?: string;
  /** Extra headers (List-Unsubscribe, …) the decorators add. */
  headers: Record<string, string>;
}

export interface MessageRenderer {
  render(context: SendContext): Promise<RenderedMessage>;
}

/** Adds something to every message before delivery (tracked links, unsubscribe headers and footer). */
export interface MessageDecorator {
  decorate(message: RenderedMessage, context: SendContext): RenderedMessage | Promise<RenderedMessage>;
}

/** Hands a finished message to its channel; the Message-ID is derived from the idempotency key. */
export interface ChannelDelivery {
  deliver(message: RenderedMessage, context: SendContext & { messageId: string }): Promise<{ response: string }>;
}

/** Failures that retrying will not fix (the activity gives up at once). */
export class UndeliverableMessageError extends Error {
  override name = 'UndeliverableMessageError';
}
