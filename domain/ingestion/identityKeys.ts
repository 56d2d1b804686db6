import type { SegmentMessage } from './segmentMessages';

export type IdentityKind = 'user' | 'email' | 'anon';
export interface IdentityKey {
  kind: IdentityKind;
  value: string;
}

/** The identity's `_id` in the store. */
export const identityId = (key: IdentityKey) => `${key.kind}:${key.value}`;

/** Strongest first: when ids of one message belong to different learners, the first one's survives. */
const strength: Record<IdentityKind, number> = { user: 0, email: 1, anon: 2 };

function emailOf(traits: Record<string, unknown> | undefined): string | undefined {
  const email = traits?.email;
  return typeof email === 'string' && email.includes('@') ? email.trim().toLowerCase() : undefined;
}

/**
 * Every identifier a message names for its learner: userId, anonymousId and the email in its traits
 * (identify) or context traits (any call). An alias's previous id is not among them: it is only
 * looked up (see `previousIdKeys`), never linked.
 */
export function identityKeys(message: SegmentMessage): IdentityKey[] {
  const keys: IdentityKey[] = [];
  if (message.userId) keys.push({ kind: 'user', value: message.userId });
  if (message.anonymousId) keys.push({ kind: 'anon', value: message.anonymousId });
  const email = emailOf(message.type === 'identify' ? message.traits : undefined) ?? emailOf(message.context?.traits as Record<string, unknown> | undefined);
  if (email) keys.push({ kind: 'email', value: email });
  return keys.sort((a, b) => strength[a.kind] - strength[b.kind]);
}

/** An alias's previousId may have been a userId or an anonymousId. */
export function previousIdKeys(previousId: string): IdentityKey[] {
  return [
    { kind: 'user', value: previousId },
    { kind: 'anon', value: previousId },
  ];
}
