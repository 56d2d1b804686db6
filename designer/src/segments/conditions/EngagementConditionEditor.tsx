import { engagementConditionSchema, type EngagementCondition } from '../../../../domain/segments/conditions/engagement';
import type { Path } from '../problems';
import { CheckboxField, CountFields, SelectField, TextField, WindowFields } from './fields';

const actions = engagementConditionSchema.shape.action.options.map((action) => ({ value: action, label: `${action} an email` }));

/** Opened or clicked our emails (one message or any), at least once unless a count is given. */
export function EngagementConditionEditor({ condition, path, onChange }: { condition: EngagementCondition; path: Path; onChange: (condition: EngagementCondition) => void }) {
  const { messageId: _messageId, ...withoutMessage } = condition;
  const { count: _count, ...withoutCount } = condition;
  return (
    <div className="condition-fields">
      <SelectField label="Action" path={[...path, 'action']} value={condition.action} options={actions} onChange={(action) => onChange({ ...condition, action })} />
      <TextField label="Message id (empty: any email)" path={[...path, 'messageId']} value={condition.messageId ?? ''} onChange={(messageId) => onChange(messageId ? { ...condition, messageId } : withoutMessage)} />
      <WindowFields path={[...path, 'window']} value={condition.window} onChange={(window) => onChange({ ...condition, window })} />
      <CheckboxField label="Count times" checked={condition.count !== undefined} onChange={(counted) => onChange(counted ? { ...condition, count: { operator: 'atLeast', value: 1 } } : withoutCount)} />
      {condition.count && <CountFields path={[...path, 'count']} value={condition.count} onChange={(count) => onChange({ ...condition, count })} />}
    </div>
  );
}
