import { conditionNodeType, conditionSettingsSchema } from './condition';

const completed = { type: 'event', event: 'Course Completed', count: { operator: 'atLeast', value: 1 }, window: { kind: 'ever' } };
const pro = { type: 'trait', trait: 'plan', operator: 'equals', value: 'pro' };

describe('condition node', () => {
  test('yes/no takes any condition of the segment rule language and leaves by yes or no', () => {
    const settings = conditionSettingsSchema.parse({ mode: 'yesNo', condition: { type: 'not', condition: completed } });
    expect(conditionNodeType.outputs(settings)).toEqual([
      { id: 'yes', label: 'yes' },
      { id: 'no', label: 'no' },
    ]);
  });

  test('branches leave by each branch in order, then else', () => {
    const settings = conditionSettingsSchema.parse({
      mode: 'branches',
      branches: [
        { id: 'done', label: 'Completed', condition: completed },
        { id: 'pro', label: 'Pro plan', condition: pro },
      ],
    });
    expect(conditionNodeType.outputs(settings)).toEqual([
      { id: 'done', label: 'Completed' },
      { id: 'pro', label: 'Pro plan' },
      { id: 'else', label: 'otherwise' },
    ]);
  });

  test.each([
    ['an invalid condition', { mode: 'yesNo', condition: { type: 'event', event: 'Enrolled' } }],
    ['no branches', { mode: 'branches', branches: [] }],
    ['eleven branches', { mode: 'branches', branches: Array.from({ length: 11 }, (_, index) => ({ id: `b${index}`, label: `B${index}`, condition: pro })) }],
    ['repeated branch ids', { mode: 'branches', branches: [{ id: 'a', label: 'A', condition: pro }, { id: 'a', label: 'Again', condition: completed }] }],
    ['a branch called else', { mode: 'branches', branches: [{ id: 'else', label: 'Else', condition: pro }] }],
    ['a branch id with spaces', { mode: 'branches', branches: [{ id: 'pro plan', label: 'Pro', condition: pro }] }],
  ])('rejects %s', (_case, settings) => {
    expect(conditionSettingsSchema.safeParse(settings).success).toBe(false);
  });

  test('does not wait', () => {
    expect(conditionNodeType.waits).toBe(false);
  });
});
