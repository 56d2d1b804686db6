import { EventEmitter } from 'node:events';
import type { MessageChannel } from '../domain/messages/sends';
import type { StoreModels } from '../store/connection';
import type { DeliveryQueueDocument } from '../store/models/deliveryQueue';
import type { LearnerDocument } from '../store/models/learner';
import type { MessageSendDocument } from '../store/models/messageSend';
import { findOneAndUpdateByIdWhere, updateOneByIdWhere } from '../store/byId';
import { liveLearner } from '../store/liveLearner';
import { UndeliverableMessageError, type ChannelDelivery, type RenderedMessage, type SendContext, type SendRequest } from './pipeline';

export interface DeliveryOptions {
  /** Messages handed to channels at once. */
  concurrency?: number;
  /** How often an idle service looks for due messages queued by other processes. */
  idlePollMs?: number;
  /** How long a claimed message is its claimer's; a claimer that dies releases it when this runs out. */
  leaseMs?: number;
  log?: { warn(object: object, message: string): void };
}

/** What delivering a queued send needs from its ledger entry. */
export type QueuedSend = Pick<MessageSendDocument, '_id' | 'learnerId' | 'templateId' | 'channel' | 'kind' | 'topic' | 'journeyId' | 'journeyVersion' | 'nodeId' | 'outgoing' | 'at' | 'messageId' | 'attempts'>;

/** How a delivery ended, as a waiting sender needs it. */
export type SettledSend = { status: 'sent'; messageId: string } | { status: 'skipped' | 'failed'; reason: string };

/** Settled sends (with a SettledSend), announced in-process so a sender waiting in the same process hears at once without reading the ledger. */
export const deliveryNotices = new EventEmitter().setMaxListeners(0);

const MAX_BACKOFF_MS = 5 * 60_000;
/** A queue entry whose send is still being prepared is looked at again after its age, between these. */
const MIN_RECHECK_PREPARING_MS = 100;
const RECHECK_PREPARING_MS = 60_000;
/** A queue entry whose send was never queued (its run ended while preparing it) goes after this. */
const ABANDONED_AFTER_MS = 24 * 3_600_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Delivers what the send ledger holds as `queued` (the outbox), found through the small delivery queue
 * (store/models/deliveryQueue.ts) rather than by scanning the ledger: claims one message at a time by
 * pushing its `nextAttemptAt` a lease ahead, hands it to its channel, and records sent / failed, or a
 * retry with backoff when the channel is down. It runs in the API process, not the worker: a worker
 * killed at any moment leaves each message either not yet queued (the retried activity queues it) or
 * queued (delivered once, here). Only this process dying between the provider's acceptance and the
 * ledger write can repeat a message — with the same Message-ID, which receivers use to drop copies.
 */
export class DeliveryService {
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private readonly inFlight = new Set<Promise<void>>();
  /** Ids of the sends this process is delivering now (their queue entries stay due meanwhile). */
  private readonly delivering = new Set<string>();
  /** Room promised to senders in this process that are queueing a message (see reserve). */
  private reserved = 0;
  private starved = false;
  private ledgerUnreadable = false;

  constructor(
    private readonly models: Pick<StoreModels, 'learners' | 'messageSends' | 'deliveryQueue'>,
    private readonly channels: Record<MessageChannel, ChannelDelivery>,
    private readonly options: DeliveryOptions = {},
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.work();
  }

  /** Stops claiming and waits for the deliveries under way. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await Promise.all(this.inFlight);
  }

  /**
   * A sender in this process is about to queue a message: reserve room to deliver it here at once. The
   * sender then queues it already leased to this process (one write fewer than claiming it after).
   */
  reserve(): { leaseUntil: Date; deliver(queued: QueuedSend, learner: LearnerDocument): void; release(): void } | undefined {
    if (!this.running || this.inFlight.size + this.reserved >= this.concurrency) return undefined;
    this.reserved += 1;
    let open = true;
    const settle = () => {
      if (open) this.reserved -= 1;
      open = false;
    };
    return {
      leaseUntil: new Date(Date.now() + this.leaseMs),
      // The sender hands over what it queued and the learner it read: nothing to read again.
      deliver: (queued, learner) => {
        settle();
        this.track(queued._id, this.deliver(queued, learner));
      },
      release: () => {
        settle();
        this.wake?.();
      },
    };
  }

