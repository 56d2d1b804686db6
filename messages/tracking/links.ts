/**
 * Pure link handling for tracked messages: which links are tracked, UTM tagging that leaves the
 * author's own query intact, and finding links in HTML attributes and in plain text.
 */

export interface UtmTags {
  utm_source: string;
  utm_medium: string;
  utm_campaign: string;
  utm_content: string;
}

/** The paths of the app's own pages that must keep working as themselves (consent, the law's links). */
const ownPagePaths = ['/preferences', '/unsubscribe'];

const trimSlash = (url: string) => url.replace(/\/+$/, '');

/**
 * Whether a link is rewritten: only http(s) URLs that parse, and not the app's preference,
 * unsubscribe or tracking pages (a redirect in front of an unsubscribe link would make it depend on
 * the click being recorded, and a tracked link tracked again would count every click twice).
 */
export function isTrackable(url: string, publicUrl: string): boolean {
  if (!/^https?:\/\//i.test(url)) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  let base: URL;
  try {
    base = new URL(trimSlash(publicUrl));
  } catch {
    return true;
  }
  if (parsed.origin !== base.origin) return true;
  const basePath = trimSlash(base.pathname);
  const path = parsed.pathname;
  const under = (prefix: string) => path === basePath + prefix || path.startsWith(`${basePath}${prefix}/`);
  return !ownPagePaths.some(under) && !under('/m');
}

/**
 * Adds the UTM tags the URL does not already carry. The URL is edited as text, not re-serialised
 * through URL/URLSearchParams, because that would re-encode the author's parameters (spaces become
 * `+`, commas `%2C`) and could break links whose targets read them literally.
 */
export function addUtm(url: string, tags: UtmTags): string {
  const hashAt = url.indexOf('#');
  const beforeHash = hashAt === -1 ? url : url.slice(0, hashAt);
  const hash = hashAt === -1 ? '' : url.slice(hashAt);
  const queryAt = beforeHash.indexOf('?');
  const query = queryAt === -1 ? '' : beforeHash.slice(queryAt + 1);
  const present = new URLSearchParams(query);
  const missing = Object.entries(tags)
    .filter(([key]) => !present.has(key))
    .map(([key, value]) => `${key}=${encodeURIComponent(value)}`);
  if (missing.length === 0) return url;
  const separator = queryAt === -1 ? '?' : query === '' || query.endsWith('&') ? '' : '&';
  return `${beforeHash}${separator}${missing.join('&')}${hash}`;
}

const namedEntities: Record<string, string> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>' };

/** Attribute values are HTML-encoded (`&amp;` between query parameters); links are tracked decoded. */
export function decodeAttribute(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return namedEntities[body.toLowerCase()] ?? entity;
  });
}

export const encodeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Rewrites the href of every `<a>` and `<area>` tag through `rewrite` (given the decoded URL; it
 * returns undefined to leave the link alone). Other attributes (img src, stylesheets) are not links a
 * learner clicks, so they stay as they are.
 */
export function rewriteHtmlLinks(html: string, rewrite: (url: string) => string | undefined): string {
  return html.replace(/<(a|area)\b[^>]*>/gi, (tag) =>
    tag.replace(/(\shref\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/i, (attribute, prefix: string, double?: string, single?: string, bare?: string) => {
      const raw = double ?? single ?? bare ?? '';
      const rewritten = rewrite(decodeAttribute(raw.trim()));
      return rewritten === undefined ? attribute : `${prefix}"${encodeAttribute(rewritten)}"`;
    }),
  );
}

/**
 * Rewrites every http(s) URL in plain text — bare, or in parentheses as text derived from HTML
 * writes them (`Start the lesson (https://…)`). Trailing sentence punctuation and a closing bracket
 * with no opening one inside the URL are left outside it, so `(https://x.test/a_(b))` keeps `a_(b)`.
 */
export function rewriteTextLinks(text: string, rewrite: (url: string) => string | undefined): string {
  return text.replace(/https?:\/\/[^\s<>"]+/gi, (match) => {
    let url = match;
    for (;;) {
      const last = url.at(-1);
      if (last && '.,;:!?\'*'.includes(last)) url = url.slice(0, -1);
      else if (last === ')' && count(url, ')') > count(url, '(')) url = url.slice(0, -1);
      else if (last === ']' && count(url, ']') > count(url, '[')) url = url.slice(0, -1);
      else break;
    }
    const rewritten = rewrite(url);
    return rewritten === undefined ? match : rewritten + match.slice(url.length);
  });
}

const count = (text: string, character: string) => text.split(character).length - 1;
