import type { Locator, Page } from 'playwright-core';
import { demoTemplates } from '../../demo/demoTemplates';
import { exampleSegments } from '../../domain/segments/examples';
import { centreOf, dragBetween, screenshot, waitForText } from './browser';
import { callApi, type NpmStartStack } from './npmStartStack';

/**
 * Issue 7's end-to-end scenario: a marketer signs in, draws the re-engagement journey from an empty
 * canvas by drag and drop, configures every step in "Node settings", sees a validation problem on the
 * canvas, fixes it and publishes; an ingested learner event then makes a run appear in the live view.
 *
 * Every step is named, and a failure says which step failed (with a screenshot of that moment), so a
 * missing control in the designer reads as "step X: <locator> not found", not as a bare timeout.
 */

/** How long the UI gets for one interaction on two busy shared cores. */
const UI_MS = 30_000;
/** Ingested event → segment entered → journey run → counts refreshed every 5 s in the live view. */
const LIVE_MS = 180_000;

export const AT_RISK = 'at-risk-students';
const REMINDER_TEMPLATE = 'reengage-reminder';
const SUPPORT_TEMPLATE = 'reengage-support';

export interface ScenarioResult {
  journeyId: string;
  learnerId: string;
  screenshots: string[];
}

export class ScenarioStepError extends Error {
  override name = 'ScenarioStepError';
}

/** The segment and the two templates the marketer picks from, as the demo defines them, made through the API. */
export async function prepareWorkspace(stack: NpmStartStack): Promise<void> {
  const segment = exampleSegments.find((candidate) => candidate.id === AT_RISK)!;
  const created = await callApi<{ segment: { id: string } }>(stack, stack.adminKey, 'POST', '/api/segments', { name: segment.name, description: segment.description, rule: segment.rule });
  // The API names a segment after a slug of its name; the journey below picks it by that id.
  if (created.segment.id !== AT_RISK) throw new Error(`the segment was created as ${created.segment.id}, not ${AT_RISK}`);
  for (const id of [REMINDER_TEMPLATE, SUPPORT_TEMPLATE]) {
    await callApi(stack, stack.adminKey, 'POST', '/api/templates', demoTemplates.find((template) => template.id === id)!);
  }
}

/** What the API and the stack's own log say about the learner's run, for a live view that never showed it. */
async function whereTheRunIs(stack: NpmStartStack, journeyId: string, learnerId: string): Promise<string> {
  const ask = (route: string) => callApi<unknown>(stack, stack.adminKey, 'GET', route).then(JSON.stringify, (error: Error) => error.message);
  const stackLines = stack
    .output()
    .split('\n')
    .filter((line) => /^(api|worker) +\|/.test(line));
  return [
    `runs of the journey: ${await ask(`/api/journeys/${journeyId}/runs`)}`,
    `counts: ${await ask(`/api/journeys/${journeyId}/counts`)}`,
    `the learner's journeys: ${await ask(`/api/learners/${encodeURIComponent(learnerId)}/journeys`)}`,
    `all held about the learner: ${await ask(`/api/learners/${encodeURIComponent(learnerId)}/export`)}`,
    'last lines of the api and the worker:',
    ...stackLines.slice(-60),
  ].join('\n');
}

