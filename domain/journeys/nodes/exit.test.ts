import { exitNodeType, exitSettingsSchema } from './exit';

describe('exit node', () => {
  test('has no settings and no outputs, and ends the palette', () => {
    expect(exitSettingsSchema.parse({})).toEqual({});
    expect(exitNodeType.outputs({})).toEqual([]);
    expect(exitNodeType.palette.category).toBe('end');
  });
});
