import type { StoreModels } from '../store/connection';
import { isDuplicateKeyError } from '../store/errors';
import type { LearnerDocument } from '../store/models/learner';
import type { MessageSendDocument } from '../store/models/messageSend';
import type { MessageChannel } from '../domain/messages/sends';
import type { ChannelDelivery, MessageDecorator, MessageRenderer, SendCheck, SendContext, SendOutcome, SendRequest, Verdict } from './pipeline';

export { UndeliverableMessageError, type SendOutcome, type SendRequest } from './pipeline';

export interface SenderParts {
  /** Asked in order; the first that objects decides. */
  checks: readonly SendCheck[];
  renderer: MessageRenderer;
  /** Applied in order to every rendered message. */
  decorators: readonly MessageDecorator[];
  channels: Record<MessageChannel, ChannelDelivery>;
  /** The domain of Message-IDs (`<key@domain>`). */
  messageIdDomain: string;
}

/**
 * Sends one message exactly once: claim the ledger entry (id = idempotency key), run the checks,
 * render, decorate, deliver, record. A second call with the same key finds the entry: sent or skipped
 * → the same outcome again; deferred or still "sending" (the earlier attempt died or the channel
 * failed) → it is judged and delivered again with the same Message-ID.
 */
export class MessageSender {
  constructor(
    private readonly models: Pick<StoreModels, 'learners' | 'messageSends'>,
    private readonly parts: SenderParts,
  ) {}

  async send(request: SendRequest): Promise<SendOutcome> {
    const earlier = await this.claim(request);
    if (earlier?.status === 'sent') return { status: 'sent', messageId: earlier.messageId! };
    if (earlier?.status === 'skipped') return { status: 'skipped', reason: earlier.reason ?? 'skipped' };

    const learner = await this.alive(request.learnerId);
    if (!learner) return this.skip(request, 'the learner no longer exists');
    const context: SendContext = { request, sendId: request.idempotencyKey, learner, traits: (learner.traits ?? {}) as Record<string, unknown>, at: request.at ?? Date.now() };
    const verdict = await this.judge(context);
    if (verdict && 'skip' in verdict) return this.skip(request, verdict.skip);
    if (verdict && request.whenHeldBack === 'skip') return this.skip(request, verdict.reason);
    if (verdict) {
      await this.models.messageSends.updateOne({ _id: request.idempotencyKey }, { $set: { status: 'deferred', reason: verdict.reason, deferredUntil: new Date(verdict.deferUntil) } });
      return { status: 'deferred', until: verdict.deferUntil, reason: verdict.reason };
    }

    let message = await this.parts.renderer.render(context);
    for (const decorator of this.parts.decorators) message = await decorator.decorate(message, context);
    const messageId = `<${request.idempotencyKey.replace(/[^A-Za-z0-9._-]/g, '.')}@${this.parts.messageIdDomain}>`;
    await this.models.messageSends.updateOne(
      { _id: request.idempotencyKey },
      { $set: { templateVersion: message.templateVersion, locale: message.locale, variant: message.variant, messageId, at: new Date(context.at) }, $unset: { deferredUntil: 1 } },
    );
    const { response } = await this.parts.channels[request.channel].deliver(message, { ...context, messageId });
    await this.models.messageSends.updateOne({ _id: request.idempotencyKey }, { $set: { status: 'sent', providerResponse: response, sentAt: new Date() } });
    return { status: 'sent', messageId };
  }

  private async judge(context: SendContext): Promise<Verdict> {
    for (const check of this.parts.checks) {
      const verdict = await check.check(context);
      if (verdict) return verdict;
    }
    return undefined;
  }

  private async skip(request: SendRequest, reason: string): Promise<SendOutcome> {
    await this.models.messageSends.updateOne({ _id: request.idempotencyKey }, { $set: { status: 'skipped', reason }, $unset: { deferredUntil: 1 } });
    return { status: 'skipped', reason };
  }

  private async claim(request: SendRequest): Promise<MessageSendDocument | undefined> {
    try {
      await this.models.messageSends.create({
        _id: request.idempotencyKey,
        learnerId: request.learnerId,
        journeyId: request.journeyId,
        journeyVersion: request.journeyVersion,
        nodeId: request.nodeId,
        templateId: request.templateId,
        channel: request.channel,
        kind: request.kind,
        topic: request.topic,
        status: 'sending',
        createdAt: new Date(),
      });
      return undefined;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      return (await this.models.messageSends.findById(request.idempotencyKey).lean<MessageSendDocument>()) ?? undefined;
    }
  }

  private async alive(learnerId: string): Promise<LearnerDocument | null> {
    let doc = await this.models.learners.findById(learnerId).lean<LearnerDocument>();
    for (let hops = 0; doc?.mergedInto && hops < 10; hops += 1) doc = await this.models.learners.findById(doc.mergedInto).lean<LearnerDocument>();
    return doc;
  }
}
