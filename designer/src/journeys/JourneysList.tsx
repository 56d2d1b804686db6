import { useState } from 'react';
import { type JourneyView } from '../../../domain/journeys/api';
import { api } from '../api/client';
import { hrefOf } from '../app/routes';
import { ImportJourneyButton } from './ImportJourney';
import { useApiData } from './useApiData';

/** Every journey with its status; create a new draft (an empty canvas) or import one from a file. */
export function JourneysList() {
  const journeys = useApiData<{ journeys: JourneyView[] }>('/api/journeys');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const create = async () => {
    if (!name.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const { journey } = await api.post<{ journey: JourneyView }>('/api/journeys', { name: name.trim(), graph: { nodes: [], edges: [] } });
      window.location.hash = hrefOf({ screen: 'journey', journeyId: journey.id, view: 'edit' });
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="journeys-list">
      <h1>Journeys</h1>
      <form
        className="journeys-actions"
        aria-label="New journey"
        onSubmit={(event) => {
          event.preventDefault();
          void create();
        }}
      >
        <label className="journey-field">
          <span>Journey name</span>
          <input type="text" value={name} maxLength={120} required onChange={(event) => setName(event.target.value)} />
        </label>
        <button type="submit" className="primary" disabled={busy || !name.trim()}>
          Create journey
        </button>
        <ImportJourneyButton />
        {error && (
          <span className="problem" role="alert">
            {error}
          </span>
        )}
      </form>
      {journeys.state === 'loading' && <p>Loading journeys…</p>}
      {journeys.state === 'failed' && <p className="problem">Journeys could not be loaded: {journeys.message}</p>}
      {journeys.state === 'loaded' && journeys.data.journeys.length === 0 && <p>No journeys yet: create one above.</p>}
      {journeys.state === 'loaded' && journeys.data.journeys.length > 0 && (
        <table aria-label="Journeys">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Status</th>
              <th scope="col">Published</th>
              <th scope="col">Steps</th>
              <th scope="col">Updated</th>
            </tr>
          </thead>
          <tbody>
            {journeys.data.journeys.map((journey) => (
              <tr key={journey.id}>
                <td>
                  <a href={hrefOf({ screen: 'journey', journeyId: journey.id, view: 'edit' })}>{journey.name}</a>
                  {journey.description && <div className="journey-hint">{journey.description}</div>}
                </td>
                <td>
                  <span className={`status-pill status-${journey.status}`}>{journey.status}</span>
                </td>
                <td>
                  {journey.publishedVersion === null ? (
                    '—'
                  ) : (
                    <>
                      version {journey.publishedVersion} · <a href={hrefOf({ screen: 'journey', journeyId: journey.id, view: 'live' })}>live view</a>
                    </>
                  )}
                </td>
                <td>{journey.graph.nodes.length}</td>
                <td>{new Date(journey.updatedAt).toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
