import { api } from '../shared/api/client.js';
import type { Page, Site } from '../shared/api/types.js';
import { useApiData, type ApiData } from '../shared/hooks/useApiData.js';
import { buildNetwork, type ServiceNetwork } from './network.js';
import { loadRegionTree } from './portalData.js';

/** The whole public network in two requests: the division tree and every published site. */
export function useServiceNetwork(): ApiData<ServiceNetwork> {
  return useApiData(async (signal) => {
    const [tree, sites] = await Promise.all([loadRegionTree(), api.get<Page<Site>>('/sites', { limit: 2000 }, signal)]);
    return buildNetwork(tree, sites.items);
  }, []);
}
