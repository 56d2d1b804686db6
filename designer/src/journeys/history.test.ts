import { canRedo, canUndo, historyLimit, record, redo, seal, startHistory, undo } from './history';

describe('the undo stack', () => {
  it('undoes and redoes steps, and a new step drops what was undone', () => {
    let history = startHistory('a');
    history = record(history, 'b');
    history = record(history, 'c');
    history = undo(history);
    expect(history.present).toBe('b');
    expect(canRedo(history)).toBe(true);
    history = redo(history);
    expect(history.present).toBe('c');
    history = undo(undo(history));
    expect(history.present).toBe('a');
    expect(canUndo(history)).toBe(false);
    expect(undo(history)).toBe(history);
    history = record(history, 'd');
    expect(canRedo(history)).toBe(false);
    expect(history.past).toEqual(['a']);
  });

  it('makes one step of a group of changes (a drag) until it is sealed', () => {
    let history = startHistory(0);
    history = record(history, 1, 'move');
    history = record(history, 2, 'move');
    history = record(history, 3, 'move');
    expect(history.past).toEqual([0]);
    history = record(seal(history), 4, 'move');
    expect(history.past).toEqual([0, 3]);
    history = record(history, 5, 'settings:x');
    expect(undo(history).present).toBe(4);
  });

  it('keeps a bounded number of steps', () => {
    let history = startHistory(0);
    for (let step = 1; step <= historyLimit + 50; step++) history = record(history, step);
    expect(history.past).toHaveLength(historyLimit);
    expect(history.present).toBe(historyLimit + 50);
  });

  it('ignores a change to the same value', () => {
    const history = startHistory('a');
    expect(record(history, 'a')).toBe(history);
  });
});
