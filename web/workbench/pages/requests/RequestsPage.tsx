import { useEffect, useState } from 'react';
import { Button, Form, Input, Select, Space, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../../shared/api/client.js';
import type { Page, Queue, RequestStatus, ServiceItem, ServiceRequest } from '../../../shared/api/types.js';
import { useApiData } from '../../../shared/hooks/useApiData.js';
import { QUEUES, REQUEST_STATUSES, useLabels } from '../../../shared/labels.js';
import { formatTrackingNo, maskPhone } from '../../../shared/tracking.js';
import { ExportButton } from '../../components/ExportButton.js';
import { CountTabs, ListCard, QueryForm } from '../../components/ListPage.js';
import { useFilterFollowsTab, useTabTotals } from '../../components/listTabs.js';
import { usePagedList } from '../../hooks/usePagedList.js';
import { useCan } from '../../session/useSession.js';
import { DueDate, StatusTag } from './requestLabels.js';

interface RequestFilter {
  queue: Queue;
  q?: string;
  serviceItem?: string;
  status?: RequestStatus;
}

const isQueue = (v: string | null): v is Queue => v !== null && (QUEUES as readonly string[]).includes(v);
const DEFAULT_QUEUE: Queue = 'unit';

/** How many requests each queue holds under the same query. */
const useQueueCounts = (filter: Omit<RequestFilter, 'queue'>) =>
  useTabTotals(
    QUEUES,
    (queue, signal) => api.get<Page<ServiceRequest>>('/requests', { ...filter, queue, limit: 1 }, signal).then((p) => p.total),
    [JSON.stringify(filter)],
  );

/** 工单办理: the work queues of my area, a query form over a paged table; a request opens its own page. */
export function RequestsPage() {
  const { t } = useTranslation('workbench');
  const labels = useLabels();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const queue = isQueue(params.get('queue')) ? (params.get('queue') as Queue) : DEFAULT_QUEUE;
  const [form] = Form.useForm<Omit<RequestFilter, 'queue'>>();
  const items = useApiData((signal) => api.get<ServiceItem[]>('/service-items', undefined, signal), []);
  // a link may name the service item too (首页's 咨询待答复 opens the consultations of my site)
  const [linkedItem] = useState(() => params.get('serviceItem') ?? undefined);
  const list = usePagedList<ServiceRequest, RequestFilter>(
    (filter, paging, signal) => api.get<Page<ServiceRequest>>('/requests', { ...filter, ...paging }, signal),
    { queue, ...(linkedItem ? { serviceItem: linkedItem } : {}) },
  );
  useEffect(() => {
    if (linkedItem) form.setFieldsValue({ serviceItem: linkedItem });
  }, [form, linkedItem]);
  const { queue: _queue, ...query } = list.filter;
  const counts = useQueueCounts(query);

  useFilterFollowsTab(list, 'queue', queue);

  const search = (v: Omit<RequestFilter, 'queue'>) =>
    list.setFilter({ queue, q: v.q?.trim() || undefined, serviceItem: v.serviceItem, status: v.status });
  const reset = () => list.setFilter({ queue });
  const reload = () => {
    list.reload();
    counts.reload();
  };

  const columns: TableColumnsType<ServiceRequest> = [
    {
      title: t('requests.trackingNo'),
      dataIndex: 'trackingNo',
      width: 170,
      render: (no: string, r) => (
        <div>
          <Link to={`/requests/${r.id}`} className="mono" style={{ whiteSpace: 'nowrap' }} data-testid="request-open">
            {formatTrackingNo(no)}
          </Link>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {labels.channel(r.channel)}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    { title: t('requests.serviceItem'), dataIndex: 'serviceItemName', width: 110 },
    { title: t('requests.requester'), dataIndex: 'requesterName', width: 90, ellipsis: true },
    {
      title: t('requests.phone'),
      dataIndex: 'requesterPhone',
      width: 116,
      render: (phone: string) => <span className="mono">{maskPhone(phone)}</span>,
    },
    { title: t('requests.region'), dataIndex: 'regionName', ellipsis: true },
    {
      title: t('requests.status'),
      dataIndex: 'status',
      width: 90,
      render: (status: RequestStatus) => <StatusTag status={status} />,
    },
    { title: t('requests.dueAt'), key: 'due', width: 140, render: (_, r) => <DueDate request={r} /> },
    {
      title: t('requests.handlerSite'),
      key: 'handlerSite',
      width: 210,
      render: (_, r) =>
        r.handlerSite ? (
          r.handlerSite.name
        ) : (
          <Typography.Text type="secondary">{t('requests.atDesk', { site: r.receivedSite?.name ?? '' })}</Typography.Text>
        ),
    },
    {
      title: t('table.actions'),
      key: 'actions',
      width: 70,
      fixed: 'right',
      render: (_, r) => <Link to={`/requests/${r.id}`}>{r.allowedActions.length > 0 ? t('requests.handle') : t('action.view')}</Link>,
    },
  ];

  // on a phone: the number and the state, what and who, then by when and the button
  const card = (r: ServiceRequest) => (
    <>
      <div className="row-card__head">
        <Link to={`/requests/${r.id}`} className="mono row-card__title" data-testid="request-open">
          {formatTrackingNo(r.trackingNo)}
        </Link>
        <StatusTag status={r.status} />
      </div>
      <div>
        {r.serviceItemName}
        <Typography.Text type="secondary"> · {labels.channel(r.channel)}</Typography.Text>
      </div>
      <div>
        {r.requesterName} <span className="mono">{maskPhone(r.requesterPhone)}</span>
        <Typography.Text type="secondary"> · {r.regionName}</Typography.Text>
      </div>
      <Typography.Text type="secondary" className="row-card__line">
        {r.handlerSite ? r.handlerSite.name : t('requests.atDesk', { site: r.receivedSite?.name ?? '' })}
      </Typography.Text>
      <div className="row-card__foot">
        <span>
          <Typography.Text type="secondary">{t('requests.dueAt')} </Typography.Text>
          <DueDate request={r} />
        </span>
        <Link to={`/requests/${r.id}`}>
          <Button size="small" type={r.allowedActions.length > 0 ? 'primary' : 'default'}>
            {r.allowedActions.length > 0 ? t('requests.handle') : t('action.view')}
          </Button>
        </Link>
      </div>
    </>
  );

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="requests-page">
      <QueryForm form={form} onSearch={search} onReset={reset} testId="requests-query" style={{ rowGap: 12 }}>
        <Form.Item name="q" label={t('requests.q')}>
          <Input allowClear placeholder={t('requests.qPlaceholder')} style={{ width: 240 }} data-testid="requests-query-q" />
        </Form.Item>
        <Form.Item name="serviceItem" label={t('requests.serviceItem')}>
          <Select
            allowClear
            placeholder={t('table.all')}
            style={{ width: 160 }}
            loading={items.loading}
            options={(items.data ?? []).map((i) => ({ value: i.code, label: i.name }))}
            data-testid="requests-query-item"
          />
        </Form.Item>
        <Form.Item name="status" label={t('requests.status')}>
          <Select
            allowClear
            placeholder={t('table.all')}
            style={{ width: 120 }}
            options={REQUEST_STATUSES.map((s) => ({ value: s, label: labels.status(s) }))}
            data-testid="requests-query-status"
          />
        </Form.Item>
      </QueryForm>
      <ListCard<ServiceRequest>
        title={t('requests.title')}
        actions={
          <>
            {can('requests.intake') && (
              <Link to="/requests/new">
                <Button type="primary" icon={<PlusOutlined />} data-testid="requests-intake">
                  {t('menu.intake')}
                </Button>
              </Link>
            )}
            <ExportButton path="/requests" query={{ ...list.filter }} />
          </>
        }
        onReload={reload}
        tabs={
          <CountTabs
            tabs={QUEUES}
            active={queue}
            onChange={(key) => setParams(key === DEFAULT_QUEUE ? {} : { queue: key })}
            label={(q) => t(`requests.queues.${q}`)}
            counts={counts.data}
            color={(q, n) => (q === 'overdue' && n > 0 ? '#cf1322' : q === 'dueSoon' && n > 0 ? '#d46b08' : '#bfbfbf')}
            overflowCount={999}
            testId="requests-tabs"
            tabTestId="queue"
            countTestId="queue-count"
          />
        }
        list={list}
        testId="requests-table"
        card={card}
        columns={columns}
        scroll={{ x: 1100 }}
      />
    </Space>
  );
}
