import { ConsentLinks } from './consent/links';
import type { MessageDecorator, RenderedMessage, SendContext } from './pipeline';
import type { MessageTokens } from './tokens';

export interface ComplianceSettings {
  tokens: MessageTokens;
  publicUrl: string;
  /** Printed in every marketing email (CAN-SPAM). */
  postalAddress: string;
}

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/**
 * What the law asks of a marketing email: List-Unsubscribe with RFC 8058 one-click (the link
 * unsubscribes from the message's topic), a preference link, the postal address — in headers and in
 * a footer of both parts. Transactional emails and webhooks are left exactly as rendered: receipts
 * carry no unsubscribe, and a webhook has no mail client to show a footer.
 */
export function complianceDecorator(settings: ComplianceSettings): MessageDecorator {
  const links = new ConsentLinks(settings.tokens, settings.publicUrl);
  return {
    decorate(message: RenderedMessage, { request, learner, sendId }: SendContext): RenderedMessage {
      if (request.kind !== 'marketing' || request.channel !== 'email') return message;
      const unsubscribe = links.unsubscribe({ learnerId: learner._id, sendId, topic: request.topic });
      const preferences = links.preferences({ learnerId: learner._id, sendId });
      return {
        ...message,
        headers: { ...message.headers, 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
        html: withHtmlFooter(message.html, htmlFooter(settings.postalAddress, preferences, unsubscribe)),
        text: `${message.text.replace(/\s+$/, '')}\n\n--\n${textFooter(settings.postalAddress, preferences, unsubscribe)}\n`,
      };
    },
  };
}

function htmlFooter(postalAddress: string, preferences: string, unsubscribe: string): string {
  return (
    '<div style="margin-top:32px;padding-top:16px;border-top:1px solid #d4d4d8;font-size:13px;line-height:1.5;color:#3f3f46">' +
    `<p style="margin:0 0 8px"><a href="${escapeHtml(preferences)}" style="color:#1d4ed8">Manage your email preferences</a> · ` +
    `<a href="${escapeHtml(unsubscribe)}" style="color:#1d4ed8">Unsubscribe</a></p>` +
    `<p style="margin:0">${escapeHtml(postalAddress)}</p>` +
    '</div>'
  );
}

function textFooter(postalAddress: string, preferences: string, unsubscribe: string): string {
  return `Manage your email preferences: ${preferences}\nUnsubscribe: ${unsubscribe}\n${postalAddress}`;
}

/** Inside the body when the template has one, else appended (fragments are common in templates). */
function withHtmlFooter(html: string, footer: string): string {
  const close = html.toLowerCase().lastIndexOf('</body');
  return close === -1 ? `${html}${footer}` : `${html.slice(0, close)}${footer}${html.slice(close)}`;
}
