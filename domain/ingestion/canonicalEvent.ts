import type { SegmentMessage } from './segmentMessages';

export interface CanonicalEvent {
  name: string;
  courseId?: string;
  properties: Record<string, unknown>;
}

const COURSE_PATH = /^\/courses\/([^/?#]+)/;

function pagePath(message: { properties?: Record<string, unknown>; context?: Record<string, unknown> }): string | undefined {
  const fromProperties = message.properties?.path;
  if (typeof fromProperties === 'string') return fromProperties;
  const page = message.context?.page as { path?: unknown } | undefined;
  return typeof page?.path === 'string' ? page.path : undefined;
}

function courseIdOf(properties: Record<string, unknown>): string | undefined {
  const value = properties.courseId ?? properties.course_id;
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/**
 * How each message is recorded in the learner's event history:
 * - track: the event as named, its courseId lifted from `properties.courseId`;
 * - page: "Course Page Viewed" for paths under /courses/<courseId>, otherwise "Page Viewed";
 * - screen: "Screen Viewed";
 * - identify / group / alias: "Identified" / "Group Joined" / "Aliased", with the traits or ids as
 *   properties — the profile's change history.
 */
export function canonicalEvent(message: SegmentMessage): CanonicalEvent {
  switch (message.type) {
    case 'track': {
      const properties = message.properties ?? {};
      return { name: message.event, courseId: courseIdOf(properties), properties };
    }
    case 'page': {
      const path = pagePath(message);
      const course = path ? COURSE_PATH.exec(path) : null;
      const properties = { ...(message.properties ?? {}), ...(message.name ? { name: message.name } : {}), ...(message.category ? { category: message.category } : {}) };
      return course
        ? { name: 'Course Page Viewed', courseId: courseIdOf(properties) ?? decodeURIComponent(course[1]!), properties: { ...properties, path } }
        : { name: 'Page Viewed', courseId: courseIdOf(properties), properties };
    }
    case 'screen':
      return { name: 'Screen Viewed', properties: { ...(message.properties ?? {}), ...(message.name ? { name: message.name } : {}) } };
    case 'identify':
      return { name: 'Identified', properties: { traits: message.traits ?? {} } };
    case 'group':
      return { name: 'Group Joined', properties: { groupId: message.groupId, traits: message.traits ?? {} } };
    case 'alias':
      return { name: 'Aliased', properties: { previousId: message.previousId } };
  }
}

/**
 * When it happened: the client's timestamp corrected for its clock skew the way Segment does it
 * (timestamp + (receivedAt − sentAt)), or the time it arrived when the client gave none.
 */
export function eventTime(message: { timestamp?: string; originalTimestamp?: string; sentAt?: string }, receivedAt: Date): Date {
  const given = message.timestamp ?? message.originalTimestamp;
  if (!given) return receivedAt;
  const at = new Date(given);
  if (!message.sentAt) return at;
  return new Date(at.getTime() + (receivedAt.getTime() - new Date(message.sentAt).getTime()));
}
