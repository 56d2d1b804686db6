import type { StoreModels } from '../store/connection';
import { isDuplicateKeyError } from '../store/errors';
import type { MessageSendDocument } from '../store/models/messageSend';
import type { SendStatus } from '../domain/messages/sends';
import { deliveryNotices, type DeliveryService, type SettledSend } from './deliveryService';
import { UndeliverableMessageError, type MessageDecorator, type MessageRenderer, type SendCheck, type SendContext, type SendOutcome, type SendRequest, type Verdict } from './pipeline';
import { updateOneByIdWhere } from '../store/byId';
import { liveLearner } from '../store/liveLearner';

export { UndeliverableMessageError, type SendOutcome, type SendRequest } from './pipeline';

export interface SenderParts {
  /** Asked all at once; the first in this order that objects decides. */
  checks: readonly SendCheck[];
  renderer: MessageRenderer;
  /** Applied in order to every rendered message. */
  decorators: readonly MessageDecorator[];
  /** The domain of Message-IDs (`<key@domain>`). */
  messageIdDomain: string;
  /**
   * A delivery service in this process, which delivers what this sender queues at once; without one
   * (the worker), a delivery service elsewhere finds the queued message by scanning.
   */
  localDelivery?: Pick<DeliveryService, 'reserve'>;
  /** How long `send` waits for the delivery before failing (retryably) and being asked again; below the activity's timeout. */
  settleTimeoutMs?: number;
}

/** States in which a send is still being decided and prepared (not yet handed to delivery). */
const PREPARING: SendStatus[] = ['sending', 'deferred'];

/**
 * Sends not yet settled by a delivery service in another process are looked up by id at most this
 * often: often while a delivery usually lands (its outcome reaches the run sooner), rarely once it is
 * late (SMTP down: many waiting sends must not flood the store).
 */
const LEDGER_POLL_MAX_MS = { whileUsual: 200, onceLate: 1_000 };
/** How long a delivery usually takes, queue scan included. */
const USUAL_DELIVERY_MS = 2_000;

/**
 * Sends one message exactly once: claim the ledger entry (id = idempotency key), run the checks,
 * render, decorate, queue it in the ledger for the delivery service (messages/deliveryService.ts) and
 * wait until it is delivered. A second call with the same key finds the entry: sent or skipped → the
 * same outcome again; queued → waits for it; deferred or still "sending" (an earlier attempt died
 * before queueing) → it is judged and prepared again, with the same Message-ID.
 */
export class MessageSender {
  constructor(
    private readonly models: Pick<StoreModels, 'learners' | 'messageSends' | 'deliveryQueue'>,
    private readonly parts: SenderParts,
  ) {}

  async send(request: SendRequest): Promise<SendOutcome> {
    // Read while the ledger entry is claimed: most sends are new and need the learner next.
    const learnerRead = liveLearner(this.models, request.learnerId);
    learnerRead.catch(() => undefined);
    const earlier = await this.claim(request);
    if (earlier?.status === 'sent') return { status: 'sent', messageId: earlier.messageId! };
    if (earlier?.status === 'skipped') return { status: 'skipped', reason: earlier.reason ?? 'skipped' };
    if (earlier?.status === 'failed') throw new UndeliverableMessageError(earlier.reason ?? 'the message could not be delivered');
    if (earlier?.status === 'queued') {
      // An earlier attempt queued it; it may have died before its queue entry was written.
      await this.ensureQueued(request.idempotencyKey, new Date());
      return this.settled(request.idempotencyKey);
    }

    const learner = await learnerRead;
    if (!learner) return this.skip(request, 'the learner no longer exists');
    const context: SendContext = { request, sendId: request.idempotencyKey, learner, traits: (learner.traits ?? {}) as Record<string, unknown>, at: request.at ?? Date.now() };
    const verdict = await this.judge(context);
    if (verdict && 'skip' in verdict) return this.skip(request, verdict.skip);
    if (verdict && request.whenHeldBack === 'skip') return this.skip(request, verdict.reason);
    if (verdict) {
      await updateOneByIdWhere(this.models.messageSends, request.idempotencyKey, { status: { $in: PREPARING } }, { $set: { status: 'deferred', reason: verdict.reason, deferredUntil: new Date(verdict.deferUntil) }, $push: { deferrals: { reason: verdict.reason, at: new Date(context.at), until: new Date(verdict.deferUntil) } } });
      return { status: 'deferred', until: verdict.deferUntil, reason: verdict.reason };
    }

    const [rendered] = await Promise.all([this.parts.renderer.render(context), ...this.parts.checks.map((check) => check.admit?.(context))]);
    let message = rendered;
    for (const decorator of this.parts.decorators) message = await decorator.decorate(message, context);
    const messageId = `<${request.idempotencyKey.replace(/[^A-Za-z0-9._-]/g, '.')}@${this.parts.messageIdDomain}>`;
    // Queued already leased to this process's delivery service when it has room, else due now for any.
    const local = this.parts.localDelivery?.reserve();
    // The queue entry first: a ledger entry queued without one would never be found by a delivery service.
    await this.models.deliveryQueue.updateOne({ _id: request.idempotencyKey }, { $set: { dueAt: local?.leaseUntil ?? new Date() }, $setOnInsert: { since: new Date() } }, { upsert: true });
    const outgoing = { ...message, ...(request.webhookUrl ? { webhookUrl: request.webhookUrl } : {}) };
    const at = new Date(context.at);
    // Only from a preparing state: a slower twin of this attempt must not queue a message already delivered.
    const { modifiedCount } = await updateOneByIdWhere(
      this.models.messageSends,
      request.idempotencyKey,
      { status: { $in: PREPARING } },
      {
        $set: {
          status: 'queued',
          outgoing,
          templateVersion: message.templateVersion,
          locale: message.locale,
          variant: message.variant,
          messageId,
          at,
          queuedAt: new Date(),
          nextAttemptAt: local?.leaseUntil ?? new Date(),
          ...(local ? { attempts: 1 } : {}),
        },
        $unset: { deferredUntil: 1, reason: 1 },
      },
    );
    if (local && modifiedCount > 0) {
      const { idempotencyKey: _id, learnerId, templateId, channel, kind, topic, journeyId, journeyVersion, nodeId } = request;
      local.deliver({ _id, learnerId, templateId, channel, kind, topic, journeyId, journeyVersion, nodeId, outgoing, at, messageId, attempts: 1 }, learner);
    } else local?.release();
    return this.settled(request.idempotencyKey, { justQueued: true });
  }

