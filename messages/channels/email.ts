import addressparser from 'nodemailer/lib/addressparser';
import type { Env } from '../../config/env';
import type { StoreModels } from '../../store/connection';
import { classifySmtpFailure, redactAddresses, type MailAddress, type Mailer } from '../mailer';
import { UndeliverableMessageError, type ChannelDelivery } from '../pipeline';
import { suppress } from '../suppressions';
import { journeyDeliveryLookup } from './journeyDelivery';

export interface EmailChannelOptions {
  models: Pick<StoreModels, 'journeyVersions' | 'suppressions'>;
  env: Pick<Env, 'MAIL_FROM' | 'MAIL_REPLY_TO'>;
}

/** MAIL_FROM as a mailbox (`Name <address>` or a bare address), so a journey can replace either half. */
export function parseMailbox(value: string): MailAddress {
  const [first] = addressparser(value, { flatten: true });
  if (!first?.address) throw new Error(`MAIL_FROM must be an email address, optionally with a name ("Name <address>"): ${JSON.stringify(value)}`);
  return first.name ? { name: first.name, address: first.address } : { address: first.address };
}

/**
 * Email through the configured SMTP transport, to the learner's address, from the journey's sender
 * (else MAIL_FROM) with its Reply-To (else MAIL_REPLY_TO), carrying the headers decorators added
 * (List-Unsubscribe, …). A permanent refusal of the recipient suppresses the address and gives up;
 * a permanent refusal of the message gives up; anything else (SMTP down, "try later") is thrown as an
 * ordinary error, with addresses taken out of its message, so the delivery is retried with backoff.
 */
export function emailChannel(mailer: Mailer, { models, env }: EmailChannelOptions): ChannelDelivery {
  const defaultFrom = parseMailbox(env.MAIL_FROM);
  const deliveryOf = journeyDeliveryLookup(models);
  return {
    async deliver(message, { request, traits, messageId }) {
      const to = traits.email as string;
      const delivery = await deliveryOf(request.journeyId, request.journeyVersion);
      const name = delivery.fromName ?? defaultFrom.name;
      const from: MailAddress = { ...(name ? { name } : {}), address: delivery.fromAddress ?? defaultFrom.address };
      const replyTo = delivery.replyTo ?? env.MAIL_REPLY_TO;
      try {
        return await mailer.send({ to, from, ...(replyTo ? { replyTo } : {}), subject: message.subject, html: message.html, text: message.text, messageId, headers: message.headers });
      } catch (error) {
        if (error instanceof UndeliverableMessageError) throw error;
        const failure = classifySmtpFailure(error);
        if (failure.kind === 'recipient') {
          await suppress(models, to, failure.invalid ? 'invalid' : 'hard_bounce');
          throw new UndeliverableMessageError(`the mail server refused the recipient for good (${redactAddresses(failure.response)}); the address is suppressed`);
        }
        if (failure.kind === 'message') throw new UndeliverableMessageError(`the mail server refused the message for good (${redactAddresses(failure.response)})`);
        // Thrown again without its cause, which would carry the address into the run's history.
        throw new Error(`SMTP delivery failed, to be retried: ${redactAddresses((error as { message?: string } | undefined)?.message ?? String(error))}`);
      }
    },
  };
}
