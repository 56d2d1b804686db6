import { createHash } from 'node:crypto';
import type { Ingestion } from '../../ingestion/pipeline';
import type { StoreModels } from '../../store/connection';
import type { LearnerDocument } from '../../store/models/learner';
import type { MessageSendDocument } from '../../store/models/messageSend';
import { liveLearner } from '../../store/liveLearner';

export type Engagement = { kind: 'open' } | { kind: 'click'; url: string };

export interface EngagementClaims {
  sendId: string;
  learnerId: string;
}

/**
 * Records an open or a click of a send whose token verified: a learner event (Email Opened / Email
 * Clicked, announced through the ingestion hook so segments and journey goals hear of it) and the
 * ledger's counters.
 *
 * The event id is `email-opened:<send>:<second>` (clicks add a hash of the URL), so a mail client that
 * loads the pixel twice while rendering, or a double click, counts once per second; a later open or
 * click counts again, which "opened 3 times" rules want. The ledger is counted only when the event is
 * new. Two requests racing within the same second could both see the event missing and both count the
 * ledger (the event itself is still stored once, under its id).
 *
 * Nothing is recorded for a send or learner that no longer exists (erased, or a ledger without the
 * entry): a link in an old mail must not bring erased data back.
 */
export class EngagementRecorder {
  constructor(
    private readonly models: Pick<StoreModels, 'learners' | 'learnerEvents' | 'messageSends'>,
    private readonly ingestion: Pick<Ingestion, 'recordLearnerEvents'>,
  ) {}

  /** Returns whether something new was recorded. */
  async record(claims: EngagementClaims, engagement: Engagement, at: number): Promise<boolean> {
    const send = await this.models.messageSends.findById(claims.sendId).lean<MessageSendDocument>();
    if (!send) return false;
    const learnerId = await this.liveLearnerId(claims.learnerId);
    if (!learnerId) return false;

    const second = Math.floor(at / 1000);
    const messageId =
      engagement.kind === 'open'
        ? `email-opened:${claims.sendId}:${second}`
        : `email-clicked:${claims.sendId}:${createHash('sha256').update(engagement.url).digest('base64url').slice(0, 16)}:${second}`;
    if (await this.models.learnerEvents.exists({ _id: messageId })) return false;

    const properties = withoutUndefined({
      sendId: claims.sendId,
      journeyId: send.journeyId ?? undefined,
      templateId: send.templateId,
      variant: send.variant ?? undefined,
      ...(engagement.kind === 'click' ? { url: engagement.url } : {}),
    });
    const when = new Date(at);
    await this.ingestion.recordLearnerEvents(learnerId, [{ messageId, name: engagement.kind === 'open' ? 'Email Opened' : 'Email Clicked', timestamp: when, properties }], 'email');
    const [count, first] = engagement.kind === 'open' ? (['openCount', 'firstOpenedAt'] as const) : (['clickCount', 'firstClickedAt'] as const);
    await this.models.messageSends.updateOne({ _id: claims.sendId }, { $inc: { [count]: 1 }, $min: { [first]: when } });
    return true;
  }

  /** The profile the learner lives on now (merges followed), or undefined if erased. */
  private async liveLearnerId(learnerId: string): Promise<string | undefined> {
    return (await liveLearner<Pick<LearnerDocument, '_id'>>(this.models, learnerId, { _id: 1 }))?._id;
  }
}

const withoutUndefined = (record: Record<string, unknown>) => Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
