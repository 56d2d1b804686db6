import type { SequenceCondition } from '../../../../domain/segments/conditions/sequence';
import type { Path } from '../problems';
import { withWhere } from './EventConditionEditor';
import { DurationFields, FiltersEditor, TextField, WindowFields } from './fields';
import { EVENT_LIST } from './names';

/** "Did A and then not B within D", e.g. viewed the checkout and did not order within a day. */
export function SequenceConditionEditor({ condition, path, onChange }: { condition: SequenceCondition; path: Path; onChange: (condition: SequenceCondition) => void }) {
  return (
    <div className="condition-fields">
      <TextField label="Did event" path={[...path, 'first', 'event']} list={EVENT_LIST} value={condition.first.event} onChange={(event) => onChange({ ...condition, first: { ...condition.first, event } })} />
      <FiltersEditor label="Filters on the first event" path={[...path, 'first', 'where']} value={condition.first.where} onChange={(where) => onChange({ ...condition, first: withWhere(condition.first, where) })} />
      <TextField label="And then not event" path={[...path, 'thenNot', 'event']} list={EVENT_LIST} value={condition.thenNot.event} onChange={(event) => onChange({ ...condition, thenNot: { ...condition.thenNot, event } })} />
      <FiltersEditor label="Filters on the follow-up event" path={[...path, 'thenNot', 'where']} value={condition.thenNot.where} onChange={(where) => onChange({ ...condition, thenNot: withWhere(condition.thenNot, where) })} />
      <DurationFields label="Within" path={[...path, 'within']} value={condition.within} onChange={(within) => onChange({ ...condition, within })} />
      <WindowFields label="First event happened" path={[...path, 'window']} value={condition.window} onChange={(window) => onChange({ ...condition, window })} />
    </div>
  );
}
