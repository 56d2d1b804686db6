/** A readable id from a name: "New leads" → "new-leads"; at most `maxLength` characters. */
export function slugOf(name: string, fallback: string, maxLength = 60): string {
  return (
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .slice(0, maxLength)
      .replace(/^-+|-+$/g, '') || fallback
  );
}
