/** Age bands for segmenting by life stage; learners under 18 get none (no band is marketed to them). */
export const ageRanges = ['18-24', '25-34', '35-44', '45-54', '55-64', '65+'] as const;
export type AgeRange = (typeof ageRanges)[number];

/** Completed years between a `YYYY-MM-DD` birthdate and `now`, counted on UTC calendar dates. */
export function ageOn(birthdate: string, now: Date): number {
  const [year = 0, month = 0, day = 0] = birthdate.split('-').map(Number);
  const hadBirthdayThisYear = now.getUTCMonth() + 1 > month || (now.getUTCMonth() + 1 === month && now.getUTCDate() >= day);
  return now.getUTCFullYear() - year - (hadBirthdayThisYear ? 0 : 1);
}

export function ageRangeOf(age: number): AgeRange | undefined {
  if (age < 18) return undefined;
  if (age <= 24) return '18-24';
  if (age <= 34) return '25-34';
  if (age <= 44) return '35-44';
  if (age <= 54) return '45-54';
  if (age <= 64) return '55-64';
  return '65+';
}
