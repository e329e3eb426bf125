import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Popconfirm, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api } from '../../../shared/api/client.js';
import type { HardshipStandard } from '../../../shared/api/legalaid-admin.js';
import { today } from '../../../shared/format.js';
import { useApiData } from '../../../shared/hooks/useApiData.js';
import { useErrorText } from '../../../shared/hooks/useErrorText.js';
import { StandardEndModal } from './StandardEndModal.js';
import { StandardModal } from './StandardModal.js';
import { money, statusOfStandards, type StandardStatus } from './standards.js';

const STATUS_COLORS: Record<StandardStatus, string> = { inForce: 'green', superseded: 'default', future: 'blue', expired: 'default' };

/** 经济困难标准 (art. 34): the province's and the county's standards with their dates, the one in force marked. */
export function StandardsCard({ countyCode, admin }: { countyCode: string; admin: boolean }) {
  const { t } = useTranslation('workbench');
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [adding, setAdding] = useState(false);
  const [ending, setEnding] = useState<HardshipStandard>();
  const standards = useApiData((signal) => api.get<HardshipStandard[]>('/legal-aid/standards', undefined, signal), []);
  const day = today();
  const status = useMemo(() => statusOfStandards(standards.data ?? [], countyCode, day), [standards.data, countyCode, day]);
  const sorted = useMemo(() => {
    const order: Record<StandardStatus, number> = { inForce: 0, future: 1, superseded: 2, expired: 3 };
    return [...(standards.data ?? [])].sort(
      (a, b) =>
        order[status.get(a.id) ?? 'expired'] - order[status.get(b.id) ?? 'expired'] || b.effectiveFrom.localeCompare(a.effectiveFrom),
    );
  }, [standards.data, status]);
  const remove = async (s: HardshipStandard) => {
    try {
      await api.del(`/legal-aid/standards/${s.id}`);
      message.success(t('aidAdmin.standards.deleted'));
    } catch (e) {
      message.error(errorText(e));
    }
    standards.reload();
  };
  const noneInForce = standards.data !== undefined && ![...status.values()].includes('inForce');

  const columns: TableColumnsType<HardshipStandard> = [
    {
      title: t('aidAdmin.standards.region'),
      dataIndex: 'regionCode',
      width: 130,
      render: (code: string) => (code.length === 2 ? t('aidAdmin.standards.province', { code }) : t('aidAdmin.standards.county', { code })),
    },
    {
      title: t('aidAdmin.standards.basis'),
      key: 'basis',
      render: (_, s) =>
        s.basis === 'perCapitaIncome' ? (
          <span>
            {t('aidAdmin.standards.bases.perCapitaIncome')}
            <div>
              <Typography.Text type="secondary">{t('aidAdmin.perPersonMonth', { amount: money(s.amount) })}</Typography.Text>
            </div>
          </span>
        ) : (
          <span>
            {s.baseName ? t(`aidAdmin.standards.baseNames.${s.baseName}`) : t('aidAdmin.standards.bases.multipleOfBase')}
            <div>
              <Typography.Text type="secondary">
                {t('aidAdmin.yuan', { amount: money(s.amount) })} × {s.multiple ?? 1}
              </Typography.Text>
            </div>
          </span>
        ),
    },
    {
      title: <Tooltip title={t('aidAdmin.standards.thresholdHelp')}>{t('aidAdmin.standards.threshold')}</Tooltip>,
      dataIndex: 'threshold',
      width: 160,
      render: (threshold: number) => (
        <Typography.Text strong style={{ whiteSpace: 'nowrap' }} data-testid="aid-standard-threshold">
          {t('aidAdmin.perPersonMonth', { amount: money(threshold) })}
        </Typography.Text>
      ),
    },
    {
      title: t('aidAdmin.standards.effective'),
      key: 'effective',
      width: 210,
      render: (_, s) => (
        <span className="mono" style={{ whiteSpace: 'nowrap' }}>
          {s.effectiveFrom} ~ {s.effectiveTo ?? t('aidAdmin.standards.open')}
        </span>
      ),
    },
    {
      title: t('aidAdmin.standards.status'),
      key: 'status',
      width: 124,
      render: (_, s) => {
        const st = status.get(s.id) ?? 'expired';
        const tag = (
          <Tag color={STATUS_COLORS[st]} data-testid="aid-standard-status" data-status={st}>
            {t(`aidAdmin.standards.statuses.${st}`)}
          </Tag>
        );
        return st === 'inForce' ? <Tooltip title={t('aidAdmin.standards.inForceHint')}>{tag}</Tooltip> : tag;
      },
    },
    {
      title: t('aidAdmin.standards.note'),
      dataIndex: 'note',
      ellipsis: { showTitle: true },
      responsive: ['lg'],
    },
    ...(admin
      ? [
          {
            title: t('table.actions'),
            key: 'actions',
            width: 130,
            render: (_: unknown, s: HardshipStandard) => {
              const st = status.get(s.id) ?? 'expired';
              // an ended standard stays as it was: the verdicts given under it rest on it
              return (
                <Space orientation="vertical" size={0}>
                  {st !== 'expired' && (
                    <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setEnding(s)} data-testid="aid-standard-end">
                      {t('aidAdmin.standards.setEnd')}
                    </Button>
                  )}
                  {st === 'future' && (
                    <Popconfirm
                      title={t('aidAdmin.standards.deleteConfirm')}
                      okText={t('aidAdmin.standards.delete')}
                      okButtonProps={{ danger: true }}
                      onConfirm={() => remove(s)}
                    >
                      <Button type="link" size="small" danger style={{ padding: 0 }} data-testid="aid-standard-delete">
                        {t('aidAdmin.standards.delete')}
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              );
            },
          },
        ]
      : []),
  ];

  return (
    <Card
      size="small"
      title={t('aidAdmin.standards.title')}
      extra={
        <Space>
          {admin && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="aid-standard-add">
              {t('aidAdmin.standards.add')}
            </Button>
          )}
          <Button icon={<ReloadOutlined />} onClick={standards.reload} aria-label={t('action.refresh')} />
        </Space>
      }
      data-testid="aid-standards"
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 0, marginBottom: 8 }}>
        {t('aidAdmin.standards.intro')}
      </Typography.Paragraph>
      <Typography.Paragraph style={{ marginBottom: 12 }}>{t('aidAdmin.standards.how')}</Typography.Paragraph>
      {standards.error !== undefined && <Alert type="error" showIcon title={errorText(standards.error)} style={{ marginBottom: 12 }} />}
      {noneInForce && <Alert type="warning" showIcon title={t('aidAdmin.standards.noneInForce')} style={{ marginBottom: 12 }} />}
      <div data-testid="aid-standards-table">
        <Table<HardshipStandard>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={sorted}
          loading={standards.loading}
          pagination={false}
          locale={{ emptyText: t('aidAdmin.standards.empty') }}
          scroll={{ x: 800 }}
        />
      </div>
      <StandardEndModal
        standard={ending}
        onClose={() => setEnding(undefined)}
        onSaved={() => {
          setEnding(undefined);
          standards.reload();
        }}
      />
      <StandardModal
        open={adding}
        countyCode={countyCode}
        onClose={() => setAdding(false)}
        onSaved={() => {
          setAdding(false);
          standards.reload();
        }}
      />
    </Card>
  );
}
