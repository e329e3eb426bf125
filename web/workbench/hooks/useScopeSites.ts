import { api } from '../../shared/api/client.js';
import type { Page, Site } from '../../shared/api/types.js';
import { useApiData } from '../../shared/hooks/useApiData.js';

export interface SiteOption {
  value: string;
  label: string;
}

/** Every site of my area, as options for a searchable select (a county has a few hundred). */
export function useScopeSites(enabled: boolean) {
  return useApiData<SiteOption[]>(
    async (signal) => {
      if (!enabled) return [];
      const page = await api.get<Page<Site>>('/sites', { scope: 'mine', limit: 2000 }, signal);
      return page.items.map((s) => ({
        value: s.id,
        // villages in different towns can share a name: the town tells them apart
        label: s.kind === 'room' && s.townName ? `${s.name}（${s.townName}）` : s.name,
      }));
    },
    [enabled],
  );
}
