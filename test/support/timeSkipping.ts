import { TestWorkflowEnvironment } from '@temporalio/testing';
import { dataConverterFrom } from '../../runtime/dataConverter';
import { locateTemporalTestServer } from '../../stack/tools/temporalTestServer';
import { testConfig } from './env';
import { registerJourneySearchAttributes } from './searchAttributes';

/**
 * Temporal's Java time-skipping test server as the journey tests use it: payloads encrypted as in
 * every process, and the journey search attributes registered (the test server starts without them).
 */
export async function startTimeSkippingServer(options: { onLine?: (line: string) => void; searchAttributes?: boolean } = {}): Promise<TestWorkflowEnvironment> {
  const location = await locateTemporalTestServer({ toolsDir: testConfig().toolsDir, testServerBin: process.env.TEMPORAL_TEST_SERVER_BIN, onLine: options.onLine ?? (() => undefined) });
  const environment = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: location.kind === 'binary' ? { type: 'existing-path', path: location.path } : { type: 'cached-download', downloadDir: location.downloadDir } },
    client: { dataConverter: dataConverterFrom(testConfig()) },
  });
  if (options.searchAttributes ?? true) await registerJourneySearchAttributes(environment.connection);
  return environment;
}
