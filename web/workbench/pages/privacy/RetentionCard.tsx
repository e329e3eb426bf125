import { useState } from 'react';
import { Alert, App, Button, Card, InputNumber, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../../shared/api/client.js';
import type { Retention, RetentionBody, RetentionItem } from '../../../shared/api/privacy.js';
import { useApiData } from '../../../shared/hooks/useApiData.js';
import { useErrorText } from '../../../shared/hooks/useErrorText.js';

/** 保存期限: the county's period per record type, changed one row at a time (409 when someone changed it meanwhile). */
export function RetentionCard() {
  const { t } = useTranslation('workbench');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const retention = useApiData((signal) => api.get<Retention>('/privacy/retention', undefined, signal), []);
  const [edits, setEdits] = useState<Partial<Record<RetentionItem['recordType'], number>>>({});
  const [saving, setSaving] = useState<string>();
  const [error, setError] = useState<unknown>();

  const save = async (item: RetentionItem) => {
    const months = edits[item.recordType];
    if (months === undefined) return;
    setSaving(item.recordType);
    setError(undefined);
    try {
      const body: RetentionBody = { months, version: item.version };
      await api.put<Retention>(`/privacy/retention/${item.recordType}`, body);
      message.success(t('privacy.retention.saved', { type: t(`privacy.types.${item.recordType}`), months }));
      setEdits(({ [item.recordType]: _done, ...rest }) => rest);
      retention.reload();
    } catch (e) {
      setError(e);
      if (e instanceof ApiError && e.code === 'VERSION_CONFLICT') retention.reload();
    } finally {
      setSaving(undefined);
    }
  };

  const years = (months: number) => (months >= 12 ? t('privacy.retention.years', { count: Math.round((months / 12) * 10) / 10 }) : '');
  const columns: TableColumnsType<RetentionItem> = [
    {
      title: t('privacy.retention.type'),
      key: 'type',
      render: (_, i) => <span data-testid={`retention-type-${i.recordType}`}>{t(`privacy.types.${i.recordType}`)}</span>,
    },
    { title: t('privacy.retention.clock'), key: 'clock', render: (_, i) => t(`privacy.clocks.${i.recordType}`) },
    {
      title: t('privacy.retention.months'),
      key: 'months',
      width: 260,
      render: (_, i) => {
        const value = edits[i.recordType] ?? i.months;
        return (
          <Space size={8}>
            <InputNumber<number>
              min={1}
              max={1200}
              precision={0}
              value={value}
              onChange={(v) => setEdits((e) => ({ ...e, [i.recordType]: v ?? i.months }))}
              suffix={t('privacy.retention.monthsUnit')}
              style={{ width: 130 }}
              aria-label={`${t(`privacy.types.${i.recordType}`)} ${t('privacy.retention.months')}`}
              data-testid={`retention-months-${i.recordType}`}
            />
            <Typography.Text type="secondary">{years(value)}</Typography.Text>
          </Space>
        );
      },
    },
    {
      title: '',
      key: 'source',
      render: (_, i) =>
        i.custom ? (
          <Space size={4} wrap>
            <Tag color="blue">{t('privacy.retention.custom')}</Tag>
            <Typography.Text type="secondary">{t('privacy.retention.defaultMonths', { months: i.defaultMonths })}</Typography.Text>
          </Space>
        ) : (
          <Tag>{t('privacy.retention.default')}</Tag>
        ),
    },
    {
      title: '',
      key: 'save',
      width: 90,
      render: (_, i) => (
        <Button
          type="primary"
          size="small"
          disabled={edits[i.recordType] === undefined || edits[i.recordType] === i.months}
          loading={saving === i.recordType}
          onClick={() => void save(i)}
          data-testid={`retention-save-${i.recordType}`}
        >
          {t('privacy.retention.save')}
        </Button>
      ),
    },
  ];

  return (
    <Card
      size="small"
      title={t('privacy.retention.title')}
      extra={<Button icon={<ReloadOutlined />} onClick={retention.reload} aria-label={t('action.refresh')} />}
      data-testid="privacy-retention"
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('privacy.retention.intro')}
      </Typography.Paragraph>
      {[retention.error, error].map(
        (e, n) => e !== undefined && <Alert key={n} type="error" showIcon title={errorText(e)} style={{ marginBottom: 12 }} />,
      )}
      <Table<RetentionItem>
        rowKey="recordType"
        size="middle"
        pagination={false}
        loading={retention.loading}
        columns={columns}
        dataSource={retention.data?.items ?? []}
      />
      {retention.data && (
        <div style={{ marginTop: 12 }}>
          <Typography.Text strong>{t('privacy.retention.fixedTitle')}</Typography.Text>
          <ul style={{ margin: '4px 0 0', paddingLeft: 20, color: 'rgba(0, 0, 0, 0.55)' }}>
            {retention.data.fixed.map((f) => (
              <li key={f.recordType}>{t(`privacy.retention.fixed.${f.recordType}`, { defaultValue: f.rule })}</li>
            ))}
          </ul>
        </div>
      )}
    </Card>
  );
}
