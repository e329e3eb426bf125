import { api } from '../../../shared/api/client.js';
import type { Page, Site } from '../../../shared/api/types.js';
import { useApiData } from '../../../shared/hooks/useApiData.js';
import type { SiteKind } from '../../../shared/labels.js';
import { useMe } from '../../session/useSession.js';

export interface TargetOption {
  value: string;
  label: string;
  kind: SiteKind;
}

/**
 * Where a request can be sent: every site of my area (for the county center, the whole county), the county
 * center, so that a station can hand a matter up, and every town station of the county, so that a matter
 * of another town goes to the town it belongs to. The server accepts any site of the request's county and
 * checks again.
 */
export function useDispatchTargets(enabled: boolean) {
  const me = useMe();
  const county = me.regionCode.slice(0, 6);
  return useApiData<TargetOption[]>(
    async (signal) => {
      if (!enabled) return [];
      const none = Promise.resolve<Page<Site>>({ items: [], total: 0 });
      const [mine, centers, stations] = await Promise.all([
        api.get<Page<Site>>('/sites', { scope: 'mine', limit: 2000 }, signal),
        me.regionCode.length > 6 ? api.get<Page<Site>>('/sites', { kind: 'center', regionCode: county, limit: 10 }, signal) : none,
        me.regionCode.length > 6 ? api.get<Page<Site>>('/sites', { kind: 'station', regionCode: county, limit: 200 }, signal) : none,
      ]);
      const seen = new Set<string>();
      const order: Record<SiteKind, number> = { center: 0, station: 1, room: 2 };
      return [...centers.items, ...stations.items, ...mine.items]
        .filter((s) => !seen.has(s.id) && seen.add(s.id))
        .sort((a, b) => order[a.kind] - order[b.kind] || a.regionCode.localeCompare(b.regionCode))
        .map((s) => ({
          value: s.id,
          kind: s.kind,
          // villages in different towns can share a name: the town tells them apart
          label: s.kind === 'room' && s.townName ? `${s.name}（${s.townName}）` : s.name,
        }));
    },
    [enabled, me.regionCode],
  );
}
