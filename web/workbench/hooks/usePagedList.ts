import { useCallback, useState } from 'react';
import type { TablePaginationConfig } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Page } from '../../shared/api/types.js';
import { useApiData } from '../../shared/hooks/useApiData.js';

export interface Paging {
  limit: number;
  offset: number;
}

/**
 * A server-paged table: holds the filter and the page, loads `limit`/`offset` pages, and goes back to
 * page one whenever the filter changes.
 */
export function usePagedList<T, F extends object>(load: (filter: F, paging: Paging, signal: AbortSignal) => Promise<Page<T>>, initial: F) {
  const { t } = useTranslation('workbench');
  const [filter, setFilterState] = useState<F>(initial);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const result = useApiData(
    (signal) => load(filter, { limit: pageSize, offset: (page - 1) * pageSize }, signal),
    [JSON.stringify(filter), page, pageSize],
  );

  const setFilter = useCallback((next: F) => {
    setFilterState(next);
    setPage(1);
  }, []);

  const pagination: TablePaginationConfig = {
    current: page,
    pageSize,
    total: result.data?.total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: [10, 20, 50, 100],
    showTotal: (total) => t('table.total', { total }),
    onChange: (nextPage, nextSize) => {
      setPage(nextSize !== pageSize ? 1 : nextPage);
      setPageSize(nextSize);
    },
  };

  return { ...result, filter, setFilter, pagination };
}
