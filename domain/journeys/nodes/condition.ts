import { z } from 'zod';
import { conditionSchema } from '../../segments/rules';
import { defineNodeType, partIdSchema } from './node';

/** The output taken when no branch matches. */
export const elseOutputId = 'else';

const branchSchema = z.object({
  id: partIdSchema.refine((id) => id !== elseOutputId, `"${elseOutputId}" is the output taken when no branch matches`),
  label: z.string().min(1).max(120),
  condition: conditionSchema,
});

export const conditionSettingsSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('yesNo'), condition: conditionSchema }),
  z.object({
    mode: z.literal('branches'),
    /** Tried in order: the first branch whose condition holds is taken. */
    branches: z
      .array(branchSchema)
      .min(1)
      .max(10)
      .refine((branches) => new Set(branches.map((branch) => branch.id)).size === branches.length, 'branch ids must be unique'),
  }),
]);
export type ConditionSettings = z.infer<typeof conditionSettingsSchema>;

export const conditionNodeType = defineNodeType({
  type: 'condition',
  settingsSchema: conditionSettingsSchema,
  palette: { label: 'Condition', description: 'Sends the learner down the path their profile and behaviour match.', icon: 'git-branch', colour: '#2563eb', category: 'flow' },
  waits: false,
  outputs: (settings) =>
    settings.mode === 'yesNo'
      ? [
          { id: 'yes', label: 'yes' },
          { id: 'no', label: 'no' },
        ]
      : [...settings.branches.map((branch) => ({ id: branch.id, label: branch.label })), { id: elseOutputId, label: 'otherwise' }],
});
