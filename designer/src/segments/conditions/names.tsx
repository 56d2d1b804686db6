import { createContext, useContext } from 'react';
import { canonicalEventNames, traitsSchema } from '../../../../domain/learners';

/** What the name fields suggest: canonical events and profile traits (the API has no list of names seen). */
export interface KnownNames {
  events: readonly string[];
  traits: readonly string[];
  segments: readonly { id: string; name: string }[];
}

export const defaultNames: KnownNames = { events: canonicalEventNames, traits: Object.keys(traitsSchema.shape), segments: [] };

export const NamesContext = createContext<KnownNames>(defaultNames);
export const useNames = () => useContext(NamesContext);

/** Ids of the datalists the rule editor renders once for every name field. */
export const EVENT_LIST = 'segment-known-events';
export const TRAIT_LIST = 'segment-known-traits';

export function NameLists() {
  const names = useNames();
  return (
    <>
      <datalist id={EVENT_LIST}>
        {names.events.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <datalist id={TRAIT_LIST}>
        {names.traits.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
    </>
  );
}
