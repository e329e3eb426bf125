import { api } from '../shared/api/client.js';
import type { Page, RegionNode, Site } from '../shared/api/types.js';
import { useApiData, type ApiData } from '../shared/hooks/useApiData.js';
import { buildNetwork, type ServiceNetwork } from './network.js';

/** The whole public network in two requests: the division tree and every published site. */
export function useServiceNetwork(): ApiData<ServiceNetwork> {
  return useApiData(async (signal) => {
    const [tree, sites] = await Promise.all([
      api.get<RegionNode[]>('/regions/tree', undefined, signal),
      api.get<Page<Site>>('/sites', { limit: 2000 }, signal),
    ]);
    return buildNetwork(tree, sites.items);
  }, []);
}
