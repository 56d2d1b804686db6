import { Liquid } from 'liquidjs';
import type { TemplateInput, TemplateView } from '../../domain/messages/templates';
import type { StoreModels } from '../../store/connection';
import { isDuplicateKeyError } from '../../store/errors';
import type { TemplateDocument } from '../../store/models/template';
import { writeSerially } from '../../store/serialWrites';
import { ApiError, invalidBody, notFound } from '../errors';
import { slugOf } from '../slugs';

const liquid = new Liquid({ strictFilters: true });
const iso = (value: Date) => new Date(value).toISOString();

/** Liquid that does not parse is refused at save, naming the field and the line. */
function checkSyntax(input: TemplateInput): void {
  const issues = (['subject', 'html', 'text'] as const).flatMap((field) => {
    const source = input[field];
    if (!source) return [];
    try {
      liquid.parse(source);
      return [];
    } catch (error) {
      return [{ path: [field], message: (error as Error).message.split('\n')[0]!, code: 'invalid_template' }];
    }
  });
  if (issues.length > 0) throw invalidBody(issues);
}

const toView = (doc: TemplateDocument): TemplateView => ({
  id: doc._id,
  name: doc.name,
  subject: doc.subject,
  html: doc.html,
  ...(doc.text ? { text: doc.text } : {}),
  version: doc.version ?? 1,
  createdAt: iso(doc.createdAt),
  updatedAt: iso(doc.updatedAt),
});

/** Email templates: saved with their Liquid checked, versioned on each change. */
export class TemplateCatalog {
  constructor(private readonly models: Pick<StoreModels, 'templates' | 'writeClaims'>) {}

  async list(): Promise<TemplateView[]> {
    return (await this.models.templates.find().sort({ createdAt: 1 }).lean<TemplateDocument[]>()).map(toView);
  }

  async get(templateId: string): Promise<TemplateView> {
    const doc = await this.models.templates.findById(templateId).lean<TemplateDocument>();
    if (!doc) throw notFound(`Template ${templateId}`);
    return toView(doc);
  }

  async create(input: TemplateInput): Promise<TemplateView> {
    checkSyntax(input);
    const now = new Date();
    const id = input.id ?? slugOf(input.name, 'template');
    try {
      await this.models.templates.create({ _id: id, name: input.name, subject: input.subject, html: input.html, text: input.text, version: 1, createdAt: now, updatedAt: now });
    } catch (error) {
      if (isDuplicateKeyError(error)) throw new ApiError(409, 'conflict', `A template with id ${id} exists; choose another id`);
      throw error;
    }
    return this.get(id);
  }

  async update(templateId: string, input: TemplateInput): Promise<TemplateView> {
    checkSyntax(input);
    await this.get(templateId);
    await writeSerially<TemplateDocument>({
      model: this.models.templates as never,
      claims: this.models.writeClaims,
      id: templateId,
      decide: (doc) => ({ set: { name: input.name, subject: input.subject, html: input.html, text: input.text ?? null, version: (doc.version ?? 1) + 1, updatedAt: new Date() } }),
    });
    return this.get(templateId);
  }
}
