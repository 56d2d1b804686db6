import nodemailer from 'nodemailer';

export interface OutgoingEmail {
  to: string;
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

/** SMTP delivery (the local catcher in development, any provider in production). */
export function smtpMailer(options: { url: string; from: string }): Mailer {
  const transport = nodemailer.createTransport(options.url);
  return {
    async send(email) {
      const info = await transport.sendMail({ from: options.from, to: email.to, subject: email.subject, html: email.html, text: email.text, messageId: email.messageId, headers: email.headers });
      return { response: info.response };
    },
    close: () => transport.close(),
  };
}
