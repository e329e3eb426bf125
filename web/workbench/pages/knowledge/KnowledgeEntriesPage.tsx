import { useState } from 'react';
import { Alert, Badge, Button, Card, Empty, Form, Input, Select, Space, Table, Tabs, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api } from '../../../shared/api/client.js';
import type { KbKind, KbList, KbListItem, KbOrigin, KbStatus } from '../../../shared/api/knowledge-admin.js';
import { KB_KINDS } from '../../../shared/api/knowledge-admin.js';
import { formatDateTime } from '../../../shared/format.js';
import { useApiData } from '../../../shared/hooks/useApiData.js';
import { useErrorText } from '../../../shared/hooks/useErrorText.js';
import { KbKindTag, KbStatusTag, useOriginText } from './kbLabels.js';

/** The tabs: four by status, and the imported collection (whatever its status) on its own. */
const TABS = ['review', 'draft', 'published', 'archived', 'imported'] as const;
type Tab = (typeof TABS)[number];
const DEFAULT_TAB: Tab = 'review';
const isTab = (v: string | null): v is Tab => v !== null && (TABS as readonly string[]).includes(v);

interface Query {
  q?: string;
  kind?: KbKind;
}

const tabFilter = (tab: Tab): { status?: KbStatus; origin?: KbOrigin } => (tab === 'imported' ? { origin: 'imported' } : { status: tab });

/** How many entries each tab holds under the same query: one cheap call per tab (pageSize=1, read `total`). */
function useTabCounts(query: Query) {
  return useApiData(
    async (signal) => {
      const totals = await Promise.all(
        TABS.map((tab) =>
          api.get<KbList>('/knowledge/admin/entries', { ...query, ...tabFilter(tab), pageSize: 1 }, signal).then((p) => p.total),
        ),
      );
      return Object.fromEntries(TABS.map((tab, i) => [tab, totals[i] ?? 0])) as Record<Tab, number>;
    },
    [JSON.stringify(query)],
  );
}

