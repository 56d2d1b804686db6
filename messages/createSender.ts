import type { Env } from '../config/env';
import type { StoreModels } from '../store/connection';
import { emailChannel } from './channels/email';
import { webhookChannel } from './channels/webhook';
import { addressCheck } from './checks/address';
import { consentCheck } from './checks/consent';
import { frequencyCapCheck } from './checks/frequencyCap';
import { quietHoursCheck } from './checks/quietHours';
import { suppressionCheck } from './checks/suppression';
import { complianceDecorator } from './compliance';
import { DeliveryService } from './deliveryService';
import type { Mailer } from './mailer';
import { MessageSender } from './sendMessage';
import { TemplateRenderer } from './templateRenderer';
import { messageTokensFrom } from './tokens';
import { trackingDecorator } from './tracking/trackingDecorator';

export interface SenderOptions {
  models: StoreModels;
  mailer: Mailer;
  env: Pick<Env, 'NODE_ENV' | 'MESSAGE_TOKEN_SECRET' | 'SENDER_POSTAL_ADDRESS' | 'MAIL_FROM' | 'MAIL_REPLY_TO' | 'WEBHOOK_SIGNING_SECRET' | 'MARKETING_CAP_PER_DAY' | 'MARKETING_CAP_PER_WEEK' | 'QUIET_HOURS' | 'DEFAULT_TIMEZONE'>;
  /** Where the API is reachable from a learner's mail client (tracked links, unsubscribe). */
  publicUrl: string;
  log?: { warn(object: object, message: string): void };
}

/**
 * The message sender as every process wires it. Checks run cheapest and most final first (no address,
 * suppressed, opted out → skipped; quiet hours, caps → deferred or skipped); tracking rewrites the
 * template's links before the compliance footer adds its own (which stay untracked).
 */
export function createMessageSender({ models, mailer, env, publicUrl, log }: SenderOptions): { sender: MessageSender; delivery: DeliveryService } {
  const tokens = messageTokensFrom(env);
  const delivery = new DeliveryService(models, { email: emailChannel(mailer, { models, env }), webhook: webhookChannel(env) }, { log });
  const sender = new MessageSender(models, {
    checks: [
      addressCheck,
      suppressionCheck(models),
      consentCheck(models),
      quietHoursCheck({ quietHours: env.QUIET_HOURS, defaultTimezone: env.DEFAULT_TIMEZONE }),
      frequencyCapCheck(models, { perDay: env.MARKETING_CAP_PER_DAY, perWeek: env.MARKETING_CAP_PER_WEEK }),
    ],
    renderer: new TemplateRenderer(models),
    decorators: [trackingDecorator({ tokens, publicUrl }), complianceDecorator({ tokens, publicUrl, postalAddress: env.SENDER_POSTAL_ADDRESS })],
    messageIdDomain: 'course-journeys.local',
    localDelivery: delivery,
  });
  return { sender, delivery };
}
