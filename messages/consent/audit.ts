import { randomUUID } from 'node:crypto';
import type { StoreModels } from '../../store/connection';

/** Who changed a consent: the learner on a public page, an API key (`api:<keyId>`), or the system. */
export type ConsentActor = 'learner' | 'system' | `api:${string}`;

/** The topic name audit entries use for the global marketing opt-out. */
export const ALL_MARKETING = 'all-marketing';

export interface ConsentChange {
  learnerId: string;
  actor: ConsentActor;
  topic: string;
  from: string;
  to: string;
  source: string;
  at: Date;
}

/** Appends one consent change to the audit log (insert-only; the id is random, entries never collide). */
export async function auditConsentChange(models: Pick<StoreModels, 'auditLog'>, change: ConsentChange): Promise<void> {
  await models.auditLog.create({
    _id: randomUUID(),
    kind: 'consent',
    learnerId: change.learnerId,
    at: change.at,
    actor: change.actor,
    details: { topic: change.topic, from: change.from, to: change.to, source: change.source },
  });
}
