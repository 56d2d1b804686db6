import { useSyncExternalStore } from 'react';
import { hrefOf, parseRoute, type Route } from './routes';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const currentHash = () => window.location.hash;

/** The route the URL hash names, updated on every hashchange (links, back / forward, `navigate`). */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, currentHash, () => '');
  return parseRoute(hash);
}

/**
 * Goes to a screen from code (after saving, creating, …). `replace` leaves no history entry, for
 * redirects the back button should skip.
 */
export function navigate(route: Route, { replace = false }: { replace?: boolean } = {}): void {
  const href = hrefOf(route);
  if (replace) {
    window.history.replaceState(null, '', href);
    // replaceState fires no hashchange; tell the listeners ourselves.
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = href;
  }
}
