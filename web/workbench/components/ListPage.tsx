import type { CSSProperties, ReactNode } from 'react';
import { Alert, Badge, Button, Card, Form, Space, Table, Tabs, type FormInstance, type TablePaginationConfig, type TableProps } from 'antd';
import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../shared/hooks/useErrorText.js';
import { useScopeTree } from '../hooks/useScopeTree.js';
import { OrgTree } from './OrgTree.js';
import { TreeListLayout } from './TreeListLayout.js';

/**
 * The pieces of a workbench list page (工单, 法律援助案件, 问答与指南, 站点, 人员, 审计): a query form in a card
 * above a card that holds the tabs, what went wrong and the paged table.
 */

interface QueryFormProps<V> {
  form: FormInstance<V>;
  /** the form's values when 查询 is pressed */
  onSearch: (values: V) => void;
  /** after the fields are cleared */
  onReset: () => void;
  /** the form's; `<testId>-submit` the button's */
  testId: string;
  style?: CSSProperties;
  /** the Form.Items of the query */
  children: ReactNode;
}

/** The query form: its fields in a row, then 查询 and 重置. */
export function QueryForm<V>({ form, onSearch, onReset, testId, style, children }: QueryFormProps<V>) {
  const { t } = useTranslation('workbench');
  return (
    <Card size="small">
      <Form form={form} layout="inline" onFinish={() => onSearch(form.getFieldsValue())} data-testid={testId} style={style}>
        {children}
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid={`${testId}-submit`}>
              {t('action.search')}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                onReset();
              }}
            >
              {t('action.reset')}
            </Button>
          </Space>
        </Form.Item>
      </Form>
    </Card>
  );
}

/** What a list card shows: a page of rows (or none yet), whether it is loading, what went wrong, the pager. */
export interface ListState<T> {
  data: { items: T[] } | undefined;
  loading: boolean;
  error: unknown;
  pagination: TablePaginationConfig;
}

type ListCardProps<T> = Omit<TableProps<T>, 'title' | 'rowKey' | 'size' | 'dataSource' | 'loading' | 'pagination'> & {
  title: string;
  /** buttons before 刷新 */
  actions?: ReactNode;
  onReload: () => void;
  reloadTestId?: string;
  /** above the table, e.g. CountTabs */
  tabs?: ReactNode;
  list: ListState<T>;
  /** the table's wrapper */
  testId: string;
};

/** The list card: title, actions and 刷新 on top, then the tabs, what went wrong and the table (rows keyed by id). */
export function ListCard<T extends object>({ title, actions, onReload, reloadTestId, tabs, list, testId, ...table }: ListCardProps<T>) {
  const { t } = useTranslation('workbench');
  const errorText = useErrorText();
  const reload = <Button icon={<ReloadOutlined />} onClick={onReload} aria-label={t('action.refresh')} data-testid={reloadTestId} />;
  return (
    <Card
      size="small"
      title={title}
      extra={
        actions ? (
          <Space>
            {actions}
            {reload}
          </Space>
        ) : (
          reload
        )
      }
    >
      {tabs}
      {list.error !== undefined && <Alert type="error" showIcon title={errorText(list.error)} style={{ marginBottom: 12 }} />}
      {/* antd passes only aria-* attributes to the table: the hook sits on a wrapper */}
      <div data-testid={testId}>
        <Table<T> {...table} rowKey="id" size="middle" dataSource={list.data?.items} loading={list.loading} pagination={list.pagination} />
      </div>
    </Card>
  );
}

interface CountTabsProps<K extends string> {
  tabs: readonly K[];
  active: K;
  onChange: (tab: K) => void;
  label: (tab: K) => string;
  /** how many rows each tab holds under the current query (shown once known) */
  counts: Record<K, number> | undefined;
  /** the badge's colour: grey for nothing, a warning colour for what needs doing */
  color: (tab: K, count: number) => string;
  overflowCount: number;
  testId: string;
  /** `<tabTestId>-<tab>` on each tab's label, `<countTestId>-<tab>` on its badge */
  tabTestId: string;
  countTestId: string;
}

/** Queues or states as tabs, each with the number of rows it holds. */
export function CountTabs<K extends string>({
  tabs,
  active,
  onChange,
  label,
  counts,
  color,
  overflowCount,
  testId,
  tabTestId,
  countTestId,
}: CountTabsProps<K>) {
  return (
    <Tabs
      activeKey={active}
      onChange={(key) => onChange(key as K)}
      items={tabs.map((k) => ({
        key: k,
        label: (
          <span data-testid={`${tabTestId}-${k}`}>
            {label(k)}
            {counts && (
              <Badge
                count={counts[k]}
                showZero
                overflowCount={overflowCount}
                color={color(k, counts[k])}
                style={{ marginLeft: 6, boxShadow: 'none' }}
                data-testid={`${countTestId}-${k}`}
              />
            )}
          </span>
        ),
      }))}
      data-testid={testId}
    />
  );
}

interface ScopeTreeListProps<F extends { regionCode?: string }> {
  list: { filter: F; setFilter: (filter: F) => void };
  /** the page's */
  testId: string;
  children: ReactNode;
}

/** The org tree of my area on the left, narrowing the list beside it to a county, town or village (站点, 人员). */
export function ScopeTreeList<F extends { regionCode?: string }>({ list, testId, children }: ScopeTreeListProps<F>) {
  const tree = useScopeTree();
  return (
    <TreeListLayout
      testId={testId}
      tree={
        <OrgTree
          tree={tree.data}
          loading={tree.loading}
          error={tree.error}
          selected={list.filter.regionCode}
          onSelect={(regionCode) => list.setFilter({ ...list.filter, regionCode })}
        />
      }
    >
      {children}
    </TreeListLayout>
  );
}
