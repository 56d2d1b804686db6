import { Liquid } from 'liquidjs';

const liquid = new Liquid({ strictFilters: true, ownPropertyOnly: true });

export interface RenderContext {
  learner: Record<string, unknown>;
  event?: Record<string, unknown>;
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/** A plain-text part for mail clients that show no HTML: tags dropped, links and paragraphs kept readable. */
export function textFromHtml(html: string): string {
  return html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, '')
    .replace(/<a\s[^>]*href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/gi, '$2 ($1)')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|h[1-6]|li|tr)>/gi, '\n\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Renders a template's Liquid for one learner (missing values render empty; use `| default:`). */
export async function renderEmail(template: { subject: string; html: string; text?: string | null }, context: RenderContext): Promise<RenderedEmail> {
  const scope = { learner: context.learner, event: context.event ?? {} };
  const [subject, html, text] = await Promise.all([
    liquid.parseAndRender(template.subject, scope),
    liquid.parseAndRender(template.html, scope),
    template.text ? liquid.parseAndRender(template.text, scope) : undefined,
  ]);
  return { subject: subject.trim(), html, text: text ?? textFromHtml(html) };
}
