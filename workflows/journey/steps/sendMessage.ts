import type { SendMessageSettings } from '../../../domain/journeys';
import { activities, journeyReads, waitFor, type RunContext } from '../context';
import { workflowNow } from '../time';

/** Resuming signals held runs; a run that missed the signal finds out by itself within this time. */
const RECHECK_PAUSED_MS = 6 * 3_600_000;

/**
 * Sends through an activity whose idempotency key names this run, node and visit, so retries and
 * replays never send twice. While the journey is paused, the run holds here; a message a frequency cap
 * or quiet hours defer waits on a durable timer and is asked for again (same key) when allowed. The
 * send activity itself holds a message whose journey is not active; runs started before it did ask
 * for the journey's status first (and still do, as their histories recorded).
 */
export async function sendMessageStep(settings: SendMessageSettings, nodeId: string, context: RunContext): Promise<string> {
  const holdUntilResumed = async () => {
    const resumes = context.resumes();
    await waitFor(context, () => context.resumes() > resumes, RECHECK_PAUSED_MS);
  };
  for (;;) {
    if (context.generation !== 'lean') {
      // Asked before each attempt: a message deferred by a cap or quiet hours also holds while paused.
      const status = await journeyReads(context).journeyStatus(context.input.journeyId);
      if (status === 'archived') return 'next';
      if (status !== 'active') {
        await holdUntilResumed();
        if (context.ended()) return 'next';
        continue;
      }
    }
    const outcome = await activities.sendJourneyMessage({
      idempotencyKey: `${context.input.journeyId}/${context.input.learnerId}/${context.firstRunId}/${nodeId}/${context.visit}`,
      learnerId: context.input.learnerId,
      templateId: settings.templateId,
      channel: settings.channel,
      kind: settings.kind,
      topic: settings.topic,
      whenHeldBack: settings.whenHeldBack,
      webhookUrl: settings.webhookUrl,
      at: workflowNow(),
      journeyId: context.input.journeyId,
      journeyVersion: context.input.version,
      nodeId,
      triggerMessageId: context.input.triggerMessageId,
    });
    if (outcome.status === 'held') {
      if (outcome.journeyStatus === 'archived') return 'next';
      await holdUntilResumed();
    } else if (outcome.status === 'deferred') {
      await waitFor(context, () => false, Math.max(outcome.until - workflowNow(), 1_000));
    } else {
      return 'next';
    }
    if (context.ended()) return 'next';
  }
}
