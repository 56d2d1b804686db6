import { z } from 'zod';
import { messageChannelSchema, messageKindSchema, whenHeldBackSchema } from '../../messages/sends';
import { defineNodeType, nextOutput } from './node';

export const sendMessageSettingsSchema = z.object({
  /** Empty while the marketer has not chosen one yet; publishing refuses it. */
  templateId: z.string(),
  channel: messageChannelSchema,
  /** Transactional messages go to learners who opted out of marketing. */
  kind: messageKindSchema.default('marketing'),
  /** The subscription topic of a marketing message: learners who opted out of it do not get it. */
  topic: z.string().default('promotions'),
  /** A marketing message a frequency cap or quiet hours hold back waits for the next allowed moment, or is skipped. */
  whenHeldBack: whenHeldBackSchema.default('defer'),
  /** Webhook channel: the URL the message is POSTed to (signed). */
  webhookUrl: z.url({ protocol: /^https?$/ }).optional(),
});
export type SendMessageSettings = z.infer<typeof sendMessageSettingsSchema>;

export const sendMessageNodeType = defineNodeType({
  type: 'sendMessage',
  settingsSchema: sendMessageSettingsSchema,
  palette: { label: 'Send message', description: 'Sends the learner an email or calls a webhook from a template.', icon: 'mail', colour: '#0891b2', category: 'action' },
  waits: false,
  outputs: () => [nextOutput],
});
