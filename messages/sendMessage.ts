import type { StoreModels } from '../store/connection';
import { isDuplicateKeyError } from '../store/errors';
import type { LearnerDocument } from '../store/models/learner';
import type { MessageSendDocument } from '../store/models/messageSend';
import type { TemplateDocument } from '../store/models/template';
import type { Mailer } from './mailer';
import { renderEmail } from './render';

export interface SendRequest {
  /** Unique per message owed (journey run × node × visit): a retry or replay with it never sends twice. */
  idempotencyKey: string;
  learnerId: string;
  templateId: string;
  channel: 'email' | 'webhook';
  kind: 'marketing' | 'transactional';
  journeyId?: string;
  journeyVersion?: number;
  nodeId?: string;
  /** The event that started the run: its properties personalise the message (`event.*`). */
  triggerMessageId?: string;
}

export type SendOutcome = { status: 'sent'; messageId: string } | { status: 'skipped'; reason: string };

/** Failures that retrying will not fix (the activity gives up at once). */
export class UndeliverableMessageError extends Error {
  override name = 'UndeliverableMessageError';
}

/**
 * Sends one message exactly once. The ledger entry (id = idempotency key) is written before sending;
 * a second call finds it: sent or skipped → the same outcome again; still "sending" (the earlier
 * attempt died or SMTP failed) → it tries again with the same Message-ID.
 */
export class MessageSender {
  constructor(
    private readonly models: Pick<StoreModels, 'learners' | 'templates' | 'messageSends' | 'learnerEvents'>,
    private readonly mailer: Mailer,
    private readonly messageIdDomain: string,
  ) {}

  async send(request: SendRequest): Promise<SendOutcome> {
    const earlier = await this.claim(request);
    if (earlier?.status === 'sent') return { status: 'sent', messageId: earlier.messageId! };
    if (earlier?.status === 'skipped') return { status: 'skipped', reason: earlier.reason ?? 'skipped' };

    const learner = await this.alive(request.learnerId);
    const template = await this.models.templates.findById(request.templateId).lean<TemplateDocument>();
    if (!template) throw new UndeliverableMessageError(`template ${request.templateId} does not exist`);
    const reason = learner ? this.whyNot(learner, request) : 'the learner no longer exists';
    if (reason) {
      await this.models.messageSends.updateOne({ _id: request.idempotencyKey }, { $set: { status: 'skipped', reason } });
      return { status: 'skipped', reason };
    }
    const traits = (learner!.traits ?? {}) as Record<string, unknown>;
    const event = request.triggerMessageId ? await this.models.learnerEvents.findById(request.triggerMessageId, { properties: 1 }).lean<{ properties?: Record<string, unknown> }>() : null;
    const rendered = await renderEmail(template, { learner: { ...traits, learnerId: learner!._id }, event: event?.properties ?? {} });
    const messageId = `<${request.idempotencyKey.replace(/[^A-Za-z0-9._-]/g, '.')}@${this.messageIdDomain}>`;
    const { response } = await this.mailer.send({ to: traits.email as string, ...rendered, messageId });
    await this.models.messageSends.updateOne({ _id: request.idempotencyKey }, { $set: { status: 'sent', messageId, providerResponse: response, templateVersion: template.version, sentAt: new Date() } });
    return { status: 'sent', messageId };
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
        status: 'sending',
        createdAt: new Date(),
      });
      return undefined;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      return (await this.models.messageSends.findById(request.idempotencyKey).lean<MessageSendDocument>()) ?? undefined;
    }
  }

  /** Why this learner must not get this message now (undefined: send it). */
  private whyNot(learner: LearnerDocument, request: SendRequest): string | undefined {
    const traits = (learner.traits ?? {}) as Record<string, unknown>;
    if (request.channel !== 'email') return `the ${request.channel} channel is not available`;
    if (typeof traits.email !== 'string' || traits.email === '') return 'no email address';
    if (traits.emailStatus === 'invalid' || traits.emailStatus === 'undeliverable') return `email address is ${traits.emailStatus}`;
    if (request.kind === 'marketing' && traits.unsubscribed === true) return 'unsubscribed from marketing email';
    return undefined;
  }

  private async alive(learnerId: string): Promise<LearnerDocument | null> {
    let doc = await this.models.learners.findById(learnerId).lean<LearnerDocument>();
    for (let hops = 0; doc?.mergedInto && hops < 10; hops += 1) doc = await this.models.learners.findById(doc.mergedInto).lean<LearnerDocument>();
    return doc;
  }
}
