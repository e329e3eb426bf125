import { useMemo } from 'react';
import { Button, Form, Input, Select, Space, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api } from '../../../shared/api/client.js';
import {
  AID_STAGES,
  MATTER_CATEGORIES,
  type AidCaseList,
  type AidCaseListItem,
  type AidQueue,
  type AidStage,
  type MatterCategory,
} from '../../../shared/api/legalaid.js';
import type { Me } from '../../../shared/api/types.js';
import { dayOf } from '../../../shared/format.js';
import { formatTrackingNo } from '../../../shared/tracking.js';
import { CountTabs, ListCard, QueryForm } from '../../components/ListPage.js';
import { ExportButton } from '../../components/ExportButton.js';
import { pageParams, useFilterFollowsTab, useTabTotals } from '../../components/listTabs.js';
import { usePagedList } from '../../hooks/usePagedList.js';
import { useMe } from '../../session/useSession.js';
import { AidDue, maskName, StageTag, useAidLabels } from './aidLabels.js';
import { useRegionNames } from './useRegionNames.js';

interface AidFilter {
  queue: AidQueue;
  search?: string;
  matterCategory?: MatterCategory;
  stage?: AidStage;
}

const ORDER: AidQueue[] = [
  'firstReview',
  'review',
  'awaitingMaterials',
  'granted',
  'assigned',
  'closed',
  'mine',
  'objections',
  'open',
  'done',
  'all',
];

/**
 * The queues that fit the person's post: a town station does first reviews, the county center reviews, decides,
 * assigns and archives, a provider sees the cases assigned to them, the bureau the objections.
 */
export function queuesFor(me: Pick<Me, 'permissions' | 'siteKind'>): AidQueue[] {
  const can = (p: Me['permissions'][number]) => me.permissions.includes(p);
  const reviewer = can('legalAid.review');
  const center = me.siteKind === 'center';
  const wanted = new Set<AidQueue>();
  if (reviewer && !center) ['firstReview', 'awaitingMaterials'].forEach((q) => wanted.add(q as AidQueue));
  if (reviewer && center) ['review', 'awaitingMaterials', 'granted', 'assigned', 'closed'].forEach((q) => wanted.add(q as AidQueue));
  if (can('legalAid.provide')) wanted.add('mine');
  if (can('legalAid.objection') || (reviewer && center)) wanted.add('objections');
  ['open', 'done', 'all'].forEach((q) => wanted.add(q as AidQueue));
  const ordered = ORDER.filter((q) => wanted.has(q));
  // one who does not review starts with their own cases, or with the objections
  const first: AidQueue | undefined = reviewer
    ? undefined
    : can('legalAid.provide')
      ? 'mine'
      : can('legalAid.objection')
        ? 'objections'
        : undefined;
  return first ? [first, ...ordered.filter((q) => q !== first)] : ordered;
}

/** Which period a stage's due date is. */
const DUE_KIND: Partial<Record<AidStage, 'firstReview' | 'decision' | 'assignment' | 'materials'>> = {
  firstReview: 'firstReview',
  review: 'decision',
  granted: 'assignment',
  awaitingMaterials: 'materials',
};

function useQueueCounts(queues: AidQueue[], filter: Omit<AidFilter, 'queue'>) {
  const { search, matterCategory, stage } = filter;
  return useTabTotals(
    queues,
    (queue, signal) =>
      api.get<AidCaseList>('/legal-aid/cases', { queue, search, matterCategory, stage, pageSize: 1 }, signal).then((p) => p.total),
    [search, matterCategory, stage],
  );
}

