/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type * as ReactApi from 'react';
import type * as ClientApi from '../api/client';
import { App } from '../App';
import { session } from '../api/session';

// The shell is tested on its own: each screen is stood in for by one that loads something through the
// API on mount, as the real ones do, so a 401 can arrive from "later" in the session.
jest.mock('../journeys/JourneysScreen', () => {
  const { useEffect, useState } = jest.requireActual<typeof ReactApi>('react');
  const { api } = jest.requireActual<typeof ClientApi>('../api/client');
  function Loading({ title, path }: { title: string; path: string }) {
    const [state, setState] = useState('loading');
    useEffect(() => {
      api.get(path).then(
        () => setState('loaded'),
        () => setState('failed'),
      );
    }, [path]);
    return (
      <h1>
        {title} ({state})
      </h1>
    );
  }
  return {
    Loading,
    JourneysScreen: () => <Loading title="All journeys" path="/api/journeys" />,
    JourneyScreen: ({ journeyId, view, version }: { journeyId: string; view: string; version?: number }) => <h1>{`Journey ${journeyId} ${view} ${version ?? 'draft'}`}</h1>,
  };
});
jest.mock('../segments/SegmentsScreen', () => {
  const { Loading } = jest.requireMock<{ Loading: (props: { title: string; path: string }) => ReactApi.JSX.Element }>('../journeys/JourneysScreen');
  return {
    SegmentsScreen: () => <Loading title="All segments" path="/api/segments" />,
    SegmentScreen: ({ segmentId }: { segmentId: string }) => <h1>{`Segment ${segmentId}`}</h1>,
  };
});
jest.mock('../templates/TemplatesScreen', () => ({
  TemplatesScreen: () => <h1>All templates</h1>,
  TemplateScreen: ({ templateId }: { templateId: string }) => <h1>{`Template ${templateId}`}</h1>,
}));
jest.mock('../learners/LearnersScreen', () => ({
  LearnersScreen: ({ query }: { query?: string }) => <h1>{`All learners ${query ?? ''}`}</h1>,
  LearnerScreen: ({ learnerId }: { learnerId: string }) => <h1>{`Learner ${learnerId}`}</h1>,
}));

const ADMIN = 'cj_admin_good';
const WRITE = 'cj_write_key';

/** The API as far as the shell meets it: which keys exist, and whether the admin key has been revoked. */
const server = { revoked: false, calls: [] as { path: string; key?: string }[] };

function reply(status: number, body: unknown) {
  const text = JSON.stringify(body);
  return { ok: status < 400, status, text: async () => text, json: async () => JSON.parse(text) as unknown } as unknown as Response;
}

function fakeFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const path = String(input);
  const key = new Headers(init?.headers).get('authorization')?.replace(/^Bearer /, '');
  server.calls.push({ path, ...(key ? { key } : {}) });
  if (path === '/ready') return Promise.resolve(reply(200, { status: 'ready', checks: [{ name: 'store', ok: true, latencyMs: 2 }] }));
  if (key === ADMIN && !server.revoked) return Promise.resolve(reply(200, []));
  if (key === WRITE) return Promise.resolve(reply(403, { error: { code: 'forbidden', message: 'A write key cannot use this route; it needs a admin key.', details: { keyKind: 'write', required: ['admin'] }, requestId: 'r1' } }));
  return Promise.resolve(reply(401, { error: { code: 'unauthorized', message: 'Unknown or revoked API key.', details: { header: 'authorization' }, requestId: 'r2' } }));
}

beforeEach(() => {
  sessionStorage.clear();
  window.location.hash = '';
  server.revoked = false;
  server.calls = [];
  globalThis.fetch = jest.fn(fakeFetch) as typeof fetch;
});

async function signIn(key: string) {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText('Management key'), key);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
  return user;
}

