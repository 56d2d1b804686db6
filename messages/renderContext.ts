import { decodeBehaviourKey, type BehaviourSummary } from '../domain/segments/behaviour';
import { ownValue, setOwn } from '../domain/segments/own';
import type { TemplateSample } from '../domain/messages/templates';

/** One recent occurrence as templates see it: `{ name, at (ISO), …its properties }`. */
export type ActivityItem = Record<string, unknown> & { name: string; at: string };

export interface RecentActivity {
  /** Newest first. */
  recent: ActivityItem[];
  last?: ActivityItem;
  lastAt?: string;
  /** All-time count per event name. */
  counts: Record<string, number>;
}

/** Everything a template can read about one learner and the message's occasion (domain/messages/templates.ts templateVariableRoots). */
export interface RenderContext {
  learner: Record<string, unknown>;
  event: Record<string, unknown>;
  segments: string[];
  interests: string[];
  activity: RecentActivity;
}

/** What a learner is made of, as far as templates are concerned (the learner document's fields). */
export interface LearnerFacts {
  _id: string;
  traits?: unknown;
  segmentIds?: readonly string[] | null;
  behaviour?: unknown;
}

export const RECENT_ACTIVITY_ITEMS = 10;

/** Bookkeeping events, not something the learner did. */
const NOT_ACTIVITY = new Set(['Segment Entered', 'Segment Exited', 'Identified', 'Aliased', 'Group Joined']);
const COURSE_PATH = /^\/courses\/([^/?#]+)/;

interface Occurrence {
  name: string;
  at: number;
  properties: Record<string, unknown>;
}

function courseOf(properties: Record<string, unknown>): string | undefined {
  const id = properties.courseId ?? properties.course_id;
  if (typeof id === 'string' && id) return id;
  if (typeof id === 'number') return String(id);
  const path = typeof properties.path === 'string' ? COURSE_PATH.exec(properties.path) : null;
  return path ? decodeURIComponent(path[1]!) : undefined;
}

function interestsTrait(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string | number => typeof item === 'string' || typeof item === 'number').map(String);
  if (typeof value === 'string') return value.split(',').map((item) => item.trim());
  return [];
}

function activityOf(occurrences: readonly Occurrence[], counts: Record<string, number>): RecentActivity {
  const recent = occurrences
    .filter((occurrence) => !NOT_ACTIVITY.has(occurrence.name))
    .sort((a, b) => b.at - a.at)
    .slice(0, RECENT_ACTIVITY_ITEMS)
    .map((occurrence): ActivityItem => {
      const item = { ...occurrence.properties } as ActivityItem;
      setOwn(item, 'name', occurrence.name);
      setOwn(item, 'at', new Date(occurrence.at).toISOString());
      return item;
    });
  return { recent, counts, ...(recent[0] ? { last: recent[0], lastAt: recent[0].at } : {}) };
}

/** The learner's interests trait first, then the courses of their recent activity, each once. */
function interestsOf(traits: Record<string, unknown>, occurrences: readonly Occurrence[]): string[] {
  const fromActivity = [...occurrences].sort((a, b) => b.at - a.at).map((occurrence) => courseOf(occurrence.properties));
  return [...new Set([...interestsTrait(traits.interests), ...fromActivity].filter((item): item is string => typeof item === 'string' && item.length > 0))];
}

/** The newest occurrences of every event kept in the behaviour summary, up to the moment `at`. */
function occurrencesIn(summary: BehaviourSummary, at: number): { occurrences: Occurrence[]; counts: Record<string, number> } {
  const occurrences: Occurrence[] = [];
  const counts: Record<string, number> = {};
  for (const [key, history] of Object.entries(summary)) {
    const name = decodeBehaviourKey(key);
    if (!NOT_ACTIVITY.has(name)) setOwn(counts, name, history.count);
    // Items are ascending; only the newest few of each name can be among the learner's most recent.
    const items = history.items.filter((item) => item.at <= at).slice(-RECENT_ACTIVITY_ITEMS);
    for (const item of items) {
      const properties: Record<string, unknown> = {};
      for (const [prop, value] of Object.entries(item.props ?? {})) setOwn(properties, decodeBehaviourKey(prop), value);
      occurrences.push({ name, at: item.at, properties });
    }
  }
  return { occurrences, counts };
}

/**
 * A stored learner's render context. Recent activity comes from the behaviour summary on the learner
 * document rather than from raw events: on FerretDB a query of events by learner reads the whole
 * collection.
 */
export function learnerRenderContext(learner: LearnerFacts, event: Record<string, unknown> | undefined, at: number): RenderContext {
  const traits = (learner.traits ?? {}) as Record<string, unknown>;
  const { occurrences, counts } = occurrencesIn((learner.behaviour ?? {}) as BehaviourSummary, at);
  return {
    learner: { ...traits, learnerId: learner._id },
    event: event ?? {},
    segments: [...(learner.segmentIds ?? [])],
    interests: interestsOf(traits, occurrences),
    activity: activityOf(occurrences, counts),
  };
}

/** Invented data for a preview, read the same way as a stored learner's. */
export function sampleRenderContext(sample: TemplateSample, now: number): RenderContext {
  const traits = sample.learner ?? {};
  const occurrences = (sample.activity ?? []).map((item) => ({ name: item.name, at: item.at ? Date.parse(item.at) : now, properties: item.properties ?? {} }));
  const counts: Record<string, number> = {};
  for (const occurrence of occurrences) if (!NOT_ACTIVITY.has(occurrence.name)) setOwn(counts, occurrence.name, (ownValue(counts, occurrence.name) ?? 0) + 1);
  return {
    learner: { learnerId: 'sample-learner', ...traits },
    event: sample.event ?? {},
    segments: [...(sample.segments ?? [])],
    interests: interestsOf(traits, occurrences),
    activity: activityOf(occurrences, counts),
  };
}
