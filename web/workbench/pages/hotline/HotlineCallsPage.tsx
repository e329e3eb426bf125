import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Select, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { LeftOutlined, PlusOutlined, ReloadOutlined, RightOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../../shared/api/client.js';
import {
  CALL_OUTCOMES,
  type CallOutcomeFilter,
  type HotlineCall,
  type HotlineCallList,
  type HotlineStaff,
} from '../../../shared/api/hotline.js';
import { formatDateTime, today } from '../../../shared/format.js';
import { useApiData } from '../../../shared/hooks/useApiData.js';
import { useErrorText } from '../../../shared/hooks/useErrorText.js';
import { formatTrackingNo } from '../../../shared/tracking.js';
import { useCan } from '../../session/useSession.js';
import { CallFormModal } from './CallFormModal.js';
import { CallRequestModal } from './CallRequestModal.js';
import { addDays, mmss, mondayOf, monthRange } from './hotlineFormat.js';
import { OutcomeTag, useCategoryLabel } from './useHotlineLabels.js';
import { ExportButton } from '../../components/ExportButton.js';
import './hotline.css';

const PAGE_SIZE = 50;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const FILTERS: CallOutcomeFilter[] = ['open', ...CALL_OUTCOMES];

/** The filter lives in the address, so a reload or a shared link shows the same calls. */
function useCallFilter() {
  const [params, setParams] = useSearchParams();
  const day = today();
  const from = DAY.test(params.get('from') ?? '') ? params.get('from')! : day;
  const to = DAY.test(params.get('to') ?? '') ? params.get('to')! : from > day ? from : day;
  const outcome = FILTERS.find((o) => o === params.get('outcome'));
  const staffId = params.get('staff') ?? undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const set = (next: { from?: string; to?: string; outcome?: CallOutcomeFilter | null; staffId?: string | null; page?: number }) => {
    const merged = { from, to, outcome, staffId, page: 1, ...next };
    const p = new URLSearchParams();
    if (merged.from !== day || merged.to !== day) {
      p.set('from', merged.from);
      p.set('to', merged.to);
    }
    if (merged.outcome) p.set('outcome', merged.outcome);
    if (merged.staffId) p.set('staff', merged.staffId);
    if (merged.page > 1) p.set('page', String(merged.page));
    setParams(p, { replace: true });
  };
  return { from, to, outcome, staffId, page, set };
}

/**
 * 12348 通话记录: the calls of a period (today unless chosen), the ones the telephony system opened marked 待补全; a
 * call is logged by hand, completed, or turned into a service request. Lawyers see their own calls and the ones
 * nobody was put on; managers see everyone's and may pick a lawyer.
 */
export function HotlineCallsPage() {
  const { t, i18n } = useTranslation('workbench');
  const can = useCan();
  const errorText = useErrorText();
  const categoryLabel = useCategoryLabel();
  const filter = useCallFilter();
  const manager = can('hotline.manage');
  const answers = can('hotline.answer');
  const [editing, setEditing] = useState<{ call: HotlineCall | undefined }>();
  const [requesting, setRequesting] = useState<HotlineCall>();
  const day = today();
  const oneDay = filter.from === filter.to;

  const list = useApiData(
    (signal) =>
      api.get<HotlineCallList>(
        '/hotline/calls',
        {
          from: filter.from,
          to: filter.to,
          outcome: filter.outcome,
          staffId: manager ? filter.staffId : undefined,
          page: filter.page,
          pageSize: PAGE_SIZE,
        },
        signal,
      ),
    [filter.from, filter.to, filter.outcome, filter.staffId, filter.page, manager],
  );
  // calls still to complete, also those of earlier days that today's view does not show
  const open = useApiData(
    (signal) => api.get<HotlineCallList>('/hotline/calls', { from: addDays(day, -29), to: day, outcome: 'open', pageSize: 50 }, signal),
    [day],
  );
  const staff = useApiData(
    (signal) => (manager ? api.get<HotlineStaff[]>('/hotline/staff', undefined, signal) : Promise.resolve([])),
    [manager],
  );
  const reload = () => {
    list.reload();
    open.reload();
  };

  const quick = [
    { key: 'today', range: [day, day] },
    { key: 'thisWeek', range: [mondayOf(day), addDays(mondayOf(day), 6)] },
    { key: 'thisMonth', range: monthRange(day) },
  ] as const;

  const columns: TableColumnsType<HotlineCall> = [
    {
      title: t('hotline.calls.time'),
      key: 'time',
      width: oneDay ? 80 : 150,
      render: (_, c) => (
        <span style={{ whiteSpace: 'nowrap' }} className="mono">
          {oneDay ? formatDateTime(c.startedAt, i18n.language).slice(-5) : formatDateTime(c.startedAt, i18n.language)}
        </span>
      ),
    },
    {
      title: t('hotline.calls.caller'),
      key: 'caller',
      width: 125,
      render: (_, c) => (
        <Space size={4} wrap>
          {c.callerPhone ? (
            <span className="mono">{c.callerPhone}</span>
          ) : (
            <Typography.Text type="secondary">{t('hotline.calls.noNumber')}</Typography.Text>
          )}
          {c.repeatCaller && (
            <Tooltip title={t('hotline.calls.repeatHint')}>
              <Tag color="gold" data-testid="call-repeat">
                {t('hotline.calls.repeat')}
              </Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    // a lawyer sees their own calls (and unassigned ones): the column is for managers
    ...(manager
      ? [
          {
            title: t('hotline.calls.lawyer'),
            key: 'lawyer',
            width: 130,
            render: (_: unknown, c: HotlineCall) => c.staff?.name ?? <Tag>{t('hotline.unassigned')}</Tag>,
          },
        ]
      : []),
    { title: t('hotline.calls.category'), key: 'category', width: 90, render: (_, c) => categoryLabel(c.category) },
    {
      title: t('hotline.calls.summary'),
      key: 'summary',
      render: (_, c) =>
        c.summary || c.answer ? (
          <Tooltip
            title={
              c.answer ? (
                <>
                  <div>{c.summary}</div>
                  <div style={{ marginTop: 6 }}>
                    {t('hotline.calls.answer')}：{c.answer}
                  </div>
                </>
              ) : (
                c.summary
              )
            }
          >
            <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
              {c.summary || c.answer}
            </Typography.Paragraph>
          </Tooltip>
        ) : (
          <Typography.Text type="secondary">{t('table.none')}</Typography.Text>
        ),
    },
    {
      title: t('hotline.calls.duration'),
      key: 'duration',
      width: 80,
      align: 'right',
      render: (_, c) => <span className="mono">{mmss(c.durationSeconds) || t('table.none')}</span>,
    },
    { title: t('hotline.calls.outcome'), key: 'outcome', width: 100, render: (_, c) => <OutcomeTag call={c} /> },
    {
      title: t('hotline.calls.satisfaction'),
      key: 'satisfaction',
      width: 90,
      render: (_, c) =>
        c.satisfaction ? (
          <span className="hotline-stars" aria-label={`${c.satisfaction}/5`} title={`${c.satisfaction}/5`}>
            {'★'.repeat(c.satisfaction)}
            <span className="hotline-stars__off">{'★'.repeat(5 - c.satisfaction)}</span>
          </span>
        ) : null,
    },
    {
      title: t('hotline.calls.request'),
      key: 'request',
      width: 150,
      render: (_, c) =>
        c.requestId && c.trackingNo ? (
          <Link to={`/requests/${c.requestId}`} className="mono" data-testid="call-request-link">
            {formatTrackingNo(c.trackingNo)}
          </Link>
        ) : null,
    },
  ];
  if (answers)
    columns.push({
      title: t('table.actions'),
      key: 'actions',
      width: 170,
      fixed: 'right',
      render: (_, c) => (
        <Space size={4}>
          <Button
            size="small"
            type={c.outcome === null ? 'primary' : 'default'}
            onClick={() => setEditing({ call: c })}
            data-testid="call-complete"
          >
            {c.outcome === null ? t('hotline.calls.complete') : t('hotline.calls.edit')}
          </Button>
          {!c.requestId && (
            <Button size="small" onClick={() => setRequesting(c)} data-testid="call-to-request">
              {t('hotline.calls.toRequest')}
            </Button>
          )}
        </Space>
      ),
    });

  const openCount = open.data?.items.length ?? 0;
  const items = list.data?.items ?? [];

  return (
    <Card
      size="small"
      title={t('hotline.calls.title')}
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('action.refresh')} />
          <ExportButton
            path="/hotline/calls"
            query={{ from: filter.from, to: filter.to, outcome: filter.outcome, staffId: manager ? filter.staffId : undefined }}
          />
          {answers && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ call: undefined })} data-testid="call-log">
              {t('hotline.calls.log')}
            </Button>
          )}
        </Space>
      }
      data-testid="hotline-calls-page"
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('hotline.calls.intro')}
      </Typography.Paragraph>
      {openCount > 0 && filter.outcome !== 'open' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={
            open.data?.hasMore ? t('hotline.calls.openAlertMore', { count: openCount }) : t('hotline.calls.openAlert', { count: openCount })
          }
          action={
            <Button
              size="small"
              onClick={() => filter.set({ from: addDays(day, -29), to: day, outcome: 'open' })}
              data-testid="calls-show-open"
            >
              {t('hotline.calls.showOpen')}
            </Button>
          }
          data-testid="calls-open-alert"
        />
      )}
      <div className="hotline-filters" data-testid="calls-query">
        <Space.Compact>
          {quick.map((q) => (
            <Button
              key={q.key}
              type={filter.from === q.range[0] && filter.to === q.range[1] ? 'primary' : 'default'}
              onClick={() => filter.set({ from: q.range[0], to: q.range[1] })}
              data-testid={`calls-range-${q.key}`}
            >
              {t(`hotline.calls.${q.key}`)}
            </Button>
          ))}
        </Space.Compact>
        <DatePicker.RangePicker
          value={[dayjs(filter.from), dayjs(filter.to)]}
          allowClear={false}
          format="YYYY-MM-DD"
          onChange={(v) => {
            if (v?.[0] && v[1]) filter.set({ from: v[0].format('YYYY-MM-DD'), to: v[1].format('YYYY-MM-DD') });
          }}
          aria-label={t('hotline.calls.range')}
          data-testid="calls-range"
        />
        <Select<CallOutcomeFilter | ''>
          value={filter.outcome ?? ''}
          style={{ width: 150 }}
          onChange={(v) => filter.set({ outcome: v || null })}
          options={[
            { value: '', label: t('hotline.calls.allOutcomes') },
            ...FILTERS.map((o) => ({ value: o, label: t(`hotline.outcomes.${o}`) })),
          ]}
          aria-label={t('hotline.calls.outcome')}
          data-testid="calls-outcome"
        />
        {manager && (
          <Select<string>
            value={filter.staffId ?? ''}
            style={{ width: 170 }}
            showSearch={{ optionFilterProp: 'label' }}
            onChange={(v) => filter.set({ staffId: v || null })}
            options={[
              { value: '', label: t('hotline.calls.allLawyers') },
              ...(staff.data ?? []).map((s) => ({ value: s.id, label: s.name })),
            ]}
            aria-label={t('hotline.calls.lawyer')}
            data-testid="calls-lawyer"
          />
        )}
      </div>
      {list.error !== undefined && <Alert type="error" showIcon title={errorText(list.error)} style={{ marginBottom: 12 }} />}
      <div data-testid="hotline-calls-table">
        <Table<HotlineCall>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={items}
          loading={list.loading}
          pagination={false}
          rowClassName={(c) => (c.outcome === null ? 'hotline-row--open' : '')}
          locale={{ emptyText: t('hotline.calls.empty') }}
          // the summary takes what the other columns leave, at least 220 px
          scroll={{ x: columns.reduce((w, c) => w + (typeof c.width === 'number' ? c.width : 220), 0) }}
        />
      </div>
      {(filter.page > 1 || list.data?.hasMore) && (
        <div className="hotline-pager">
          <Button icon={<LeftOutlined />} disabled={filter.page <= 1} onClick={() => filter.set({ page: filter.page - 1 })}>
            {t('hotline.calls.prev')}
          </Button>
          <span>
            {t('hotline.calls.page', { page: filter.page })} · {t('hotline.calls.countOnPage', { count: items.length })}
          </span>
          <Button disabled={!list.data?.hasMore} onClick={() => filter.set({ page: filter.page + 1 })}>
            {t('hotline.calls.next')} <RightOutlined />
          </Button>
        </div>
      )}
      <CallFormModal
        open={!!editing}
        call={editing?.call}
        onClose={() => setEditing(undefined)}
        onSaved={() => {
          setEditing(undefined);
          reload();
        }}
        onStale={() => {
          setEditing(undefined);
          reload();
        }}
      />
      <CallRequestModal
        call={requesting}
        onClose={() => setRequesting(undefined)}
        onDone={reload}
        onStale={() => {
          setRequesting(undefined);
          reload();
        }}
      />
    </Card>
  );
}
