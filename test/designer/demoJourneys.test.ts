import type { Browser } from 'playwright-core';
import { exampleJourneys } from '../../domain/journeys/examples';
import { launchChromium, screenshot, waitForText } from './browser';
import { startNpmStack, type NpmStartStack } from './npmStartStack';

/**
 * Issue 7's "the demo journeys open in the designer with live counts": `npm start` with the demo
 * workspace, whose example segments' members enter the upsell and re-engagement journeys at once.
 */
describe('the demo journeys in the designer', () => {
  let stack: NpmStartStack | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    stack = await startNpmStack({ seedDemo: true });
    browser = await launchChromium();
  }, 420_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  }, 180_000);

  it('opens every demo journey, and shows the runs of the seeded learners in the live view', async () => {
    const page = await browser!.newPage({ viewport: { width: 1600, height: 900 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${stack!.apiUrl}/`);
    await page.getByLabel('Management key').fill(stack!.adminKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor({ timeout: 30_000 });

    for (const example of exampleJourneys) {
      await page.goto(`${stack!.apiUrl}/#/journeys/${example.id}/live`);
      const canvas = page.getByRole('application', { name: 'Journey canvas' });
      await canvas.waitFor({ timeout: 30_000 });
      // Every step of the demo journey is drawn, each with its live counts.
      for (const node of example.graph.nodes) await canvas.getByRole('group', { name: node.label ?? node.id, exact: true }).first().waitFor({ timeout: 30_000 });
    }
    // The upsell journey's offer went to the seeded highly engaged prospects: counts above zero.
    await page.goto(`${stack!.apiUrl}/#/journeys/upsell/live`);
    const offer = page.getByRole('application', { name: 'Journey canvas' }).getByRole('group', { name: 'Offer email', exact: true }).first();
    await waitForText(offer, /[1-9]\d* sent/, 180_000);
    await screenshot(page, '09-demo-upsell-live');
    expect(pageErrors).toEqual([]);
  }, 420_000);
});
