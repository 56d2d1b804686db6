let supportedTimezones: ReadonlySet<string> | undefined;

function engineTimezones(): ReadonlySet<string> {
  supportedTimezones ??= new Set(Intl.supportedValuesOf('timeZone'));
  return supportedTimezones;
}

/**
 * An IANA time zone name this JavaScript engine can compute with. Engines list canonical names
 * only, without UTC and the Etc/ zones, and disagree on which name is canonical (Europe/Kyiv or
 * Europe/Kiev), so the engine's own canonical name for the zone is looked up instead of the name given.
 */
export function isKnownTimezone(name: string): boolean {
  let canonical: string;
  try {
    canonical = new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return false;
  }
  if (typeof Intl.supportedValuesOf !== 'function') return true;
  return canonical === 'UTC' || canonical.startsWith('Etc/') || engineTimezones().has(canonical);
}
