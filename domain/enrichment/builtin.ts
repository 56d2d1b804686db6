import { normaliseEmail } from '../normalise/email';
import { classifyEmailDomain } from './emailDomain';
import { classifyJobTitle } from './jobTitle';
import { onlyMissingTraits } from './missingTraits';
import { guessTimezone } from './timezoneFromCountry';

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

/**
 * Traits derived from the learner's own traits without calling anyone: the kind of email domain, a
 * time zone guessed from country and region, seniority and department from the job title. Returns
 * only traits to add; a trait the learner already has is never replaced, and "don't know" answers
 * (unknown seniority, department "other") are left out rather than stored.
 */
export function enrichTraits(traits: Record<string, unknown>): Record<string, unknown> {
  const derived: Record<string, unknown> = {};
  const email = normaliseEmail(traits.email);
  if (email?.valid && traits.emailStatus !== 'invalid') {
    const { domain, kind } = classifyEmailDomain(email.value);
    derived.emailDomain = domain;
    derived.emailDomainKind = kind;
  }
  const timezone = guessTimezone(text(traits.country), text(traits.region));
  if (timezone) derived.timezone = timezone;
  const jobTitle = text(traits.jobTitle);
  if (jobTitle) {
    const { seniority, department } = classifyJobTitle(jobTitle);
    if (seniority !== 'unknown') derived.seniority = seniority;
    if (department !== 'other') derived.department = department;
  }
  return onlyMissingTraits(traits, derived);
}
