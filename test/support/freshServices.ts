import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../config/env';
import type { LineWriter } from '../../stack/log';
import { startEmbeddedServices, type EmbeddedServices } from '../../stack/services/embeddedServices';
import { findFreePort } from '../../stack/services/ports';

export const root = path.resolve(__dirname, '..', '..');

/**
 * The real services on free ports and a fresh data folder, so a developer's running `npm start` is
 * left alone. TEMPORAL_ADDRESS / MONGODB_URI / SMTP_URL use existing servers instead.
 */
export async function startFreshServices(logFor: (service: string) => LineWriter): Promise<{ services: EmbeddedServices; dataDir: string; config: Config }> {
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
  const services = await startEmbeddedServices(loadConfig(env, root), { logFor });
  return { services, dataDir, config: loadConfig({ ...env, ...services.childEnv }, root) };
}
