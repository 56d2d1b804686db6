import type {
  RenderedPreview,
  TemplateContent,
  TemplateDraftPreviewInput,
  TemplateInput,
  TemplatePreview,
  TemplatePreviewInput,
  TemplateVersionSummary,
  TemplateVersionView,
  TemplateView,
  TemplateWarning,
} from '../../domain/messages/templates';
import { checkTemplate, renderTemplate, TemplateRenderError } from '../../messages/render';
import { learnerRenderContext, sampleRenderContext } from '../../messages/renderContext';
import type { StoreModels } from '../../store/connection';
import { isDuplicateKeyError } from '../../store/errors';
import type { LearnerDocument } from '../../store/models/learner';
import { storedTemplateContent, templateContentOf, type TemplateDocument } from '../../store/models/template';
import { templateVersionId, type TemplateVersionDocument } from '../../store/models/templateVersion';
import { writeSerially } from '../../store/serialWrites';
import { ApiError, invalidBody, notFound } from '../errors';
import { slugOf } from '../slugs';
import { liveLearner } from '../../store/liveLearner';

const iso = (value: Date) => new Date(value).toISOString();
/** Longer than any create takes between writing its version and its template. */
const ORPHAN_AFTER_MS = 30_000;

const contentOf = (input: TemplateInput): TemplateContent => {
  const { id: _id, name: _name, ...content } = input;
  return content;
};

const toView = (doc: TemplateDocument): TemplateView => ({
  id: doc._id,
  name: doc.name,
  ...templateContentOf(doc),
  version: doc.version ?? 1,
  createdAt: iso(doc.createdAt),
  updatedAt: iso(doc.updatedAt),
});

const toVersionView = (doc: TemplateVersionDocument): TemplateVersionView => ({
  templateId: doc.templateId,
  name: doc.name,
  version: doc.version,
  ...templateContentOf(doc.content as Parameters<typeof templateContentOf>[0]),
  createdAt: iso(doc.createdAt),
});

/** Whom a preview renders for; see templatePreviewInputSchema. */
type RenderData = Pick<TemplatePreviewInput, 'learnerId' | 'sample' | 'locale'>;

export type SavedTemplate = { template: TemplateView; warnings: TemplateWarning[] };

/**
 * Email templates: saved with their Liquid checked (syntax errors refuse the save; unknown variables
 * and segments come back as warnings), every save an immutable version in `template_versions`
 * written before the template points at it, so a send always finds the version it names.
 */
export class TemplateCatalog {
  constructor(private readonly models: Pick<StoreModels, 'templates' | 'templateVersions' | 'writeClaims' | 'learners' | 'segments'>) {}

  async list(): Promise<TemplateView[]> {
    return (await this.models.templates.find().sort({ createdAt: 1 }).lean<TemplateDocument[]>()).map(toView);
  }

  async get(templateId: string): Promise<TemplateView> {
    return toView(await this.require(templateId));
  }

  async create(input: TemplateInput): Promise<SavedTemplate> {
    const warnings = await this.check(contentOf(input));
    const now = new Date();
    const id = input.id ?? slugOf(input.name, 'template');
    const content = storedTemplateContent(contentOf(input));
    // The version goes first: a template never names a version that is not there.
    await this.claimFirstVersion(id, { templateId: id, version: 1, name: input.name, content, createdAt: now });
    try {
      await this.models.templates.create({ _id: id, name: input.name, ...content, version: 1, createdAt: now, updatedAt: now });
    } catch (error) {
      if (isDuplicateKeyError(error)) throw new ApiError(409, 'conflict', `A template with id ${id} exists; choose another id`);
      throw error;
    }
    return { template: await this.get(id), warnings };
  }

