import { useMemo } from 'react';
import type { RegionNode } from '../../../shared/api/types.js';
import { useScopeTree } from '../../hooks/useScopeTree.js';

/** Region code → "十里镇 吴明村" for the people of my area; a code the tree does not hold shows as itself. */
export function useRegionNames(): (code: string) => string {
  const tree = useScopeTree();
  const names = useMemo(() => {
    const map = new Map<string, string>();
    const walk = (nodes: RegionNode[], above: string) => {
      for (const n of nodes) {
        const own = n.level === 'village' ? n.shortName || n.name : n.name;
        const label = n.level === 'county' ? own : above ? `${above} ${own}` : own;
        map.set(n.code, label);
        map.set(n.fullCode, label);
        walk(n.children, n.level === 'county' ? '' : label);
      }
    };
    walk(tree.data ?? [], '');
    return map;
  }, [tree.data]);
  return (code) => names.get(code) ?? code;
}
