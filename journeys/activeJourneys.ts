import { listeningEvents, type ExecutableJourney } from '../domain/journeys';
import type { PropertyFilter } from '../domain/segments';
import type { StoreModels } from '../store/connection';
import type { JourneyDocument } from '../store/models/journey';
import { journeyVersionId, type JourneyVersionDocument } from '../store/models/journeyVersion';

/** A published journey as the event router needs it. */
export interface LiveJourney {
  id: string;
  name: string;
  status: 'active' | 'paused';
  version: number;
  executable: ExecutableJourney;
  /** Event names some run of it may wait for (goals, waits, exits); `anyEvent` when an inactivity step counts every event. */
  listens: { anyEvent: boolean; events: Set<string> };
  /** The event properties its filters read: the only ones a routed event carries. */
  filteredProperties: Set<string>;
}

const propertiesOf = (filters: readonly PropertyFilter[] | undefined) => (filters ?? []).map((filter) => filter.property);

function liveJourney(doc: JourneyDocument, version: JourneyVersionDocument): LiveJourney {
  const executable = version.executable as ExecutableJourney;
  const listens = { anyEvent: false, events: new Set<string>() };
  const filteredProperties = new Set<string>(['segmentId']);
  for (const [nodeId, node] of Object.entries(executable.nodes)) {
    const heard = listeningEvents(executable, nodeId);
    listens.anyEvent ||= heard.anyEvent;
    heard.events.forEach((event) => listens.events.add(event));
    if (node.type === 'waitForEvent') propertiesOf(node.settings.where).forEach((property) => filteredProperties.add(property));
  }
  for (const goal of executable.goals) if (goal.kind === 'event') propertiesOf(goal.where).forEach((property) => filteredProperties.add(property));
  return { id: doc._id, name: doc.name, status: doc.status as LiveJourney['status'], version: doc.publishedVersion!, executable, listens, filteredProperties };
}

/** Published, not archived journeys, read from the store and kept for at most `maxAgeMs` per process. */
export class ActiveJourneys {
  private cached?: { at: number; journeys: Promise<LiveJourney[]> };

  constructor(
    private readonly models: Pick<StoreModels, 'journeys' | 'journeyVersions'>,
    private readonly maxAgeMs = 1_000,
  ) {}

  current(): Promise<LiveJourney[]> {
    const now = Date.now();
    if (!this.cached || now - this.cached.at > this.maxAgeMs) {
      const journeys = this.load();
      this.cached = { at: now, journeys };
      journeys.catch(() => (this.cached = undefined));
    }
    return this.cached.journeys;
  }

  forget(): void {
    this.cached = undefined;
  }

  private async load(): Promise<LiveJourney[]> {
    const docs = await this.models.journeys.find({ status: { $in: ['active', 'paused'] } }).lean<JourneyDocument[]>();
    const live: LiveJourney[] = [];
    for (const doc of docs) {
      if (!doc.publishedVersion) continue;
      const version = await this.models.journeyVersions.findById(journeyVersionId(doc._id, doc.publishedVersion)).lean<JourneyVersionDocument>();
      if (version) live.push(liveJourney(doc, version));
    }
    return live;
  }
}
