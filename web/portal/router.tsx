/**
 * A router of a few lines for the portal's handful of pages (/, /guide, /apply, /track), on the History API.
 * The server answers any unknown non-API address with the portal's page, so each of them can be opened,
 * bookmarked and shared. (react-router would cost the portal's budget more than all its pages.)
 */
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

const snapshot = () => window.location.pathname + window.location.search;

/** Goes to a portal address; `state` rides along in history (never in the address: e.g. a phone number). */
export function navigate(to: string, options: { state?: unknown; replace?: boolean } = {}): void {
  if (options.replace) window.history.replaceState(options.state ?? null, '', to);
  else window.history.pushState(options.state ?? null, '', to);
  window.scrollTo(0, 0);
  for (const listener of listeners) listener();
}

export interface Location {
  path: string;
  query: URLSearchParams;
  /** what navigate() put in history for this entry */
  state: unknown;
}

export function useLocation(): Location {
  const current = useSyncExternalStore(subscribe, snapshot);
  const q = current.indexOf('?');
  const path = (q < 0 ? current : current.slice(0, q)).replace(/\/+$/, '') || '/';
  return { path, query: new URLSearchParams(q < 0 ? '' : current.slice(q)), state: window.history.state as unknown };
}

/** An <a> that stays in the page for a plain click, and behaves as a link otherwise (new tab, copy address). */
export function Link({ to, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }) {
  const click = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={click} {...rest} />;
}
