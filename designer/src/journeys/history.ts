/**
 * The undo stack of the journey editor: the present graph, what came before and what was undone.
 * Pure, so that undo and redo are tested without a canvas.
 */
export interface History<T> {
  past: T[];
  present: T;
  future: T[];
  /**
   * The kind of the last change. A change of the same kind (every step of one drag, every keystroke
   * in one settings field) replaces the present instead of adding a step, so one undo reverts it whole.
   */
  group: string | null;
}

/** Old steps beyond this are dropped: a long session should not hold every keystroke's graph. */
export const historyLimit = 200;

export function startHistory<T>(present: T): History<T> {
  return { past: [], present, future: [], group: null };
}

export function record<T>(history: History<T>, next: T, group: string | null = null): History<T> {
  if (next === history.present) return history;
  if (group !== null && group === history.group) return { ...history, present: next, future: [] };
  return { past: [...history.past, history.present].slice(-historyLimit), present: next, future: [], group };
}

/** Ends the current group, so the next change of the same kind is a step of its own (a second drag). */
export function seal<T>(history: History<T>): History<T> {
  return history.group === null ? history : { ...history, group: null };
}

export const canUndo = (history: History<unknown>) => history.past.length > 0;
export const canRedo = (history: History<unknown>) => history.future.length > 0;

export function undo<T>(history: History<T>): History<T> {
  const previous = history.past.at(-1);
  if (previous === undefined) return history;
  return { past: history.past.slice(0, -1), present: previous, future: [history.present, ...history.future], group: null };
}

export function redo<T>(history: History<T>): History<T> {
  const [next, ...rest] = history.future;
  if (next === undefined) return history;
  return { past: [...history.past, history.present], present: next, future: rest, group: null };
}
