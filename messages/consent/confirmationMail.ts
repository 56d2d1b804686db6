import { randomUUID } from 'node:crypto';
import type { Mailer } from '../mailer';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/**
 * The double opt-in confirmation: transactional by nature (the learner asked for it), so it goes out
 * at once through the mailer, outside journeys, caps and the send ledger. Carries the signed link only.
 */
export async function sendConfirmationMail(mailer: Mailer, request: { to: string; topicName: string; confirmationUrl: string; messageIdDomain: string }): Promise<void> {
  const topic = escapeHtml(request.topicName);
  await mailer.send({
    to: request.to,
    subject: `Please confirm: ${request.topicName}`,
    html: `<p>Please confirm that you would like to receive <strong>${topic}</strong>.</p><p><a href="${escapeHtml(request.confirmationUrl)}">Yes, subscribe me</a></p><p>If you did not ask for this, ignore this email and nothing will change.</p>`,
    text: `Please confirm that you would like to receive ${request.topicName}:\n${request.confirmationUrl}\n\nIf you did not ask for this, ignore this email and nothing will change.`,
    messageId: `<confirm.${randomUUID()}@${request.messageIdDomain}>`,
  });
}
