import type { Client } from '@temporalio/client';
import { clockWorkflowId, TemporalSegmentClock } from './clock';

interface Signalled {
  workflowId: string;
  wakeAt: number;
  learnerIds: string[];
}

/** A client that notes the clock's signals (the real one is exercised in test/segments/timePassing.test.ts). */
function recordingClient(fail = false) {
  const signalled: Signalled[] = [];
  const client = {
    workflow: {
      async signalWithStart(_workflow: unknown, options: { workflowId: string; args: [{ wakeAt: number }]; signalArgs: [string[]] }) {
        if (fail) throw new Error('Temporal is down');
        signalled.push({ workflowId: options.workflowId, wakeAt: options.args[0].wakeAt, learnerIds: options.signalArgs[0] });
      },
    },
  } as unknown as Client;
  return { client: () => client, signalled };
}

describe('TemporalSegmentClock', () => {
  const T1 = Date.parse('2026-11-29T10:00:00Z');
  const T2 = Date.parse('2026-11-29T10:01:00Z');

  it('sends the wake-ups asked for close together as one signal per wake-up moment, once sent resolving every ask', async () => {
    const { client, signalled } = recordingClient();
    const clock = new TemporalSegmentClock(client, 'queue', 20);
    let settled = 0;
    const asks = [
      clock.wake([{ learnerId: 'ada', at: T1 }]),
      clock.wake([{ learnerId: 'bo', at: T1 }, { learnerId: 'cy', at: T2 }]),
      clock.wake([{ learnerId: 'ada', at: T1 }]),
    ].map((ask) => ask.then(() => (settled += 1)));
    expect(signalled).toEqual([]);
    await Promise.all(asks);
    expect(settled).toBe(3);
    expect(signalled).toHaveLength(2);
    const at = (wakeAt: number) => signalled.find((signal) => signal.wakeAt === wakeAt)!;
    expect(at(T1).learnerIds).toEqual(['ada', 'bo']);
    expect(at(T2).learnerIds).toEqual(['cy']);
    expect(at(T1).workflowId).toMatch(new RegExp(`^${clockWorkflowId('queue', T1, 0).replace(/-0$/, '')}-\\d+$`));
  });

  it('starts a new batch for wake-ups asked for after the last one was sent', async () => {
    const { client, signalled } = recordingClient();
    const clock = new TemporalSegmentClock(client, 'queue', 10);
    await clock.wake([{ learnerId: 'ada', at: T1 }]);
    await clock.wake([{ learnerId: 'bo', at: T1 }]);
    expect(signalled.map((signal) => signal.learnerIds)).toEqual([['ada'], ['bo']]);
  });

  it('tells every asker of a batch that Temporal did not take it (their wake-ups stay owed)', async () => {
    const { client } = recordingClient(true);
    const clock = new TemporalSegmentClock(client, 'queue', 10);
    const outcomes = await Promise.allSettled([clock.wake([{ learnerId: 'ada', at: T1 }]), clock.wake([{ learnerId: 'bo', at: T2 }])]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
  });
});
