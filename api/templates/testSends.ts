import { randomUUID } from 'node:crypto';
import type { RenderedPreview, TemplateTestSend } from '../../domain/messages/templates';
import { classifySmtpFailure, redactAddresses, type Mailer } from '../../messages/mailer';
import { ApiError, invalidBody } from '../errors';

export const TEST_SUBJECT_PREFIX = '[Test] ';

/** Not a learner's send: the Message-ID says so, and no ledger entry or token refers to it. */
const MESSAGE_ID_DOMAIN = 'course-journeys.local';

/** 503 before any rendering when this process has no mailer, so the author knows sending is off here, not broken. */
export function requireMailer(mailer: Mailer | undefined): Mailer {
  if (!mailer) throw new ApiError(503, 'not_ready', 'Test sends need a mail server, and this API process has none configured (SMTP_URL).', { unavailable: ['mailer'] });
  return mailer;
}

/**
 * Mails a rendered preview to `to` as a test: "[Test] " before the subject, no tracking, no
 * unsubscribe footer, nothing in the send ledger — the preview as it is. The recipient is the author,
 * not a learner, so suppressions and consent do not apply. A permanent refusal of the address is a
 * 400 on `to`; any other SMTP failure a 503 (nothing is retried: the author can press the button again).
 */
export async function mailTest(mailer: Mailer, to: string, rendered: RenderedPreview & { version?: number }): Promise<TemplateTestSend> {
  const subject = `${TEST_SUBJECT_PREFIX}${rendered.subject}`;
  try {
    await mailer.send({ to, subject, html: rendered.html, text: rendered.text, messageId: `<test.${randomUUID()}@${MESSAGE_ID_DOMAIN}>` });
  } catch (error) {
    const failure = classifySmtpFailure(error);
    if (failure.kind === 'recipient') throw invalidBody([{ path: ['to'], code: 'refused_recipient', message: `the mail server refused this address: ${failure.response}` }]);
    const detail = failure.kind === 'message' ? failure.response : ((error as { message?: string } | undefined)?.message ?? String(error));
    throw new ApiError(503, 'not_ready', `The mail server did not take the test message: ${redactAddresses(detail)}`, { unavailable: ['mailer'] });
  }
  return {
    to,
    subject,
    ...(rendered.version !== undefined ? { version: rendered.version } : {}),
    ...(rendered.locale ? { locale: rendered.locale } : {}),
    ...(rendered.variant ? { variant: rendered.variant } : {}),
    warnings: rendered.warnings,
  };
}