  /** Makes sure a queued send has its delivery-queue entry (due at `dueAt` if it had none). */
  private async ensureQueued(id: string, dueAt: Date): Promise<void> {
    await this.models.deliveryQueue.updateOne({ _id: id }, { $setOnInsert: { dueAt, since: new Date() } }, { upsert: true });
  }

  /** Waits for the delivery service to settle a queued send: told in-process, else seen in the ledger. */
  private async settled(id: string, { justQueued = false } = {}): Promise<SendOutcome> {
    const deadline = Date.now() + (this.parts.settleTimeoutMs ?? 45_000);
    // A delivery takes ~100 ms at best (the service looks at its queue every 100 ms when idle).
    let pollMs = 100;
    const waitingSince = Date.now();
    // A send queued a moment ago is not delivered yet: wait before the first look.
    let heard: SettledSend | undefined;
    for (let look = !justQueued; ; look = true) {
      const entry = heard ?? (!look ? undefined : await this.models.messageSends.findById(id, { status: 1, reason: 1, messageId: 1 }).lean<Pick<MessageSendDocument, 'status' | 'reason' | 'messageId'>>());
      if (entry?.status === 'sent') return { status: 'sent', messageId: entry.messageId! };
      if (entry?.status === 'skipped') return { status: 'skipped', reason: entry.reason ?? 'skipped' };
      if (entry?.status === 'failed') throw new UndeliverableMessageError(entry.reason ?? 'the message could not be delivered');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`message ${id} is queued and not delivered yet (the delivery service retries it); asking again later`);
      await new Promise<void>((resolve) => {
        const done = (settled?: SettledSend) => {
          clearTimeout(timer);
          deliveryNotices.off(id, done);
          heard = settled;
          resolve();
        };
        const timer = setTimeout(done, Math.min(pollMs, left));
        deliveryNotices.on(id, done);
      });
      pollMs = Math.min(pollMs * 2, Date.now() - waitingSince < USUAL_DELIVERY_MS ? LEDGER_POLL_MAX_MS.whileUsual : LEDGER_POLL_MAX_MS.onceLate);
    }
  }

  /** The first objection in the checks' order; they read the store at once, so a send waits for the slowest read, not for all in a row. */
  private async judge(context: SendContext): Promise<Verdict> {
    const verdicts = await Promise.all(this.parts.checks.map((check) => check.check(context)));
    return verdicts.find((verdict) => verdict !== undefined);
  }

  private async skip(request: SendRequest, reason: string): Promise<SendOutcome> {
    await updateOneByIdWhere(this.models.messageSends, request.idempotencyKey, { status: { $in: PREPARING } }, { $set: { status: 'skipped', reason }, $unset: { deferredUntil: 1 } });
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

}
