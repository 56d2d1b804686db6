import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { dataConverterFrom } from '../../runtime/dataConverter';
import { workflowsPath } from '../../worker/createWorker';
import { testConfig } from '../support/env';

const historiesDir = path.resolve(__dirname, '..', 'histories');

/**
 * Histories recorded before payloads were encrypted must still replay on a worker that encrypts: the
 * codec passes unencrypted payloads through, and the failure converter reads plain failures.
 */
describe('replay of unencrypted histories with the encrypting data converter', () => {
  it('replays every recorded history', async () => {
    const recorded = readdirSync(historiesDir)
      .filter((file) => file.endsWith('.json'))
      .map((file) => ({ workflowId: file, history: historyFromJSON(JSON.parse(readFileSync(path.join(historiesDir, file), 'utf8'))) }));
    expect(recorded.length).toBeGreaterThan(0);
    const failures: string[] = [];
    for await (const result of Worker.runReplayHistories({ workflowsPath, replayName: 'plain-histories-encrypting-worker', dataConverter: dataConverterFrom(testConfig()) }, recorded)) {
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
  });
});
