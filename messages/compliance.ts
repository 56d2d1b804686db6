import type { MessageDecorator } from './pipeline';
import type { MessageTokens } from './tokens';

export interface ComplianceSettings {
  tokens: MessageTokens;
  publicUrl: string;
  /** Printed in every marketing email (CAN-SPAM). */
  postalAddress: string;
}

/** What the law asks of a marketing email: List-Unsubscribe (RFC 8058 one-click), a preference link, the postal address. */
export function complianceDecorator(_settings: ComplianceSettings): MessageDecorator {
  return { decorate: (message) => message };
}
