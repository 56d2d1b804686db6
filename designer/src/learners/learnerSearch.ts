import type { LearnerEventView, LearnerView } from '../../../domain/learners';
import { api, ApiError } from '../api/client';

export interface LearnerProfile {
  learner: LearnerView;
  events: LearnerEventView[];
}

/**
 * Learners matching what was typed. The search endpoint matches email, userId and name prefixes; a
 * learner id is not among them, so the text is also tried as an id (a 404 just means it is not one).
 */
export async function findLearners(query: string, limit = 20): Promise<LearnerView[]> {
  const text = query.trim();
  if (!text) return [];
  const [found, byId] = await Promise.all([
    api.get<{ learners: LearnerView[] }>(`/api/learners?${new URLSearchParams({ query: text, limit: String(limit) })}`),
    api.get<LearnerProfile>(`/api/learners/${encodeURIComponent(text)}?limit=1`).catch((error: unknown) => {
      if (error instanceof ApiError && (error.status === 404 || error.status === 400)) return null;
      throw error;
    }),
  ]);
  const learners = byId ? [byId.learner, ...found.learners] : found.learners;
  return learners.filter((learner, index) => learners.findIndex((other) => other.learnerId === learner.learnerId) === index);
}

/** The name to show for a learner: name traits, then an email, then the id. */
export function displayName(learner: Pick<LearnerView, 'learnerId' | 'traits' | 'emails'>): string {
  const traits = learner.traits;
  const name = typeof traits.name === 'string' && traits.name ? traits.name : [traits.firstName, traits.lastName].filter((part) => typeof part === 'string' && part).join(' ');
  return name || learner.emails[0] || (typeof traits.email === 'string' ? traits.email : '') || learner.learnerId;
}
