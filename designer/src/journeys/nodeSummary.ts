import { journeyNodeType, type JourneyNode } from '../../../domain/journeys/graph';
import { describeDuration } from '../../../domain/segments/durationMath';

const weekdayNames = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** The node's name on the canvas: the marketer's label, else its type's. */
export function nodeTitle(node: JourneyNode): string {
  return node.label?.trim() || journeyNodeType(node.type).palette.label;
}

/** One line saying what the node does with its settings, so the canvas reads without opening panels. */
export function nodeSummary(node: JourneyNode): string {
  switch (node.type) {
    case 'entry': {
      const trigger = node.settings.trigger;
      switch (trigger.kind) {
        case 'segmentEntered':
          return `Enters segment ${trigger.segmentId}`;
        case 'segmentExited':
          return `Leaves segment ${trigger.segmentId}`;
        case 'event':
          return `On event ${trigger.event}`;
        case 'dateTrait':
          return `${trigger.offset.amount} ${trigger.offset.unit} ${trigger.offset.direction} ${trigger.trait}`;
        case 'manual':
          return 'Started by hand';
      }
      return '';
    }
    case 'delay':
      return node.settings.mode === 'duration'
        ? `Wait ${describeDuration(node.settings.duration)}`
        : `Until ${node.settings.timeOfDay} on ${node.settings.weekdays.map((day) => weekdayNames[day] ?? day).join(', ')}`;
    case 'waitForEvent':
      return `${node.settings.event || 'an event'}, up to ${describeDuration(node.settings.timeout)}`;
    case 'inactivity':
      return `Inactive for ${describeDuration(node.settings.inactiveFor)}`;
    case 'condition':
      return node.settings.mode === 'yesNo' ? `If ${node.settings.condition.type} condition` : `${node.settings.branches.length} branches`;
    case 'split':
      return node.settings.variants.map((variant) => `${variant.label} ${variant.weight}%`).join(' / ');
    case 'sendMessage':
      return node.settings.templateId ? `${node.settings.channel === 'webhook' ? 'Webhook' : 'Email'}: ${node.settings.templateId}` : 'No template chosen';
    case 'updateProfile': {
      const changes = Object.keys(node.settings.set).length + node.settings.unset.length + node.settings.addTags.length + node.settings.removeTags.length;
      return `${changes} ${changes === 1 ? 'change' : 'changes'}`;
    }
    case 'exit':
      return 'End of the journey';
  }
}
