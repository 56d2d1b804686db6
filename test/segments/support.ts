import { ruleDependencies, type SegmentRule } from '../../domain/segments';
import type { Wake, SegmentClock } from '../../segments/clock';
import type { StoreModels } from '../../store/connection';

/** Saves an active dynamic segment directly (the API path is tested in test/api/segments.test.ts). */
export async function saveSegment(models: StoreModels, segment: { id: string; name?: string; rule: SegmentRule }): Promise<void> {
  const now = new Date();
  await models.segments.create({
    _id: segment.id,
    name: segment.name ?? segment.id,
    kind: 'dynamic',
    rule: segment.rule,
    dependsOn: ruleDependencies(segment.rule),
    status: 'active',
    version: 1,
    createdAt: now,
    updatedAt: now,
  });
}

/** A clock that only remembers what it was asked (engine tests drive time themselves). */
export class RecordingClock implements SegmentClock {
  readonly wakes: Wake[] = [];
  failing = false;

  async wake(wakes: readonly Wake[]): Promise<void> {
    if (this.failing) throw new Error('clock unavailable');
    this.wakes.push(...wakes);
  }
}

/** A controllable "now" for the engine. */
export class ManualTime {
  constructor(public ms: number) {}
  readonly now = () => this.ms;
  advance(ms: number): void {
    this.ms += ms;
  }
}
