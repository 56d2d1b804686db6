import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { projectRoot } from '../config/paths';
import { nodeOutputs, type JourneyGraph, type JourneyNode, type JourneyNodeType } from '../domain/journeys/graph';
import { defaultSettings } from '../designer/src/journeys/graphEditing';
import { ensureDesignerBuilt } from '../stack/designerBuild';
import { launchChromium } from '../test/designer/browser';
import { callApi, startNpmStack, type NpmStartStack } from '../test/designer/npmStartStack';
import { quick, round } from './support';

/**
 * `npm run bench:designer [-- --quick]`: the journey designer in headless chromium (Debian's, through
 * playwright-core; CHROMIUM_PATH moves it) against the stack as `npm start` runs it (SEED_DEMO=false).
 *
 * (1) Gzipped size of the designer's JavaScript (and CSS) in designer/dist, built first if missing or
 *     stale (the same check `npm start` makes, so nothing is rebuilt needlessly).
 * (2) Time until a 200-node journey is interactive: from navigation to the canvas showing all 200
 *     steps (measured in the page), plus the time a click on a step then takes to open its settings —
 *     beside the same for a 1-step journey (the page, bundle and canvas with nothing to scale), each in a
 *     fresh browser context (cold cache), the two alternating.
 * (3) Frame time while panning the 200-step journey (requestAnimationFrame deltas during a scripted
 *     mouse drag of the canvas, one move per 16 ms), beside the same page with no pan (idle frames) and
 *     the same pan of the 1-step journey.
 */

// The functions handed to page.evaluate run in the page. The project's typings are Node's (no DOM lib),
// so the few browser globals those functions use are declared here, for this file only.
interface PageElement {
  textContent: string | null;
}
declare const window: { addEventListener(type: string, listener: () => void, options: { capture: boolean; once: boolean }): void };
declare const document: { querySelectorAll(selector: string): ArrayLike<PageElement>; querySelector(selector: string): PageElement | null };
declare const sessionStorage: { setItem(key: string, value: string): void };
declare function getComputedStyle(element: PageElement): { visibility: string; transform: string };
declare function requestAnimationFrame(callback: (now: number) => void): number;

const LARGE = 200;
const LOADS = quick ? 3 : 7;
const PAN_MOVES = quick ? 90 : 240;
const ADMIN_KEY_STORAGE = 'course-journeys.key';

const log = (line: string) => process.stderr.write(`[bench:designer] ${line}\n`);

function percentiles(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => (sorted.length === 0 ? null : round(sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!, 1));
  return { count: sorted.length, p50: at(0.5), p95: at(0.95), max: at(1) };
}

/** (1) Every JS and CSS asset of the build, raw and gzipped (level 9, as a server would serve them). */
async function bundleSize() {
  await ensureDesignerBuilt((line) => log(`vite | ${line}`));
  const assets = path.join(projectRoot, 'designer', 'dist', 'assets');
  const sizes = { jsBytes: 0, jsGzipBytes: 0, cssBytes: 0, cssGzipBytes: 0, jsFiles: 0 };
  for (const name of readdirSync(assets)) {
    const content = readFileSync(path.join(assets, name));
    const gzipped = gzipSync(content, { level: 9 }).length;
    if (name.endsWith('.js')) {
      sizes.jsBytes += content.length;
      sizes.jsGzipBytes += gzipped;
      sizes.jsFiles += 1;
    } else if (name.endsWith('.css')) {
      sizes.cssBytes += content.length;
      sizes.cssGzipBytes += gzipped;
    }
  }
  return { ...sizes, jsGzipKb: round(sizes.jsGzipBytes / 1024, 1), cssGzipKb: round(sizes.cssGzipBytes / 1024, 1) };
}

/**
 * A journey of `size` steps: an entry, then a chain through a mix of step types (each connected by its
 * first output), ending in an exit — laid out 20 to a row, as auto-layout would spread a long journey.
 */
export function chainJourney(size: number): JourneyGraph {
  const middle: JourneyNodeType[] = ['sendMessage', 'delay', 'waitForEvent', 'condition', 'updateProfile', 'split', 'inactivity'];
  const nodes: JourneyNode[] = [];
  for (let index = 0; index < size; index += 1) {
    const type: JourneyNodeType = index === 0 ? 'entry' : index === size - 1 && size > 1 ? 'exit' : middle[(index - 1) % middle.length]!;
    nodes.push({ id: `step-${index}`, type, position: { x: (index % 20) * 280, y: Math.floor(index / 20) * 200 }, settings: defaultSettings(type) } as JourneyNode);
  }
  const edges = nodes.slice(0, -1).map((node, index) => {
    const output = nodeOutputs(node)[0]!.id;
    return { id: `edge-${index}`, source: node.id, sourceHandle: output, target: nodes[index + 1]!.id };
  });
  return { nodes, edges, goals: [] } as unknown as JourneyGraph;
}

