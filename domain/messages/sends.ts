import { z } from 'zod';

/**
 * A send's life in the ledger: `sending` (claimed; being judged and rendered, or interrupted), then
 * `skipped` (a rule said no: consent, suppression, cap, quiet hours, no address), `deferred` (a cap or
 * quiet hours moved it to `deferredUntil`; the run waits and asks again) or `queued` (rendered, in the
 * outbox for the delivery service), then `sent` or `failed` (undeliverable).
 */
export const sendStatuses = ['sending', 'queued', 'sent', 'skipped', 'deferred', 'failed'] as const;
export type SendStatus = (typeof sendStatuses)[number];

export const messageChannels = ['email', 'webhook'] as const;
export const messageChannelSchema = z.enum(messageChannels);
export type MessageChannel = z.infer<typeof messageChannelSchema>;

/** Transactional messages (receipts, password resets) ignore marketing opt-outs, caps and quiet hours. */
export const messageKinds = ['marketing', 'transactional'] as const;
export const messageKindSchema = z.enum(messageKinds);
export type MessageKind = z.infer<typeof messageKindSchema>;

/** What to do with a marketing message that a frequency cap or quiet hours hold back. */
export const whenHeldBackSchema = z.enum(['defer', 'skip']);
export type WhenHeldBack = z.infer<typeof whenHeldBackSchema>;
