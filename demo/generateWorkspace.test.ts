import { canonicalEventNames } from '../domain/learners';
import { generateDemoWorkspace } from './generateWorkspace';

const now = new Date('2026-11-28T12:00:00Z');
const DAY = 86_400_000;

describe('the demo workspace', () => {
  const workspace = generateDemoWorkspace({ learners: 300, now });

  it('is the same on every run', () => {
    expect(generateDemoWorkspace({ learners: 300, now })).toEqual(workspace);
  });

  it('has a few hundred learners with unique ids, emails and message ids', () => {
    expect(workspace.learners).toHaveLength(300);
    expect(new Set(workspace.learners.map((learner) => learner.email)).size).toBe(300);
    expect(new Set(workspace.events.map((event) => event.messageId)).size).toBe(workspace.events.length);
  });

  it('uses the canonical event vocabulary and never dates an event in the future', () => {
    for (const event of workspace.events) {
      expect(canonicalEventNames).toContain(event.name);
      expect(event.timestamp.getTime()).toBeLessThanOrEqual(now.getTime());
    }
  });

  it('contains the audiences the example segments look for', () => {
    const byLearner = new Map<string, { name: string; at: number }[]>();
    for (const event of workspace.events) {
      byLearner.set(event.learnerId, [...(byLearner.get(event.learnerId) ?? []), { name: event.name, at: event.timestamp.getTime() }]);
    }
    const histories = [...byLearner.values()];
    const count = (history: { name: string; at: number }[], name: string, withinDays = Infinity) =>
      history.filter((event) => event.name === name && now.getTime() - event.at <= withinDays * DAY).length;

    const engagedProspects = histories.filter(
      (history) => count(history, 'Course Page Viewed', 7) >= 3 && count(history, 'Email Opened', 7) >= 2 && count(history, 'Enrolled') === 0,
    );
    const atRisk = histories.filter((history) => count(history, 'Enrolled') > 0 && count(history, 'Logged In', 7) === 0);
    const newLeads = histories.filter((history) => count(history, 'Lead Magnet Downloaded', 30) > 0 && count(history, 'Enrolled') === 0);
    expect(engagedProspects.length).toBeGreaterThan(10);
    expect(atRisk.length).toBeGreaterThan(10);
    expect(newLeads.length).toBeGreaterThan(10);
  });
});