interface Opened {
  page: Page;
  close(): Promise<void>;
  /** Navigation start → every step drawn (in the page's own clock). */
  renderedMs: number;
  /** Pointer down on a step → its settings panel shown. */
  clickMs: number;
}

/** Opens a journey in a fresh context (no cache), signed in, and times it until a click on a step is answered. */
async function openJourney(browser: Browser, stack: NpmStartStack, journeyId: string, steps: number): Promise<Opened> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  // Signed in as the sign-in form would leave it: the key in this tab's session storage.
  await context.addInitScript(([key, value]) => sessionStorage.setItem(key, value), [ADMIN_KEY_STORAGE, stack.adminKey] as const);
  // tsx (esbuild, keepNames) wraps named functions in __name(); the functions this file hands to
  // page.evaluate carry those calls into the page, which has no such helper.
  await context.addInitScript('globalThis.__name = (target) => target');
  const page = await context.newPage();
  await page.goto(`${stack.apiUrl}/#/journeys/${encodeURIComponent(journeyId)}`, { waitUntil: 'commit' });
  // Polled on every frame inside the page, so the figure is the page's own time since navigation began.
  const renderedMs = await page.evaluate(
    (count) =>
      new Promise<number>((resolve) => {
        const check = () => {
          const nodes = Array.from(document.querySelectorAll('.react-flow__node'));
          // React Flow hides a node until it has measured it.
          if (nodes.length === count && nodes.every((node) => getComputedStyle(node).visibility !== 'hidden')) resolve(performance.now());
          else requestAnimationFrame(check);
        };
        check();
      }),
    steps,
  );
  const clickMs = await timeClick(page, steps - 1 > 0 ? 'step-1' : 'step-0');
  return { page, close: () => context.close(), renderedMs, clickMs };
}

/** Clicks a step with the real mouse; the page times pointerdown → the settings panel showing that step. */
async function timeClick(page: Page, nodeId: string): Promise<number> {
  const answered = page.evaluate(
    (id) =>
      new Promise<number>((resolve) => {
        let downAt = 0;
        window.addEventListener('pointerdown', () => (downAt = performance.now()), { capture: true, once: true });
        const check = () => {
          const panel = document.querySelector('[aria-label="Node settings"] code');
          if (downAt > 0 && panel?.textContent === id) resolve(performance.now() - downAt);
          else requestAnimationFrame(check);
        };
        check();
      }),
    nodeId,
  );
  const box = await page.locator(`.react-flow__node[data-id="${nodeId}"]`).boundingBox();
  if (!box) throw new Error(`step ${nodeId} is not on the canvas`);
  await page.mouse.click(box.x + box.width / 2, box.y + Math.min(12, box.height / 2));
  return answered;
}

