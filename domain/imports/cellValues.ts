/**
 * How one CSV cell becomes a trait value.
 * - `text`: the trimmed text.
 * - `list`: comma-separated values (ActiveCampaign's tags) as an array.
 * - `unsubscribed`: a column that says whether the contact opted out ("Unsubscribed from all email": true).
 * - `consent`: a column that says whether the contact opted in ("Email Marketing Consent": SUBSCRIBED);
 *   it is stored inverted, as `unsubscribed`, the one subscription trait journeys read.
 */
export type CellKind = 'text' | 'list' | 'unsubscribed' | 'consent';
export type TraitValue = string | string[] | boolean;

const optedOutWords = new Set(['unsubscribed', 'optedout', 'optout', 'unsubscribe']);
const optedInWords = new Set(['subscribed', 'active', 'optedin', 'optin', 'subscribe']);
const yesWords = new Set(['true', 'yes', 'y', '1']);
const noWords = new Set(['false', 'no', 'n', '0']);

/**
 * `true` when the cell says the contact opted out, `false` when opted in, undefined when it does not
 * say (Klaviyo's NEVER_SUBSCRIBED, ActiveCampaign's bounced or unconfirmed): no choice is invented.
 */
function unsubscribedFrom(text: string, yesMeansOptedIn: boolean): boolean | undefined {
  const word = text.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (optedOutWords.has(word)) return true;
  if (optedInWords.has(word)) return false;
  if (yesWords.has(word)) return !yesMeansOptedIn;
  if (noWords.has(word)) return yesMeansOptedIn;
  return undefined;
}

/** The trait value of a non-blank cell, or undefined when the cell holds nothing usable. */
export function cellValue(kind: CellKind, text: string): TraitValue | undefined {
  switch (kind) {
    case 'text':
      return text;
    case 'list': {
      const items = text
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item.length > 0);
      return items.length > 0 ? items : undefined;
    }
    case 'unsubscribed':
      return unsubscribedFrom(text, false);
    case 'consent':
      return unsubscribedFrom(text, true);
  }
}