/** 法律援助案件: the queues of my post over a paged table; a case opens its own page. */
export function AidCasesPage() {
  const { t } = useTranslation('workbench');
  const me = useMe();
  const labels = useAidLabels();
  const regionName = useRegionNames();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const queues = useMemo(() => queuesFor(me), [me]);
  const defaultQueue = queues[0] ?? 'open';
  const asked = params.get('queue');
  const queue = queues.find((q) => q === asked) ?? defaultQueue;
  const [form] = Form.useForm<Omit<AidFilter, 'queue'>>();
  const list = usePagedList<AidCaseListItem, AidFilter>(
    (filter, paging, signal) => api.get<AidCaseList>('/legal-aid/cases', { ...filter, ...pageParams(paging) }, signal),
    { queue },
  );
  const counts = useQueueCounts(queues, list.filter);
  // any desk that takes requests may take a legal aid application (a village room passes it to its station)
  const mayApply = me.permissions.includes('requests.intake');

  useFilterFollowsTab(list, 'queue', queue);

  const search = (v: Omit<AidFilter, 'queue'>) =>
    list.setFilter({
      queue,
      ...(v.search?.trim() ? { search: v.search.trim() } : {}),
      ...(v.matterCategory ? { matterCategory: v.matterCategory } : {}),
      ...(v.stage ? { stage: v.stage } : {}),
    });
  const reset = () => list.setFilter({ queue });
  const reload = () => {
    list.reload();
    counts.reload();
  };

  const columns: TableColumnsType<AidCaseListItem> = [
    {
      title: t('aid.list.caseNo'),
      key: 'no',
      width: 190,
      render: (_, c) => (
        <div>
          <Link to={`/legal-aid/${c.id}`} style={{ whiteSpace: 'nowrap' }} data-testid="aid-case-open">
            {c.caseNo ?? <span className="mono">{formatTrackingNo(c.trackingNo)}</span>}
          </Link>
          {c.caseNo && (
            <div>
              <Typography.Text type="secondary" className="mono" style={{ fontSize: 12 }}>
                {formatTrackingNo(c.trackingNo)}
              </Typography.Text>
            </div>
          )}
        </div>
      ),
    },
    {
      title: t('aid.list.applicant'),
      dataIndex: 'applicantName',
      width: 90,
      render: (name: string, c) => (
        <div>
          <span data-testid="aid-applicant">{maskName(name)}</span>
          <div>
            <Typography.Text type="secondary" className="mono" style={{ fontSize: 12, whiteSpace: 'nowrap' }} data-testid="aid-list-phone">
              {c.phoneMasked}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: t('aid.list.matter'),
      dataIndex: 'matterCategory',
      ellipsis: { showTitle: false },
      render: (code: string) => (
        <Tooltip title={labels.matter(code)} placement="topLeft">
          {labels.matter(code)}
        </Tooltip>
      ),
    },
    {
      title: t('aid.list.stage'),
      dataIndex: 'stage',
      width: 140,
      render: (stage: AidStage, c) => (
        <Space size={4} wrap>
          <StageTag stage={stage} />
          {c.earlyAid && (
            <Tooltip title={t('aid.list.earlyAidHint')}>
              <Tag color="magenta" icon={<ThunderboltOutlined />} data-testid="aid-early">
                {t('aid.list.earlyAid')}
              </Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    {
      title: t('aid.list.due'),
      key: 'due',
      width: 190,
      render: (_, c) => {
        const kind = DUE_KIND[c.stage];
        return c.dueAt ? (
          <AidDue dueAt={c.dueAt} state={c.dueState} kind={kind && t(`aid.dueKinds.${kind}`)} />
        ) : (
          <Typography.Text type="secondary">{t('table.none')}</Typography.Text>
        );
      },
    },
    {
      title: t('aid.list.region'),
      dataIndex: 'regionCode',
      width: 160,
      ellipsis: true,
      render: (code: string) => regionName(code),
    },
    {
      title: t('aid.list.site'),
      dataIndex: 'siteName',
      width: 170,
      ellipsis: true,
      render: (name: string | null) => <span data-testid="aid-list-site">{name ?? t('table.none')}</span>,
    },
    {
      title: t('aid.list.provider'),
      dataIndex: 'providerName',
      width: 120,
      ellipsis: true,
      render: (name: string | null) => name ?? <Typography.Text type="secondary">{t('table.none')}</Typography.Text>,
    },
    {
      title: t('aid.list.appliedAt'),
      dataIndex: 'createdAt',
      width: 110,
      render: (at: string) => (
        <span className="mono" style={{ whiteSpace: 'nowrap' }}>
          {dayOf(at)}
        </span>
      ),
    },
  ];

  // on a phone: the number and the stage, who and about what, then the date that runs
  const card = (c: AidCaseListItem) => {
    const kind = DUE_KIND[c.stage];
    return (
      <>
        <div className="row-card__head">
          <Link to={`/legal-aid/${c.id}`} className="row-card__title" data-testid="aid-case-open">
            {c.caseNo ?? <span className="mono">{formatTrackingNo(c.trackingNo)}</span>}
          </Link>
          <Space size={4} wrap>
            <StageTag stage={c.stage} />
            {c.earlyAid && (
              <Tag color="magenta" icon={<ThunderboltOutlined />} data-testid="aid-early">
                {t('aid.list.earlyAid')}
              </Tag>
            )}
          </Space>
        </div>
        <div>
          <span data-testid="aid-applicant">{maskName(c.applicantName)}</span>{' '}
          <span className="mono" data-testid="aid-list-phone">
            {c.phoneMasked}
          </span>
          <Typography.Text type="secondary"> · {regionName(c.regionCode)}</Typography.Text>
        </div>
        <div>{labels.matter(c.matterCategory)}</div>
        <Typography.Text type="secondary" className="row-card__line">
          {[c.siteName, c.providerName].filter(Boolean).join(' · ')}
        </Typography.Text>
        {c.dueAt && (
          <div>
            <AidDue dueAt={c.dueAt} state={c.dueState} kind={kind && t(`aid.dueKinds.${kind}`)} />
          </div>
        )}
      </>
    );
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="aid-cases-page">
      <QueryForm form={form} onSearch={search} onReset={reset} testId="aid-query" style={{ rowGap: 12 }}>
        <Form.Item name="search" label={t('aid.list.search')} extra={t('aid.list.searchHint')}>
          <Input allowClear placeholder={t('aid.list.searchPlaceholder')} style={{ width: 300 }} data-testid="aid-query-search" />
        </Form.Item>
        <Form.Item name="matterCategory" label={t('aid.list.matter')}>
          <Select
            allowClear
            style={{ width: 220 }}
            placeholder={t('aid.list.any')}
            options={MATTER_CATEGORIES.map((m) => ({ value: m, label: labels.matter(m) }))}
            data-testid="aid-query-matter"
          />
        </Form.Item>
        <Form.Item name="stage" label={t('aid.list.stage')}>
          <Select
            allowClear
            style={{ width: 150 }}
            placeholder={t('aid.list.any')}
            options={AID_STAGES.map((st) => ({ value: st, label: labels.stage(st) }))}
            data-testid="aid-query-stage"
          />
        </Form.Item>
      </QueryForm>
      <ListCard<AidCaseListItem>
        title={t('aid.list.title')}
        actions={
          <>
            {mayApply && (
              <Link to="/legal-aid/new">
                <Button type="primary" icon={<PlusOutlined />} data-testid="aid-apply">
                  {t('aid.list.apply')}
                </Button>
              </Link>
            )}
            <ExportButton path="/legal-aid/cases" query={{ ...list.filter }} />
          </>
        }
        onReload={reload}
        reloadTestId="aid-reload"
        tabs={
          <CountTabs
            tabs={queues}
            active={queue}
            onChange={(key) => setParams(key === defaultQueue ? {} : { queue: key })}
            label={(q) => t(`aid.queues.${q}`)}
            counts={counts.data}
            color={(q, n) => (q === 'objections' && n > 0 ? '#cf1322' : n > 0 ? '#1677ff' : '#bfbfbf')}
            overflowCount={999}
            testId="aid-tabs"
            tabTestId="aid-queue"
            countTestId="aid-queue-count"
          />
        }
        list={list}
        testId="aid-cases-table"
        card={card}
        columns={columns}
        scroll={{ x: 1000 }}
        locale={{ emptyText: t(`aid.emptyQueues.${queue}`) }}
        onRow={(c) => ({
          onClick: (e) => {
            // the link in the row navigates by itself
            if (!(e.target as HTMLElement).closest('a')) navigate(`/legal-aid/${c.id}`);
          },
          style: { cursor: 'pointer' },
        })}
      />
    </Space>
  );
}
