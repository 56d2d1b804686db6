import { onlyMissingTraits } from '../../domain/enrichment/missingTraits';
import { normaliseEmail } from '../../domain/normalise/email';
import { type ThirdPartyEnricher } from './httpEnricher';

export interface EnrichmentConsent {
  /** The learner opted out of the sale or sharing of their personal information (CCPA/CPRA). */
  doNotSellOrShare?: boolean;
}

/**
 * Traits a third-party provider adds to a learner. Sending the address to a provider is sharing
 * personal information, so nothing is sent for a learner who opted out, nor for an address that is
 * not valid. Returns only traits the learner does not have yet.
 */
export async function enrichWithThirdParty(
  traits: Record<string, unknown>,
  consent: EnrichmentConsent,
  enricher: ThirdPartyEnricher,
): Promise<Record<string, unknown>> {
  if (consent.doNotSellOrShare === true) return {};
  const email = normaliseEmail(traits.email);
  if (!email?.valid || traits.emailStatus === 'invalid') return {};
  const found = await enricher.lookup(email.value);
  return found ? onlyMissingTraits(traits, found) : {};
}
