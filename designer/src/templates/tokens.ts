import { traitsSchema } from '../../../domain/learners';
import type { ContentBlocks } from '../../../domain/messages/templates';

export interface Token {
  /** The Liquid inserted, e.g. `{{ learner.firstName }}`. */
  liquid: string;
  label: string;
  group: 'Learner' | 'Journey and activity' | 'Blocks';
}

// Traits that steer delivery and consent: never content worth printing in an email.
const technical = new Set(['emailStatus', 'unsubscribed', 'doNotSellOrShare']);

/**
 * What a template can personalise with: the profile's traits (those the profile schema names, plus
 * `extraTraits`: the workspace's known trait names and the previewed learner's), learnerId, and the
 * documented variables (domain/messages/templates.ts templateVariableRoots).
 */
export function knownTokens(extraTraits: readonly string[], blocks: ContentBlocks | undefined): Token[] {
  const traits = [...new Set([...Object.keys(traitsSchema.shape), ...extraTraits])].filter((trait) => !technical.has(trait) && /^[A-Za-z_][A-Za-z0-9_]*$/.test(trait));
  return [
    ...traits.map((trait) => ({ liquid: `{{ learner.${trait} }}`, label: `learner.${trait}`, group: 'Learner' as const })),
    { liquid: '{{ learner.learnerId }}', label: 'learner.learnerId', group: 'Learner' },
    { liquid: '{{ event.courseId }}', label: 'event.courseId (the triggering event)', group: 'Journey and activity' },
    { liquid: '{{ interests | first }}', label: 'interests (first course interest)', group: 'Journey and activity' },
    // activity.last is the whole occurrence ({ name, at, …properties }); its name is what reads in a sentence.
    { liquid: '{{ activity.last.name }}', label: 'activity.last.name (latest event)', group: 'Journey and activity' },
    { liquid: '{{ activity.lastAt }}', label: 'activity.lastAt', group: 'Journey and activity' },
    { liquid: "{% if segments contains 'segment-id' %}{% endif %}", label: 'segments (membership test)', group: 'Journey and activity' },
    ...Object.keys(blocks ?? {}).flatMap((name) =>
      (['headline', 'imageUrl', 'ctaLabel', 'ctaUrl'] as const).map((field) => ({ liquid: `{{ blocks.${name}.${field} }}`, label: `blocks.${name}.${field}`, group: 'Blocks' as const })),
    ),
  ];
}

/** The text with the token put in place of the selection [start, end), and where the caret goes after it. */
export function insertAt(text: string, token: string, start: number, end: number): { text: string; caret: number } {
  return { text: text.slice(0, start) + token + text.slice(end), caret: start + token.length };
}
