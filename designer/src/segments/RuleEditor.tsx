import { useId, useState } from 'react';
import type { Condition } from '../../../domain/segments/rules';
import { AggregateConditionEditor } from './conditions/AggregateConditionEditor';
import { EngagementConditionEditor } from './conditions/EngagementConditionEditor';
import { EventConditionEditor } from './conditions/EventConditionEditor';
import { EventTimeConditionEditor } from './conditions/EventTimeConditionEditor';
import { ProblemText, useProblemsAt } from './conditions/fields';
import { NameLists } from './conditions/names';
import { SegmentConditionEditor } from './conditions/SegmentConditionEditor';
import { SequenceConditionEditor } from './conditions/SequenceConditionEditor';
import { TraitConditionEditor } from './conditions/TraitConditionEditor';
import type { Path } from './problems';
import { leafTypes, newCondition, typeLabel, type GroupCondition, type LeafType } from './ruleModel';

type Leaf = Exclude<Condition, { type: 'all' | 'any' | 'not' }>;

interface NodeProps<C extends Condition = Condition> {
  condition: C;
  path: Path;
  /** "1.2": where the condition sits, so that its controls have names that tell them apart. */
  label: string;
  onChange: (condition: Condition) => void;
  segmentId?: string;
}

/**
 * The rule as nested groups: each group is a fieldset whose legend says how its conditions combine,
 * with buttons to add a condition (of a chosen type) or a group, and to remove or negate each entry.
 */
export function RuleEditor({ condition, onChange, segmentId }: { condition: GroupCondition; onChange: (condition: GroupCondition) => void; segmentId?: string }) {
  return (
    <div className="rule-editor">
      <NameLists />
      <GroupEditor condition={condition} path={['rule', 'condition']} label="" onChange={(next) => onChange(next as GroupCondition)} segmentId={segmentId} />
    </div>
  );
}

function ConditionNode(props: NodeProps) {
  const { condition } = props;
  if (condition.type === 'all' || condition.type === 'any') return <GroupEditor {...props} condition={condition} />;
  if (condition.type === 'not') return <NotEditor {...props} condition={condition} />;
  return <LeafEditor {...props} condition={condition} />;
}

function GroupEditor({ condition, path, label, onChange, segmentId }: NodeProps<GroupCondition>) {
  const [nextType, setNextType] = useState<LeafType>('trait');
  const ids = useId();
  const groupProblems = useProblemsAt([...path, 'conditions']);
  const ownProblems = useProblemsAt(path);
  const title = label ? `Group ${label}` : 'Rule';
  const childLabel = (index: number) => (label ? `${label}.${index + 1}` : String(index + 1));
  const setChildren = (conditions: Condition[]) => onChange({ ...condition, conditions });
  const replace = (index: number, child: Condition) => setChildren(condition.conditions.map((current, at) => (at === index ? child : current)));
  return (
    <fieldset className={`group group-${condition.type}`} aria-describedby={groupProblems.length + ownProblems.length > 0 ? `${ids}-problem` : undefined}>
      <legend>
        {title}: {condition.type === 'all' ? 'all of these (AND)' : 'any of these (OR)'}
      </legend>
      <label htmlFor={`${ids}-match`}>Match</label>{' '}
      <select id={`${ids}-match`} value={condition.type} onChange={(event) => onChange({ ...condition, type: event.target.value as GroupCondition['type'] })}>
        <option value="all">all (AND)</option>
        <option value="any">any (OR)</option>
      </select>
      <ProblemText id={`${ids}-problem`} problems={[...ownProblems, ...groupProblems]} />
      {condition.conditions.length === 0 && <p className="hint">No conditions yet: add one.</p>}
      <ol className="group-entries">
        {condition.conditions.map((child, index) => {
          const name = `${child.type === 'all' || child.type === 'any' ? 'group' : 'condition'} ${childLabel(index)} (${typeLabel(child.type)})`;
          return (
            <li key={index}>
              <ConditionNode condition={child} path={[...path, 'conditions', index]} label={childLabel(index)} onChange={(next) => replace(index, next)} segmentId={segmentId} />
              <div className="entry-actions">
                {child.type === 'not' ? (
                  <button type="button" aria-label={`Remove NOT from ${name}`} onClick={() => replace(index, child.condition)}>
                    Remove NOT
                  </button>
                ) : (
                  <button type="button" aria-label={`Negate ${name}`} onClick={() => replace(index, { type: 'not', condition: child })}>
                    Negate (NOT)
                  </button>
                )}
                <button type="button" aria-label={`Remove ${name}`} onClick={() => setChildren(condition.conditions.filter((_, at) => at !== index))}>
                  Remove
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      <div className="group-actions">
        <label htmlFor={`${ids}-type`}>New condition type</label>{' '}
        <select id={`${ids}-type`} value={nextType} onChange={(event) => setNextType(event.target.value as LeafType)}>
          {leafTypes.map((entry) => (
            <option key={entry.type} value={entry.type}>
              {entry.label}
            </option>
          ))}
        </select>{' '}
        <button type="button" onClick={() => setChildren([...condition.conditions, newCondition(nextType)])}>
          Add condition
        </button>{' '}
        {/* A nested group alternates the connective, which is what nesting is for: (A OR B) AND C. */}
        <button type="button" onClick={() => setChildren([...condition.conditions, { type: condition.type === 'all' ? 'any' : 'all', conditions: [] }])}>
          Add group
        </button>
      </div>
    </fieldset>
  );
}

function NotEditor({ condition, path, label, onChange, segmentId }: NodeProps<Extract<Condition, { type: 'not' }>>) {
  return (
    <fieldset className="group group-not">
      <legend>Not {label}: none of this</legend>
      <ConditionNode condition={condition.condition} path={[...path, 'condition']} label={label} onChange={(inner) => onChange({ ...condition, condition: inner })} segmentId={segmentId} />
    </fieldset>
  );
}

function LeafEditor({ condition, path, label, onChange, segmentId }: NodeProps<Leaf>) {
  const id = useId();
  const problems = useProblemsAt(path);
  return (
    <fieldset className={`condition condition-${condition.type}`} aria-describedby={problems.length > 0 ? id : undefined}>
      <legend>
        Condition {label}: {typeLabel(condition.type)}
      </legend>
      <ProblemText id={id} problems={problems} />
      <LeafFields condition={condition} path={path} onChange={onChange} segmentId={segmentId} />
    </fieldset>
  );
}

/** One small editor per condition type, each with the settings its schema describes. */
function LeafFields({ condition, path, onChange, segmentId }: { condition: Leaf; path: Path; onChange: (condition: Condition) => void; segmentId?: string }) {
  switch (condition.type) {
    case 'trait':
      return <TraitConditionEditor condition={condition} path={path} onChange={onChange} />;
    case 'event':
      return <EventConditionEditor condition={condition} path={path} onChange={onChange} />;
    case 'eventTime':
      return <EventTimeConditionEditor condition={condition} path={path} onChange={onChange} />;
    case 'aggregate':
      return <AggregateConditionEditor condition={condition} path={path} onChange={onChange} />;
    case 'sequence':
      return <SequenceConditionEditor condition={condition} path={path} onChange={onChange} />;
    case 'engagement':
      return <EngagementConditionEditor condition={condition} path={path} onChange={onChange} />;
    case 'segment':
      return <SegmentConditionEditor condition={condition} path={path} onChange={onChange} excludeId={segmentId} />;
  }
}
