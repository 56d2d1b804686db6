/**
 * What an email domain says about a learner: a free-mail address is a consumer, a school or
 * university address a student or educator, a disposable one someone who will not read the mail,
 * anything else most likely a work address (the B2B signal marketers want).
 */
export type EmailDomainKind = 'free' | 'company' | 'education' | 'disposable';

export interface EmailDomainClass {
  domain: string;
  kind: EmailDomainKind;
}

/** Free-mail providers under exactly these domains. */
const freeDomains = new Set([
  '126.com', '163.com', 'aim.com', 'aol.com', 'comcast.net', 'fastmail.com', 'gmail.com', 'googlemail.com',
  'hey.com', 'hushmail.com', 'icloud.com', 'inbox.ru', 'laposte.net', 'libero.it', 'list.ru', 'mac.com',
  'mail.com', 'mail.ru', 'me.com', 'msn.com', 'naver.com', 'orange.fr', 'pm.me', 'proton.me', 'protonmail.com',
  'qq.com', 'rediffmail.com', 'rocketmail.com', 'sina.com', 'sohu.com', 't-online.de', 'tutanota.com', 'tuta.io',
  'wanadoo.fr', 'web.de', 'ya.ru', 'yeah.net', 'zoho.com',
]);

/** Providers that run the same service under many country domains (hotmail.co.uk, yahoo.com.br, gmx.de). */
const freeBrands = new Set(['gmx', 'hotmail', 'live', 'outlook', 'yahoo', 'yandex', 'ymail']);

const disposableDomains = new Set([
  '10minutemail.com', '10minutemail.net', 'dispostable.com', 'discard.email', 'emailondeck.com', 'fakeinbox.com',
  'getnada.com', 'grr.la', 'guerrillamail.biz', 'guerrillamail.com', 'guerrillamail.de', 'guerrillamail.net',
  'guerrillamail.org', 'mailinator.com', 'maildrop.cc', 'mailnesia.com', 'mintemail.com', 'mohmal.com',
  'sharklasers.com', 'spamgourmet.com', 'temp-mail.org', 'tempmail.com', 'tempmail.net', 'tempmailo.com',
  'throwawaymail.com', 'trashmail.com', 'yopmail.com',
]);

// brand + a generic or country ending: hotmail.com, hotmail.fr, yahoo.co.uk, yahoo.com.br, gmx.net.
const brandPattern = /^([a-z0-9-]+)\.(com|net|org|[a-z]{2})(\.[a-z]{2})?$/;

// Universities and schools: harvard.edu, ox.ac.uk, unimelb.edu.au, school.k12.ca.us, school.sch.uk.
const educationPattern = /(\.edu|\.edu\.[a-z]{2}|\.ac\.[a-z]{2}|\.k12\.[a-z]{2}\.us|\.sch\.uk)$/;

function kindOf(domain: string): EmailDomainKind {
  if (disposableDomains.has(domain)) return 'disposable';
  if (freeDomains.has(domain) || freeBrands.has(brandPattern.exec(domain)?.[1] ?? '')) return 'free';
  if (educationPattern.test(domain)) return 'education';
  return 'company';
}

/** Classifies the domain of an address (or a bare domain); expects a normalised, valid address. */
export function classifyEmailDomain(email: string): EmailDomainClass {
  const domain = email.slice(email.lastIndexOf('@') + 1).trim().toLowerCase().replace(/\.$/, '');
  return { domain, kind: kindOf(domain) };
}
