import type { EventCondition } from '../../../../domain/segments/conditions/event';
import type { Path } from '../problems';
import { CountFields, FiltersEditor, TextField, WindowFields } from './fields';
import { EVENT_LIST } from './names';

/** "Performed E (where …) at least / at most / exactly N times, ever / in the last D / between dates". */
export function EventConditionEditor({ condition, path, onChange }: { condition: EventCondition; path: Path; onChange: (condition: EventCondition) => void }) {
  return (
    <div className="condition-fields">
      <TextField label="Event" path={[...path, 'event']} list={EVENT_LIST} value={condition.event} onChange={(event) => onChange({ ...condition, event })} />
      <CountFields path={[...path, 'count']} value={condition.count} onChange={(count) => onChange({ ...condition, count })} />
      <WindowFields path={[...path, 'window']} value={condition.window} onChange={(window) => onChange({ ...condition, window })} />
      <FiltersEditor path={[...path, 'where']} value={condition.where} onChange={(where) => onChange(withWhere(condition, where))} />
    </div>
  );
}

/** Filters are optional in the schema: no filters leaves the key out rather than sending an empty list. */
export function withWhere<T extends { where?: unknown }>(condition: T, where: T['where'] | undefined): T {
  if (where !== undefined) return { ...condition, where };
  const { where: _dropped, ...rest } = condition;
  return rest as T;
}
