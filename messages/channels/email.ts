import type { Mailer } from '../mailer';
import type { ChannelDelivery } from '../pipeline';

/** Email through the configured SMTP transport, to the learner's address. */
export function emailChannel(mailer: Mailer): ChannelDelivery {
  return {
    async deliver(message, { traits, messageId }) {
      return mailer.send({ to: traits.email as string, subject: message.subject, html: message.html, text: message.text, messageId, headers: message.headers });
    },
  };
}
