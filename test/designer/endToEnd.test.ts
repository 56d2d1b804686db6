import type { Browser } from 'playwright-core';
import { launchChromium } from './browser';
import { startNpmStack, type NpmStartStack } from './npmStartStack';
import { prepareWorkspace, runReengagementScenario } from './reengagementScenario';

/**
 * Issue 7 end to end, in a real browser (Debian's chromium through playwright-core) against the stack
 * started as `npm start` starts it: sign in, draw the re-engagement journey by drag and drop, configure
 * it, see a validation problem on the canvas, fix it, publish, then watch an ingested learner's run
 * appear in the live view. Screenshots of the key screens go to test-artifacts/designer/.
 *
 * The stack starts without the demo workspace (SEED_DEMO=false): the seed's 300 learners and their
 * journey runs would load two shared cores for minutes and put other runs in the live counts. The one
 * segment and two templates the marketer picks from are made through the API beforehand.
 */
describe('the journey designer in a browser, against npm start', () => {
  let stack: NpmStartStack | undefined;
  let browser: Browser | undefined;
  const log: string[] = [];

  beforeAll(async () => {
    stack = await startNpmStack({ seedDemo: false, log: (line) => log.push(line) });
    browser = await launchChromium();
  }, 360_000);

  afterAll(async () => {
    await browser?.close();
    // Ctrl-C, as a developer stops it; the stack's own data folder goes with it.
    await stack?.stop();
  }, 180_000);

  it('a marketer builds, validates, fixes and publishes the re-engagement journey, and its first run shows in the live view', async () => {
    await prepareWorkspace(stack!);
    // Wide enough that two rows of three steps fit the canvas at zoom 1 beside the palette and settings.
    const page = await browser!.newPage({ viewport: { width: 1920, height: 1080 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const steps: string[] = [];
    const result = await runReengagementScenario(page, stack!, (line) => steps.push(line));

    expect(steps).toHaveLength(19);
    expect(result.screenshots.map((file) => file.replace(/^.*\//, ''))).toEqual([
      '01-sign-in.png',
      '02-empty-canvas.png',
      '03-validation-error.png',
      '04-published.png',
      '05-live-view.png',
      '06-segment-builder.png',
      '07-template-editor.png',
      '08-learner.png',
    ]);
    // No uncaught exception in the app along the way.
    expect(pageErrors).toEqual([]);
  }, 600_000);
});
