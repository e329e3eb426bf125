import { Button, Empty, Form, Input, Select, Space, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api } from '../../../shared/api/client.js';
import type { KbKind, KbList, KbListItem, KbOrigin, KbStatus } from '../../../shared/api/knowledge-admin.js';
import { KB_KINDS } from '../../../shared/api/knowledge-admin.js';
import { formatDateTime } from '../../../shared/format.js';
import { CountTabs, ListCard, QueryForm } from '../../components/ListPage.js';
import { ExportButton } from '../../components/ExportButton.js';
import { pageParams, useFilterFollowsTab, useTabTotals } from '../../components/listTabs.js';
import { usePagedList } from '../../hooks/usePagedList.js';
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

/** How many entries each tab holds under the same query. */
const useTabCounts = (query: Query) =>
  useTabTotals(
    TABS,
    (tab, signal) => api.get<KbList>('/knowledge/admin/entries', { ...query, ...tabFilter(tab), pageSize: 1 }, signal).then((p) => p.total),
    [JSON.stringify(query)],
  );

/** 问答与办事指南: what waits for review first, drafts, the published library, what was withdrawn, and the imported Q&A. */
export function KnowledgeEntriesPage() {
  const { t, i18n } = useTranslation('workbench');
  const originText = useOriginText();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const tab = isTab(params.get('tab')) ? (params.get('tab') as Tab) : DEFAULT_TAB;
  const [form] = Form.useForm<Query>();
  const list = usePagedList<KbListItem, Query & { tab: Tab }>(
    ({ tab: shown, ...query }, paging, signal) =>
      api.get<KbList>('/knowledge/admin/entries', { ...query, ...tabFilter(shown), ...pageParams(paging) }, signal),
    { tab },
  );
  const { tab: _tab, ...query } = list.filter;
  const counts = useTabCounts(query);
  useFilterFollowsTab(list, 'tab', tab);

  const search = (v: Query) => list.setFilter({ tab, q: v.q?.trim() || undefined, kind: v.kind });
  const reset = () => list.setFilter({ tab });
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
      <QueryForm form={form} onSearch={search} onReset={reset} testId="kb-query" style={{ rowGap: 12 }}>
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
      </QueryForm>
      <ListCard<KbListItem>
        title={t('knowledgeAdmin.list.title')}
        actions={
          <>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => write('qa')} data-testid="kb-write-qa">
              {t('knowledgeAdmin.list.writeQa')}
            </Button>
            <Button icon={<PlusOutlined />} onClick={() => write('guide')} data-testid="kb-write-guide">
              {t('knowledgeAdmin.list.writeGuide')}
            </Button>
            <ExportButton path="/knowledge/admin/entries" query={{ ...query, ...tabFilter(tab) }} />
          </>
        }
        onReload={reload}
        tabs={
          <CountTabs
            tabs={TABS}
            active={tab}
            onChange={(key) => setParams(key === DEFAULT_TAB ? {} : { tab: key })}
            label={(k) => t(`knowledgeAdmin.list.tabs.${k}`)}
            counts={counts.data}
            color={(k, n) => (k === 'review' && n > 0 ? '#d46b08' : '#bfbfbf')}
            overflowCount={9999}
            testId="kb-tabs"
            tabTestId="kb-tab"
            countTestId="kb-count"
          />
        }
        list={list}
        testId="kb-table"
        columns={columns}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(`knowledgeAdmin.list.empty.${tab}`)} /> }}
        scroll={{ x: 960 }}
      />
    </Space>
  );
}
