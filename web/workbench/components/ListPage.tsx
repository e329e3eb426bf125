import type { CSSProperties, ReactNode } from 'react';
import {
  Alert,
  Badge,
  Button,
  Card,
  Empty,
  Form,
  Grid,
  Pagination,
  Space,
  Spin,
  Table,
  Tabs,
  type FormInstance,
  type TablePaginationConfig,
  type TableProps,
} from 'antd';
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
      <Form
        form={form}
        layout="inline"
        className="query-form"
        onFinish={() => onSearch(form.getFieldsValue())}
        data-testid={testId}
        style={style}
      >
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
  /** a row as a card: below md (a phone) the rows are a column of these instead of the table */
  card?: (row: T) => ReactNode;
};

/** The list card: title, actions and 刷新 on top, then the tabs, what went wrong and the table (rows keyed by id). */
export function ListCard<T extends object>({
  title,
  actions,
  onReload,
  reloadTestId,
  tabs,
  list,
  testId,
  card,
  ...table
}: ListCardProps<T>) {
  const { t } = useTranslation('workbench');
  const narrow = Grid.useBreakpoint().md === false;
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
      {card && narrow ? (
        <RowCards list={list} card={card} testId={testId} />
      ) : (
        <div data-testid={testId}>
          <Table<T>
            {...table}
            rowKey="id"
            size="middle"
            dataSource={list.data?.items}
            loading={list.loading}
            pagination={list.pagination}
          />
        </div>
      )}
    </Card>
  );
}

/** The rows of a list as one column of cards (a phone), with the same pager as the table's. */
function RowCards<T extends object>({ list, card, testId }: { list: ListState<T>; card: (row: T) => ReactNode; testId: string }) {
  const { position: _position, showSizeChanger: _sizes, ...pager } = list.pagination;
  const items = list.data?.items ?? [];
  return (
    <div data-testid={testId} data-layout="cards">
      <Spin spinning={list.loading}>
        {items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} style={{ padding: '16px 0' }} />
        ) : (
          items.map((row) => {
            const id = String((row as { id?: unknown }).id);
            return (
              <div key={id} className="row-card" data-row-key={id}>
                {card(row)}
              </div>
            );
          })
        )}
      </Spin>
      <Pagination {...pager} size="small" showSizeChanger={false} style={{ marginTop: 12, justifyContent: 'flex-end' }} />
    </div>
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
