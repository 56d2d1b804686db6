import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import { testConfig } from '../support/env';

describe('the local mail catcher', () => {
  it('accepts mail over SMTP and shows it through its inbox API', async () => {
    const { smtp } = testConfig();
    const subject = `Welcome to UX Foundations ${randomUUID()}`;
    const transport = nodemailer.createTransport(smtp.url);
    await transport.sendMail({ from: 'courses@example.com', to: 'ada@example.com', subject, text: 'Your first lesson is ready.' });
    transport.close();

    const response = await fetch(`${smtp.inboxUrl}/api/email`);
    expect(response.ok).toBe(true);
    const inbox = (await response.json()) as { subject: string; to: { address: string }[] }[];
    const received = inbox.find((mail) => mail.subject === subject);
    expect(received?.to[0]?.address).toBe('ada@example.com');
  });
});
