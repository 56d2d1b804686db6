import { demoTemplates } from '../demo/demoTemplates';
import { exampleSegments } from '../domain/segments';
import { checkTemplate, renderTemplate } from './render';
import { sampleRenderContext } from './renderContext';

const byId = (id: string) => demoTemplates.find((template) => template.id === id)!;

describe('the demo templates', () => {
  it('all parse, read only known variables and name existing segments', () => {
    const segments = new Set(exampleSegments.map((segment) => segment.id));
    for (const template of demoTemplates) expect({ id: template.id, ...checkTemplate(template, { segments }) }).toEqual({ id: template.id, errors: [], warnings: [] });
  });

  it('greet French learners in French and engaged prospects with their course', async () => {
    const now = Date.UTC(2026, 0, 10);
    const french = await renderTemplate(byId('onboarding-welcome'), sampleRenderContext({ learner: { firstName: 'Chloé', locale: 'fr-FR' }, event: { courseId: 'copywriting' } }, now));
    expect(french).toMatchObject({ subject: 'Bienvenue dans votre cours, Chloé !', locale: 'fr', html: expect.stringContaining('https://example.com/courses/copywriting') });
    const engaged = await renderTemplate(byId('upsell-offer'), sampleRenderContext({ segments: ['highly-engaged-prospects'], activity: [{ name: 'Course Page Viewed', properties: { path: '/courses/ux-foundations' } }] }, now));
    expect(engaged).toMatchObject({ variant: 'offer:highly-engaged-prospects', html: expect.stringContaining('You keep coming back to ux-foundations — start today') });
    expect(await renderTemplate(byId('upsell-offer'), sampleRenderContext({}, now))).toMatchObject({ variant: 'offer:default', html: expect.stringContaining('See the offer') });
  });
});
