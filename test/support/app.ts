import type { FastifyInstance } from 'fastify';
import { buildApp, type AppDependencies } from '../../api/app';
import { TemporalGateway } from '../../api/temporal';
import { readEnv } from '../../config/env';
import { Ingestion } from '../../ingestion/pipeline';
import { dataConverterFrom } from '../../runtime/dataConverter';
import type { Store } from '../../store/connection';
import type { ProcessRuntime } from '../../runtime/processRuntime';
import { testRuntime } from './segments';

/** The real API on a real store and the real Temporal, driven through fastify's inject. */
export async function buildTestApp(
  store: Store,
  options: { env?: Record<string, string>; temporalAddress?: string; designerRoot?: string; ingestion?: Ingestion; taskQueue?: string } = {},
): Promise<{ app: FastifyInstance; temporal: TemporalGateway; runtime: ProcessRuntime; close(): Promise<void> }> {
  const env = readEnv({ ...process.env, LOG_LEVEL: 'silent', ...options.env });
  const temporal = new TemporalGateway({ address: options.temporalAddress ?? env.TEMPORAL_ADDRESS!, namespace: env.TEMPORAL_NAMESPACE, dataConverter: dataConverterFrom({ env }) });
  const ingestion = options.ingestion ?? new Ingestion(store.models);
  const runtime = testRuntime(store, { ingestion, temporalAddress: options.temporalAddress, taskQueue: options.taskQueue });
  const dependencies: AppDependencies = {
    config: { env, api: { host: '127.0.0.1', port: 0, publicUrl: 'http://localhost:3000' }, temporal: { uiUrl: 'http://localhost:8233', namespace: env.TEMPORAL_NAMESPACE } },
    models: store.models,
    ingestion,
    segments: runtime.segments,
    journeys: runtime.journeys,
    mailer: runtime.mailer,
    probes: { store: () => store.ping(), temporal: () => temporal.ping() },
    designerRoot: options.designerRoot,
  };
  const app = await buildApp(dependencies);
  return {
    app,
    temporal,
    runtime,
    async close() {
      await app.close();
      await runtime.close();
      await temporal.close();
    },
  };
}

export const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });
/** A write key as Segment's libraries send it: the HTTP Basic user name with an empty password. */
export const basic = (key: string) => ({ authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}` });
