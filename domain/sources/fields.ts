import { z } from 'zod';

/**
 * Field schemas shared by the platform payload schemas. Each is strict about the value it accepts and
 * normalises it to what the canonical messages need, so the mappers only deal with clean values.
 */

/** Platforms send ids as numbers or strings; messages always carry them as strings. */
export const platformId = z.union([z.string().trim().min(1).max(255), z.number().int().nonnegative()]).transform(String);

/** An ISO-8601 date-time with a zone (`Z` or `+00:00`), normalised to UTC `…Z`. */
export const platformTimestamp = z.iso.datetime({ offset: true }).transform((value) => new Date(value).toISOString());

/** A three-letter ISO 4217 code in any case (Stripe sends `usd`), normalised to upper case. */
export const currencyCode = z
  .string()
  .regex(/^[A-Za-z]{3}$/, 'must be a three-letter ISO 4217 currency code')
  .transform((code) => code.toUpperCase());

/** Emails link a platform's learner to the learner we already know, so they must be real addresses. */
export const emailAddress = z.email();

/** A name, title or phone number as platforms send it: absent, null or blank all mean "unknown". */
export const optionalText = z
  .string()
  .nullish()
  .transform((value) => value?.trim() || undefined);

/** A quiz grade in percent; some platforms send it as a numeric string. */
export const percentScore = z.union([z.number(), z.string().trim().regex(/^\d+(\.\d+)?$/).transform(Number)]).pipe(z.number().min(0).max(100));

/** A money amount already in major units (e.g. Thinkific's `amount_dollars`), as a number or a decimal string. */
export const majorAmount = z.union([z.number(), z.string().trim().regex(/^\d+(\.\d+)?$/).transform(Number)]).pipe(z.number().nonnegative());

/** A money amount in the currency's minor units (cents), as platforms send it. */
export const minorAmount = z.number().int().nonnegative();
