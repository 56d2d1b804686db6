import { useId, useRef, useState, type FormEvent } from 'react';
import { ApiError, api } from '../api/client';
import { session } from '../api/session';

/** Why a key was refused, in the words a marketer can act on. */
function refusal(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 401) return 'That key was not accepted: it is unknown or has been revoked. Check for a typo, or ask for a new admin key.';
    if (error.status === 403) {
      const kind = (error.details as { keyKind?: unknown } | undefined)?.keyKind;
      return `That is ${typeof kind === 'string' ? `a ${kind}` : 'not a management'} key. The designer needs an admin key (it starts with cj_admin_).`;
    }
    return `The API could not check the key: ${error.message}`;
  }
  return `The API cannot be reached: ${(error as Error).message}. Is it running?`;
}

/**
 * The only screen reachable without a key. The key is checked with the API before it is kept, so a
 * mistyped key never gets as far as the designer.
 */
export function SignIn({ notice, onSignedIn }: { notice?: string | undefined; onSignedIn: () => void }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const candidate = key.trim();
    if (!candidate) {
      setError('Enter your management key.');
      input.current?.focus();
      return;
    }
    setChecking(true);
    setError(null);
    try {
      await api.verifyKey(candidate);
      session.signIn(candidate);
      onSignedIn();
    } catch (failure) {
      setError(refusal(failure));
      setChecking(false);
      input.current?.focus();
    }
  }

  return (
    <main className="sign-in" id="main">
      <div className="sign-in-card">
        <p className="brand brand-large" aria-hidden="true">
          <span className="brand-mark">◆</span> Course journeys
        </p>
        <h1>Sign in to the designer</h1>
        {notice && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
        <form onSubmit={submit} noValidate>
          <div className="field">
            <label htmlFor={id}>Management key</label>
            <p id={hintId} className="field-hint">
              An admin API key (cj_admin_…). Create one with <code>npm run keys -- create --kind admin --name "Your name"</code>.
            </p>
            <input
              ref={input}
              id={id}
              type="password"
              autoComplete="off"
              spellCheck={false}
              value={key}
              onChange={(event) => setKey(event.target.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${hintId} ${errorId}` : hintId}
              // The sign-in screen has one job; the key field is where the user starts.
              autoFocus
            />
            {error && (
              <p id={errorId} className="field-error" role="alert">
                {error}
              </p>
            )}
          </div>
          <button type="submit" className="button-primary" disabled={checking}>
            {checking ? 'Checking…' : 'Sign in'}
          </button>
        </form>
        <p className="sign-in-footnote">The key stays in this browser tab only and is forgotten when the tab closes.</p>
      </div>
    </main>
  );
}
