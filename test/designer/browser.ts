import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

const root = path.resolve(__dirname, '..', '..');
export const screenshotsDir = path.join(root, 'test-artifacts', 'designer');

/**
 * Debian's chromium (no browser downloaded by Playwright): `.ci/run` installs it with apt, and
 * CHROMIUM_PATH points elsewhere when it lives elsewhere.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    // No sandbox: CI containers run as root; /dev/shm is tiny in containers.
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
}

/** Saves test-artifacts/designer/<name>.png; `fullPage` for long forms whose lower half matters (previews). */
export async function screenshot(page: Page, name: string, { fullPage = false }: { fullPage?: boolean } = {}): Promise<string> {
  mkdirSync(screenshotsDir, { recursive: true });
  const file = path.join(screenshotsDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}

/** Waits until the locator's text matches, naming what was expected and what was there when it gives up. */
export async function waitForText(locator: Locator, expected: RegExp, timeoutMs: number): Promise<void> {
  try {
    await locator.filter({ hasText: expected }).first().waitFor({ state: 'visible', timeout: timeoutMs });
  } catch {
    const seen = await locator
      .first()
      .textContent({ timeout: 1_000 })
      .catch(() => '(not found)');
    throw new Error(`expected ${String(locator)} to show ${String(expected)} within ${timeoutMs / 1000} s; it shows: ${seen}`);
  }
}

/**
 * A press-move-release gesture with the real mouse, in small steps, as a person drags: Chromium turns
 * it into HTML5 drag and drop for draggable elements (the palette) and into pointer events for React
 * Flow (handles, panning).
 */
export async function dragBetween(page: Page, from: { x: number; y: number }, to: { x: number; y: number }, steps = 15): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  // A first small move starts the drag; the rest carries it to the target.
  await page.mouse.move(from.x + 5, from.y + 5, { steps: 2 });
  await page.mouse.move(to.x, to.y, { steps });
  // Over the target a moment, so dragover and the connection line see the pointer there.
  await page.mouse.move(to.x + 1, to.y + 1, { steps: 2 });
  await page.mouse.up();
}

export async function centreOf(locator: Locator): Promise<{ x: number; y: number }> {
  await locator.scrollIntoViewIfNeeded();
  const box = await locator.boundingBox();
  if (!box) throw new Error(`${String(locator)} has no box on the page (not visible)`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}
