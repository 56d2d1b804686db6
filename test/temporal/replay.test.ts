import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { workflowsPath } from '../../worker/createWorker';

const historiesDir = path.resolve(__dirname, '..', 'histories');
const recorded = readdirSync(historiesDir)
  .filter((file) => file.endsWith('.json'))
  .map((file) => ({ workflowId: file, history: historyFromJSON(JSON.parse(readFileSync(path.join(historiesDir, file), 'utf8'))) }));

/**
 * Every recorded history must replay against today's workflow code: a change that would break
 * running workflows (non-determinism) fails here before it reaches production.
 */
describe('replay of recorded workflow histories', () => {
  it('has recorded histories to replay', () => {
    expect(recorded.length).toBeGreaterThan(0);
  });

  it('replays every recorded history without non-determinism', async () => {
    const failures: string[] = [];
    for await (const result of Worker.runReplayHistories({ workflowsPath, replayName: 'recorded-histories' }, recorded)) {
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
  });

  it('detects a history the current code could not have produced', async () => {
    // As if an earlier version of the workflow had called a different activity at this point.
    const history = historyFromJSON(JSON.parse(readFileSync(path.join(historiesDir, 'diagnosticWorkflow-wait.json'), 'utf8')));
    const scheduled = history.events?.find((event) => event.activityTaskScheduledEventAttributes);
    scheduled!.activityTaskScheduledEventAttributes!.activityType = { name: 'someActivityThatNoLongerExists' };

    const results = [];
    for await (const result of Worker.runReplayHistories({ workflowsPath, replayName: 'tampered' }, [{ workflowId: 'tampered', history }])) {
      results.push(result);
    }
    expect(results[0]?.error).toBeInstanceOf(DeterminismViolationError);
  });
});
