import { useEffect, useState } from 'react';
import { fetchSystemStatus, type SystemStatus } from './systemStatus';

const REFRESH_MS = 5_000;

/** The designer's shell. Journeys, segments and templates arrive with their own screens. */
export function App() {
  const [status, setStatus] = useState<SystemStatus>({ state: 'loading' });

  useEffect(() => {
    let cancelled = false;
    const refresh = () => void fetchSystemStatus().then((next) => !cancelled && setStatus(next));
    refresh();
    const timer = setInterval(refresh, REFRESH_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, []);

  return (
    <main className="shell">
      <header>
        <h1>Course journeys</h1>
        <p>Segment learners by what they do and guide them with journeys that run for weeks without losing a step.</p>
      </header>
      <section aria-labelledby="status-heading" aria-live="polite">
        <h2 id="status-heading">System status</h2>
        {status.state === 'loading' && <p>Checking…</p>}
        {status.state === 'ready' && <p className="ok">Ready</p>}
        {status.state === 'unavailable' && <p className="problem">{status.message}</p>}
        {status.state !== 'loading' && status.checks.length > 0 && (
          <ul>
            {status.checks.map((check) => (
              <li key={check.name} className={check.ok ? 'ok' : 'problem'}>
                {check.name}: {check.ok ? `ok (${check.latencyMs} ms)` : check.error}
              </li>
            ))}
          </ul>
        )}
      </section>
      <nav aria-label="Tools">
        <a href="/docs">API documentation</a>
      </nav>
    </main>
  );
}
