import { classifySmtpFailure, redactAddresses } from '../mailer';
import { parseMailbox } from './email';

// Errors shaped as nodemailer 10 produces them (code, command, response, responseCode); the real
// errors from a real SMTP conversation are classified in test/messages/delivery.test.ts.
const smtpError = (code: string, command: string, response?: string) =>
  Object.assign(new Error(`failed${response ? `: ${response}` : ''}`), { code, command, ...(response ? { response, responseCode: Number(response.slice(0, 3)) } : {}) });

describe('classifySmtpFailure', () => {
  it('a permanent refusal of the recipient means the address is bad', () => {
    expect(classifySmtpFailure(smtpError('EENVELOPE', 'RCPT TO', '550 5.1.1 <ada@example.com>: user unknown'))).toEqual({ kind: 'recipient', invalid: false, response: '550 5.1.1 <ada@example.com>: user unknown' });
    expect(classifySmtpFailure(smtpError('EENVELOPE', 'RCPT TO', '551 user not local'))).toMatchObject({ kind: 'recipient', invalid: false });
  });

  it('a refusal for the address syntax means the address is invalid', () => {
    expect(classifySmtpFailure(smtpError('EENVELOPE', 'RCPT TO', '553 mailbox name not allowed'))).toMatchObject({ kind: 'recipient', invalid: true });
    expect(classifySmtpFailure(smtpError('EENVELOPE', 'RCPT TO', '501 syntax error in parameters'))).toMatchObject({ kind: 'recipient', invalid: true });
    expect(classifySmtpFailure(smtpError('EENVELOPE', 'RCPT TO', '550 5.1.3 bad destination mailbox address syntax'))).toMatchObject({ kind: 'recipient', invalid: true });
    // nodemailer refuses an unusable address itself, before the server sees it.
    expect(classifySmtpFailure(Object.assign(new Error('Invalid recipient "a b"'), { code: 'EENVELOPE', command: 'API' }))).toMatchObject({ kind: 'recipient', invalid: true });
  });

  it('a permanent refusal after DATA is about the message, not the address', () => {
    expect(classifySmtpFailure(smtpError('EMESSAGE', 'DATA', '554 5.7.1 message rejected as spam'))).toEqual({ kind: 'message', response: '554 5.7.1 message rejected as spam' });
    expect(classifySmtpFailure(smtpError('EMESSAGE', 'DATA', '552 message too large'))).toMatchObject({ kind: 'message' });
  });

  it('"try later", connection failures, 503 and refusals of our own sender or login are worth retrying', () => {
    expect(classifySmtpFailure(smtpError('EENVELOPE', 'RCPT TO', '451 4.7.1 greylisted, try later'))).toEqual({ kind: 'transient' });
    expect(classifySmtpFailure(smtpError('EENVELOPE', 'RCPT TO', '421 service not available'))).toEqual({ kind: 'transient' });
    expect(classifySmtpFailure(smtpError('EENVELOPE', 'RCPT TO', '503 bad sequence of commands'))).toEqual({ kind: 'transient' });
    expect(classifySmtpFailure(smtpError('EENVELOPE', 'MAIL FROM', '550 sender not allowed'))).toEqual({ kind: 'transient' });
    expect(classifySmtpFailure(smtpError('EAUTH', 'AUTH PLAIN', '535 authentication failed'))).toEqual({ kind: 'transient' });
    expect(classifySmtpFailure(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ESOCKET', command: 'CONN' }))).toEqual({ kind: 'transient' });
    expect(classifySmtpFailure(Object.assign(new Error('Greeting never received'), { code: 'ETIMEDOUT', command: 'CONN' }))).toEqual({ kind: 'transient' });
    expect(classifySmtpFailure('not even an error')).toEqual({ kind: 'transient' });
  });
});

describe('redactAddresses', () => {
  it('removes every address from a server reply and keeps the rest', () => {
    expect(redactAddresses("550 5.1.1 <Ada.Lovelace+news@Example.com>: Recipient address rejected; ada@example.com unknown")).toBe('550 5.1.1 <<address>>: Recipient address rejected; <address> unknown');
    expect(redactAddresses('connect ECONNREFUSED 127.0.0.1:2525')).toBe('connect ECONNREFUSED 127.0.0.1:2525');
  });
});

describe('parseMailbox', () => {
  it('reads MAIL_FROM with or without a display name', () => {
    expect(parseMailbox('Course Journeys <courses@example.com>')).toEqual({ name: 'Course Journeys', address: 'courses@example.com' });
    expect(parseMailbox('"Ada, Inc." <ada@example.com>')).toEqual({ name: 'Ada, Inc.', address: 'ada@example.com' });
    expect(parseMailbox('courses@example.com')).toEqual({ address: 'courses@example.com' });
  });

  it('refuses a value without an address', () => {
    expect(() => parseMailbox('Course Journeys')).toThrow(/MAIL_FROM must be an email address/);
  });
});
