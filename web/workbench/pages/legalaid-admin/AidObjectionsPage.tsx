import { useState } from 'react';
import { Alert, Button, Card, Space, Table, Tabs, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { DueState, ObjectionListItem, ObjectionState } from '../../../shared/api/legalaid-admin.js';
import { formatDateTime, lastDayOf } from '../../../shared/format.js';
import { useErrorText } from '../../../shared/hooks/useErrorText.js';
import { formatTrackingNo } from '../../../shared/tracking.js';
import { maskName } from './aidAdmin.js';
import { ObjectionDecisionModal } from './ObjectionDecisionModal.js';
import { useObjectionList } from './useObjectionList.js';
import { ExportButton } from '../../components/ExportButton.js';

const DUE_COLORS: Record<DueState, string> = { normal: 'default', dueSoon: 'orange', overdue: 'red' };

/**
 * 异议审查 (art. 49): the objections to refusals and terminations in the bureau's area — those to decide, nearest
 * deadline first, and those decided, latest first. The tab is in the address, so a reload stays on it.
 */
export function AidObjectionsPage() {
  const { t, i18n } = useTranslation('workbench');
  const errorText = useErrorText();
  const [params, setParams] = useSearchParams();
  const tab: ObjectionState = params.get('state') === 'decided' ? 'decided' : 'pending';
  const pending = useObjectionList('pending');
  const decided = useObjectionList('decided');
  const [deciding, setDeciding] = useState<ObjectionListItem>();
  const lang = i18n.language;
  const reload = () => {
    pending.reload();
    decided.reload();
  };

  const common: TableColumnsType<ObjectionListItem> = [
    {
      title: t('aidAdmin.objections.caseNo'),
      key: 'case',
      width: 190,
      render: (_, r) => (
        <div>
          <Link to={`/legal-aid/${r.caseId}`} data-testid="aid-objection-case">
            {r.caseNo ?? formatTrackingNo(r.trackingNo)}
          </Link>
          {r.caseNo && (
            <div>
              <Typography.Text type="secondary" className="mono" style={{ fontSize: 12 }}>
                {formatTrackingNo(r.trackingNo)}
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
          {maskName(r.applicantName)}
          <div>
            <Typography.Text type="secondary" className="mono" style={{ fontSize: 12 }}>
              {r.phoneMasked}
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
        <Tag color={r.against === 'refusal' ? 'volcano' : 'purple'}>{t(`aidAdmin.objections.againstKinds.${r.against}`)}</Tag>
      ),
    },
    {
      title: t('aidAdmin.objections.grounds'),
      key: 'grounds',
      render: (_, r) => (
        <Typography.Paragraph ellipsis={{ rows: 2, tooltip: r.grounds }} style={{ margin: 0 }}>
          {r.grounds}
        </Typography.Paragraph>
      ),
    },
    {
      title: t('aidAdmin.objections.filedAt'),
      key: 'filedAt',
      width: 160,
      render: (_, r) => (
        <div>
          <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(r.filedAt, lang)}</span>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t(`aidAdmin.objections.via.${r.filedVia}`)}
            </Typography.Text>
          </div>
        </div>
      ),
    },
  ];

  const pendingColumns: TableColumnsType<ObjectionListItem> = [
    ...common,
    {
      title: t('aidAdmin.objections.due'),
      key: 'due',
      width: 120,
      render: (_, r) => (
        <span data-testid="aid-objection-due" data-due-state={r.dueState}>
          <Typography.Text className="mono" type={r.dueState === 'overdue' ? 'danger' : undefined} strong={r.dueState !== 'normal'}>
            {lastDayOf(r.dueAt)}
          </Typography.Text>
          <div>
            <Tag color={DUE_COLORS[r.dueState]}>{t(`aidAdmin.objections.dueStates.${r.dueState}`)}</Tag>
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

  const decidedColumns: TableColumnsType<ObjectionListItem> = [
    ...common,
    {
      title: t('aidAdmin.objections.decision'),
      key: 'decision',
      width: 240,
      render: (_, r) =>
        r.decision && (
          <div data-testid="aid-objection-decision" data-decision={r.decision}>
            <Tag color={r.decision === 'uphold' ? 'default' : 'green'}>{t(`aidAdmin.objections.decisions.${r.decision}`)}</Tag>
            <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
              {formatDateTime(r.decidedAt, lang)}
            </Typography.Text>
            {r.decidedBy && (
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="aid-objection-decided-by">
                  {t('aidAdmin.objections.decidedBy', { name: r.decidedBy })}
                </Typography.Text>
              </div>
            )}
            {r.decisionReason && (
              <Tooltip title={r.decisionReason}>
                <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: '4px 0 0' }}>
                  {r.decisionReason}
                </Typography.Paragraph>
              </Tooltip>
            )}
          </div>
        ),
    },
  ];

  const table = (
    list: ReturnType<typeof useObjectionList>,
    columns: TableColumnsType<ObjectionListItem>,
    empty: string,
    testId: string,
  ) => (
    <div data-testid={testId}>
      {list.error !== undefined && <Alert type="error" showIcon title={errorText(list.error)} style={{ marginBottom: 12 }} />}
      <Table<ObjectionListItem>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        pagination={{ ...list.pagination, hideOnSinglePage: true }}
        locale={{ emptyText: empty }}
        scroll={{ x: 1000 }}
      />
    </div>
  );

  const pendingTotal = pending.data?.total ?? 0;
  const decidedTotal = decided.data?.total ?? 0;
  // pending ones come nearest deadline first: an overdue one, if any, is on the first page
  const anyOverdue = pending.data?.items.some((r) => r.dueState === 'overdue') ?? false;

  return (
    <Card
      size="small"
      title={t('aidAdmin.objections.title')}
      extra={
        <Space>
          <ExportButton path="/legal-aid/objections" query={{ state: tab }} />
          <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('action.refresh')} />
        </Space>
      }
      data-testid="aid-objections-page"
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('aidAdmin.objections.intro')}
      </Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'decided' ? { state: 'decided' } : {}, { replace: true })}
        items={[
          {
            key: 'pending',
            label: (
              <span data-testid="aid-objections-tab-pending">
                {t('aidAdmin.objections.pending')}
                {pendingTotal > 0 && (
                  <Tag color={anyOverdue ? 'red' : 'blue'} style={{ marginLeft: 8 }}>
                    {pendingTotal}
                  </Tag>
                )}
              </span>
            ),
            children: table(pending, pendingColumns, t('aidAdmin.objections.empty'), 'aid-objections-pending'),
          },
          {
            key: 'decided',
            label: (
              <span data-testid="aid-objections-tab-decided">
                {t('aidAdmin.objections.decided')}
                {decidedTotal > 0 && <Tag style={{ marginLeft: 8 }}>{decidedTotal}</Tag>}
              </span>
            ),
            children: table(decided, decidedColumns, t('aidAdmin.objections.emptyDecided'), 'aid-objections-decided'),
          },
        ]}
      />
      <ObjectionDecisionModal
        row={deciding}
        onClose={() => setDeciding(undefined)}
        onDecided={() => {
          setDeciding(undefined);
          reload();
        }}
        onStale={() => {
          setDeciding(undefined);
          reload();
        }}
      />
    </Card>
  );
}
