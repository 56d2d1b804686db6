import { z } from 'zod';
import { defineNodeType, nextOutput } from './node';

export const sendMessageSettingsSchema = z.object({
  /** Empty while the marketer has not chosen one yet; publishing refuses it. */
  templateId: z.string(),
  channel: z.enum(['email', 'webhook']),
  /** Transactional messages go to learners who opted out of marketing. */
  kind: z.enum(['marketing', 'transactional']).default('marketing'),
});
export type SendMessageSettings = z.infer<typeof sendMessageSettingsSchema>;

export const sendMessageNodeType = defineNodeType({
  type: 'sendMessage',
  settingsSchema: sendMessageSettingsSchema,
  palette: { label: 'Send message', description: 'Sends the learner an email or calls a webhook from a template.', icon: 'mail', colour: '#0891b2', category: 'action' },
  waits: false,
  outputs: () => [nextOutput],
});
