import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { defineSearchAttributeKey, type SearchAttributeType } from '@temporalio/common';
import { journeySearchAttributes } from '../../domain/searchAttributes';
import type { LineWriter } from '../log';
import type { TemporalCliLocation } from '../tools/temporalCli';
import { startProcess } from './managedProcess';
import { assertPortFree, canConnect } from './ports';
import type { RunningService } from './runningService';
import { waitForStart } from './waitForStart';

/** True once the frontend answers and every journey search attribute is registered. */
export async function temporalIsReady(address: string, namespace: string): Promise<boolean> {
  let connection: Connection | undefined;
  try {
    connection = await Connection.connect({ address, connectTimeout: 1_000 });
    const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
    return journeySearchAttributes.every((attribute) => customAttributes?.[attribute.name] !== undefined);
  } catch {
    return false;
  } finally {
    await connection?.close();
  }
}

/**
 * The Temporal CLI dev server with its Web UI, state in a SQLite file under `dataDir` (kept across
 * restarts) and the journey search attributes registered at start.
 */
export async function startTemporalDevServer(options: {
  location: TemporalCliLocation;
  port: number;
  uiPort: number;
  namespace: string;
  dataDir: string;
  onLine: LineWriter;
}): Promise<RunningService & { address: string; uiUrl: string }> {
  mkdirSync(options.dataDir, { recursive: true });
  const dbFilename = path.join(options.dataDir, 'temporal.sqlite');
  await assertPortFree(options.port, 'Temporal frontend', 'TEMPORAL_PORT');
  await assertPortFree(options.uiPort, 'Temporal Web UI', 'TEMPORAL_UI_PORT');
  const address = `127.0.0.1:${options.port}`;
  const uiUrl = `http://localhost:${options.uiPort}`;

  if (options.location.kind === 'sdk-download') {
    const { TestWorkflowEnvironment } = await import('@temporalio/testing');
    const environment = await TestWorkflowEnvironment.createLocal({
      server: {
        executable: { type: 'cached-download', downloadDir: options.location.downloadDir },
        ip: '127.0.0.1',
        port: options.port,
        ui: true,
        uiPort: options.uiPort,
        dbFilename,
        namespace: options.namespace,
        searchAttributes: journeySearchAttributes.map((attribute) =>
          defineSearchAttributeKey(attribute.name, attribute.type.toUpperCase() as SearchAttributeType),
        ),
      },
    });
    return { name: 'temporal', address, uiUrl, stop: () => environment.teardown() };
  }

  const namespaces = options.namespace === 'default' ? [] : ['--namespace', options.namespace];
  const child = startProcess({
    name: 'temporal',
    command: options.location.path,
    args: [
      'server',
      'start-dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(options.port),
      '--ui-port',
      String(options.uiPort),
      '--db-filename',
      dbFilename,
      // Warnings are mostly reconnect chatter while the stack stops; errors still show.
      '--log-level',
      'error',
      // A workflow task that schedules an activity gets that activity back in its answer when the
      // worker has a free slot, instead of the activity going through a task queue and a poll: less
      // work per activity for the server and the worker (see bench/RESULTS.md, bench:journeys).
      // Production servers take the same setting (README, Deployment).
      '--dynamic-config-value',
      'system.enableActivityEagerExecution=true',
      ...namespaces,
      ...journeySearchAttributes.flatMap((attribute) => ['--search-attribute', `${attribute.name}=${attribute.type}`]),
    ],
    onLine: options.onLine,
  });
  await waitForStart(
    child,
    async () => (await canConnect(options.port)) && (await temporalIsReady(address, options.namespace)),
    60_000,
  );
  return { name: 'temporal', address, uiUrl, stop: () => child.stop(), exited: child.exited };
}
