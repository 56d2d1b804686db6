import type { StoreModels } from '../store/connection';
import type { TemplateDocument } from '../store/models/template';
import { UndeliverableMessageError, type MessageRenderer, type RenderedMessage, type SendContext } from './pipeline';
import { renderEmail } from './render';

/** Renders the request's template with the learner's traits and the triggering event's properties. */
export class TemplateRenderer implements MessageRenderer {
  constructor(private readonly models: Pick<StoreModels, 'templates' | 'learnerEvents'>) {}

  async render({ request, learner, traits }: SendContext): Promise<RenderedMessage> {
    const template = await this.models.templates.findById(request.templateId).lean<TemplateDocument>();
    if (!template) throw new UndeliverableMessageError(`template ${request.templateId} does not exist`);
    const event = request.triggerMessageId ? await this.models.learnerEvents.findById(request.triggerMessageId, { properties: 1 }).lean<{ properties?: Record<string, unknown> }>() : null;
    const rendered = await renderEmail(template, { learner: { ...traits, learnerId: learner._id }, event: event?.properties ?? {} });
    return { ...rendered, templateVersion: template.version ?? 1, headers: {} };
  }
}
