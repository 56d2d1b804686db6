/**
 * Custom Temporal search attributes that operators filter journey runs by in the Temporal UI.
 * Registered when the dev server starts (stack/services/temporalDevServer.ts) and in production
 * with `temporal operator search-attribute create` (README.md).
 */
export const journeySearchAttributes = [
  { name: 'JourneyId', type: 'Keyword' },
  { name: 'JourneyVersion', type: 'Int' },
  { name: 'LearnerId', type: 'Keyword' },
  { name: 'CurrentNode', type: 'Keyword' },
  { name: 'CourseId', type: 'Keyword' },
] as const;

export type JourneySearchAttributeName = (typeof journeySearchAttributes)[number]['name'];
