import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a token may be used for; a token signed for one purpose is refused for every other. */
export type TokenPurpose = 'open' | 'click' | 'unsubscribe' | 'preferences' | 'confirm';

/** Claims a message link carries: ids only, never an address. */
export interface TokenClaims {
  /** The send (ledger id) the link belongs to, when it belongs to one. */
  sendId?: string;
  learnerId: string;
  /** Click target. */
  url?: string;
  /** Subscription topic (double opt-in confirmations). */
  topic?: string;
  /** Expiry, epoch milliseconds. */
  expiresAt?: number;
}

/** The secret development and tests use when MESSAGE_TOKEN_SECRET is unset (never in production). */
export const DEVELOPMENT_TOKEN_SECRET = 'course-journeys-development-token-secret';

const encode = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/**
 * Signed, tamper-evident tokens for links in messages: `<payload>.<signature>`, base64url, HMAC-SHA256
 * over the purpose and the payload. A forged, altered, expired or wrongly purposed token verifies to
 * undefined — callers answer all of them alike, so a probe learns nothing about other learners.
 */
export class MessageTokens {
  constructor(private readonly secret: string) {
    if (secret.length < 16) throw new Error('the message token secret must be at least 16 characters');
  }

  sign(purpose: TokenPurpose, claims: TokenClaims): string {
    const payload = encode(JSON.stringify(claims));
    return `${payload}.${this.signature(purpose, payload)}`;
  }

  verify(purpose: TokenPurpose, token: string, now: number = Date.now()): TokenClaims | undefined {
    const [payload, signature, ...rest] = token.split('.');
    if (!payload || !signature || rest.length > 0) return undefined;
    const expected = Buffer.from(this.signature(purpose, payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    let claims: TokenClaims;
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as TokenClaims;
    } catch {
      return undefined;
    }
    if (typeof claims?.learnerId !== 'string') return undefined;
    if (claims.expiresAt !== undefined && claims.expiresAt <= now) return undefined;
    return claims;
  }

  private signature(purpose: TokenPurpose, payload: string): string {
    return createHmac('sha256', this.secret).update(`${purpose}.${payload}`).digest('base64url');
  }
}

/** The token signer from the environment; production refuses to start without a secret of its own. */
export function messageTokensFrom(env: { NODE_ENV: string; MESSAGE_TOKEN_SECRET?: string }): MessageTokens {
  if (!env.MESSAGE_TOKEN_SECRET && env.NODE_ENV === 'production') throw new Error('MESSAGE_TOKEN_SECRET must be set in production (it signs the links in emails)');
  return new MessageTokens(env.MESSAGE_TOKEN_SECRET ?? DEVELOPMENT_TOKEN_SECRET);
}
