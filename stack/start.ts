import path from 'node:path';
import { parseArgs } from 'node:util';
import { ApiKeys } from '../api/keys/apiKeys';
import { ConfigError, loadConfig, type Config } from '../config/env';
import { projectRoot as root } from '../config/paths';
import { seedDemo } from '../demo/seedDemo';
import { Store } from '../store/connection';
import { ensureDesignerBuilt } from './designerBuild';
import { prefixedWriter, type LineWriter } from './log';
import { startEmbeddedServices, type EmbeddedServices } from './services/embeddedServices';
import { startProcess, type ManagedProcess } from './services/managedProcess';
import { PortInUseError } from './services/ports';
import { waitForStart } from './services/waitForStart';
import { ToolUnavailableError } from './tools/errors';

const processNames = ['stack', 'tools', 'temporal', 'ferretdb', 'mail', 'designer', 'worker', 'api'];
const logFor = (name: string): LineWriter => prefixedWriter(name, Math.max(0, processNames.indexOf(name)));
const log = logFor('stack');

async function apiAnswers(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/health`)).ok;
  } catch {
    return false;
  }
}

/**
 * `npm start`: the local Temporal dev server, FerretDB and the mail catcher (unless existing servers
 * are configured), the demo workspace on first start, then the worker and the API — one log stream,
 * and Ctrl-C stops everything.
 */
async function main(): Promise<number> {
  const { values } = parseArgs({ options: { 'services-only': { type: 'boolean', default: false } } });
  const config = loadConfig(process.env, root);
  log(`Starting (data in ${path.relative(root, config.dataDir) || '.'}, tools in ${path.relative(root, config.toolsDir)})`);

  let services: EmbeddedServices | undefined;
  const children: ManagedProcess[] = [];
  let stopping: Promise<void> | undefined;
  const stopAll = (reason: string) =>
    (stopping ??= (async () => {
      log(`Stopping (${reason})…`);
      await Promise.all(children.map((child) => child.stop()));
      await services?.stop();
      log('Stopped.');
    })());
  let exitCode = 0;
  const onSignal = (signal: NodeJS.Signals) => void stopAll(signal).then(() => process.exit(exitCode));
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    services = await startEmbeddedServices(config, { logFor });
    return await startApplication(config, services, children, values['services-only'] ?? false, {
      onChildExit: (name, code) => {
        if (stopping) return;
        exitCode = 1;
        log(`${name} exited unexpectedly (${code}); stopping the stack`);
        void stopAll(`${name} exited`).then(() => process.exit(1));
      },
    });
  } catch (error) {
    await stopAll('start-up failed');
    throw error;
  }
}

async function startApplication(
  config: Config,
  services: EmbeddedServices,
  children: ManagedProcess[],
  servicesOnly: boolean,
  hooks: { onChildExit: (name: string, code: number | string) => void },
): Promise<number> {
  await ensureDesignerBuilt(logFor('designer'));

  const store = Store.open({ uri: services.store.uri, database: config.store.database });
  let firstAdminKey: string | undefined;
  try {
    await store.waitUntilConnected(30_000);
    if (config.env.SEED_DEMO) {
      for (const line of await seedDemo(store, config, services.temporal.address)) log(line);
    }
    firstAdminKey = await new ApiKeys(store.models).ensureFirstAdminKey();
  } finally {
    await store.close();
  }

  if (servicesOnly) {
    printBanner(config.api.publicUrl, services, firstAdminKey, false);
    return new Promise<number>(() => undefined);
  }

  const childEnv = { ...process.env, ...services.childEnv };
  for (const [name, entry] of [
    ['worker', 'worker/main.ts'],
    ['api', 'api/main.ts'],
  ] as const) {
    const child = startProcess({ name, command: process.execPath, args: ['--import', 'tsx', entry], cwd: root, env: childEnv, onLine: logFor(name) });
    children.push(child);
    void child.exited.then((code) => hooks.onChildExit(name, code));
  }
  const api = children[1]!;
  await waitForStart(api, () => apiAnswers(`http://127.0.0.1:${config.api.port}`), 60_000);
  printBanner(config.api.publicUrl, services, firstAdminKey, true);
  return new Promise<number>(() => undefined);
}

function printBanner(publicUrl: string, services: EmbeddedServices, firstAdminKey: string | undefined, withApi: boolean): void {
  const rows: [string, string | undefined][] = [
    ['Designer', withApi ? `${publicUrl}/` : undefined],
    ['API docs', withApi ? `${publicUrl}/docs` : undefined],
    ['Temporal UI', services.temporal.uiUrl],
    ['Mail inbox', services.smtp.inboxUrl],
    ['Temporal', services.temporal.address],
    ['Store', services.store.uri],
  ];
  const lines = [
    `Course journeys ${withApi ? 'is running' : 'services are running (--services-only)'}`,
    ...rows.filter(([, url]) => url).map(([label, url]) => `  ${label.padEnd(12)} ${url}`),
    ...(firstAdminKey ? ['', `  First admin key (shown only now, keep it safe): ${firstAdminKey}`] : []),
    '',
    '  Ctrl-C stops everything; data stays until you delete the data folder.',
  ];
  const rule = '─'.repeat(72);
  for (const line of [rule, ...lines, rule]) log(line);
}

main().catch((error: unknown) => {
  const expected = [ConfigError, AggregateError, ToolUnavailableError, PortInUseError].some((type) => error instanceof type);
  const message = expected ? (error as Error).message : String((error as Error).stack ?? error);
  log(`Failed to start: ${message}`);
  process.exit(1);
});
