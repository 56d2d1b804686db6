/**
 * Email normalisation. The check is a pragmatic subset of RFC 5322 (an unquoted dot-atom local part
 * and an ASCII host name), which is what sending providers accept in practice; quoted local parts,
 * IP-literal domains and internationalised addresses are reported invalid rather than guessed at.
 */

const MAX_ADDRESS_LENGTH = 254;
const MAX_LOCAL_PART_LENGTH = 64;
const MAX_LABEL_LENGTH = 63;

// RFC 5322 "atext": the characters an unquoted local part may use between dots.
const localPartPattern = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const domainLabelPattern = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
// A top-level domain is alphabetic, or an IDN in its ASCII (punycode) form.
const topLevelDomainPattern = /^([a-z]{2,}|xn--[a-z0-9-]+)$/;

export interface NormalisedEmail {
  value: string;
  valid: boolean;
}

export function isValidEmailSyntax(address: string): boolean {
  if (address.length > MAX_ADDRESS_LENGTH) return false;
  const at = address.indexOf('@');
  if (at <= 0 || at !== address.lastIndexOf('@')) return false;
  const localPart = address.slice(0, at);
  const labels = address.slice(at + 1).split('.');
  const topLevelDomain = labels[labels.length - 1] ?? '';
  return (
    localPart.length <= MAX_LOCAL_PART_LENGTH &&
    localPartPattern.test(localPart) &&
    labels.length >= 2 &&
    labels.every((label) => label.length <= MAX_LABEL_LENGTH && domainLabelPattern.test(label)) &&
    topLevelDomainPattern.test(topLevelDomain)
  );
}

/** Trimmed and lower-cased address with its syntax verdict; undefined for non-strings and blanks. */
export function normaliseEmail(input: unknown): NormalisedEmail | undefined {
  if (typeof input !== 'string') return undefined;
  const value = input.trim().toLowerCase();
  if (value === '') return undefined;
  return { value, valid: isValidEmailSyntax(value) };
}
