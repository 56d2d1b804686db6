import { ageOn, ageRangeOf } from './age';
import { mapCategory, type CategoryMaps } from './categorical';
import { normaliseCountry } from './country';
import { normaliseDate } from './date';
import { normaliseEmail } from './email';
import { splitName } from './names';
import { normalisePhone } from './phone';
import { normaliseTimezone } from './timezone';

export interface TraitProblem {
  trait: string;
  value: unknown;
  problem: string;
}

export interface NormaliseTraitsOptions {
  categoryMaps?: CategoryMaps;
  /** The moment ages are computed at (and birthdates must precede). */
  now?: Date;
}

export interface NormalisedTraits {
  traits: Record<string, unknown>;
  problems: TraitProblem[];
}

const OLDEST_PLAUSIBLE_AGE = 120;

/** Timestamps by naming convention: createdAt, lastLoginAt, created_at, trialEndDate, start_date… */
const dateTraitPattern = /^(createdAt|created_at)$|[a-z0-9](At|_at|Date|_date)$/;

const isBlank = (value: unknown) => typeof value === 'string' && value.trim() === '';

/** Collects the normalised traits and what could not be normalised, for one identify message. */
class TraitNormaliser {
  readonly problems: TraitProblem[] = [];

  constructor(readonly traits: Record<string, unknown>) {}

  /**
   * The value to normalise, or undefined when there is nothing to do. `null` is passed through: in
   * Segment's spec it clears a trait. A blank string is dropped without a problem: forms send empty
   * fields for questions the learner skipped, and that must not erase what the profile holds.
   */
  present(trait: string): unknown {
    const value = this.traits[trait];
    if (isBlank(value)) delete this.traits[trait];
    return value === null || isBlank(value) ? undefined : value;
  }

  drop(trait: string, value: unknown, problem: string): void {
    delete this.traits[trait];
    this.problems.push({ trait, value, problem });
  }

  /** Replaces the trait by its normal form, or drops it with `problem` when it has none. */
  replace(trait: string, normalise: (value: unknown) => string | undefined, problem: string): void {
    const value = this.present(trait);
    if (value === undefined) return;
    const normalised = normalise(value);
    if (normalised === undefined) this.drop(trait, value, problem);
    else this.traits[trait] = normalised;
  }
}

function normaliseEmailTraits(normaliser: TraitNormaliser): void {
  const value = normaliser.present('email');
  if (value === undefined) return;
  const email = normaliseEmail(value);
  if (!email) return normaliser.drop('email', value, 'email is not text');
  const { traits } = normaliser;
  traits.email = email.value;
  if (email.valid) {
    if (traits.emailStatus !== 'undeliverable') traits.emailStatus = 'valid';
    return;
  }
  // Kept so the learner can still be matched and the address corrected, but never mailed.
  traits.emailStatus = 'invalid';
  normaliser.problems.push({ trait: 'email', value, problem: 'invalid email syntax' });
}

function normaliseNameTraits(normaliser: TraitNormaliser): void {
  const { traits } = normaliser;
  for (const trait of ['name', 'firstName', 'lastName']) {
    const value = normaliser.present(trait);
    if (typeof value === 'string') traits[trait] = value.trim().replace(/\s+/g, ' ');
  }
  if (typeof traits.name !== 'string') return;
  const parts = splitName(traits.name);
  if (traits.firstName === undefined && parts.firstName) traits.firstName = parts.firstName;
  if (traits.lastName === undefined && parts.lastName) traits.lastName = parts.lastName;
}

function normaliseBirthdate(normaliser: TraitNormaliser, now: Date): void {
  const value = normaliser.present('birthdate');
  if (value === undefined) return;
  const birthdate = normaliseDate(value)?.slice(0, 10);
  if (!birthdate) return normaliser.drop('birthdate', value, 'not a recognised date (use YYYY-MM-DD)');
  const age = ageOn(birthdate, now);
  if (age < 0) return normaliser.drop('birthdate', value, 'birthdate is in the future');
  if (age > OLDEST_PLAUSIBLE_AGE) return normaliser.drop('birthdate', value, 'birthdate is implausibly long ago');
  normaliser.traits.birthdate = birthdate;
  const ageRange = ageRangeOf(age);
  if (ageRange) normaliser.traits.ageRange = ageRange;
}

function applyCategoryMaps(normaliser: TraitNormaliser, maps: CategoryMaps): void {
  for (const trait of Object.keys(maps)) {
    const value = normaliser.present(trait);
    if (value === undefined) continue;
    const canonical = mapCategory(trait, value, maps);
    // Unlisted values are kept: the report tells the marketer which mapping to add.
    if (canonical === undefined) normaliser.problems.push({ trait, value, problem: 'value not in the category map' });
    else normaliser.traits[trait] = canonical;
  }
}

/**
 * Normalises the well-known traits of an identify message and keeps every other trait as it is.
 * Values that cannot be normalised are left out of `traits` and listed in `problems`, except an
 * email with invalid syntax, which is kept (lower-cased) and marked `emailStatus: 'invalid'`.
 */
export function normaliseTraits(input: Record<string, unknown>, options: NormaliseTraitsOptions = {}): NormalisedTraits {
  const normaliser = new TraitNormaliser({ ...input });
  const { traits } = normaliser;
  normaliser.replace('country', normaliseCountry, 'unknown country');
  normaliser.replace('timezone', normaliseTimezone, 'unknown time zone');
  // National numbers ("020 7946 0958") are read in the learner's own country.
  const country = typeof traits.country === 'string' ? traits.country : undefined;
  normaliser.replace('phone', (value) => normalisePhone(value, country), 'invalid phone number');
  normaliseEmailTraits(normaliser);
  normaliseNameTraits(normaliser);
  normaliseBirthdate(normaliser, options.now ?? new Date());
  for (const trait of Object.keys(traits).filter((key) => dateTraitPattern.test(key))) {
    normaliser.replace(trait, normaliseDate, 'not a recognised date (use ISO 8601)');
  }
  if (options.categoryMaps) applyCategoryMaps(normaliser, options.categoryMaps);
  return { traits, problems: normaliser.problems };
}
