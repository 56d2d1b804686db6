import nodemailer from 'nodemailer';

/** A mailbox as a header names it; nodemailer encodes the name, so it cannot break the header. */
export interface MailAddress {
  name?: string;
  address: string;
}

export interface OutgoingEmail {
  to: string;
  /** The sender; the transport's default (MAIL_FROM) when absent. */
  from?: MailAddress;
  replyTo?: string;
  subject: string;
  html: string;
  text: string;
  /** The Message-ID header, derived from the send's idempotency key. */
  messageId: string;
  headers?: Record<string, string>;
}

export interface Mailer {
  send(email: OutgoingEmail): Promise<{ response: string }>;
  close(): void;
}

/** Connections kept open to the SMTP server; a provider's limit on parallel connections is usually above this. */
const SMTP_CONNECTIONS = 4;

/** The nodemailer transport smtpMailer sends through (benchmarks compare against it bare). */
export const smtpTransport = (url: string) => nodemailer.createTransport({ url, pool: true, maxConnections: SMTP_CONNECTIONS });

/**
 * SMTP delivery (the local catcher in development, any provider in production) over a few pooled
 * connections: a message costs its MAIL/RCPT/DATA exchange, not a new connection, greeting and EHLO
 * (about 100 ms against the local catcher).
 */
export function smtpMailer(options: { url: string; from: string }): Mailer {
  const transport = smtpTransport(options.url);
  return {
    async send(email) {
      const info = await transport.sendMail({
        from: email.from ?? options.from,
        replyTo: email.replyTo,
        to: email.to,
        subject: email.subject,
        html: email.html,
        text: email.text,
        messageId: email.messageId,
        headers: email.headers,
      });
      return { response: info.response };
    },
    close: () => transport.close(),
  };
}

/**
 * What an SMTP failure means for the message:
 * - `recipient`: the server refused the recipient for good (5xx to RCPT TO, e.g. 550 no such user) or
 *   the address cannot be sent to at all — the address should be suppressed; `invalid` says it was
 *   malformed rather than unknown;
 * - `message`: the server refused this message for good (5xx after DATA: too big, content policy) —
 *   sending it again gets the same answer, but the address is not at fault;
 * - `transient`: anything else — connection refused or lost, timeouts, 4xx "try later", and also 5xx to
 *   the sender or to authentication, which are our configuration's fault and heal when it is fixed.
 */
export type SmtpFailure = { kind: 'recipient'; invalid: boolean; response: string } | { kind: 'message'; response: string } | { kind: 'transient' };

interface NodemailerError {
  code?: string;
  command?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

// RFC 5321: every 5yz reply is permanent except 503 (bad sequence: the session, not the message, was wrong).
const permanent = (code: number | undefined) => code !== undefined && code >= 500 && code < 600 && code !== 503;

export function classifySmtpFailure(error: unknown): SmtpFailure {
  if (typeof error !== 'object' || error === null) return { kind: 'transient' };
  const { code, command, responseCode, response, message } = error as NodemailerError;
  // nodemailer refuses an address it cannot put in an envelope before talking to the server.
  if (code === 'EENVELOPE' && command === 'API' && /recipient/i.test(message ?? '')) return { kind: 'recipient', invalid: true, response: message ?? 'invalid recipient' };
  if (!permanent(responseCode)) return { kind: 'transient' };
  const reply = response ?? String(responseCode);
  // 501 (syntax error in the address), 553 (mailbox name not allowed) and enhanced code 5.1.3 (bad
  // destination address syntax) say the address is malformed; other refusals that it does not exist.
  if (command === 'RCPT TO') return { kind: 'recipient', invalid: responseCode === 501 || responseCode === 553 || /\b5\.1\.3\b/.test(reply), response: reply };
  if (command === 'DATA' || code === 'EMESSAGE') return { kind: 'message', response: reply };
  return { kind: 'transient' };
}

/**
 * An SMTP error's message without the addresses servers echo in their replies ("550 <ada@…>: no such
 * user"): failure messages travel in Temporal histories, which payload encryption does not cover.
 */
export function redactAddresses(text: string): string {
  return text.replace(/[^\s<>"'(),;:]+@[^\s<>"'(),;:]+/g, '<address>');
}
