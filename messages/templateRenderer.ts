import type { TemplateContent } from '../domain/messages/templates';
import type { StoreModels } from '../store/connection';
import { templateContentOf, type TemplateDocument } from '../store/models/template';
import { UndeliverableMessageError, type MessageRenderer, type RenderedMessage, type SendContext } from './pipeline';
import { renderTemplate, TemplateRenderError } from './render';
import { learnerRenderContext } from './renderContext';

export type TemplateModels = Pick<StoreModels, 'templates' | 'learnerEvents'>;

/**
 * The latest saved version of a template. The template document carries the same content as its
 * immutable copy in `template_versions` (saves write the copy first, then point the template at it in
 * one document write), so one read by id serves each send.
 */
export async function latestTemplateVersion(models: Pick<StoreModels, 'templates'>, templateId: string): Promise<{ version: number; content: TemplateContent } | undefined> {
  const template = await models.templates.findById(templateId).lean<TemplateDocument>();
  return template ? { version: template.version ?? 1, content: templateContentOf(template) } : undefined;
}

/**
 * Renders the latest version of the request's template for the learner as they are at the send's
 * moment: traits, segments, interests and recent activity from the learner document, `event.*` from
 * the event that started the run.
 */
export class TemplateRenderer implements MessageRenderer {
  constructor(private readonly models: TemplateModels) {}

  async render({ request, learner, at }: SendContext): Promise<RenderedMessage> {
    const [template, event] = await Promise.all([
      latestTemplateVersion(this.models, request.templateId),
      request.triggerMessageId ? this.models.learnerEvents.findById(request.triggerMessageId, { properties: 1 }).lean<{ properties?: Record<string, unknown> }>() : null,
    ]);
    if (!template) throw new UndeliverableMessageError(`template ${request.templateId} does not exist`);
    try {
      const rendered = await renderTemplate(template.content, learnerRenderContext(learner, event?.properties, at));
      return { ...rendered, templateVersion: template.version, headers: {} };
    } catch (error) {
      // The same template and learner would fail the same way on every retry.
      if (error instanceof TemplateRenderError) throw new UndeliverableMessageError(`template ${request.templateId} v${template.version}: ${error.message}`);
      throw error;
    }
  }
}