  private get concurrency(): number {
    return this.options.concurrency ?? 16;
  }

  private get leaseMs(): number {
    return this.options.leaseMs ?? 60_000;
  }

  private track(id: string, work: Promise<void>): void {
    this.delivering.add(id);
    const delivery: Promise<void> = work
      .catch((error: unknown) => this.options.log?.warn({ err: error }, 'a delivery could not be started; the scan will find it when its lease ends'))
      .finally(() => {
        this.inFlight.delete(delivery);
        this.delivering.delete(id);
        // The scan only needs waking if it stopped for want of room.
        if (this.starved) this.wake?.();
      });
    this.inFlight.add(delivery);
  }

  /** Scans the delivery queue for due messages (queued by other processes, retries, expired leases) while there is capacity. */
  private async work(): Promise<void> {
    const idleMs = this.options.idlePollMs ?? 100;
    while (this.running) {
      let found = 0;
      const room = this.concurrency - this.inFlight.size - this.reserved;
      this.starved = room <= 0;
      if (room > 0) {
        try {
          // The queue holds only unsettled sends, so this stays small however long the ledger grows.
          const due = await this.models.deliveryQueue
            .find({ dueAt: { $lte: new Date() } }, { _id: 1, since: 1 })
            .sort({ dueAt: 1 })
            .limit(room + this.delivering.size)
            .lean<Pick<DeliveryQueueDocument, '_id' | 'since'>[]>();
          // Claimed side by side: one at a time, a busy store made the last of a scan wait seconds.
          const candidates = due.filter(({ _id }) => !this.delivering.has(_id)).slice(0, room);
          await Promise.all(
            candidates.map(async ({ _id, since }) => {
              const entry = await this.claim(_id);
              if (!entry) return this.reconcile(_id, since);
              found += 1;
              this.track(_id, this.deliver(entry));
            }),
          );
          this.ledgerUnreadable = false;
        } catch (error) {
          // Said once per outage, not at every poll.
          if (!this.ledgerUnreadable) this.options.log?.warn({ err: error }, 'the delivery service cannot read the delivery queue; it keeps trying');
          this.ledgerUnreadable = true;
        }
      }
      if (found > 0 && this.inFlight.size < this.concurrency) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, idleMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  /** Takes one due message for a lease; null when another claimer was first or it is not due. */
  private async claim(id: string): Promise<MessageSendDocument | null> {
    const now = Date.now();
    return findOneAndUpdateByIdWhere<MessageSendDocument>(this.models.messageSends, id, { status: 'queued', nextAttemptAt: { $lte: new Date(now) } }, { $set: { nextAttemptAt: new Date(now + this.leaseMs) }, $inc: { attempts: 1 } });
  }

  /**
   * A due queue entry whose send could not be claimed: settled (the entry goes), leased or backing off
   * (due again when the ledger says), or not queued yet — its sender is between writing the entry and
   * queueing it, or died there and its retried activity will queue it or settle it otherwise.
   */
  private async reconcile(id: string, since: Date): Promise<void> {
    const entry = await this.models.messageSends.findById(id, { status: 1, nextAttemptAt: 1, deferredUntil: 1 }).lean<Pick<MessageSendDocument, 'status' | 'nextAttemptAt' | 'deferredUntil'>>();
    const now = Date.now();
    const preparing = entry?.status === 'sending' || entry?.status === 'deferred';
    // A deferred send is judged again only when its time comes, and writes a new entry before queueing.
    const deferredForLong = entry?.status === 'deferred' && entry.deferredUntil && new Date(entry.deferredUntil).getTime() - now > RECHECK_PREPARING_MS;
    if (!entry || (!preparing && entry.status !== 'queued') || deferredForLong || (preparing && now - new Date(since).getTime() > ABANDONED_AFTER_MS)) {
      await this.models.deliveryQueue.deleteOne({ _id: id });
      return;
    }
    // Usually its sender is a few milliseconds from queueing it: look again soon, and less often the longer it waits.
    const recheckMs = Math.min(Math.max(now - new Date(since).getTime(), MIN_RECHECK_PREPARING_MS), RECHECK_PREPARING_MS);
    const dueAt = entry.status === 'queued' && entry.nextAttemptAt ? new Date(entry.nextAttemptAt) : new Date(now + recheckMs);
    await this.models.deliveryQueue.updateOne({ _id: id }, { $set: { dueAt } });
  }

  private async deliver(entry: QueuedSend, knownLearner?: LearnerDocument): Promise<void> {
    const id = entry._id;
    try {
      const learner = knownLearner ?? (await liveLearner(this.models, entry.learnerId));
      if (!learner) return await this.settle(id, { status: 'skipped', reason: 'the learner no longer exists' });
      const outgoing = entry.outgoing as (RenderedMessage & { webhookUrl?: string }) | undefined;
      if (!outgoing) return await this.settle(id, { status: 'failed', reason: 'nothing to deliver was queued' });
      const request: SendRequest = {
        idempotencyKey: id,
        learnerId: entry.learnerId,
        templateId: entry.templateId,
        channel: entry.channel,
        kind: entry.kind,
        ...(entry.topic ? { topic: entry.topic } : {}),
        ...(outgoing.webhookUrl ? { webhookUrl: outgoing.webhookUrl } : {}),
        ...(entry.journeyId ? { journeyId: entry.journeyId } : {}),
        ...(entry.journeyVersion !== undefined && entry.journeyVersion !== null ? { journeyVersion: entry.journeyVersion } : {}),
        ...(entry.nodeId ? { nodeId: entry.nodeId } : {}),
      };
      const context: SendContext & { messageId: string } = { request, sendId: id, learner, traits: (learner.traits ?? {}) as Record<string, unknown>, at: entry.at ? new Date(entry.at).getTime() : Date.now(), messageId: entry.messageId! };
      const { response } = await this.channels[entry.channel].deliver(outgoing, context);
      await this.settle(id, { status: 'sent', providerResponse: response, sentAt: new Date() }, entry.messageId);
    } catch (error) {
      if (error instanceof UndeliverableMessageError) return this.settle(id, { status: 'failed', reason: error.message });
      const backoff = Math.min(1_000 * 2 ** Math.max((entry.attempts ?? 1) - 1, 0), MAX_BACKOFF_MS);
      this.options.log?.warn({ err: error, sendId: id, retryInMs: backoff }, 'delivery failed; it will be retried');
      const nextAttemptAt = new Date(Date.now() + backoff);
      await updateOneByIdWhere(this.models.messageSends, id, { status: 'queued' }, { $set: { nextAttemptAt, lastError: (error as Error).message?.slice(0, 500) } }).catch(() => undefined);
      // Without this the scan would look at it at every poll until then (and set it itself).
      await this.models.deliveryQueue.updateOne({ _id: id }, { $set: { dueAt: nextAttemptAt } }).catch(() => undefined);
    }
  }

  /** Records the end of a delivery (the rendered copy is dropped: the ledger keeps the facts) and tells waiting senders. */
  private async settle(id: string, fields: { status: 'sent' | 'skipped' | 'failed'; reason?: string; providerResponse?: string; sentAt?: Date }, messageId?: string | null): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.models.messageSends.updateOne({ _id: id }, { $set: fields, $unset: { outgoing: 1, nextAttemptAt: 1 } });
        break;
      } catch (error) {
        // Delivered but not yet recorded: keep trying, or a new claim after the lease would repeat it.
        if (attempt >= 20) throw error;
        await sleep(Math.min(100 * 2 ** attempt, 5_000));
      }
    }
    const settled: SettledSend = fields.status === 'sent' ? { status: 'sent', messageId: messageId ?? '' } : { status: fields.status, reason: fields.reason ?? fields.status };
    deliveryNotices.emit(id, settled);
    // Left behind, the scan removes it when it next finds it due.
    await this.models.deliveryQueue.deleteOne({ _id: id }).catch(() => undefined);
  }
}
