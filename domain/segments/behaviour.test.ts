import { decodeBehaviourKey, encodeBehaviourKey, historyOf, MAX_ITEMS_PER_EVENT, mergeBehaviour, recordEvents, type RecordedEvent } from './behaviour';

const event = (id: string, at: number, name = 'Logged In', properties?: Record<string, unknown>): RecordedEvent => ({ id, name, at, ...(properties ? { properties } : {}) });

describe('behaviour keys', () => {
  test.each(['Course Page Viewed', 'a.b', '$set', '100%', '%2E', 'x.$.%', '\u0000', ''])('%j round-trips and is storable', (name) => {
    const key = encodeBehaviourKey(name);
    for (const forbidden of ['.', '$', '\u0000']) expect(key).not.toContain(forbidden);
    expect(decodeBehaviourKey(key)).toBe(name);
  });

  test('plain names are kept as they are', () => {
    expect(encodeBehaviourKey('Course Page Viewed')).toBe('Course Page Viewed');
  });

  test('different names never share a key', () => {
    expect(encodeBehaviourKey('a.b')).not.toBe(encodeBehaviourKey('a%2Eb'));
  });
});

describe('recordEvents', () => {
  test('keeps items in time order whatever the arrival order, with totals', () => {
    const { summary, added } = recordEvents({}, [event('b', 20), event('a', 10), event('c', 30), event('d', 15)]);
    expect(added.map((recorded) => recorded.id)).toEqual(['b', 'a', 'c', 'd']);
    expect(summary['Logged In']).toEqual({
      count: 4,
      first: 10,
      last: 30,
      items: [
        { at: 10, id: 'a' },
        { at: 15, id: 'd' },
        { at: 20, id: 'b' },
        { at: 30, id: 'c' },
      ],
    });
  });

  test('replays of the same message are skipped', () => {
    const first = recordEvents({}, [event('a', 10), event('a', 10)]);
    expect(first.added).toHaveLength(1);
    const again = recordEvents(first.summary, [event('a', 10), event('b', 11)]);
    expect(again.added.map((recorded) => recorded.id)).toEqual(['b']);
    expect(again.summary['Logged In']?.count).toBe(2);
  });

  test('does not change the summary it is given', () => {
    const before = recordEvents({}, [event('a', 10)]).summary;
    const frozen = JSON.stringify(before);
    recordEvents(before, [event('b', 5), event('c', 7, 'Enrolled')]);
    expect(JSON.stringify(before)).toBe(frozen);
  });

  test('keeps top-level scalar properties, cut to 256 characters, under encoded keys', () => {
    const { summary } = recordEvents({}, [event('a', 10, 'Order Completed', { amount: 49, 'price.usd': 59, plan: 'p'.repeat(300), gift: false, coupon: null, items: [1], customer: { id: 1 }, bad: Infinity, nothing: undefined })]);
    expect(summary['Order Completed']?.items[0]?.props).toEqual({ amount: 49, 'price%2Eusd': 59, plan: 'p'.repeat(256), gift: false, coupon: null });
  });

  test('an event name with . or $ is stored under its encoded key', () => {
    const { summary } = recordEvents({}, [event('a', 10, '$pageview.course')]);
    expect(Object.keys(summary)).toEqual(['%24pageview%2Ecourse']);
    expect(historyOf(summary, '$pageview.course')?.count).toBe(1);
  });

  test('names that are Object.prototype members stay ordinary keys', () => {
    const properties = JSON.parse('{"__proto__": 1}') as Record<string, unknown>;
    const { summary } = recordEvents({}, [event('a', 10, '__proto__', properties), event('b', 10, 'constructor')]);
    expect(Object.getPrototypeOf(summary)).toBe(Object.prototype);
    const props = historyOf(summary, '__proto__')?.items[0]?.props;
    expect(Object.getPrototypeOf(props)).toBe(Object.prototype);
    expect(Object.hasOwn(props ?? {}, '__proto__')).toBe(true);
    expect(historyOf(summary, '__proto__')?.count).toBe(1);
    expect(historyOf(summary, 'constructor')?.count).toBe(1);
    expect(historyOf({}, 'constructor')).toBeUndefined();
  });

  test('over the cap the oldest items go but count, first and last stay totals', () => {
    const events = Array.from({ length: MAX_ITEMS_PER_EVENT + 10 }, (_, index) => event(`e${index}`, 1000 + index));
    const { summary } = recordEvents({}, events.reverse());
    const history = summary['Logged In'];
    expect(history?.count).toBe(MAX_ITEMS_PER_EVENT + 10);
    expect(history?.first).toBe(1000);
    expect(history?.last).toBe(1000 + MAX_ITEMS_PER_EVENT + 9);
    expect(history?.items).toHaveLength(MAX_ITEMS_PER_EVENT);
    expect(history?.items[0]?.at).toBe(1010);
  });
});

describe('mergeBehaviour', () => {
  test('unions occurrences by id', () => {
    const into = recordEvents({}, [event('a', 10), event('b', 20), event('x', 5, 'Enrolled')]).summary;
    const from = recordEvents({}, [event('b', 20), event('c', 15), event('y', 1, 'Signed Up')]).summary;
    const merged = mergeBehaviour(into, from);
    expect(merged['Logged In']).toEqual({
      count: 3,
      first: 10,
      last: 20,
      items: [
        { at: 10, id: 'a' },
        { at: 15, id: 'c' },
        { at: 20, id: 'b' },
      ],
    });
    expect(merged['Enrolled']?.count).toBe(1);
    expect(merged['Signed Up']?.count).toBe(1);
  });

  test('is the same as recording both histories into one', () => {
    const left = [event('a', 10), event('b', 30, 'Enrolled'), event('c', 20)];
    const right = [event('c', 20), event('d', 5), event('e', 40, 'Enrolled')];
    const merged = mergeBehaviour(recordEvents({}, left).summary, recordEvents({}, right).summary);
    expect(merged).toEqual(recordEvents({}, [...left, ...right]).summary);
  });

  test('keeps the newest items within the cap', () => {
    const many = (prefix: string, offset: number) => Array.from({ length: MAX_ITEMS_PER_EVENT }, (_, index) => event(`${prefix}${index}`, offset + index * 2));
    const merged = mergeBehaviour(recordEvents({}, many('a', 0)).summary, recordEvents({}, many('b', 1)).summary);
    expect(merged['Logged In']?.count).toBe(2 * MAX_ITEMS_PER_EVENT);
    expect(merged['Logged In']?.items).toHaveLength(MAX_ITEMS_PER_EVENT);
    expect(merged['Logged In']?.items[0]?.at).toBe(MAX_ITEMS_PER_EVENT);
  });
});
