import { useRef, useState } from 'react';
import { type JourneyInput, type JourneyView } from '../../../domain/journeys/api';
import { ApiError, api } from '../api/client';
import { hrefOf } from '../app/routes';
import { importedId, parseJourneyFile } from './transfer';

const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50) || 'journey';

/** Reads a chosen file's text (FileReader: older browsers and jsdom lack Blob.text()). */
function readText(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read'));
    reader.readAsText(file);
  });
}

/**
 * Creates a new draft from a journey file. The file's id is kept when free; when a journey already
 * has it (importing an export back into the same workspace) the draft gets a numbered id beside it.
 */
export async function importJourney(input: JourneyInput): Promise<JourneyView> {
  const base = input.id ?? slug(input.name);
  for (let attempt = 0; ; attempt += 1) {
    const id = attempt === 0 ? base : importedId(base, attempt);
    try {
      const { journey } = await api.post<{ journey: JourneyView }>('/api/journeys', { ...input, id });
      return journey;
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 409) || attempt >= 20) throw error;
    }
  }
}

/** The Import button: a file chooser, the file checked with the journey schema, then a new draft opened. */
export function ImportJourneyButton({ onImported }: { onImported?: (journey: JourneyView) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setErrors([]);
    try {
      const parsed = parseJourneyFile(await readText(file));
      if (!parsed.ok) {
        setErrors([`${file.name} is not a journey:`, ...parsed.errors]);
        return;
      }
      const journey = await importJourney(parsed.journey);
      if (onImported) onImported(journey);
      else window.location.hash = hrefOf({ screen: 'journey', journeyId: journey.id, view: 'edit' });
    } catch (error) {
      setErrors([`Import failed: ${(error as Error).message}`]);
    } finally {
      setBusy(false);
      // Choosing the same file again should import it again.
      if (input.current) input.current.value = '';
    }
  };

  return (
    <span className="journey-import">
      <button type="button" onClick={() => input.current?.click()} disabled={busy}>
        Import
      </button>
      <input ref={input} type="file" accept="application/json,.json" hidden aria-label="Journey file to import" onChange={(event) => void onFile(event.target.files?.[0])} />
      {errors.length > 0 && (
        <span className="journey-import-errors" role="alert">
          {errors.map((error) => (
            <span key={error}>{error}</span>
          ))}
        </span>
      )}
    </span>
  );
}
