import { api } from '../../shared/api/client.js';
import type { RegionNode } from '../../shared/api/types.js';
import { useApiData } from '../../shared/hooks/useApiData.js';
import { useMe } from '../session/useSession.js';

/** The division tree of the signed-in person's area: their county, town or village and everything below. */
export function useScopeTree() {
  const me = useMe();
  return useApiData((signal) => api.get<RegionNode[]>('/regions/tree', { under: me.regionCode }, signal), [me.regionCode]);
}

export function findRegion(nodes: readonly RegionNode[], code: string): RegionNode | undefined {
  for (const node of nodes) {
    if (node.code === code) return node;
    const below = findRegion(node.children, code);
    if (below) return below;
  }
  return undefined;
}
