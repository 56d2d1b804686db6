import { useEffect, useId, useState } from 'react';
import { fetchSystemStatus, type SystemStatus } from '../systemStatus';

const REFRESH_MS = 5_000;

/** Reads /ready now and every few seconds while mounted. */
export function useSystemStatus(): SystemStatus {
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
  return status;
}

const summary = (status: SystemStatus) => (status.state === 'loading' ? 'Checking…' : status.state === 'ready' ? 'All systems ready' : 'Something is down');

/** The API's readiness in the sidebar: a one-line summary, the dependency checks on request. */
export function SystemStatusIndicator() {
  const status = useSystemStatus();
  const headingId = useId();
  return (
    <section className={`system-status system-status-${status.state}`} aria-labelledby={headingId}>
      <h2 id={headingId} className="visually-hidden">
        System status
      </h2>
      <details>
        <summary>
          <span className="status-dot" aria-hidden="true" />
          {/* Announced when it changes, not on every refresh: the text stays the same while nothing changes. */}
          <span aria-live="polite">{summary(status)}</span>
        </summary>
        {status.state === 'unavailable' && <p className="problem">{status.message}</p>}
        {status.state !== 'loading' && status.checks.length > 0 && (
          <ul className="status-checks">
            {status.checks.map((check) => (
              <li key={check.name} className={check.ok ? 'ok' : 'problem'}>
                {check.name}: {check.ok ? `ok (${check.latencyMs} ms)` : check.error}
              </li>
            ))}
          </ul>
        )}
      </details>
    </section>
  );
}
