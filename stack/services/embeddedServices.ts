import type { Config } from '../../config/env';
import type { LineWriter } from '../log';
import { locateFerretDb } from '../tools/ferretdb';
import { locateTemporalCli } from '../tools/temporalCli';
import { startFerretDb } from './ferretdb';
import { startMailCatcher } from './mailCatcher';
import type { RunningService } from './runningService';
import { startTemporalDevServer } from './temporalDevServer';

export interface ServiceEndpoints {
  temporal: { address: string; uiUrl: string };
  store: { uri: string };
  smtp: { url: string; inboxUrl?: string };
}

export interface EmbeddedServices extends ServiceEndpoints {
  /** What the API and worker processes need to find these services. */
  childEnv: Record<string, string>;
  running: RunningService[];
  stop(): Promise<void>;
}

export type ServiceName = 'temporal' | 'store' | 'mail';

/**
 * Starts the local Temporal dev server, FerretDB and the mail catcher — each only when no existing
 * server is configured (TEMPORAL_ADDRESS, MONGODB_URI, SMTP_URL) — in parallel.
 */
export async function startEmbeddedServices(
  config: Config,
  options: { logFor: (service: string) => LineWriter; only?: ServiceName[] },
): Promise<EmbeddedServices> {
  const wanted = (name: ServiceName) => !options.only || options.only.includes(name);
  const { env } = config;
  const toolsLog = options.logFor('tools');

  const endpoints: ServiceEndpoints = {
    temporal: { address: config.temporal.address, uiUrl: config.temporal.uiUrl },
    store: { uri: config.store.uri },
    smtp: { url: config.smtp.url, inboxUrl: config.smtp.inboxUrl },
  };
  const starts: Promise<RunningService>[] = [];

  if (wanted('temporal') && !env.TEMPORAL_ADDRESS) {
    starts.push(
      (async () => {
        const location = await locateTemporalCli({ toolsDir: config.toolsDir, temporalBin: env.TEMPORAL_BIN, onLine: toolsLog });
        const server = await startTemporalDevServer({
          location,
          port: env.TEMPORAL_PORT,
          uiPort: env.TEMPORAL_UI_PORT,
          namespace: config.temporal.namespace,
          dataDir: config.dataDir,
          onLine: options.logFor('temporal'),
        });
        endpoints.temporal = { address: server.address, uiUrl: server.uiUrl };
        return server;
      })(),
    );
  }
  if (wanted('store') && !env.MONGODB_URI) {
    starts.push(
      (async () => {
        const location = await locateFerretDb({ toolsDir: config.toolsDir, ferretDbBin: env.FERRETDB_BIN, onLine: toolsLog });
        const store = await startFerretDb({ location, port: env.FERRETDB_PORT, dataDir: config.dataDir, onLine: options.logFor('ferretdb') });
        endpoints.store = { uri: store.uri };
        return store;
      })(),
    );
  }
  if (wanted('mail') && !env.SMTP_URL) {
    starts.push(
      (async () => {
        const mail = await startMailCatcher({
          smtpPort: env.MAIL_SMTP_PORT,
          webPort: env.MAIL_UI_PORT,
          dataDir: config.dataDir,
          onLine: options.logFor('mail'),
        });
        endpoints.smtp = { url: mail.smtpUrl, inboxUrl: mail.inboxUrl };
        return mail;
      })(),
    );
  }

  const results = await Promise.allSettled(starts);
  const running = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const stop = async () => {
    await Promise.all(running.map((service) => service.stop()));
  };
  const failures = results.flatMap((result) => (result.status === 'rejected' ? [result.reason as Error] : []));
  if (failures.length > 0) {
    await stop();
    throw new AggregateError(failures, failures.map((failure) => failure.message).join('\n'));
  }

  return {
    ...endpoints,
    running,
    stop,
    childEnv: {
      TEMPORAL_ADDRESS: endpoints.temporal.address,
      TEMPORAL_UI_URL: endpoints.temporal.uiUrl,
      MONGODB_URI: endpoints.store.uri,
      SMTP_URL: endpoints.smtp.url,
      ...(endpoints.smtp.inboxUrl ? { MAIL_UI_URL: endpoints.smtp.inboxUrl } : {}),
    },
  };
}
