import { rmSync } from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const started = globalThis.__TEST_SERVICES__;
  if (!started) return;
  await started.services.stop();
  rmSync(started.dataDir, { recursive: true, force: true });
}
