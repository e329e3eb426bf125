import { Alert, Button, Card, Descriptions, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api } from '../../../shared/api/client.js';
import type { KeyStatus } from '../../../shared/api/privacy.js';
import { useApiData } from '../../../shared/hooks/useApiData.js';
import { useErrorText } from '../../../shared/hooks/useErrorText.js';

type Column = KeyStatus['columns'][number];

/** 数据密钥: how many values each key seals per column, so the operator knows when an old key may go. */
export function KeyStatusCard() {
  const { t } = useTranslation('workbench');
  const errorText = useErrorText();
  const status = useApiData((signal) => api.get<KeyStatus>('/privacy/keys', undefined, signal), []);
  const s = status.data;

  const keyTag = (key: string, count: number) => {
    const color = !s?.ring.includes(key) ? 'red' : key === s.currentKeyId ? 'green' : 'orange';
    return (
      <Tag key={key} color={color} data-testid={`key-count-${key}`}>
        {t('privacy.keys.count', { key, count })}
      </Tag>
    );
  };
  const columns: TableColumnsType<Column> = [
    {
      title: t('privacy.keys.column'),
      key: 'column',
      render: (_, c) => (
        <span>
          {t(`privacy.keys.columns.${c.table}.${c.column}`, { defaultValue: `${c.table}.${c.column}` })}
          <Typography.Text type="secondary" className="mono" style={{ marginLeft: 8, fontSize: 12 }}>
            {c.table}.{c.column}
          </Typography.Text>
        </span>
      ),
    },
    {
      title: '',
      key: 'keys',
      render: (_, c) => {
        const entries = Object.entries(c.byKey);
        return entries.length ? (
          <Space size={4} wrap>
            {entries.map(([k, n]) => keyTag(k, n))}
          </Space>
        ) : (
          t('privacy.keys.none')
        );
      },
    },
  ];

  return (
    <Card
      size="small"
      title={t('privacy.keys.title')}
      extra={<Button icon={<ReloadOutlined />} onClick={status.reload} aria-label={t('action.refresh')} />}
      data-testid="privacy-keys"
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('privacy.keys.intro')}
      </Typography.Paragraph>
      {status.error !== undefined && <Alert type="error" showIcon title={errorText(status.error)} style={{ marginBottom: 12 }} />}
      {s && (
        <>
          <Descriptions size="small" column={2} style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t('privacy.keys.current')}>
              <Tag color="green" data-testid="key-current">
                {s.currentKeyId}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('privacy.keys.configured')}>
              <Space size={4}>
                {s.ring.map((k) => (
                  <Tag key={k}>{k}</Tag>
                ))}
              </Space>
            </Descriptions.Item>
          </Descriptions>
          {s.unopenable > 0 && (
            <Alert type="error" showIcon title={t('privacy.keys.unopenable', { count: s.unopenable })} style={{ marginBottom: 8 }} />
          )}
          <Alert
            type={s.stale > s.unopenable ? 'warning' : 'success'}
            showIcon
            title={s.stale > s.unopenable ? t('privacy.keys.stale', { count: s.stale - s.unopenable }) : t('privacy.keys.allCurrent')}
            style={{ marginBottom: 12 }}
            data-testid="key-summary"
          />
        </>
      )}
      <Table<Column>
        rowKey={(c) => `${c.table}.${c.column}`}
        size="small"
        pagination={false}
        loading={status.loading}
        columns={columns}
        dataSource={s?.columns ?? []}
      />
    </Card>
  );
}
