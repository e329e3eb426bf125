import { useState } from 'react';
import { Alert, Badge, Button, Card, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api } from '../../../shared/api/client.js';
import type { ServiceItem, SiteLevel, TimeLimitPolicy } from '../../../shared/api/types.js';
import { useApiData } from '../../../shared/hooks/useApiData.js';
import { useErrorText } from '../../../shared/hooks/useErrorText.js';
import { useLabels } from '../../../shared/labels.js';
import { useRequestLabels } from '../requests/requestLabels.js';
import { ServiceItemDrawer } from './ServiceItemDrawer.js';
import { useCountyAdmin } from '../../hooks/useCountyAdmin.js';
import { ExportButton } from '../../components/ExportButton.js';

/** 服务事项: the county's service catalogue with each item's guide; county administrators edit it. */
export function CataloguePage() {
  const { t } = useTranslation('workbench');
  const labels = useLabels();
  const requestLabels = useRequestLabels();
  const errorText = useErrorText();
  const admin = useCountyAdmin();
  const [open, setOpen] = useState<ServiceItem>();
  const items = useApiData((signal) => api.get<ServiceItem[]>('/service-items', undefined, signal), []);

  const columns: TableColumnsType<ServiceItem> = [
    {
      title: t('catalogue.name'),
      dataIndex: 'name',
      width: 170,
      render: (name: string, item) => (
        <div>
          <Typography.Link onClick={() => setOpen(item)}>{name}</Typography.Link>
          <div>
            <Typography.Text type="secondary" className="mono" style={{ fontSize: 12 }}>
              {item.code}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: t('catalogue.category'),
      dataIndex: 'category',
      width: 96,
      render: (c: ServiceItem['category']) => <Tag color={c === 'basic' ? 'blue' : 'default'}>{t(`catalogue.categories.${c}`)}</Tag>,
    },
    { title: t('catalogue.summary'), dataIndex: 'summary', ellipsis: true },
    {
      title: t('catalogue.levels'),
      dataIndex: 'levels',
      width: 150,
      render: (levels: SiteLevel[]) => (
        <Space size={[0, 4]} wrap>
          {levels.map((l) => (
            <Tag key={l}>{t(`catalogue.levelNames.${l}`)}</Tag>
          ))}
        </Space>
      ),
    },
    { title: t('catalogue.handlingUnit'), dataIndex: 'handlingUnit', width: 200, ellipsis: true, responsive: ['xl'] },
    {
      title: t('catalogue.timeLimit'),
      dataIndex: 'timeLimit',
      width: 150,
      render: (p: TimeLimitPolicy) => requestLabels.timeLimit(p),
    },
    {
      title: t('catalogue.channels'),
      dataIndex: 'channels',
      width: 90,
      responsive: ['xxl'],
      render: (channels: string[]) => (
        <span title={channels.map(labels.channel).join('、')}>{t('catalogue.channelCount', { count: channels.length })}</span>
      ),
    },
    {
      title: t('catalogue.active'),
      dataIndex: 'active',
      width: 90,
      render: (active: boolean) => <Badge status={active ? 'success' : 'default'} text={active ? t('catalogue.on') : t('catalogue.off')} />,
    },
    {
      title: t('table.actions'),
      key: 'actions',
      width: 76,
      fixed: 'right',
      render: (_, item) => (
        <Button type="link" size="small" onClick={() => setOpen(item)} data-testid="catalogue-open">
          {admin ? t('action.edit') : t('action.view')}
        </Button>
      ),
    },
  ];

  return (
    <Card
      size="small"
      title={t('catalogue.title')}
      extra={
        <Space>
          <ExportButton path="/service-items" />
          <Button icon={<ReloadOutlined />} onClick={items.reload} aria-label={t('action.refresh')} />
        </Space>
      }
      data-testid="catalogue-page"
    >
      {!admin && <Alert type="info" showIcon title={t('catalogue.readOnly')} style={{ marginBottom: 12 }} />}
      {items.error !== undefined && <Alert type="error" showIcon title={errorText(items.error)} style={{ marginBottom: 12 }} />}
      <div data-testid="catalogue-table">
        <Table<ServiceItem>
          rowKey="code"
          size="middle"
          columns={columns}
          dataSource={items.data}
          loading={items.loading}
          pagination={false}
          scroll={{ x: 1000 }}
        />
      </div>
      <ServiceItemDrawer item={open} onClose={() => setOpen(undefined)} onSaved={items.reload} />
    </Card>
  );
}
