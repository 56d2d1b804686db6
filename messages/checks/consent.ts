import type { ConsentStatus } from '../../domain/messages/consent';
import type { StoreModels } from '../../store/connection';
import type { ConsentDocument } from '../../store/models/consent';
import { consentId, defaultStatus, isUnsubscribedFromAll } from '../consent/consents';
import { Topics } from '../consent/topics';
import type { SendCheck } from '../pipeline';

/**
 * Marketing messages only to learners who have not unsubscribed from all marketing and who consent
 * to the message's topic (a record saying opted_in, or no record for a topic without double opt-in).
 * Transactional messages pass. Read at send time, so an unsubscribe stops a run that is already
 * waiting. A message with no topic is held only by the global opt-out.
 */
export function consentCheck(models: Pick<StoreModels, 'consents' | 'topics'>): SendCheck {
  const topics = new Topics(models);
  return {
    async check({ request, learner, traits }) {
      if (request.kind !== 'marketing') return undefined;
      if (isUnsubscribedFromAll(traits)) return { skip: 'unsubscribed from all marketing' };
      const topicId = request.topic;
      if (!topicId) return undefined;
      // The run names the learner it started for; a merge since then may have moved them. A choice
      // recorded under either id counts, and an opt-out wins.
      const ids = [...new Set([learner._id, request.learnerId])];
      const [topic, ...records] = await Promise.all([topics.get(topicId), ...ids.map((id) => models.consents.findById(consentId(id, topicId), { status: 1 }).lean<Pick<ConsentDocument, 'status'>>())]);
      const statuses = records.flatMap((record) => (record ? [record.status as ConsentStatus] : []));
      if (statuses.includes('opted_out')) return { skip: `opted out of ${topicId}` };
      if (statuses.includes('opted_in')) return undefined;
      if (statuses.includes('pending')) return { skip: `opt-in to ${topicId} not confirmed` };
      // No one can have consented to a topic that does not exist.
      if (!topic) return { skip: `unknown topic ${topicId}` };
      return defaultStatus(topic) === 'opted_in' ? undefined : { skip: `not opted in to ${topicId}` };
    },
  };
}