/** 问答与办事指南: what waits for review first, drafts, the published library, what was withdrawn, and the imported Q&A. */
export function KnowledgeEntriesPage() {
  const { t, i18n } = useTranslation('workbench');
  const errorText = useErrorText();
  const originText = useOriginText();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const tab = isTab(params.get('tab')) ? (params.get('tab') as Tab) : DEFAULT_TAB;
  const [form] = Form.useForm<Query>();
  const [query, setQuery] = useState<Query>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const list = useApiData(
    (signal) => api.get<KbList>('/knowledge/admin/entries', { ...query, ...tabFilter(tab), page, pageSize }, signal),
    [JSON.stringify(query), tab, page, pageSize],
  );
  const counts = useTabCounts(query);

  const search = () => {
    const v = form.getFieldsValue();
    setQuery({ q: v.q?.trim() || undefined, kind: v.kind });
    setPage(1);
  };
  const reset = () => {
    form.resetFields();
    setQuery({});
    setPage(1);
  };
  const reload = () => {
    list.reload();
    counts.reload();
  };
  const write = (kind: KbKind) => navigate(`/knowledge/new?kind=${kind}`);

  const columns: TableColumnsType<KbListItem> = [
    {
      title: t('knowledgeAdmin.list.columns.title'),
      dataIndex: 'title',
      render: (title: string, e) => (
        <Link to={`/knowledge/${e.id}`} data-testid="kb-entry-open">
          <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 0, color: 'inherit' }}>
            {title}
          </Typography.Paragraph>
        </Link>
      ),
    },
    { title: t('knowledgeAdmin.list.columns.kind'), dataIndex: 'kind', width: 100, render: (kind: KbKind) => <KbKindTag kind={kind} /> },
    {
      title: t('knowledgeAdmin.list.columns.status'),
      dataIndex: 'status',
      width: 100,
      render: (status: KbStatus, e) => <KbStatusTag status={status} license={e.license} />,
    },
    {
      title: t('knowledgeAdmin.list.columns.origin'),
      key: 'origin',
      width: 190,
      ellipsis: true,
      render: (_, e) => originText(e.origin, e.license),
    },
    { title: t('knowledgeAdmin.list.columns.answerBy'), dataIndex: 'answerBy', width: 150, ellipsis: true },
    {
      title: tab === 'published' ? t('knowledgeAdmin.list.columns.publishedAt') : t('knowledgeAdmin.list.columns.updatedAt'),
      key: 'at',
      width: 150,
      render: (_, e) => (
        <span className="mono" style={{ whiteSpace: 'nowrap' }}>
          {formatDateTime(tab === 'published' ? (e.publishedAt ?? e.updatedAt) : e.updatedAt, i18n.language)}
        </span>
      ),
    },
    {
      title: t('table.actions'),
      key: 'actions',
      width: 80,
      fixed: 'right',
      render: (_, e) => (
        <Link to={`/knowledge/${e.id}`}>{e.status === 'review' ? t('knowledgeAdmin.list.review') : t('knowledgeAdmin.list.open')}</Link>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="kb-entries-page">
      <Card size="small">
        <Form form={form} layout="inline" onFinish={search} data-testid="kb-query" style={{ rowGap: 12 }}>
          <Form.Item name="q" label={t('knowledgeAdmin.list.q')}>
            <Input allowClear placeholder={t('knowledgeAdmin.list.qPlaceholder')} style={{ width: 260 }} data-testid="kb-query-q" />
          </Form.Item>
          <Form.Item name="kind" label={t('knowledgeAdmin.list.kind')}>
            <Select
              allowClear
              placeholder={t('knowledgeAdmin.list.allKinds')}
              style={{ width: 130 }}
              options={KB_KINDS.map((k) => ({ value: k, label: t(`knowledgeAdmin.kinds.${k}`) }))}
              data-testid="kb-query-kind"
            />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="kb-query-submit">
                {t('action.search')}
              </Button>
              <Button onClick={reset}>{t('action.reset')}</Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>
      <Card
        size="small"
        title={t('knowledgeAdmin.list.title')}
        extra={
          <Space>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => write('qa')} data-testid="kb-write-qa">
              {t('knowledgeAdmin.list.writeQa')}
            </Button>
            <Button icon={<PlusOutlined />} onClick={() => write('guide')} data-testid="kb-write-guide">
              {t('knowledgeAdmin.list.writeGuide')}
            </Button>
            <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('action.refresh')} />
          </Space>
        }
      >
        <Tabs
          activeKey={tab}
          onChange={(key) => {
            setParams(key === DEFAULT_TAB ? {} : { tab: key });
            setPage(1);
          }}
          items={TABS.map((k) => ({
            key: k,
            label: (
              <span data-testid={`kb-tab-${k}`}>
                {t(`knowledgeAdmin.list.tabs.${k}`)}
                {counts.data && (
                  <Badge
                    count={counts.data[k]}
                    showZero
                    overflowCount={9999}
                    color={k === 'review' && counts.data[k] > 0 ? '#d46b08' : '#bfbfbf'}
                    style={{ marginLeft: 6, boxShadow: 'none' }}
                    data-testid={`kb-count-${k}`}
                  />
                )}
              </span>
            ),
          }))}
          data-testid="kb-tabs"
        />
        {list.error !== undefined && <Alert type="error" showIcon title={errorText(list.error)} style={{ marginBottom: 12 }} />}
        {/* antd passes only aria-* attributes to the table: the hook sits on a wrapper */}
        <div data-testid="kb-table">
          <Table<KbListItem>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items}
            loading={list.loading}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(`knowledgeAdmin.list.empty.${tab}`)} /> }}
            pagination={{
              current: page,
              pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [10, 20, 50, 100],
              showTotal: (total) => t('table.total', { total }),
              onChange: (next, size) => {
                setPage(size !== pageSize ? 1 : next);
                setPageSize(size);
              },
            }}
            scroll={{ x: 960 }}
          />
        </div>
      </Card>
    </Space>
  );
}
