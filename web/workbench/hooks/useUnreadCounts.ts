import { useEffect, useSyncExternalStore } from 'react';
import { useLocation } from 'react-router-dom';
import { api } from '../../shared/api/client.js';
import { NOTIFICATION_CATEGORIES, type NotificationCategory, type NotificationList } from '../../shared/api/notifications.js';

/** How often the unread counts are asked for again while the workbench is open and in view. */
const POLL_MS = 60_000;

export interface UnreadCounts {
  unread: number;
  byCategory: Record<NotificationCategory, number>;
}

const EMPTY: UnreadCounts = {
  unread: 0,
  byCategory: Object.fromEntries(NOTIFICATION_CATEGORIES.map((c) => [c, 0])) as UnreadCounts['byCategory'],
};

/*
 * One copy of the person's unread counts for the whole workbench: the bell and the menu's badges read the same
 * answer, asked for once per page change and every minute (not once per component).
 */
let counts: UnreadCounts = EMPTY;
let inFlight: Promise<void> | null = null;
const listeners = new Set<() => void>();

/** Asks the server again (a request already on its way is shared). */
export function refreshUnreadCounts(): Promise<void> {
  inFlight ??= api
    .get<NotificationList>('/notifications', { unread: true, limit: 1 })
    .then(
      (list) => {
        counts = { unread: list.unread, byCategory: list.unreadByCategory };
        for (const l of listeners) l();
      },
      () => undefined,
    )
    .finally(() => {
      inFlight = null;
    });
  return inFlight;
}

let timer: number | undefined;
function subscribe(listener: () => void) {
  listeners.add(listener);
  // one poll while anything shows the counts
  timer ??= window.setInterval(() => {
    if (document.visibilityState === 'visible') void refreshUnreadCounts();
  }, POLL_MS);
  return () => {
    listeners.delete(listener);
    if (!listeners.size) {
      window.clearInterval(timer);
      timer = undefined;
      // the next person to sign in in this tab starts from nothing
      counts = EMPTY;
    }
  };
}

/** The unread counts, in all and per menu; kept fresh on page changes and every minute while the tab is in view. */
export function useUnreadCounts(enabled = true): UnreadCounts {
  const { pathname } = useLocation();
  useEffect(() => {
    if (enabled) void refreshUnreadCounts();
  }, [pathname, enabled]);
  return useSyncExternalStore(subscribe, () => counts);
}

/** The menu entries that show a count, and the notice menus (categories) each adds up. */
export const MENU_CATEGORIES: Partial<Record<string, readonly NotificationCategory[]>> = {
  requests: ['requests', 'consultation', 'supervision'],
  legalAid: ['legalAid'],
  hotlineRoster: ['hotline'],
  feedback: ['feedback'],
};

export function unreadFor(counts: UnreadCounts, menuKey: string): number {
  return (MENU_CATEGORIES[menuKey] ?? []).reduce((n, c) => n + counts.byCategory[c], 0);
}
