import { loadConfig } from '../../config/env';
import { prefixedWriter } from '../log';
import { locateFerretDb } from '../tools/ferretdb';
import { locateTemporalCli } from '../tools/temporalCli';
import { locateTemporalTestServer } from '../tools/temporalTestServer';

/**
 * `npm run tools`: finds or builds every service binary (Temporal CLI, FerretDB, the time-skipping
 * test server) into TOOLS_DIR with visible progress, so that the first `npm start` or `npm test`
 * does not stall silently. Later runs find them and return at once.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const onLine = prefixedWriter('tools', 0);
  const [temporal, ferretdb, testServer] = await Promise.all([
    locateTemporalCli({ toolsDir: config.toolsDir, temporalBin: config.env.TEMPORAL_BIN, onLine }),
    locateFerretDb({ toolsDir: config.toolsDir, ferretDbBin: config.env.FERRETDB_BIN, onLine }),
    locateTemporalTestServer({ toolsDir: config.toolsDir, testServerBin: config.env.TEMPORAL_TEST_SERVER_BIN, onLine }),
  ]);
  const describe = (location: { kind: string; path?: string }) => (location.kind === 'binary' ? location.path : location.kind);
  onLine(`Temporal CLI:         ${describe(temporal)}`);
  onLine(`FerretDB:             ${describe(ferretdb)}`);
  onLine(`Temporal test server: ${describe(testServer)}`);
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
