import { isValidEmailSyntax, normaliseEmail } from './email';

describe('normaliseEmail', () => {
  test.each([
    ['jane@example.com', 'jane@example.com', true],
    ['  Jane.Doe@Example.COM  ', 'jane.doe@example.com', true],
    ['jane+courses@example.co.uk', 'jane+courses@example.co.uk', true],
    ["o'brien@example.ie", "o'brien@example.ie", true],
    ['first_last-1@sub.mail.example.org', 'first_last-1@sub.mail.example.org', true],
    ['x@example.io', 'x@example.io', true],
    ['user@xn--mnchen-3ya.de', 'user@xn--mnchen-3ya.de', true],
    ['user@domain.xn--p1ai', 'user@domain.xn--p1ai', true],
    ['no-at-sign.example.com', 'no-at-sign.example.com', false],
    ['two@at@example.com', 'two@at@example.com', false],
    ['@example.com', '@example.com', false],
    ['jane@', 'jane@', false],
    ['jane@localhost', 'jane@localhost', false],
    ['jane@example', 'jane@example', false],
    ['jane@example.c', 'jane@example.c', false],
    ['jane@example.123', 'jane@example.123', false],
    ['jane@-example.com', 'jane@-example.com', false],
    ['jane@example-.com', 'jane@example-.com', false],
    ['jane@example..com', 'jane@example..com', false],
    ['jane@.example.com', 'jane@.example.com', false],
    ['.jane@example.com', '.jane@example.com', false],
    ['jane.@example.com', 'jane.@example.com', false],
    ['ja..ne@example.com', 'ja..ne@example.com', false],
    ['jane doe@example.com', 'jane doe@example.com', false],
    ['"jane doe"@example.com', '"jane doe"@example.com', false],
    ['jane@[192.168.0.1]', 'jane@[192.168.0.1]', false],
    ['jöns@example.com', 'jöns@example.com', false],
    ['jane@münchen.de', 'jane@münchen.de', false],
    ['jane@exa_mple.com', 'jane@exa_mple.com', false],
    ['Jane Doe <jane@example.com>', 'jane doe <jane@example.com>', false],
  ])('%j → %j (valid: %s)', (input, value, valid) => {
    expect(normaliseEmail(input)).toEqual({ value, valid });
  });

  test.each([[undefined], [null], [''], ['   '], [42], [true], [{ email: 'jane@example.com' }], [['jane@example.com']]])(
    '%j is not an email at all',
    (input) => {
      expect(normaliseEmail(input)).toBeUndefined();
    },
  );

  test('enforces the length limits', () => {
    const domain = 'example.com';
    expect(isValidEmailSyntax(`${'a'.repeat(64)}@${domain}`)).toBe(true);
    expect(isValidEmailSyntax(`${'a'.repeat(65)}@${domain}`)).toBe(false);
    expect(isValidEmailSyntax(`jane@${'a'.repeat(63)}.com`)).toBe(true);
    expect(isValidEmailSyntax(`jane@${'a'.repeat(64)}.com`)).toBe(false);
    const longDomain = `${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(50)}.com`;
    expect(`x@${longDomain}`.length).toBeLessThanOrEqual(254);
    expect(isValidEmailSyntax(`x@${longDomain}`)).toBe(true);
    expect(isValidEmailSyntax(`${'x'.repeat(20)}@${longDomain}`)).toBe(false);
  });
});
