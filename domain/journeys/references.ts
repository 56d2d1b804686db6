import { ruleDependencies } from '../segments/dependencies';
import { SEGMENT_RULE_VERSION, type Condition } from '../segments/rules';
import { type Goal } from './goals';
import { type JourneyNode } from './graph';

/** The catalogue entries a node or goal names: they must exist, and the journey depends on them. */
export interface References {
  events: string[];
  segments: string[];
  templates: string[];
}

const none: References = { events: [], segments: [], templates: [] };

function conditionReferences(conditions: Condition[]): References {
  const dependencies = conditions.map((condition) => ruleDependencies({ version: SEGMENT_RULE_VERSION, condition }));
  return { events: dependencies.flatMap((found) => found.events), segments: dependencies.flatMap((found) => found.segments), templates: [] };
}

export function nodeReferences(node: JourneyNode): References {
  switch (node.type) {
    case 'entry': {
      const trigger = node.settings.trigger;
      if (trigger.kind === 'segmentEntered' || trigger.kind === 'segmentExited') return { ...none, segments: [trigger.segmentId] };
      if (trigger.kind === 'event') return { ...none, events: [trigger.event] };
      return none;
    }
    case 'waitForEvent':
      return { ...none, events: [node.settings.event] };
    case 'inactivity':
      return { ...none, events: node.settings.activityEvents ?? [] };
    case 'condition':
      return conditionReferences(node.settings.mode === 'yesNo' ? [node.settings.condition] : node.settings.branches.map((branch) => branch.condition));
    case 'sendMessage':
      return { ...none, templates: node.settings.templateId.trim() ? [node.settings.templateId] : [] };
    case 'delay':
    case 'split':
    case 'updateProfile':
    case 'exit':
      return none;
  }
}

export function goalReferences(goal: Goal): References {
  return goal.kind === 'event' ? { ...none, events: [goal.event] } : { ...none, segments: [goal.segmentId] };
}
