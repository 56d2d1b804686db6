import { sendMessageNodeType, sendMessageSettingsSchema } from './sendMessage';

describe('sendMessage node', () => {
  test('defaults to a marketing message and allows a draft without a template', () => {
    expect(sendMessageSettingsSchema.parse({ templateId: '', channel: 'email' })).toEqual({ templateId: '', channel: 'email', kind: 'marketing' });
    expect(sendMessageSettingsSchema.parse({ templateId: 'receipt', channel: 'webhook', kind: 'transactional' })).toEqual({ templateId: 'receipt', channel: 'webhook', kind: 'transactional' });
  });

  test('rejects other channels and kinds', () => {
    expect(sendMessageSettingsSchema.safeParse({ templateId: 'welcome', channel: 'sms' }).success).toBe(false);
    expect(sendMessageSettingsSchema.safeParse({ templateId: 'welcome', channel: 'email', kind: 'promotional' }).success).toBe(false);
  });

  test('has one output and is an action', () => {
    expect(sendMessageNodeType.outputs({ templateId: 'welcome', channel: 'email', kind: 'marketing' })).toEqual([{ id: 'next', label: 'next' }]);
    expect(sendMessageNodeType.palette.category).toBe('action');
  });
});
