import { z } from 'zod';
import { defineNodeType, nextOutput } from './node';

const name = z.string().min(1);

export const updateProfileSettingsSchema = z
  .object({
    set: z.record(name, z.union([z.string(), z.number(), z.boolean(), z.null()])).default({}),
    unset: z.array(name).default([]),
    addTags: z.array(name).default([]),
    removeTags: z.array(name).default([]),
  })
  .superRefine((settings, context) => {
    if (Object.keys(settings.set).length + settings.unset.length + settings.addTags.length + settings.removeTags.length === 0) {
      context.addIssue({ code: 'custom', message: 'change at least one trait or tag' });
    }
    // Both at once would leave the outcome to the order the worker happens to apply them in.
    for (const trait of settings.unset.filter((trait) => trait in settings.set)) {
      context.addIssue({ code: 'custom', path: ['unset'], message: `trait ${trait} is both set and unset` });
    }
    for (const tag of settings.removeTags.filter((tag) => settings.addTags.includes(tag))) {
      context.addIssue({ code: 'custom', path: ['removeTags'], message: `tag ${tag} is both added and removed` });
    }
  });
export type UpdateProfileSettings = z.infer<typeof updateProfileSettingsSchema>;

export const updateProfileNodeType = defineNodeType({
  type: 'updateProfile',
  settingsSchema: updateProfileSettingsSchema,
  palette: { label: 'Update profile', description: 'Sets or clears traits and tags on the learner’s profile.', icon: 'user-pen', colour: '#0d9488', category: 'action' },
  waits: false,
  outputs: () => [nextOutput],
});
