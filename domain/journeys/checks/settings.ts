import { type JourneyGraph } from '../graph';
import { nodeName, type JourneyProblem } from '../problems';

/** Settings a draft may leave unfinished but a published journey may not. */
export function unfinishedSettings(graph: JourneyGraph): JourneyProblem[] {
  const problems: JourneyProblem[] = [];
  for (const node of graph.nodes) {
    if (node.type === 'sendMessage' && !node.settings.templateId.trim()) {
      problems.push({ nodeId: node.id, code: 'message_without_template', message: `${nodeName(node)} is a message without a template: choose what to send.` });
    }
    if (node.type === 'split') {
      const total = node.settings.variants.reduce((sum, variant) => sum + variant.weight, 0);
      if (total !== 100) problems.push({ nodeId: node.id, code: 'split_weights', message: `The variants of ${nodeName(node)} add up to ${total}%, not 100%.` });
    }
  }
  return problems;
}
