import { type SegmentRule } from './rules';
import { conditionsOf } from './walk';

export interface RuleWarning {
  path: (string | number)[];
  message: string;
}

/**
 * Names the workspace has never seen. They are warnings, not errors: a rule may be written before
 * the first such event arrives, but a typo ("Enroled") would otherwise silently match nobody.
 * Engagement conditions are left out: the platform records their email events itself.
 */
export function ruleWarnings(rule: SegmentRule, known: { events: ReadonlySet<string>; traits: ReadonlySet<string> }): RuleWarning[] {
  const warnings: RuleWarning[] = [];
  const checkEvent = (event: string, path: (string | number)[]) => {
    if (!known.events.has(event)) warnings.push({ path, message: `No event named "${event}" has been received yet` });
  };
  for (const { condition, path } of conditionsOf(rule.condition)) {
    switch (condition.type) {
      case 'trait':
        if (!known.traits.has(condition.trait)) warnings.push({ path: [...path, 'trait'], message: `No learner has a trait named "${condition.trait}" yet` });
        break;
      case 'event':
      case 'eventTime':
      case 'aggregate':
        checkEvent(condition.event, [...path, 'event']);
        break;
      case 'sequence':
        checkEvent(condition.first.event, [...path, 'first', 'event']);
        checkEvent(condition.thenNot.event, [...path, 'thenNot', 'event']);
        break;
    }
  }
  return warnings;
}
