import { useState } from 'react';
import { Button, DatePicker, Form, Input, Select, Space, Tag, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../../shared/api/client.js';
import type { AuditEntry, AuditQuery, Page } from '../../../shared/api/types.js';
import { formatDateTime } from '../../../shared/format.js';
import { ListCard, QueryForm } from '../../components/ListPage.js';
import { ExportButton } from '../../components/ExportButton.js';
import { usePagedList } from '../../hooks/usePagedList.js';
import { AuditDrawer } from './AuditDrawer.js';
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES, useAuditLabels } from './auditLabels.js';

type AuditFilter = Omit<AuditQuery, 'limit' | 'offset'>;
type RangeValue = Parameters<NonNullable<React.ComponentProps<typeof DatePicker.RangePicker>['onChange']>>[0];

interface FormValues {
  actor?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  range?: RangeValue;
}

/** 审计日志: every change and every view of personal data in my area, newest first. */
export function AuditPage() {
  const { t, i18n } = useTranslation('workbench');
  const labels = useAuditLabels();
  const [form] = Form.useForm<FormValues>();
  const [open, setOpen] = useState<AuditEntry>();
  const list = usePagedList<AuditEntry, AuditFilter>(
    (filter, paging, signal) => api.get<Page<AuditEntry>>('/audit', { ...filter, ...paging }, signal),
    {},
  );

  const search = (v: FormValues) => {
    const [from, to] = v.range ?? [];
    // whole days in the county's time zone, whatever the browser's; the server's `to` is exclusive
    const dayStart = (ymd: string) => new Date(`${ymd}T00:00:00+08:00`).toISOString();
    list.setFilter({
      actor: v.actor?.trim() || undefined,
      action: v.action,
      entityType: v.entityType,
      entityId: v.entityId?.trim() || undefined,
      from: from ? dayStart(from.format('YYYY-MM-DD')) : undefined,
      to: to ? dayStart(to.add(1, 'day').format('YYYY-MM-DD')) : undefined,
    });
  };
  const reset = () => list.setFilter({});

  const columns: TableColumnsType<AuditEntry> = [
    { title: t('audit.at'), dataIndex: 'at', width: 180, render: (at: string) => formatDateTime(at, i18n.language, true) },
    {
      title: t('audit.actor'),
      dataIndex: 'actorUsername',
      width: 170,
      render: (u: string) => (u ? <span className="mono">{u}</span> : t('audit.anonymous')),
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      width: 140,
      render: (a: string) => (
        <Tag color={a.startsWith('auth.') ? 'default' : a === 'personal.view' ? 'orange' : 'blue'}>{labels.action(a)}</Tag>
      ),
    },
    { title: t('audit.entityType'), dataIndex: 'entityType', width: 100, render: labels.entityType },
    {
      title: t('audit.entityId'),
      dataIndex: 'entityId',
      ellipsis: true,
      render: (id: string) => <span className="mono">{id || t('table.none')}</span>,
    },
    {
      title: t('audit.region'),
      dataIndex: 'regionCode',
      width: 130,
      render: (c: string | null) => <span className="mono">{c ?? t('table.none')}</span>,
    },
    { title: t('audit.ip'), dataIndex: 'ip', width: 130, responsive: ['xl'], render: (ip: string) => <span className="mono">{ip}</span> },
    {
      title: t('table.actions'),
      key: 'actions',
      width: 80,
      fixed: 'right',
      render: (_, e) => (
        <Button type="link" size="small" onClick={() => setOpen(e)} data-testid="audit-open">
          {t('audit.detail')}
        </Button>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="audit-page">
      <QueryForm form={form} onSearch={search} onReset={reset} testId="audit-query" style={{ rowGap: 12 }}>
        <Form.Item name="actor" label={t('audit.actor')}>
          <Input allowClear placeholder={t('audit.actorPlaceholder')} style={{ width: 180 }} data-testid="audit-query-actor" />
        </Form.Item>
        <Form.Item name="action" label={t('audit.action')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('table.all')}
            style={{ width: 160 }}
            options={AUDIT_ACTIONS.map((a) => ({ value: a, label: labels.action(a) }))}
            data-testid="audit-query-action"
          />
        </Form.Item>
        <Form.Item name="entityType" label={t('audit.entityType')}>
          <Select
            allowClear
            placeholder={t('table.all')}
            style={{ width: 120 }}
            options={AUDIT_ENTITY_TYPES.map((e) => ({ value: e, label: labels.entityType(e) }))}
            data-testid="audit-query-entity-type"
          />
        </Form.Item>
        <Form.Item name="entityId" label={t('audit.entityId')}>
          <Input allowClear style={{ width: 200 }} data-testid="audit-query-entity-id" />
        </Form.Item>
        <Form.Item name="range" label={t('audit.timeRange')}>
          <DatePicker.RangePicker format="YYYY-MM-DD" data-testid="audit-query-range" />
        </Form.Item>
      </QueryForm>
      <ListCard<AuditEntry>
        title={t('audit.title')}
        actions={<ExportButton path="/audit" query={{ ...list.filter }} />}
        onReload={list.reload}
        list={list}
        testId="audit-table"
        columns={columns}
        scroll={{ x: 1000 }}
      />
      <AuditDrawer entry={open} onClose={() => setOpen(undefined)} />
    </Space>
  );
}
