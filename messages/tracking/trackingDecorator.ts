import type { MessageDecorator, RenderedMessage, SendContext } from '../pipeline';
import type { MessageTokens } from '../tokens';
import { addUtm, encodeAttribute, isTrackable, rewriteHtmlLinks, rewriteTextLinks, type UtmTags } from './links';

export interface TrackingSettings {
  tokens: MessageTokens;
  /** Where the API is reachable from a learner's mail client. */
  publicUrl: string;
  /** The clock token lifetimes start from (tests fix it); default Date.now. */
  now?: () => number;
}

/**
 * How long click and open links work. Learners open and click old mails months later (a course they
 * bookmarked in their inbox, a search through the archive), and an expired click token is a broken
 * link to our own course page, so the lifetime is long. It is still bounded because a token forwarded
 * or leaked with a mail keeps recording opens and clicks for that learner while it lives; a token
 * grants nothing else (ids only, a redirect to a URL we chose).
 */
export const TRACKING_TOKEN_LIFETIME_MS = 365 * 24 * 60 * 60 * 1000;

/** The click redirect and open pixel paths (api/routes/messageTracking.ts answers them). */
export const clickPath = (token: string) => `/m/c/${token}`;
export const openPixelPath = (token: string) => `/m/o/${token}.gif`;

export const TRACKING_UTM_SOURCE = 'course-journeys';

/** The UTM tags of one send: campaign = journey (or `direct`), content = template and variant. */
export function utmTagsFor(context: SendContext, variant: string | undefined): UtmTags {
  return {
    utm_source: TRACKING_UTM_SOURCE,
    utm_medium: 'email',
    utm_campaign: context.request.journeyId ?? 'direct',
    utm_content: variant ? `${context.request.templateId}-${variant}` : context.request.templateId,
  };
}

/**
 * UTM parameters on every link, click redirects and an open pixel, all carrying signed tokens with
 * ids only (send, learner, target URL) — never an address, since a mail is forwarded and its links
 * end up in logs and proxies. Only email is tracked: a webhook's receiver is a machine, whose link
 * previews and fetches would be recorded as a learner's opens and clicks. Links to the app's own
 * preference and unsubscribe pages, mailto:, tel: and in-page anchors are left as they are.
 */
export function trackingDecorator(settings: TrackingSettings): MessageDecorator {
  const now = settings.now ?? Date.now;
  const publicUrl = settings.publicUrl.replace(/\/+$/, '');
  return {
    decorate(message: RenderedMessage, context: SendContext): RenderedMessage {
      if (context.request.channel !== 'email') return message;
      // The live learner (merges followed), so opens and clicks land on the profile that exists.
      const learnerId = context.learner._id;
      const expiresAt = now() + TRACKING_TOKEN_LIFETIME_MS;
      const tags = utmTagsFor(context, message.variant);
      const track = (url: string): string | undefined => {
        if (!isTrackable(url, publicUrl)) return undefined;
        const token = settings.tokens.sign('click', { sendId: context.sendId, learnerId, url: addUtm(url, tags), expiresAt });
        return `${publicUrl}${clickPath(token)}`;
      };
      const openToken = settings.tokens.sign('open', { sendId: context.sendId, learnerId, expiresAt });
      const pixel = `<img src="${encodeAttribute(`${publicUrl}${openPixelPath(openToken)}`)}" width="1" height="1" alt="" style="display:block;width:1px;height:1px;border:0;margin:0;padding:0" />`;
      return { ...message, html: withPixel(rewriteHtmlLinks(message.html, track), pixel), text: rewriteTextLinks(message.text, track) };
    },
  };
}

/** Before the last `</body>` (clients that stop reading there still load it), else at the end. */
function withPixel(html: string, pixel: string): string {
  const at = html.search(/<\/body\s*>(?![\s\S]*<\/body\s*>)/i);
  return at === -1 ? `${html}${pixel}` : `${html.slice(0, at)}${pixel}${html.slice(at)}`;
}
