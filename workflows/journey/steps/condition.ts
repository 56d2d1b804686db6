import type { ConditionSettings } from '../../../domain/journeys';
import { activities, type RunContext } from '../context';
import { workflowNow } from '../time';

/** Evaluates the rule(s) for the learner now, through an activity (it reads the store). */
export async function conditionStep(settings: ConditionSettings, context: RunContext): Promise<string> {
  if (settings.mode === 'yesNo') return (await activities.learnerMatches({ learnerId: context.input.learnerId, conditions: [settings.condition], at: workflowNow() }))[0] ? 'yes' : 'no';
  const matches = await activities.learnerMatches({ learnerId: context.input.learnerId, conditions: settings.branches.map((branch) => branch.condition), at: workflowNow() });
  return settings.branches[matches.indexOf(true)]?.id ?? 'else';
}
