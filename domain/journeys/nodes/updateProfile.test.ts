import { updateProfileNodeType, updateProfileSettingsSchema } from './updateProfile';

describe('updateProfile node', () => {
  test('fills in the changes not given', () => {
    expect(updateProfileSettingsSchema.parse({ set: { plan: 'pro', seats: 3, trial: false, coupon: null } })).toEqual({
      set: { plan: 'pro', seats: 3, trial: false, coupon: null },
      unset: [],
      addTags: [],
      removeTags: [],
    });
    expect(updateProfileSettingsSchema.parse({ addTags: ['vip'] }).addTags).toEqual(['vip']);
  });

  test.each([
    ['no change at all', {}],
    ['a trait both set and unset', { set: { plan: 'pro' }, unset: ['plan'] }],
    ['a tag both added and removed', { addTags: ['vip'], removeTags: ['vip'] }],
    ['an object value', { set: { address: { city: 'Berlin' } } }],
    ['an empty tag', { addTags: [''] }],
  ])('rejects %s', (_case, settings) => {
    expect(updateProfileSettingsSchema.safeParse(settings).success).toBe(false);
  });

  test('has one output', () => {
    expect(updateProfileNodeType.outputs(updateProfileSettingsSchema.parse({ unset: ['plan'] }))).toEqual([{ id: 'next', label: 'next' }]);
  });
});
