import type { MessageTokens, TokenClaims } from '../tokens';

/** How long a double opt-in confirmation link works: long enough for a slow inbox, short enough to go stale. */
export const CONFIRMATION_LINK_DAYS = 7;

/**
 * The learner-facing consent links. Unsubscribe and preference links do not expire: a learner may
 * act on an old email years later, and CAN-SPAM wants unsubscribing to keep working. They carry ids
 * only (learner, send, topic), never an address.
 */
export class ConsentLinks {
  private readonly base: string;

  constructor(
    private readonly tokens: MessageTokens,
    publicUrl: string,
  ) {
    this.base = publicUrl.replace(/\/+$/, '');
  }

  unsubscribe(claims: Pick<TokenClaims, 'learnerId' | 'sendId' | 'topic'>): string {
    return `${this.base}/unsubscribe/${this.tokens.sign('unsubscribe', withoutUndefined(claims))}`;
  }

  preferences(claims: Pick<TokenClaims, 'learnerId' | 'sendId'>): string {
    return `${this.base}/preferences/${this.tokens.sign('preferences', withoutUndefined(claims))}`;
  }

  confirm(learnerId: string, topic: string, now = Date.now()): string {
    return `${this.base}/preferences/confirm/${this.tokens.sign('confirm', { learnerId, topic, expiresAt: now + CONFIRMATION_LINK_DAYS * 86_400_000 })}`;
  }
}

// JSON would drop undefined anyway; dropping it here keeps tokens short and their claims explicit.
const withoutUndefined = <T extends object>(claims: T): T => Object.fromEntries(Object.entries(claims).filter(([, value]) => value !== undefined)) as T;