describe('sign-in', () => {
  it('shows only the sign-in form until a key is verified', () => {
    render(<App />);
    expect(screen.getByRole('heading', { name: 'Sign in to the designer' })).toBeInTheDocument();
    expect(screen.queryByRole('navigation')).not.toBeInTheDocument();
    expect(screen.queryByText(/All journeys/)).not.toBeInTheDocument();
    // Nothing but the key check may be asked of the API before signing in.
    expect(server.calls).toEqual([]);
  });

  it('refuses a wrong key with a message and stays on sign-in', async () => {
    render(<App />);
    await signIn('cj_admin_typo');
    const field = screen.getByLabelText('Management key');
    expect(await screen.findByRole('alert')).toHaveTextContent('That key was not accepted');
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAccessibleDescription(expect.stringContaining('not accepted'));
    expect(field).toHaveFocus();
    expect(screen.queryByRole('navigation')).not.toBeInTheDocument();
    expect(session.key()).toBeUndefined();
  });

  it('refuses a key of another kind, saying an admin key is needed', async () => {
    render(<App />);
    await signIn(WRITE);
    expect(await screen.findByRole('alert')).toHaveTextContent('That is a write key. The designer needs an admin key');
    expect(session.key()).toBeUndefined();
  });

  it('asks for a key when none is entered', async () => {
    render(<App />);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Sign in' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Enter your management key.');
    expect(server.calls).toEqual([]);
  });

  it('opens the designer with a right key and keeps it for the tab', async () => {
    render(<App />);
    await signIn(`  ${ADMIN} `);
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Journeys' })).toHaveAttribute('aria-current', 'page');
    for (const name of ['Segments', 'Templates', 'Learners']) expect(within(nav).getByRole('link', { name })).toBeInTheDocument();
    expect(await screen.findByRole('heading', { name: 'All journeys (loaded)' })).toBeInTheDocument();
    expect(session.key()).toBe(ADMIN);
    expect(server.calls).toContainEqual({ path: '/api/keys', key: ADMIN });
    expect(await screen.findByText('All systems ready')).toBeInTheDocument();
  });

  it('returns to sign-in with a message when the API later answers 401, and resumes after signing in again', async () => {
    render(<App />);
    const user = await signIn(ADMIN);
    expect(await screen.findByRole('heading', { name: 'All journeys (loaded)' })).toBeInTheDocument();

    server.revoked = true;
    await user.click(screen.getByRole('link', { name: 'Segments' }));
    expect(await screen.findByRole('heading', { name: 'Sign in to the designer' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Your key is no longer accepted');
    expect(screen.queryByRole('navigation')).not.toBeInTheDocument();
    expect(session.key()).toBeUndefined();

    server.revoked = false;
    await signIn(ADMIN);
    // Back on the screen the marketer was on.
    expect(await screen.findByRole('heading', { name: 'All segments (loaded)' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Segments' })).toHaveAttribute('aria-current', 'page');
  });

  it('signs out', async () => {
    render(<App />);
    const user = await signIn(ADMIN);
    await user.click(await screen.findByRole('button', { name: 'Sign out' }));
    expect(screen.getByRole('heading', { name: 'Sign in to the designer' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('You have signed out.');
    expect(session.key()).toBeUndefined();
  });
});

describe('layout and routing', () => {
  beforeEach(() => session.signIn(ADMIN));

  it('renders the screen the hash names and follows hash changes', async () => {
    window.location.hash = '#/journeys/onboarding/versions/3';
    render(<App />);
    expect(screen.getByRole('heading', { name: 'Journey onboarding edit 3' })).toBeInTheDocument();
    // Let the status check settle first, so that every later update happens inside the test's acts.
    expect(await screen.findByText('All systems ready')).toBeInTheDocument();
    const routes: [string, string, string][] = [
      ['#/journeys/onboarding/live', 'Journey onboarding live draft', 'Journeys'],
      ['#/segments/at-risk', 'Segment at-risk', 'Segments'],
      ['#/templates', 'All templates', 'Templates'],
      ['#/templates/welcome', 'Template welcome', 'Templates'],
      ['#/learners?q=ada', 'All learners ada', 'Learners'],
      ['#/learners/l-1', 'Learner l-1', 'Learners'],
    ];
    for (const [hash, heading, section] of routes) {
      act(() => {
        window.location.hash = hash;
        window.dispatchEvent(new HashChangeEvent('hashchange'));
      });
      expect(screen.getByRole('heading', { name: heading })).toBeInTheDocument();
      expect(screen.getByRole('link', { name: section })).toHaveAttribute('aria-current', 'page');
      // Focus moves to the new screen so keyboard users continue there.
      expect(screen.getByRole('main')).toHaveFocus();
    }
  });

  it('has a skip link to the main content, first in the tab order', async () => {
    render(<App />);
    expect(await screen.findByText('All systems ready')).toBeInTheDocument();
    const user = userEvent.setup();
    await user.tab();
    const skip = screen.getByRole('link', { name: 'Skip to main content' });
    expect(skip).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(screen.getByRole('main')).toHaveFocus();
    // The hash still names the screen, not "#main".
    expect(window.location.hash).toBe('');
  });

  it('shows the system status with its checks', async () => {
    render(<App />);
    const status = screen.getByRole('region', { name: 'System status' });
    expect(await within(status).findByText('All systems ready')).toBeInTheDocument();
    expect(within(status).getByText('store: ok (2 ms)')).toBeInTheDocument();
  });
});
