import { chooseVariant } from './abSplit';

function shares(variants: { id: string; weight: number }[], seeds = 10_000): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(variants.map((variant) => [variant.id, 0]));
  for (let learner = 0; learner < seeds; learner++) {
    const id = chooseVariant(`journey-1:split-1:learner-${learner}`, variants);
    counts[id] = (counts[id] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(counts).map(([id, count]) => [id, (count / seeds) * 100]));
}

describe('chooseVariant', () => {
  test.each([
    [[50, 50]],
    [[20, 30, 50]],
    [[10, 90]],
    [[1, 24, 25, 25, 25]],
  ])('spreads 10,000 learners within 2 points of the weights %j', (weights) => {
    const variants = weights.map((weight, index) => ({ id: `v${index}`, weight }));
    const observed = shares(variants);
    for (const variant of variants) expect(Math.abs((observed[variant.id] ?? 0) - variant.weight)).toBeLessThanOrEqual(2);
  });

  test('never chooses a variant weighted 0', () => {
    expect(shares([{ id: 'off', weight: 0 }, { id: 'on', weight: 100 }])).toEqual({ off: 0, on: 100 });
  });

  test('is sticky: the same seed always gets the same variant', () => {
    const variants = [{ id: 'a', weight: 50 }, { id: 'b', weight: 50 }];
    const first = Array.from({ length: 100 }, (_, learner) => chooseVariant(`j:n:l${learner}`, variants));
    expect(Array.from({ length: 100 }, (_, learner) => chooseVariant(`j:n:l${learner}`, variants))).toEqual(first);
  });

  test('gives the same answers in every release, so running journeys keep their variants', () => {
    const fifths = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id, weight: 20 }));
    const chosen = Array.from({ length: 20 }, (_, learner) => chooseVariant(`onboarding:ab:learner-${learner}`, fifths));
    expect(chosen.join('')).toBe('cbaeaeaebceccabeebec');
  });

  test('refuses variants that are all weighted 0', () => {
    expect(() => chooseVariant('seed', [{ id: 'a', weight: 0 }, { id: 'b', weight: 0 }])).toThrow('positive weight');
  });
});
