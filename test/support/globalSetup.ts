import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { EmbeddedServices } from '../../stack/services/embeddedServices';
import { root, startFreshServices } from './freshServices';

declare global {
  var __TEST_SERVICES__: { services: EmbeddedServices; dataDir: string } | undefined;
}

export { root };
export const artifactsDir = path.join(root, 'test-artifacts');

/**
 * Starts the real services the integration tests use — on free ports and a fresh data folder, so a
 * developer's running `npm start` is left alone — and hands their addresses to the test workers
 * through the environment. TEMPORAL_ADDRESS / MONGODB_URI / SMTP_URL use existing servers instead.
 */
export default async function globalSetup(): Promise<void> {
  mkdirSync(artifactsDir, { recursive: true });
  const logFile = path.join(artifactsDir, 'services.log');
  const toolsLog = (line: string) => process.stdout.write(`[test services] ${line}\n`);
  const { services, dataDir } = await startFreshServices((name) => (name === 'tools' ? toolsLog : (line) => appendFileSync(logFile, `${name} | ${line}\n`)));
  globalThis.__TEST_SERVICES__ = { services, dataDir };
  Object.assign(process.env, services.childEnv, { TEST_DATA_DIR: dataDir, STORE_DATABASE: 'course_journeys_test' });
}
