import { useState } from 'react';
import { Alert, Button, Card, Space, Table, Tabs, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { DueState } from '../../../shared/api/legalaid-admin.js';
import { formatDateTime, lastDayOf } from '../../../shared/format.js';
import { useErrorText } from '../../../shared/hooks/useErrorText.js';
import { formatTrackingNo } from '../../../shared/tracking.js';
import { maskName } from './aidAdmin.js';
import { ObjectionDecisionModal } from './ObjectionDecisionModal.js';
import { useObjectionQueue, type ObjectionRow } from './useObjectionQueue.js';

const DUE_COLORS: Record<DueState, string> = { normal: 'default', dueSoon: 'orange', overdue: 'red' };

/** 异议审查 (art. 49): the objections to refusals and terminations, the ones to decide first, nearest deadline first. */
export function AidObjectionsPage() {
  const { t, i18n } = useTranslation('workbench');
  const errorText = useErrorText();
  const queue = useObjectionQueue();
  const [tab, setTab] = useState<'pending' | 'decided'>('pending');
  const [deciding, setDeciding] = useState<ObjectionRow>();
  const lang = i18n.language;

  const common: TableColumnsType<ObjectionRow> = [
    {
      title: t('aidAdmin.objections.caseNo'),
      key: 'case',
      width: 190,
      render: (_, r) => (
        <div>
          <Link to={`/legal-aid/${r.case.id}`} data-testid="aid-objection-case">
            {r.case.caseNo ?? formatTrackingNo(r.case.trackingNo)}
          </Link>
          {r.case.caseNo && (
            <div>
              <Typography.Text type="secondary" className="mono" style={{ fontSize: 12 }}>
                {formatTrackingNo(r.case.trackingNo)}
              </Typography.Text>
            </div>
          )}
        </div>
      ),
    },
    {
      title: t('aidAdmin.objections.applicant'),
      key: 'applicant',
      width: 120,
      render: (_, r) => (
        <div>
          {maskName(r.case.applicant.name)}
          <div>
            <Typography.Text type="secondary" className="mono" style={{ fontSize: 12 }}>
              {r.case.applicant.phoneMasked}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: t('aidAdmin.objections.against'),
      key: 'against',
      width: 150,
      render: (_, r) => (
        <Tag color={r.objection.against === 'refusal' ? 'volcano' : 'purple'}>
          {t(`aidAdmin.objections.againstKinds.${r.objection.against}`)}
        </Tag>
      ),
    },
    {
      title: t('aidAdmin.objections.grounds'),
      key: 'grounds',
      render: (_, r) => (
        <Typography.Paragraph ellipsis={{ rows: 2, tooltip: r.objection.grounds }} style={{ margin: 0 }}>
          {r.objection.grounds}
        </Typography.Paragraph>
      ),
    },
    {
      title: t('aidAdmin.objections.filedAt'),
      key: 'filedAt',
      width: 160,
      render: (_, r) => (
        <div>
          <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(r.objection.filedAt, lang)}</span>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t(`aidAdmin.objections.via.${r.objection.filedVia === 'desk' ? 'desk' : 'portal'}`)}
            </Typography.Text>
          </div>
        </div>
      ),
    },
  ];

  const pendingColumns: TableColumnsType<ObjectionRow> = [
    ...common,
    {
      title: t('aidAdmin.objections.due'),
      key: 'due',
      width: 120,
      render: (_, r) => (
        <span data-testid="aid-objection-due" data-due-state={r.objection.state}>
          <Typography.Text
            className="mono"
            type={r.objection.state === 'overdue' ? 'danger' : undefined}
            strong={r.objection.state !== 'normal'}
          >
            {lastDayOf(r.objection.dueAt)}
          </Typography.Text>
          <div>
            <Tag color={DUE_COLORS[r.objection.state]}>{t(`aidAdmin.objections.dueStates.${r.objection.state}`)}</Tag>
          </div>
        </span>
      ),
    },
    {
      title: t('table.actions'),
      key: 'actions',
      width: 80,
      fixed: 'right',
      render: (_, r) => (
        <Button type="primary" size="small" onClick={() => setDeciding(r)} data-testid="aid-objection-decide">
          {t('aidAdmin.objections.decide')}
        </Button>
      ),
    },
  ];

  const decidedColumns: TableColumnsType<ObjectionRow> = [
    ...common,
    {
      title: t('aidAdmin.objections.decision'),
      key: 'decision',
      width: 220,
      render: (_, r) =>
        r.objection.decision && (
          <div data-testid="aid-objection-decision" data-decision={r.objection.decision}>
            <Tag color={r.objection.decision === 'uphold' ? 'default' : 'green'}>
              {t(`aidAdmin.objections.decisions.${r.objection.decision}`)}
            </Tag>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(r.objection.decidedAt, lang)}
            </Typography.Text>
            {r.objection.decisionReason && (
              <Tooltip title={r.objection.decisionReason}>
                <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: '4px 0 0' }}>
                  {r.objection.decisionReason}
                </Typography.Paragraph>
              </Tooltip>
            )}
          </div>
        ),
    },
  ];

  const table = (rows: ObjectionRow[], columns: TableColumnsType<ObjectionRow>, empty: string, testId: string) => (
    <div data-testid={testId}>
      <Table<ObjectionRow>
        rowKey={(r) => r.objection.id}
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={queue.loading}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (total) => t('table.total', { total }) }}
        locale={{ emptyText: empty }}
        scroll={{ x: 1000 }}
      />
    </div>
  );

  return (
    <Card
      size="small"
      title={t('aidAdmin.objections.title')}
      extra={<Button icon={<ReloadOutlined />} onClick={queue.reload} aria-label={t('action.refresh')} />}
      data-testid="aid-objections-page"
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('aidAdmin.objections.intro')}
      </Typography.Paragraph>
      {queue.error !== undefined && <Alert type="error" showIcon title={errorText(queue.error)} style={{ marginBottom: 12 }} />}
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as 'pending' | 'decided')}
        items={[
          {
            key: 'pending',
            label: (
              <span data-testid="aid-objections-tab-pending">
                {t('aidAdmin.objections.pending')}
                {queue.pending.length > 0 && (
                  <Tag color={queue.pending.some((r) => r.objection.state === 'overdue') ? 'red' : 'blue'} style={{ marginLeft: 8 }}>
                    {queue.pending.length}
                  </Tag>
                )}
              </span>
            ),
            children: table(queue.pending, pendingColumns, t('aidAdmin.objections.empty'), 'aid-objections-pending'),
          },
          {
            key: 'decided',
            label: (
              <span data-testid="aid-objections-tab-decided">
                {t('aidAdmin.objections.decided')}
                {queue.decided.length > 0 && <Tag style={{ marginLeft: 8 }}>{queue.decided.length}</Tag>}
              </span>
            ),
            children: (
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Typography.Text type="secondary">{t('aidAdmin.objections.decidedScope')}</Typography.Text>
                {table(queue.decided, decidedColumns, t('aidAdmin.objections.emptyDecided'), 'aid-objections-decided')}
              </Space>
            ),
          },
        ]}
      />
      <ObjectionDecisionModal
        row={deciding}
        onClose={() => setDeciding(undefined)}
        onDecided={(c) => {
          queue.markDecided(c);
          setDeciding(undefined);
        }}
        onStale={() => {
          setDeciding(undefined);
          queue.reload();
        }}
      />
    </Card>
  );
}
