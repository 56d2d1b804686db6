import { z } from 'zod';

/** What a payload schema yields for an event type that is not mapped: the route answers 200 "ignored". */
export interface IgnoredEvent {
  ignored: true;
  topic: string;
}

export function isIgnored(event: object): event is IgnoredEvent {
  return 'ignored' in event && event.ignored === true;
}

/**
 * A webhook payload schema that is strict about the events we map and lenient about all others.
 * The payload's topic (its event type) picks the schema: a mapped topic must match its schema, and its
 * issues are reported with their own paths (a plain union would bury them under the other options);
 * any other topic is accepted, whatever its content, as an IgnoredEvent.
 */
export function eventsByTopic<Schemas extends Record<string, z.ZodType<object>>>(topicOf: (payload: Record<string, unknown>) => unknown, schemas: Schemas) {
  return z.looseObject({}).transform((payload, context): z.output<Schemas[keyof Schemas]> | IgnoredEvent => {
    const topic = topicOf(payload);
    if (typeof topic !== 'string' || topic === '') {
      context.addIssue({ code: 'custom', message: 'the event type is missing', input: payload });
      return z.NEVER;
    }
    const schema: z.ZodType<object> | undefined = Object.hasOwn(schemas, topic) ? schemas[topic] : undefined;
    if (!schema) return { ignored: true, topic };
    const result = schema.safeParse(payload);
    if (result.success) return result.data as z.output<Schemas[keyof Schemas]>;
    for (const issue of result.error.issues) {
      context.addIssue({ code: 'custom', path: issue.path, message: issue.message, input: payload });
    }
    return z.NEVER;
  });
}
