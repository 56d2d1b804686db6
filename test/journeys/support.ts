import { JourneyService } from '../../api/journeys/journeyService';
import { TemplateCatalog } from '../../api/templates/templateCatalog';
import { exampleSegments } from '../../domain/segments';
import { exampleJourneys, type JourneyGraph } from '../../domain/journeys';
import type { ProcessRuntime } from '../../runtime/processRuntime';
import type { StoreModels } from '../../store/connection';
import { saveSegment } from '../segments/support';
import { testConfig } from '../support/env';

export const exampleTemplateIds = ['onboarding-welcome', 'onboarding-tips', 'onboarding-progress', 'upsell-offer', 'upsell-reminder', 'reengage-reminder', 'reengage-support'];

/** Templates whose subject names the template and the learner, so a test can tell the mails apart. */
export async function saveTemplates(models: StoreModels, ids: string[], tag: string): Promise<void> {
  const templates = new TemplateCatalog(models);
  for (const id of ids) {
    await templates.create({ id, name: id, subject: `${id} for {{ learner.firstName | default: "you" }} ${tag}`, html: `<p>Hi {{ learner.firstName | default: "there" }},</p><p>${id}</p>` });
  }
}

/** The example segments, templates and journeys of the demo, published through the journey service. */
export async function publishExamples(runtime: ProcessRuntime, tag: string): Promise<JourneyService> {
  const { models } = runtime.journeys;
  for (const segment of exampleSegments) await saveSegment(models, segment);
  await saveTemplates(models, exampleTemplateIds, tag);
  const service = new JourneyService(runtime.journeys);
  for (const example of exampleJourneys) {
    const created = await service.create({ id: example.id, name: example.name, description: example.description, graph: example.graph });
    await service.publish(created.id);
  }
  return service;
}

export async function publishGraph(service: JourneyService, name: string, graph: JourneyGraph): Promise<string> {
  const created = await service.create({ name, description: '', graph });
  await service.publish(created.id);
  return created.id;
}

export interface CaughtMail {
  subject: string;
  to: { address: string }[];
  headers: Record<string, string>;
  html: string;
  text: string;
}

/** Mail the test SMTP catcher received whose subject contains `tag`. */
export async function mailsTagged(tag: string): Promise<CaughtMail[]> {
  const response = await fetch(`${testConfig().smtp.inboxUrl}/api/email`);
  const inbox = (await response.json()) as CaughtMail[];
  return inbox.filter((mail) => mail.subject.includes(tag));
}

export async function waitUntil<T>(probe: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
