import { api } from '../../../shared/api/client.js';
import type { ObjectionList, ObjectionListItem, ObjectionState } from '../../../shared/api/legalaid-admin.js';
import { usePagedList } from '../../hooks/usePagedList.js';

/** One tab of the bureau's objections, paged on the server (GET /legal-aid/objections). */
export function useObjectionList(state: ObjectionState) {
  return usePagedList<ObjectionListItem, { state: ObjectionState }>(
    (filter, paging, signal) =>
      api.get<ObjectionList>(
        '/legal-aid/objections',
        { state: filter.state, page: Math.floor(paging.offset / paging.limit) + 1, pageSize: paging.limit },
        signal,
      ),
    { state },
  );
}
