import type { StoreModels } from '../store/connection';
import { emailChannel } from './channels/email';
import { webhookChannel } from './channels/webhook';
import { addressCheck } from './checks/address';
import type { Mailer } from './mailer';
import { MessageSender } from './sendMessage';
import { TemplateRenderer } from './templateRenderer';

export interface SenderOptions {
  models: StoreModels;
  mailer: Mailer;
}

/** The message sender as every process wires it: checks, renderer, decorators and channels in order. */
export function createMessageSender({ models, mailer }: SenderOptions): MessageSender {
  return new MessageSender(models, {
    checks: [addressCheck],
    renderer: new TemplateRenderer(models),
    decorators: [],
    channels: { email: emailChannel(mailer), webhook: webhookChannel() },
    messageIdDomain: 'course-journeys.local',
  });
}
