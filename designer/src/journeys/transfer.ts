import { journeyInputSchema, type JourneyInput, type JourneyView } from '../../../domain/journeys/api';

/**
 * Export and import of a journey as a JSON file: the file holds exactly what the API takes to create
 * a journey (`journeyInputSchema`), so an exported journey imports anywhere as a new draft.
 */

export const exportFormat = 'course-journeys/journey';

export function exportJourney(journey: Pick<JourneyView, 'id' | 'name' | 'description' | 'graph'>): string {
  const input: JourneyInput & { format: string } = { format: exportFormat, id: journey.id, name: journey.name, description: journey.description, graph: journey.graph };
  return `${JSON.stringify(input, null, 2)}\n`;
}

export const exportFileName = (journeyId: string) => `journey-${journeyId}.json`;

export type ImportResult = { ok: true; journey: JourneyInput } | { ok: false; errors: string[] };

/** Reads a file's text as a journey, naming every field that is wrong (with its path) when it is not one. */
export function parseJourneyFile(text: string): ImportResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [`The file is not JSON: ${(error as Error).message}`] };
  }
  if (parsed && typeof parsed === 'object' && 'format' in parsed) {
    const { format: _format, ...rest } = parsed as Record<string, unknown>;
    parsed = rest;
  }
  const result = journeyInputSchema.safeParse(parsed);
  if (result.success) return { ok: true, journey: result.data };
  return { ok: false, errors: result.error.issues.map((issue) => `${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}`) };
}

/** The id an import is created under when its own is taken: a short suffix keeps it readable. */
export function importedId(id: string, attempt: number): string {
  return `${id.slice(0, 50)}-${attempt + 1}`;
}

/** Offers text as a file download (the browser's save dialog). */
export function downloadText(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: some browsers start the download after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
