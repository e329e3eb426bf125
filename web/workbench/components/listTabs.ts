import { useEffect } from 'react';
import { useApiData } from '../../shared/hooks/useApiData.js';
import type { Paging } from '../hooks/usePagedList.js';

/**
 * How many rows each tab of a list holds under the same query: one cheap call per tab (a page of one row,
 * its `total` read). `deps` are what the query depends on besides the tabs.
 */
export function useTabTotals<K extends string>(
  tabs: readonly K[],
  total: (tab: K, signal: AbortSignal) => Promise<number>,
  deps: readonly unknown[],
) {
  return useApiData(
    async (signal) => {
      const totals = await Promise.all(tabs.map((tab) => total(tab, signal)));
      return Object.fromEntries(tabs.map((tab, i) => [tab, totals[i] ?? 0])) as Record<K, number>;
    },
    [tabs.join(','), ...deps],
  );
}

/**
 * The tab of a list lives in the address, so that coming back from a record lands on the same tab; the
 * paged list's filter follows it (and so goes back to page one).
 */
export function useFilterFollowsTab<F extends object, K extends keyof F>(
  list: { filter: F; setFilter: (filter: F) => void },
  key: K,
  tab: F[K],
) {
  const { filter, setFilter } = list;
  useEffect(() => {
    if (filter[key] !== tab) setFilter({ ...filter, [key]: tab });
  }, [key, tab, filter, setFilter]);
}

/** A list API that counts in pages (`page` from 1, `pageSize`) rather than `limit`/`offset`. */
export const pageParams = (paging: Paging) => ({ page: Math.floor(paging.offset / paging.limit) + 1, pageSize: paging.limit });