export async function runReengagementScenario(page: Page, stack: NpmStartStack, log: (line: string) => void = () => undefined): Promise<ScenarioResult> {
  const screenshots: string[] = [];
  const shot = async (name: string, fullPage = false) => screenshots.push(await screenshot(page, name, { fullPage }));
  let stepNumber = 0;
  const step = async <T>(name: string, action: () => Promise<T>): Promise<T> => {
    stepNumber += 1;
    log(`step ${stepNumber}: ${name}`);
    try {
      return await action();
    } catch (error) {
      const failureShot = await screenshot(page, `failed-step-${String(stepNumber).padStart(2, '0')}`).catch(() => '(no screenshot)');
      throw new ScenarioStepError(`Designer end-to-end step ${stepNumber} "${name}" failed: ${(error as Error).message}\n(screenshot: ${failureShot})`, { cause: error });
    }
  };

  const canvas = page.getByRole('application', { name: 'Journey canvas' });
  const palette = page.getByRole('list', { name: 'Node palette' });
  const settings = page.getByRole('region', { name: 'Node settings' });
  const toolbar = page.getByRole('toolbar', { name: 'Journey tools' });
  /** A step on the canvas, by the title it shows (its label). */
  const node = (title: string): Locator => canvas.getByRole('group', { name: title, exact: true });
  const problemBadges = canvas.getByLabel(/^\d+ problems$/);

  await step('the designer shows only the sign-in form', async () => {
    await page.goto(`${stack.apiUrl}/`);
    await page.getByRole('heading', { name: 'Sign in to the designer' }).waitFor({ timeout: UI_MS });
    if ((await page.getByRole('navigation', { name: 'Main' }).count()) !== 0) throw new Error('the navigation is reachable before signing in');
    await shot('01-sign-in');
  });

  await step('sign in with the first admin key', async () => {
    await page.getByLabel('Management key').fill(stack.adminKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor({ timeout: UI_MS });
  });

  const journeyId = await step('create a journey: an empty canvas', async () => {
    await page.getByRole('link', { name: 'Journeys', exact: true }).first().click();
    await page.getByLabel('Journey name').fill('Re-engage at-risk students');
    await page.getByRole('button', { name: 'Create journey' }).click();
    await canvas.waitFor({ timeout: UI_MS });
    await palette.waitFor({ timeout: UI_MS });
    const id = /#\/journeys\/([^/?]+)$/.exec(page.url())?.[1];
    if (!id) throw new Error(`the new journey's URL names no journey: ${page.url()}`);
    if ((await canvas.getByRole('group').count()) !== 0) throw new Error('the new journey is not empty');
    await shot('02-empty-canvas');
    return decodeURIComponent(id);
  });

  // Where each step is dropped, relative to the canvas: two rows of three at zoom 1, so every handle is
  // full size for the connections drawn next.
  const box = await canvas.boundingBox();
  if (!box) throw new Error('the journey canvas has no box');
  const at = (column: number, row: number) => ({ x: box.x + 150 + column * 300, y: box.y + 140 + row * 320 });

  /** Drags a palette item onto the canvas; the dropped step is selected and its settings open. */
  const dropStep = async (paletteLabel: string, where: { x: number; y: number }, label: string) => {
    const item = palette.getByRole('button', { name: paletteLabel, exact: true });
    const before = await canvas.getByRole('group').count();
    await dragBetween(page, await centreOf(item), where);
    await page.waitForFunction(`document.querySelectorAll('.react-flow__node').length === ${before + 1}`, undefined, { timeout: UI_MS }).catch(() => {
      throw new Error(`dropping "${paletteLabel}" from the palette added no step to the canvas`);
    });
    await settings.getByRole('heading', { name: paletteLabel, exact: true }).waitFor({ timeout: UI_MS });
    await settings.getByRole('textbox', { name: 'Label', exact: true }).fill(label);
    await node(label).waitFor({ timeout: UI_MS });
  };

  await step('drag Entry onto the canvas and enter on "entered segment at-risk-students"', async () => {
    await dropStep('Entry', at(0, 0), 'Became at-risk');
    await settings.getByRole('combobox', { name: 'Kind', exact: true }).selectOption({ label: 'Segment entered' });
    await settings.getByRole('combobox', { name: 'Segment', exact: true }).selectOption(AT_RISK);
    await settings.getByRole('combobox', { name: 'Mode', exact: true }).selectOption({ label: 'After finish' });
    await waitForText(node('Became at-risk'), new RegExp(`Enters segment ${AT_RISK}`), UI_MS);
  });

  await step('pan the canvas so the entry sits at its top left', async () => {
    // The canvas fits its view to the first step dropped (centring it); a drag on the empty canvas
    // pans it back, leaving room to the right and below for the other steps.
    const entry = await centreOf(node('Became at-risk'));
    const target = at(0, 0);
    const start = { x: box.x + box.width - 250, y: box.y + box.height - 200 };
    await dragBetween(page, start, { x: start.x + target.x - entry.x, y: start.y + target.y - entry.y });
    const moved = await centreOf(node('Became at-risk'));
    if (Math.abs(moved.x - target.x) > 40 || Math.abs(moved.y - target.y) > 40) throw new Error(`panning left the entry at ${JSON.stringify(moved)}, not near ${JSON.stringify(target)}`);
  });

  await step('drag Send message: the reminder, with its template', async () => {
    await dropStep('Send message', at(1, 0), 'Reminder email');
    await settings.getByRole('combobox', { name: 'Template', exact: true }).selectOption(REMINDER_TEMPLATE);
    await waitForText(node('Reminder email'), new RegExp(REMINDER_TEMPLATE), UI_MS);
  });

  await step('drag Wait for event: "Logged In" up to 3 days', async () => {
    await dropStep('Wait for event', at(2, 0), 'Wait for login');
    await settings.getByRole('textbox', { name: 'Event', exact: true }).fill('Logged In');
    const timeout = settings.getByRole('group', { name: 'Timeout', exact: true });
    await timeout.getByRole('spinbutton', { name: 'Amount', exact: true }).fill('3');
    await timeout.getByRole('combobox', { name: 'Unit', exact: true }).selectOption({ label: 'Days' });
    await waitForText(node('Wait for login'), /Logged In, up to 3 days/, UI_MS);
  });

  await step('drag Exit for learners who came back', async () => {
    await dropStep('Exit', at(2, 1), 'Returned');
  });

  await step('drag Send message: the support offer (template left unchosen for now)', async () => {
    await dropStep('Send message', at(0, 1), 'Support offer');
    await waitForText(node('Support offer'), /No template chosen/, UI_MS);
  });

  await step('drag Exit after the support offer', async () => {
    await dropStep('Exit', at(1, 1), 'Offered support');
  });

  /** Drags from a step's labelled output handle to the next step's input handle. */
  const connect = async (source: string, output: string, target: string) => {
    const edgeName = `${source} (${output}) to ${target}`;
    await dragBetween(page, await centreOf(node(source).getByLabel(`Output ${output}`, { exact: true })), await centreOf(node(target).getByLabel(`Into ${target}`, { exact: true })), 20);
    await canvas.getByLabel(edgeName, { exact: true }).waitFor({ state: 'attached', timeout: UI_MS }).catch(() => {
      throw new Error(`dragging from "Output ${output}" of ${source} to "Into ${target}" drew no connection "${edgeName}"`);
    });
  };

  await step('connect the steps by dragging from output handles to input handles (all but the last)', async () => {
    await connect('Became at-risk', 'next', 'Reminder email');
    await connect('Reminder email', 'next', 'Wait for login');
    await connect('Wait for login', 'happened', 'Returned');
    await connect('Wait for login', 'timed out', 'Support offer');
  });

  await step('Validate shows the problems on the canvas: the support offer has a problems badge', async () => {
    await toolbar.getByRole('button', { name: 'Validate', exact: true }).click();
    await node('Support offer').getByLabel(/^\d+ problems$/).waitFor({ timeout: UI_MS });
    await page.getByRole('alert').filter({ hasText: /problems to fix before publishing/ }).waitFor({ timeout: UI_MS });
    await page.getByRole('region', { name: 'Problems' }).filter({ hasText: /without a template/ }).waitFor({ timeout: UI_MS });
    await shot('03-validation-error');
  });

  await step('fix it: choose the support template and connect the last step', async () => {
    await node('Support offer').getByText('Support offer', { exact: true }).click();
    await settings.getByRole('heading', { name: 'Send message', exact: true }).waitFor({ timeout: UI_MS });
    await settings.getByRole('combobox', { name: 'Template', exact: true }).selectOption(SUPPORT_TEMPLATE);
    await connect('Support offer', 'next', 'Offered support');
    // Once validated, the editor keeps the problems true to the drawing after each autosave.
    await toolbar.getByRole('button', { name: 'Validate', exact: true }).click();
    await toolbar.getByRole('status').filter({ hasText: /No problems/ }).waitFor({ timeout: UI_MS });
    if ((await problemBadges.count()) !== 0) throw new Error(`${await problemBadges.count()} steps still show a problems badge`);
  });

  await step('auto-layout and publish', async () => {
    await toolbar.getByRole('button', { name: 'Auto-layout', exact: true }).click();
    await toolbar.getByRole('button', { name: 'Publish', exact: true }).click();
    await toolbar.getByRole('status').filter({ hasText: /Published version 1/ }).waitFor({ timeout: UI_MS });
    await page.getByRole('button', { name: 'Pause', exact: true }).waitFor({ timeout: UI_MS });
    await shot('04-published');
  });

  const learner = { userId: `e2e-${Date.now()}`, email: `e2e.learner.${Date.now()}@example.com` };
  const learnerId = await step('a learner event arrives through the Segment-spec API (write key made through the API)', async () => {
    const { secret } = await callApi<{ secret: string }>(stack, stack.adminKey, 'POST', '/api/keys', { name: 'Designer e2e source', kind: 'write' });
    const tenDaysAgo = new Date(Date.now() - 10 * 24 * 3_600_000).toISOString();
    await callApi(stack, secret, 'POST', '/v1/identify', { userId: learner.userId, traits: { email: learner.email, firstName: 'Robin' } }, { basicAuth: true });
    // Enrolled ten days ago and no login since: the at-risk rule holds at once.
    await callApi(stack, secret, 'POST', '/v1/track', { userId: learner.userId, event: 'Enrolled', properties: { courseId: 'data-analysis-101' }, timestamp: tenDaysAgo }, { basicAuth: true });
    const found = await callApi<{ learners: { learnerId: string }[] }>(stack, stack.adminKey, 'GET', `/api/learners?query=${encodeURIComponent(learner.email)}`);
    if (found.learners.length !== 1) throw new Error(`searching the learner found ${found.learners.length}`);
    const id = found.learners[0]!.learnerId;
    const segments = await callApi<unknown>(stack, stack.adminKey, 'GET', `/api/learners/${encodeURIComponent(id)}/segments`);
    if (!JSON.stringify(segments).includes(AT_RISK)) throw new Error(`the learner did not enter ${AT_RISK}: ${JSON.stringify(segments)}`);
    return id;
  });

  await step('the live view shows the run: count 1 on the reminder and on the wait', async () => {
    await page.getByRole('link', { name: 'Live view', exact: true }).click();
    try {
      await waitForText(node('Reminder email').getByLabel('Counts of Reminder email'), /(?<!\d)1 passed/, LIVE_MS);
      await waitForText(node('Wait for login').getByLabel('Counts of Wait for login'), /(?<!\d)1 waiting/, LIVE_MS);
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${await whereTheRunIs(stack, journeyId, learnerId)}`, { cause: error });
    }
    await node('Wait for login').getByText('Wait for login', { exact: true }).click();
    await page.getByRole('region', { name: 'Learners at step' }).getByRole('link', { name: learnerId, exact: true }).waitFor({ timeout: LIVE_MS });
    await shot('05-live-view');
  });

  await step('the segment builder shows at-risk students', async () => {
    await page.goto(`${stack.apiUrl}/#/segments/${AT_RISK}`);
    await page.getByText('Logged In').first().waitFor({ timeout: UI_MS });
    await shot('06-segment-builder', true);
  });

  await step('the template editor shows the reminder', async () => {
    await page.goto(`${stack.apiUrl}/#/templates/${REMINDER_TEMPLATE}`);
    await page.getByText(/We miss you/).first().waitFor({ timeout: UI_MS });
    // The live preview (rendered by the API) belongs in the picture.
    await page.frameLocator('iframe[title="Email preview"]').getByText(/Continue learning/).waitFor({ timeout: UI_MS });
    await shot('07-template-editor', true);
  });

  await step("the learner's page shows the segment and the journey", async () => {
    await page.goto(`${stack.apiUrl}/#/learners/${encodeURIComponent(learnerId)}`);
    await page.getByText(learner.email).first().waitFor({ timeout: UI_MS });
    await page.getByRole('table', { name: 'Journey runs' }).filter({ hasText: 'Wait for login' }).waitFor({ timeout: UI_MS });
    await shot('08-learner', true);
  });

  return { journeyId, learnerId, screenshots };
}
