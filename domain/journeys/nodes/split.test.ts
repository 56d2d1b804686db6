import { splitNodeType, splitSettingsSchema } from './split';

const variant = (id: string, weight: number) => ({ id, label: id.toUpperCase(), weight });

describe('split node', () => {
  test('leaves by each variant', () => {
    const settings = splitSettingsSchema.parse({ variants: [variant('a', 50), variant('b', 50)] });
    expect(splitNodeType.outputs(settings)).toEqual([
      { id: 'a', label: 'A' },
      { id: 'b', label: 'B' },
    ]);
  });

  test('leaves weights that do not add up to 100 to the compiler, so the designer can show it on the node', () => {
    expect(splitSettingsSchema.safeParse({ variants: [variant('a', 30), variant('b', 30)] }).success).toBe(true);
  });

  test.each([
    ['one variant', [variant('a', 100)]],
    ['six variants', ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => variant(id, 10))],
    ['repeated variant ids', [variant('a', 50), variant('a', 50)]],
    ['a weight over 100', [variant('a', 101), variant('b', 0)]],
    ['a fractional weight', [variant('a', 50.5), variant('b', 49.5)]],
  ])('rejects %s', (_case, variants) => {
    expect(splitSettingsSchema.safeParse({ variants }).success).toBe(false);
  });
});
