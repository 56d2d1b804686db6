import { sendMessageNodeType, sendMessageSettingsSchema } from './sendMessage';

describe('sendMessage node', () => {
  test('defaults to a marketing message and allows a draft without a template', () => {
    expect(sendMessageSettingsSchema.parse({ templateId: '', channel: 'email' })).toEqual({ templateId: '', channel: 'email', kind: 'marketing', topic: 'promotions', whenHeldBack: 'defer' });
    expect(sendMessageSettingsSchema.parse({ templateId: 'receipt', channel: 'webhook', kind: 'transactional', webhookUrl: 'https://crm.example.com/hook' })).toMatchObject({ channel: 'webhook', kind: 'transactional', webhookUrl: 'https://crm.example.com/hook' });
  });

  test('rejects other channels and kinds', () => {
    expect(sendMessageSettingsSchema.safeParse({ templateId: 'welcome', channel: 'sms' }).success).toBe(false);
    expect(sendMessageSettingsSchema.safeParse({ templateId: 'welcome', channel: 'email', kind: 'promotional' }).success).toBe(false);
    expect(sendMessageSettingsSchema.safeParse({ templateId: 'welcome', channel: 'webhook', webhookUrl: 'ftp://example.com/x' }).success).toBe(false);
    expect(sendMessageSettingsSchema.safeParse({ templateId: 'welcome', channel: 'email', whenHeldBack: 'later' }).success).toBe(false);
  });

  test('has one output and is an action', () => {
    expect(sendMessageNodeType.outputs(sendMessageSettingsSchema.parse({ templateId: 'welcome', channel: 'email' }))).toEqual([{ id: 'next', label: 'next' }]);
    expect(sendMessageNodeType.palette.category).toBe('action');
  });
});
