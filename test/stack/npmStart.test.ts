import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { loadConfig } from '../../config/env';
import { journeySearchAttributes } from '../../domain/searchAttributes';
import { dataConverterFrom } from '../../runtime/dataConverter';
import { canConnect, findFreePort } from '../../stack/services/ports';
import { Store } from '../../store/connection';
import { diagnosticWorkflow } from '../../workflows';
import { testConfig } from '../support/env';

const root = path.resolve(__dirname, '..', '..');

interface StartedStack {
  child: ChildProcess;
  output: () => string;
}

/** `npm start` in its own process group, as a terminal runs it, so Ctrl-C can be sent to all of it. */
async function npmStart(env: NodeJS.ProcessEnv): Promise<StartedStack> {
  const child = spawn('npm', ['start'], { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 240_000;
  while (!output.includes('Course journeys is running')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`npm start did not come up:\n${output.slice(-4000)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { child, output: () => output };
}

/** Ctrl-C as a terminal sends it (to the whole process group); resolves once the stack says it stopped. */
async function ctrlC(stack: StartedStack): Promise<string> {
  process.kill(-stack.child.pid!, 'SIGINT');
  // Each process gets 10 s to stop before it is killed; a loaded machine needs a good margin on top.
  const deadline = Date.now() + 120_000;
  while (!stack.output().includes('stack    | Stopped.') && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return stack.output().slice(stack.output().lastIndexOf('Stopping'));
}

interface CaughtMail {
  id: string;
  subject: string;
  html: string;
}

/** The demo journeys' first mails, as MailDev holds them (its JSON API; the raw source for headers). */
async function demoMail(mailUi: string): Promise<{ mail: CaughtMail; source: string }> {
  const deadline = Date.now() + 180_000;
  for (;;) {
    const mails = (await (await fetch(`${mailUi}/api/email`)).json()) as CaughtMail[];
    const marketing = mails.find((mail) => mail.html?.includes('/unsubscribe/'));
    if (marketing) return { mail: marketing, source: await (await fetch(`${mailUi}/api/email/${marketing.id}/source`)).text() };
    if (Date.now() > deadline) throw new Error(`no demo journey mail arrived; the inbox holds ${mails.length}`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

describe('npm start', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'npm-start-'));
  let env: NodeJS.ProcessEnv;
  let ports: Record<string, number>;

  beforeAll(async () => {
    ports = {
      API_PORT: await findFreePort(),
      TEMPORAL_PORT: await findFreePort(),
      TEMPORAL_UI_PORT: await findFreePort(),
      FERRETDB_PORT: await findFreePort(),
      MAIL_SMTP_PORT: await findFreePort(),
      MAIL_UI_PORT: await findFreePort(),
    };
    const inherited = { ...process.env };
    for (const name of ['TEMPORAL_ADDRESS', 'TEMPORAL_UI_URL', 'MONGODB_URI', 'SMTP_URL', 'MAIL_UI_URL', 'STORE_DATABASE']) delete inherited[name];
    env = { ...inherited, ...Object.fromEntries(Object.entries(ports).map(([key, value]) => [key, String(value)])), DATA_DIR: dataDir, TOOLS_DIR: testConfig().toolsDir, NO_COLOR: '1' };
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('brings the whole stack up, serves it, stops it on Ctrl-C, and keeps the data for the next start', async () => {
    const first = await npmStart(env);
    let firstAdminKey: string;
    try {
      const banner = first.output();
      for (const url of [`http://localhost:${ports.API_PORT}/docs`, `http://localhost:${ports.TEMPORAL_UI_PORT}`, `http://localhost:${ports.MAIL_UI_PORT}`]) {
        expect(banner).toContain(url);
      }
      firstAdminKey = /First admin key[^:]*: (cj_admin_\S+)/.exec(banner)![1]!;
      expect(banner).toContain('Loaded the demo workspace: 300 learners');

      const api = `http://127.0.0.1:${ports.API_PORT}`;
      expect((await fetch(`${api}/ready`)).status).toBe(200);
      expect(await (await fetch(`${api}/docs/`)).text()).toContain('swagger');
      expect(await (await fetch(`${api}/`, { headers: { accept: 'text/html' } })).text()).toContain('<div id="root">');
      expect((await fetch(`${api}/api/keys`, { headers: { authorization: `Bearer ${firstAdminKey}` } })).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${ports.TEMPORAL_UI_PORT}/`)).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${ports.MAIL_UI_PORT}/api/email`)).status).toBe(200);

      const connection = await Connection.connect({ address: `127.0.0.1:${ports.TEMPORAL_PORT}` });
      try {
        const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace: 'default' });
        expect(Object.keys(customAttributes ?? {})).toEqual(expect.arrayContaining(journeySearchAttributes.map((attribute) => attribute.name)));
        // The stack's own worker picks up work on the journeys task queue.
        // The stack encrypts payloads with the key it generated in its DATA_DIR; this client reads it there.
        const result = await new Client({ connection, dataConverter: dataConverterFrom(loadConfig(env, root)) }).workflow.execute(diagnosticWorkflow, {
          taskQueue: 'course-journeys',
          workflowId: `npm-start-check-${randomUUID()}`,
          args: [{}],
        });
        expect(result.worker.storeReachable).toBe(true);
      } finally {
        await connection.close();
      }

      // The demo journeys mail the seeded segments' members: tracked links, the open pixel and working
      // one-click unsubscribe and preference links, all on the stack's public URL.
      const { mail, source } = await demoMail(`http://127.0.0.1:${ports.MAIL_UI_PORT}`);
      const publicUrl = `http://localhost:${ports.API_PORT}`;
      const local = (url: string) => url.replace(publicUrl, api);
      const unfolded = source.replace(/\r?\n[ \t]+/g, ' ');
      expect(unfolded).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
      const unsubscribe = /^List-Unsubscribe: <([^>]+)>/m.exec(unfolded)![1]!;
      const click = new RegExp(`href="(${publicUrl}/m/c/[^"]+)"`).exec(mail.html)![1]!;
      expect(mail.html).toContain(`${publicUrl}/m/o/`);
      expect(mail.html).toContain('Springfield');
      const redirect = await fetch(local(click), { redirect: 'manual' });
      expect(redirect.status).toBe(302);
      expect(redirect.headers.get('location')).toContain('utm_medium=email');
      const preferences = new RegExp(`href="(${publicUrl}/preferences/[^"]+)"`).exec(mail.html)![1]!;
      expect(await (await fetch(local(preferences))).text()).toContain('<form');
      const unsubscribed = await fetch(local(unsubscribe), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
      expect(unsubscribed.status).toBe(200);
    } finally {
      expect(await ctrlC(first)).toContain('Stopped.');
    }
    // Every process of the stack is gone: nothing listens on any of its ports.
    for (const port of Object.values(ports)) expect(await canConnect(port)).toBe(false);

    const second = await npmStart(env);
    try {
      expect(second.output()).toContain('Demo workspace already loaded');
      expect(second.output()).not.toContain('First admin key');
      const response = await fetch(`http://127.0.0.1:${ports.API_PORT}/api/keys`, { headers: { authorization: `Bearer ${firstAdminKey}` } });
      expect(response.status).toBe(200);
      const store = Store.open({ uri: `mongodb://127.0.0.1:${ports.FERRETDB_PORT}/`, database: 'course_journeys' });
      await store.waitUntilConnected(10_000);
      expect(await store.models.learners.countDocuments()).toBe(300);
      await store.close();
    } finally {
      expect(await ctrlC(second)).toContain('Stopped.');
    }
  }, 600_000);
});
