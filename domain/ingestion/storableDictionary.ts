import { z } from 'zod';

/** Deeper documents than this are refused: nobody needs them and they make the store struggle. */
export const MAX_NESTING = 16;
const isStorableKey = (key: string) => key.length > 0 && key.length <= 255 && !key.startsWith('$') && !key.includes('.') && !key.includes(String.fromCharCode(0));

function checkNested(value: unknown, path: (string | number)[], depth: number, context: z.RefinementCtx): void {
  if (depth > MAX_NESTING) {
    context.addIssue({ code: 'custom', path, message: `nested deeper than ${MAX_NESTING} levels` });
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => checkNested(item, [...path, index], depth + 1, context));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (!isStorableKey(key)) {
        context.addIssue({ code: 'custom', path: [...path, key], message: 'keys may not start with "$" or contain "." or NUL' });
      } else {
        checkNested(item, [...path, key], depth + 1, context);
      }
    }
  }
}

/**
 * A JSON object of properties, traits or context that the store can hold as it is: keys that are
 * not operators or paths ("$set", "a.b"), and bounded nesting. Issues name the offending key's path.
 */
export const storableDictionary = z
  .record(z.string(), z.unknown())
  .superRefine((value, context) => checkNested(value, [], 0, context));