  /**
   * Writes version 1 of a new template. A version 1 already there belongs to an existing template
   * (conflict), or was left by a create that died before writing its template: once that create can
   * no longer be running, its version is replaced.
   */
  private async claimFirstVersion(id: string, version: { templateId: string; version: number; name: string; content: unknown; createdAt: Date }): Promise<void> {
    const conflict = () => new ApiError(409, 'conflict', `A template with id ${id} exists; choose another id`);
    try {
      await this.models.templateVersions.create({ _id: templateVersionId(id, 1), ...version });
      return;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    if (await this.models.templates.exists({ _id: id })) throw conflict();
    const orphan = await this.models.templateVersions.findById(templateVersionId(id, 1)).lean<TemplateVersionDocument>();
    if (orphan && version.createdAt.getTime() - new Date(orphan.createdAt).getTime() < ORPHAN_AFTER_MS) throw conflict();
    await this.models.templateVersions.replaceOne({ _id: templateVersionId(id, 1) }, version, { upsert: true });
  }

  async update(templateId: string, input: TemplateInput): Promise<SavedTemplate> {
    const warnings = await this.check(contentOf(input));
    const current = await this.require(templateId);
    const content = storedTemplateContent(contentOf(input));
    for (let version = (current.version ?? 1) + 1; ; version += 1) {
      try {
        await this.models.templateVersions.create({ _id: templateVersionId(templateId, version), templateId, version, name: input.name, content, createdAt: new Date() });
      } catch (error) {
        // Someone else saved this version number first; ours becomes the next.
        if (isDuplicateKeyError(error)) continue;
        throw error;
      }
      await writeSerially<TemplateDocument>({
        model: this.models.templates as never,
        claims: this.models.writeClaims,
        id: templateId,
        // A concurrent save that took a later version wins; the template always shows its latest version.
        decide: (doc) => ((doc.version ?? 1) >= version ? undefined : { set: { name: input.name, subject: content.subject, html: content.html, text: content.text ?? null, locale: content.locale ?? null, defaults: content.defaults ?? null, blocks: content.blocks ?? null, locales: content.locales ?? null, version, updatedAt: new Date() } }),
      });
      return { template: await this.get(templateId), warnings };
    }
  }

  async versions(templateId: string): Promise<TemplateVersionSummary[]> {
    await this.require(templateId);
    const docs = await this.models.templateVersions.find({ templateId }, { version: 1, name: 1, 'content.subject': 1, createdAt: 1 }).sort({ version: -1 }).lean<TemplateVersionDocument[]>();
    return docs.map((doc) => ({ version: doc.version, name: doc.name, subject: (doc.content as { subject: string }).subject, createdAt: iso(doc.createdAt) }));
  }

  async version(templateId: string, version: number): Promise<TemplateVersionView> {
    const doc = await this.models.templateVersions.findById(templateVersionId(templateId, version)).lean<TemplateVersionDocument>();
    if (doc) return toVersionView(doc);
    const template = await this.require(templateId);
    // Saved before versions were kept: its current content is the only version there is.
    if ((template.version ?? 1) === version && version === 1) return { templateId, name: template.name, version, ...templateContentOf(template), createdAt: iso(template.updatedAt) };
    throw notFound(`Version ${version} of template ${templateId}`);
  }

  /** Renders a version (the latest unless one is named) for a stored learner or sample data. */
  async preview(templateId: string, input: TemplatePreviewInput): Promise<TemplatePreview> {
    const template = await this.require(templateId);
    const version = input.version ?? template.version ?? 1;
    const content = version === (template.version ?? 1) ? templateContentOf(template) : contentOfVersion(await this.version(templateId, version));
    return { ...(await this.render(content, input, 'saved')), version };
  }

  /** Renders content that is not saved (the editor's), exactly as a saved version would render. */
  async previewDraft(input: TemplateDraftPreviewInput): Promise<RenderedPreview> {
    return this.render(input.template, input, 'draft');
  }

  /**
   * The one rendering behind every preview and test send. Saved content parsed when it was saved;
   * unsaved content comes from the request body, so its syntax errors and render failures are
   * answered on the body's `template.<field>` (with the line), as a save would answer them.
   */
  private async render(content: TemplateContent, input: RenderData, source: 'saved' | 'draft'): Promise<RenderedPreview> {
    const { errors, warnings } = checkTemplate(content, { segments: await this.segmentIds() });
    const at = (path: (string | number)[]) => (source === 'draft' ? ['template', ...path] : path);
    if (source === 'draft' && errors.length > 0) throw invalidBody(errors.map((issue) => ({ ...issue, path: at(issue.path) })));
    const now = Date.now();
    const context = input.learnerId ? learnerRenderContext(await this.learner(input.learnerId), input.sample?.event, now) : sampleRenderContext(input.sample ?? {}, now);
    try {
      return { ...(await renderTemplate(content, context, { locale: input.locale })), warnings };
    } catch (error) {
      if (!(error instanceof TemplateRenderError)) throw error;
      throw new ApiError(400, 'validation_failed', `The template does not render for this data: ${error.message}`, {
        location: source === 'draft' ? 'body' : 'template',
        issues: [{ path: at(error.path), code: 'render_failed', message: error.message }],
      });
    }
  }

  /** The learner as sends see them: a merged profile is followed to the one it was merged into. */
  private async learner(learnerId: string): Promise<LearnerDocument> {
    const doc = await liveLearner(this.models, learnerId);
    if (!doc) throw notFound(`Learner ${learnerId}`);
    return doc;
  }

  private async segmentIds(): Promise<Set<string>> {
    return new Set((await this.models.segments.find({ status: 'active' }, { _id: 1 }).lean<{ _id: string }[]>()).map((doc) => doc._id));
  }

  /** Syntax errors refuse the save (400 naming the field and line); the warnings are returned with it. */
  private async check(content: TemplateContent): Promise<TemplateWarning[]> {
    const { errors, warnings } = checkTemplate(content, { segments: await this.segmentIds() });
    if (errors.length > 0) throw invalidBody(errors);
    return warnings;
  }

  private async require(templateId: string): Promise<TemplateDocument> {
    const doc = await this.models.templates.findById(templateId).lean<TemplateDocument>();
    if (!doc) throw notFound(`Template ${templateId}`);
    return doc;
  }
}

function contentOfVersion(view: TemplateVersionView): TemplateContent {
  const { templateId: _templateId, name: _name, version: _version, createdAt: _createdAt, ...content } = view;
  return content;
}
