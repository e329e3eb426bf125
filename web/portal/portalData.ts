/**
 * What several portal pages read, fetched once per visit: the division tree and the service catalogue.
 * The fetch is not tied to one component's life, so a page that unmounts early never spoils it for the next.
 */
import { api } from '../shared/api/client.js';
import type { RegionNode, ServiceItem } from '../shared/api/types.js';

const cache = new Map<string, Promise<unknown>>();

function once<T>(key: string, load: () => Promise<T>): Promise<T> {
  let promise = cache.get(key) as Promise<T> | undefined;
  if (!promise) {
    promise = load();
    // a failure is not kept: the reader's "retry" asks again
    promise.catch(() => cache.delete(key));
    cache.set(key, promise);
  }
  return promise;
}

export const loadRegionTree = () => once('tree', () => api.get<RegionNode[]>('/regions/tree'));
export const loadServiceItems = () => once('items', () => api.get<ServiceItem[]>('/service-items'));

/** The towns of the county and their villages, in the official order. */
export function townsOf(tree: RegionNode[]): RegionNode[] {
  const county = tree.find((n) => n.level === 'county') ?? tree[0];
  return (county?.children ?? []).filter((n) => n.level === 'town');
}
