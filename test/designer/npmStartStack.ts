import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../config/env';
import { findFreePort } from '../../stack/services/ports';

const root = path.resolve(__dirname, '..', '..');

export interface NpmStartStack {
  /** The API (and the designer it serves), e.g. http://127.0.0.1:41234 */
  apiUrl: string;
  mailUiUrl: string;
  adminKey: string;
  ports: Record<string, number>;
  output(): string;
  /** Ctrl-C to the whole process group, waits for "Stopped.", removes the data folder. */
  stop(): Promise<void>;
}

/**
 * `npm start` exactly as a developer runs it — in its own process group, on free ports and a data
 * folder of its own, so neither a developer's stack nor the test services (globalSetup) are touched.
 * The designer is built (or found fresh) by `npm start` itself (stack/designerBuild.ts), so nothing
 * here builds it a second time.
 */
export async function startNpmStack({ seedDemo, log = () => undefined, startTimeoutMs = 300_000 }: { seedDemo: boolean; log?: (line: string) => void; startTimeoutMs?: number }): Promise<NpmStartStack> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'designer-e2e-'));
  const ports: Record<string, number> = {};
  for (const name of ['API_PORT', 'TEMPORAL_PORT', 'TEMPORAL_UI_PORT', 'FERRETDB_PORT', 'MAIL_SMTP_PORT', 'MAIL_UI_PORT']) ports[name] = await findFreePort();
  const inherited = { ...process.env };
  // globalSetup points the test process at its own services; this stack starts its own set.
  for (const name of ['TEMPORAL_ADDRESS', 'TEMPORAL_UI_URL', 'MONGODB_URI', 'SMTP_URL', 'MAIL_UI_URL', 'STORE_DATABASE', 'NODE_ENV']) delete inherited[name];
  const env: NodeJS.ProcessEnv = {
    ...inherited,
    ...Object.fromEntries(Object.entries(ports).map(([key, value]) => [key, String(value)])),
    DATA_DIR: dataDir,
    TOOLS_DIR: loadConfig(process.env, root).toolsDir,
    SEED_DEMO: String(seedDemo),
    LOG_LEVEL: 'warn',
    NO_COLOR: '1',
  };
  const child: ChildProcess = spawn('npm', ['start'], { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const onData = (chunk: Buffer) => {
    const text = chunk.toString();
    output += text;
    for (const line of text.split('\n')) if (line.trim()) log(line);
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);

  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        try {
          process.kill(-child.pid!, 'SIGINT');
        } catch {
          // Already gone.
        }
        // Each process gets 10 s to stop before it is killed; a loaded machine needs a margin on top.
        const deadline = Date.now() + 120_000;
        while (!output.includes('stack    | Stopped.') && child.exitCode === null && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      rmSync(dataDir, { recursive: true, force: true });
    })());

  const deadline = Date.now() + startTimeoutMs;
  while (!output.includes('Course journeys is running')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`npm start did not come up:\n${whyNotUp(output)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const adminKey = /First admin key[^:]*: (cj_admin_\S+)/.exec(output)?.[1];
  if (!adminKey) {
    await stop();
    throw new Error(`npm start printed no first admin key:\n${output.slice(-4000)}`);
  }
  return {
    apiUrl: `http://127.0.0.1:${ports.API_PORT}`,
    mailUiUrl: `http://127.0.0.1:${ports.MAIL_UI_PORT}`,
    adminKey,
    ports,
    output: () => output,
    stop,
  };
}

/**
 * The stack's own lines and, when a process died, that process's last lines: the tail of the whole
 * stream is mostly other processes' noise (the worker's bundle report) and would hide the cause.
 */
function whyNotUp(output: string): string {
  const lines = output.split('\n');
  const stackLines = lines.filter((line) => line.startsWith('stack '));
  const died = /^stack +\| (\w+) exited unexpectedly/m.exec(output)?.[1];
  const ofDied = died ? lines.filter((line) => new RegExp(`^${died} +\\|`).test(line)).slice(-40) : [];
  return [...stackLines, ...(died ? ['', `last lines of ${died}:`, ...ofDied] : ['', 'last lines:', ...lines.slice(-40)])].join('\n');
}

/** A JSON call to the stack's API with a key; fails with the API's answer when it is not 2xx. */
export async function callApi<T>(stack: Pick<NpmStartStack, 'apiUrl'>, key: string, method: string, route: string, body?: unknown, init: { basicAuth?: boolean } = {}): Promise<T> {
  const authorization = init.basicAuth ? `Basic ${Buffer.from(`${key}:`).toString('base64')}` : `Bearer ${key}`;
  const response = await fetch(`${stack.apiUrl}${route}`, {
    method,
    headers: { authorization, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${route} answered ${response.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}
