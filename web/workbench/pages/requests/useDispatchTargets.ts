import { api } from '../../../shared/api/client.js';
import type { DispatchTarget } from '../../../shared/api/types.js';
import { useApiData } from '../../../shared/hooks/useApiData.js';
import type { Post, SiteKind } from '../../../shared/labels.js';

export interface TargetOption {
  value: string;
  label: string;
  kind: SiteKind;
  /** the posts its active staff hold: the only ones a request can be sent to there */
  posts: Post[];
  /** someone there handles requests (a site without anyone is shown, but cannot be chosen) */
  staffed: boolean;
}

/**
 * Where a request can be sent (GET /requests/dispatch-targets): every site of my area (for the county center, the
 * whole county), the county center, so that a station can hand a matter up, and every town station of the county,
 * so that a matter of another town goes to the town it belongs to — each with the posts its staff really hold.
 * The server checks again, and refuses a post nobody there holds (DISPATCH_POST_UNSTAFFED).
 */
export function useDispatchTargets(enabled: boolean) {
  return useApiData<TargetOption[]>(
    async (signal) => {
      if (!enabled) return [];
      const sites = await api.get<DispatchTarget[]>('/requests/dispatch-targets', undefined, signal);
      return sites.map((s) => ({
        value: s.id,
        kind: s.kind,
        // villages in different towns can share a name: the town tells them apart
        label: s.kind === 'room' && s.townName ? `${s.name}（${s.townName}）` : s.name,
        posts: s.posts,
        staffed: s.staffed,
      }));
    },
    [enabled],
  );
}
