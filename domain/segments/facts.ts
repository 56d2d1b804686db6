import { type BehaviourSummary } from './behaviour';

/** What a rule is evaluated against for one learner. */
export interface LearnerFacts {
  traits: Record<string, unknown>;
  behaviour: BehaviourSummary;
  /** Ids of the segments the learner is in now. */
  memberships: ReadonlySet<string>;
}
