import type { UpdateProfileSettings } from '../../../domain/journeys';
import { activities, type RunContext } from '../context';

export async function updateProfileStep(settings: UpdateProfileSettings, nodeId: string, context: RunContext): Promise<string> {
  await activities.updateLearnerProfile({
    learnerId: context.input.learnerId,
    changeId: `${context.input.journeyId}/${context.input.learnerId}/${context.firstRunId}/${nodeId}/${context.visit}`,
    settings,
  });
  return 'next';
}
