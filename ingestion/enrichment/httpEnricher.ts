/**
 * A third-party person-enrichment API reached over HTTP: an email goes in, traits the provider
 * knows (company, job title…) come out.
 */
export interface ThirdPartyEnricher {
  /** Names the provider in the shared cache, the rate limit and logs. */
  name: string;
  /**
   * Traits the provider knows for the address; undefined when it knows nothing. Rejects with
   * EnrichmentLookupError when no answer could be had (timeout, network, server error), which is
   * not "nothing found" and must not be cached as such.
   */
  lookup(email: string): Promise<Record<string, unknown> | undefined>;
}

export class EnrichmentLookupError extends Error {
  override name = 'EnrichmentLookupError';
}

export interface HttpEnricherOptions {
  name: string;
  /** `{email}` is replaced by the URL-encoded address, e.g. `https://api.example.com/person?email={email}`. */
  url: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
  /**
   * Which response fields become which traits: a list of field names kept as they are, or
   * trait → dotted path in the response (`{ jobTitle: 'employment.title' }`).
   */
  pick?: string[] | Record<string, string>;
}

const DEFAULT_TIMEOUT_MS = 5_000;
const defaultPick = ['company', 'jobTitle', 'industry', 'city', 'country'];

function valueAt(body: unknown, path: string): unknown {
  let value = body;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** Only plain values become traits: nested objects are provider structure, not learner facts. */
function isTraitValue(value: unknown): value is string | number | boolean {
  if (typeof value === 'string') return value.trim() !== '';
  return typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

function pickTraits(body: unknown, pick: Record<string, string>): Record<string, unknown> | undefined {
  const traits: Record<string, unknown> = {};
  for (const [trait, path] of Object.entries(pick)) {
    const value = valueAt(body, path);
    if (isTraitValue(value)) traits[trait] = value;
  }
  return Object.keys(traits).length > 0 ? traits : undefined;
}

/** The abort of AbortSignal.timeout (a DOMException, which is not an Error in every realm). */
function isTimeout(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'TimeoutError';
}

export function createHttpEnricher(options: HttpEnricherOptions): ThirdPartyEnricher {
  const { name, url, headers = {}, timeoutMs = DEFAULT_TIMEOUT_MS, fetchImpl = fetch } = options;
  const pickOption = options.pick ?? defaultPick;
  const pick = Array.isArray(pickOption) ? Object.fromEntries(pickOption.map((field) => [field, field])) : pickOption;

  async function fetchBody(email: string): Promise<unknown> {
    const target = url.replaceAll('{email}', encodeURIComponent(email));
    // One deadline for the whole exchange, reading the body included.
    const response = await fetchImpl(target, { headers: { accept: 'application/json', ...headers }, signal: AbortSignal.timeout(timeoutMs) });
    if (response.status === 200) return response.json();
    // Unread bodies hold the connection open until garbage collection.
    await response.body?.cancel();
    // 404 and 204 are the provider's "no such person"; any other answer is a failure to retry later.
    if (response.status === 404 || response.status === 204) return undefined;
    throw new EnrichmentLookupError(`${name} answered HTTP ${response.status}`);
  }

  return {
    name,
    async lookup(email) {
      try {
        return pickTraits(await fetchBody(email), pick);
      } catch (error) {
        if (error instanceof EnrichmentLookupError) throw error;
        const reason = isTimeout(error) ? `timed out after ${timeoutMs} ms` : String(error);
        throw new EnrichmentLookupError(`${name} lookup failed: ${reason}`, { cause: error });
      }
    },
  };
}
