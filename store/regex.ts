const REGEX_SPECIALS = /[.*+?^${}()|[\]\\]/g;

/** Text to match literally inside a store `$regex`. */
export const escapeRegex = (text: string) => text.replace(REGEX_SPECIALS, '\\$&');
