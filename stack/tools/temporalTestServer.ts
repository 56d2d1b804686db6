import { chmodSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../config/paths';
import type { LineWriter } from '../log';
import { binaryFromEnv, findOnPath } from './locate';
import { runCommand } from './run';

/** io.temporal:temporal-test-server from Maven Central; stack/java/pom.xml resolves its classpath. */
export const TEMPORAL_TEST_SERVER_VERSION = '1.31.0';
const POM = path.join(projectRoot, 'stack', 'java', 'pom.xml');

export type TestServerLocation =
  | { kind: 'binary'; path: string; origin: 'TEMPORAL_TEST_SERVER_BIN' | 'built' }
  /** No Java/Maven here: the Temporal SDK downloads its own build of the server (needs internet). */
  | { kind: 'sdk-download'; downloadDir: string };

function installDir(toolsDir: string): string {
  return path.join(toolsDir, `temporal-test-server-${TEMPORAL_TEST_SERVER_VERSION}`);
}

/** Order: TEMPORAL_TEST_SERVER_BIN → a previous install → Maven + Java → the SDK's download. */
export async function locateTemporalTestServer(options: {
  toolsDir: string;
  testServerBin?: string;
  onLine: LineWriter;
}): Promise<TestServerLocation> {
  const fromEnv = binaryFromEnv('TEMPORAL_TEST_SERVER_BIN', options.testServerBin);
  if (fromEnv) return { kind: 'binary', path: fromEnv, origin: 'TEMPORAL_TEST_SERVER_BIN' };

  const dir = installDir(options.toolsDir);
  const launcher = path.join(dir, 'temporal-test-server');
  if (existsSync(launcher)) return { kind: 'binary', path: launcher, origin: 'built' };

  const java = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : findOnPath('java');
  const mvn = findOnPath('mvn');
  if (java && mvn) {
    options.onLine(`Fetching io.temporal:temporal-test-server:${TEMPORAL_TEST_SERVER_VERSION} with Maven into ${dir} (first run only)`);
    const staging = `${dir}.partial`;
    rmSync(staging, { recursive: true, force: true });
    const code = await runCommand(
      mvn,
      [
        '-B',
        '-Dstyle.color=never',
        '-f',
        POM,
        'dependency:copy-dependencies',
        `-Dtemporal.test.server.version=${TEMPORAL_TEST_SERVER_VERSION}`,
        `-DoutputDirectory=${path.join(staging, 'lib')}`,
        '-DincludeScope=runtime',
      ],
      { onLine: options.onLine, heartbeat: { everyMs: 20_000, message: (s) => `… Maven still resolving (${s} s)` } },
    );
    if (code === 0) {
      const script = `#!/bin/sh\n# Temporal time-skipping test server; args: <port> [--enable-time-skipping]\nexec "${java}" -cp "${path.join(dir, 'lib')}/*" io.temporal.testserver.TestServer "$@"\n`;
      writeFileSync(path.join(staging, 'temporal-test-server'), script);
      chmodSync(path.join(staging, 'temporal-test-server'), 0o755);
      mkdirSync(path.dirname(dir), { recursive: true });
      renameSync(staging, dir);
      return { kind: 'binary', path: launcher, origin: 'built' };
    }
    options.onLine('Maven could not fetch the test server; falling back to the SDK download');
  } else {
    options.onLine(
      'Java and Maven not found: the Temporal SDK will download its test server (needs internet). ' +
        'Install Java 17 and Maven, or set TEMPORAL_TEST_SERVER_BIN, to run time-skipping tests offline.',
    );
  }
  return { kind: 'sdk-download', downloadDir: path.join(options.toolsDir, 'downloads') };
}
