import { createContext, useContext, useEffect, useState } from 'react';
import { canonicalEventNames, traitsSchema } from '../../../../domain/learners';
import { api } from '../../api/client';

/** What the name fields suggest: the events and traits the workspace knows, and its segments. */
export interface KnownNames {
  events: readonly string[];
  traits: readonly string[];
  segments: readonly { id: string; name: string }[];
}

export const defaultNames: KnownNames = { events: canonicalEventNames, traits: Object.keys(traitsSchema.shape), segments: [] };

/** Names the API reports (GET /api/segments/known-names): canonical ones and those seen on learners. */
export interface WorkspaceNames {
  events: readonly string[];
  traits: readonly string[];
}

const merged = (base: readonly string[], more: readonly string[]) => [...new Set([...base, ...more])].sort((a, b) => a.localeCompare(b));

/**
 * The workspace's event and trait names, fetched once per mount. Until they arrive — or if the API
 * cannot say — the canonical names stand in: suggestions are a help, never a reason to fail a screen.
 */
export function useWorkspaceNames(): WorkspaceNames {
  const [names, setNames] = useState<WorkspaceNames>({ events: defaultNames.events, traits: defaultNames.traits });
  useEffect(() => {
    let current = true;
    api
      .get<WorkspaceNames>('/api/segments/known-names')
      .then((answer) => current && setNames({ events: merged(defaultNames.events, answer.events), traits: merged(defaultNames.traits, answer.traits) }))
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, []);
  return names;
}

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