/** requestAnimationFrame deltas while `during` runs. */
async function frameDeltas(page: Page, during: () => Promise<void>): Promise<number[]> {
  await page.evaluate(() => {
    const frames: number[] = [];
    (window as unknown as { benchFrames: number[] }).benchFrames = frames;
    let last = performance.now();
    const tick = (now: number) => {
      frames.push(now - last);
      last = now;
      if ((window as unknown as { benchFrames?: number[] }).benchFrames === frames) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await during();
  return page.evaluate(() => {
    const frames = (window as unknown as { benchFrames: number[] }).benchFrames;
    delete (window as unknown as { benchFrames?: number[] }).benchFrames;
    // The first delta runs from setup to the first frame.
    return frames.slice(1);
  });
}

/** A drag on the empty strip at the top of the canvas, left then back, one move per 16 ms as a hand would. */
async function pan(page: Page): Promise<void> {
  const box = (await page.getByRole('application', { name: 'Journey canvas' }).boundingBox())!;
  const transform = () => page.locator('.react-flow__viewport').evaluate((viewport) => getComputedStyle(viewport as PageElement).transform);
  const before = await transform();
  const start = { x: box.x + box.width * 0.75, y: box.y + 30 };
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  for (let move = 1; move <= PAN_MOVES; move += 1) {
    // Out and back along a triangle wave, 400 px each way.
    const phase = (move % 60) / 60;
    const offset = (phase < 0.5 ? phase * 2 : 2 - phase * 2) * 400;
    await page.mouse.move(start.x - offset, start.y + offset / 4);
    await page.waitForTimeout(16);
  }
  await page.mouse.up();
  // A drag that grabbed a step instead of the canvas would measure nothing: the view must have moved.
  if ((await transform()) === before) throw new Error('the scripted drag did not pan the canvas');
}

async function idle(page: Page): Promise<void> {
  await page.waitForTimeout(PAN_MOVES * 16);
}

async function main(): Promise<void> {
  log(`${quick ? 'quick' : 'full'} run: ${LOADS} loads of each journey, ${PAN_MOVES} pan moves`);
  const bundle = await bundleSize();
  log(`bundle: ${bundle.jsFiles} JS files, ${bundle.jsGzipKb} KB gzipped (${round(bundle.jsBytes / 1024, 1)} KB raw); CSS ${bundle.cssGzipKb} KB gzipped`);

  const stack = await startNpmStack({ seedDemo: false });
  let browser: Browser | undefined;
  try {
    const large = await callApi<{ journey: { id: string } }>(stack, stack.adminKey, 'POST', '/api/journeys', { name: `Bench ${LARGE} steps`, graph: chainJourney(LARGE) });
    const small = await callApi<{ journey: { id: string } }>(stack, stack.adminKey, 'POST', '/api/journeys', { name: 'Bench 1 step', graph: chainJourney(1) });
    browser = await launchChromium();
    log(`chromium ${browser.version()}`);

    // (2) A warm-up load of each (the API's first answers, chromium's first start), then alternating loads.
    for (const [journey, steps] of [
      [small, 1],
      [large, LARGE],
    ] as const) {
      await (await openJourney(browser, stack, journey.journey.id, steps)).close();
    }
    const loads = { large: { rendered: [] as number[], click: [] as number[], interactive: [] as number[] }, small: { rendered: [] as number[], click: [] as number[], interactive: [] as number[] } };
    for (let pass = 0; pass < LOADS; pass += 1) {
      for (const [name, journey, steps] of [
        ['small', small, 1],
        ['large', large, LARGE],
      ] as const) {
        const opened = await openJourney(browser, stack, journey.journey.id, steps);
        loads[name].rendered.push(opened.renderedMs);
        loads[name].click.push(opened.clickMs);
        loads[name].interactive.push(opened.renderedMs + opened.clickMs);
        await opened.close();
      }
      log(`load ${pass + 1}: 1 step ${Math.round(loads.small.interactive.at(-1)!)} ms, ${LARGE} steps ${Math.round(loads.large.interactive.at(-1)!)} ms`);
    }

    // (3) Frames: the large journey idle, then panned; the small journey panned.
    const largePage = await openJourney(browser, stack, large.journey.id, LARGE);
    const idleLarge = await frameDeltas(largePage.page, () => idle(largePage.page));
    const panLarge = await frameDeltas(largePage.page, () => pan(largePage.page));
    await largePage.close();
    const smallPage = await openJourney(browser, stack, small.journey.id, 1);
    const panSmall = await frameDeltas(smallPage.page, () => pan(smallPage.page));
    await smallPage.close();

    const summary = (values: number[]) => ({ ...percentiles(values), mean: round(values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length), 1) });
    const interactive = { large: summary(loads.large.interactive), small: summary(loads.small.interactive) };
    const figures = {
      bench: 'designer',
      quick,
      chromium: browser.version(),
      bundle,
      timeToInteractiveMs: {
        [`journey${LARGE}`]: { interactive: interactive.large, rendered: summary(loads.large.rendered), clickToSettings: summary(loads.large.click) },
        baselineJourney1: { interactive: interactive.small, rendered: summary(loads.small.rendered), clickToSettings: summary(loads.small.click) },
        ratioP50: interactive.small.p50 ? round(interactive.large.p50! / interactive.small.p50, 2) : null,
      },
      frameMs: {
        [`pan${LARGE}`]: summary(panLarge),
        [`idle${LARGE}`]: summary(idleLarge),
        panBaseline1: summary(panSmall),
        ratioP95: percentiles(idleLarge).p95 ? round(percentiles(panLarge).p95! / percentiles(idleLarge).p95!, 2) : null,
      },
    };
    const ms = (value: number | null) => (value === null ? '–' : `${value} ms`);
    console.log(`(1) designer JS ${bundle.jsGzipKb} KB gzipped (${bundle.jsFiles} files, ${round(bundle.jsBytes / 1024, 1)} KB raw), CSS ${bundle.cssGzipKb} KB gzipped`);
    console.log(
      `(2) ${LARGE}-step journey interactive p50 ${ms(interactive.large.p50)}, p95 ${ms(interactive.large.p95)} (drawn ${ms(figures.timeToInteractiveMs[`journey${LARGE}`]!.rendered.p50)}, click → settings ${ms(figures.timeToInteractiveMs[`journey${LARGE}`]!.clickToSettings.p50)}); 1-step baseline p50 ${ms(interactive.small.p50)}; ratio ${figures.timeToInteractiveMs.ratioP50}`,
    );
    console.log(`(3) frames panning ${LARGE} steps p50 ${ms(figures.frameMs[`pan${LARGE}`]!.p50)}, p95 ${ms(figures.frameMs[`pan${LARGE}`]!.p95)}, max ${ms(figures.frameMs[`pan${LARGE}`]!.max)}; idle p50 ${ms(figures.frameMs[`idle${LARGE}`]!.p50)}, p95 ${ms(figures.frameMs[`idle${LARGE}`]!.p95)}; panning 1 step p50 ${ms(figures.frameMs.panBaseline1.p50)}, p95 ${ms(figures.frameMs.panBaseline1.p95)}`);
    console.log(JSON.stringify(figures));
  } finally {
    await browser?.close();
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
