import { appendFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../config/env';
import { startEmbeddedServices, type EmbeddedServices } from '../../stack/services/embeddedServices';
import { findFreePort } from '../../stack/services/ports';

declare global {
  var __TEST_SERVICES__: { services: EmbeddedServices; dataDir: string } | undefined;
}

export const root = path.resolve(__dirname, '..', '..');
export const artifactsDir = path.join(root, 'test-artifacts');

/**
 * Starts the real services the integration tests use — on free ports and a fresh data folder, so a
 * developer's running `npm start` is left alone — and hands their addresses to the test workers
 * through the environment. TEMPORAL_ADDRESS / MONGODB_URI / SMTP_URL use existing servers instead.
 */
export default async function globalSetup(): Promise<void> {
  mkdirSync(artifactsDir, { recursive: true });
  const logFile = path.join(artifactsDir, 'services.log');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'course-journeys-test-'));
  const env = {
    ...process.env,
    DATA_DIR: dataDir,
    TEMPORAL_PORT: String(await findFreePort()),
    TEMPORAL_UI_PORT: String(await findFreePort()),
    FERRETDB_PORT: String(await findFreePort()),
    MAIL_SMTP_PORT: String(await findFreePort()),
    MAIL_UI_PORT: String(await findFreePort()),
  };
  const config = loadConfig(env, root);
  const toolsLog = (line: string) => process.stdout.write(`[test services] ${line}\n`);
  const services = await startEmbeddedServices(config, {
    logFor: (name) => (name === 'tools' ? toolsLog : (line) => appendFileSync(logFile, `${name} | ${line}\n`)),
  });
  globalThis.__TEST_SERVICES__ = { services, dataDir };
  Object.assign(process.env, services.childEnv, { TEST_DATA_DIR: dataDir, STORE_DATABASE: 'course_journeys_test' });
}
