import { useMemo, useState } from 'react';
import { Alert, Badge, Button, Card, Form, Input, Select, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api } from '../../../shared/api/client.js';
import {
  MATTER_CATEGORIES,
  PROVIDER_KINDS,
  type AidProvider,
  type MatterCategory,
  type ProviderKind,
} from '../../../shared/api/legalaid-admin.js';
import { useApiData } from '../../../shared/hooks/useApiData.js';
import { useErrorText } from '../../../shared/hooks/useErrorText.js';
import { useAidAdmin } from './aidAdmin.js';
import { ProviderDrawer } from './ProviderDrawer.js';
import { ExportButton } from '../../components/ExportButton.js';

type ActiveFilter = 'active' | 'inactive' | 'all';
const KIND_COLORS: Record<ProviderKind, string> = { lawyer: 'blue', grassrootsWorker: 'cyan', aidStaff: 'purple' };

/** 法律援助人员库: who takes legal aid cases, what they take, how many they carry now; the center's admin edits it. */
export function AidProvidersPage() {
  const { t } = useTranslation('workbench');
  const errorText = useErrorText();
  const admin = useAidAdmin();
  const [editing, setEditing] = useState<AidProvider | null>();
  const [kind, setKind] = useState<ProviderKind>();
  const [matter, setMatter] = useState<MatterCategory>();
  const [active, setActive] = useState<ActiveFilter>('active');
  const [q, setQ] = useState('');
  const providers = useApiData((signal) => api.get<AidProvider[]>('/legal-aid/providers', { includeInactive: true }, signal), []);

  const shown = useMemo(() => {
    const text = q.trim().toLowerCase();
    return (providers.data ?? []).filter(
      (p) =>
        (!kind || p.kind === kind) &&
        (!matter || p.matterCategories.includes(matter)) &&
        (active === 'all' || p.active === (active === 'active')) &&
        (!text || p.name.toLowerCase().includes(text) || p.organisation.toLowerCase().includes(text)),
    );
  }, [providers.data, kind, matter, active, q]);

  const matterName = (m: string) => t(`aid.matterCategories.${m as MatterCategory}`, { ns: 'common' });
  const columns: TableColumnsType<AidProvider> = [
    {
      title: t('aidAdmin.providers.name'),
      dataIndex: 'name',
      width: 150,
      fixed: 'left',
      render: (name: string, p) => (
        <div>
          {admin ? (
            <Typography.Link onClick={() => setEditing(p)} data-testid="aid-provider-name-link">
              {name}
            </Typography.Link>
          ) : (
            <Typography.Text strong>{name}</Typography.Text>
          )}
          <div>
            <Tag color={KIND_COLORS[p.kind]} style={{ marginTop: 4 }}>
              {t(`aid.providerKinds.${p.kind}`, { ns: 'common' })}
            </Tag>
          </div>
        </div>
      ),
    },
    {
      title: t('aidAdmin.providers.organisation'),
      dataIndex: 'organisation',
      width: 190,
      render: (organisation: string, p) => (
        <div>
          <div>{organisation || t('table.none')}</div>
          <Typography.Text type="secondary" className="mono" style={{ fontSize: 12 }}>
            {p.phone}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('aidAdmin.providers.matters'),
      dataIndex: 'matterCategories',
      render: (ms: string[]) => (
        <Typography.Paragraph ellipsis={{ rows: 2, tooltip: ms.map(matterName).join('；') }} style={{ margin: 0 }}>
          <Tag color={ms.length > 0 ? 'geekblue' : 'default'}>{t('aidAdmin.providers.matterCount', { count: ms.length })}</Tag>
          {ms.map(matterName).join('、')}
        </Typography.Paragraph>
      ),
    },
    {
      title: <Tooltip title={t('aidAdmin.providers.loadHint')}>{t('aidAdmin.providers.load')}</Tooltip>,
      key: 'load',
      width: 100,
      align: 'center',
      sorter: (a, b) => a.load / a.maxLoad - b.load / b.maxLoad,
      render: (_, p) => (
        <span data-testid="aid-provider-load">
          <Typography.Text type={p.load >= p.maxLoad ? 'danger' : undefined} strong={p.load >= p.maxLoad}>
            {p.load} / {p.maxLoad}
          </Typography.Text>
          {p.load >= p.maxLoad && (
            <div>
              <Tag color="red">{t('aidAdmin.providers.loadFull')}</Tag>
            </div>
          )}
        </span>
      ),
    },
    {
      title: t('aidAdmin.providers.priorClients'),
      dataIndex: 'priorClients',
      width: 170,
      responsive: ['lg'],
      render: (clients: string[]) =>
        clients.length === 0 ? (
          <Typography.Text type="secondary">{t('table.none')}</Typography.Text>
        ) : (
          <Tooltip title={clients.join('；')}>
            <Typography.Text ellipsis style={{ maxWidth: 150 }}>
              {clients.join('、')}
            </Typography.Text>
          </Tooltip>
        ),
    },
    {
      title: t('aidAdmin.providers.account'),
      key: 'account',
      width: 130,
      responsive: ['xl'],
      render: (_, p) =>
        p.staff ? (
          <span data-testid="aid-provider-account-name">
            {p.staff.displayName}
            <div>
              <Typography.Text type="secondary" className="mono" style={{ fontSize: 12 }}>
                {p.staff.username}
              </Typography.Text>
            </div>
          </span>
        ) : (
          <Typography.Text type="secondary">{t('aidAdmin.providers.accountNone')}</Typography.Text>
        ),
    },
    {
      title: t('aidAdmin.providers.active'),
      dataIndex: 'active',
      width: 90,
      render: (on: boolean) => (
        <Badge status={on ? 'success' : 'default'} text={on ? t('aidAdmin.providers.on') : t('aidAdmin.providers.off')} />
      ),
    },
    ...(admin
      ? [
          {
            title: t('table.actions'),
            key: 'actions',
            width: 70,
            fixed: 'right' as const,
            render: (_: unknown, p: AidProvider) => (
              <Button type="link" size="small" onClick={() => setEditing(p)} data-testid="aid-provider-edit">
                {t('action.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="aid-providers-page">
      <Card size="small">
        <Form layout="inline" data-testid="aid-providers-query" style={{ rowGap: 8 }}>
          <Form.Item label={t('aidAdmin.providers.search')}>
            <Input.Search
              allowClear
              placeholder={t('aidAdmin.providers.searchPlaceholder')}
              onSearch={setQ}
              onChange={(e) => !e.target.value && setQ('')}
              style={{ width: 180 }}
              data-testid="aid-providers-q"
            />
          </Form.Item>
          <Form.Item label={t('aidAdmin.providers.filterKind')}>
            <Select<ProviderKind>
              allowClear
              placeholder={t('table.all')}
              value={kind}
              onChange={setKind}
              style={{ width: 180 }}
              options={PROVIDER_KINDS.map((k) => ({ value: k, label: t(`aid.providerKinds.${k}`, { ns: 'common' }) }))}
              data-testid="aid-providers-kind"
            />
          </Form.Item>
          <Form.Item label={t('aidAdmin.providers.filterMatter')}>
            <Select<MatterCategory>
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('table.all')}
              value={matter}
              onChange={setMatter}
              style={{ width: 240 }}
              popupMatchSelectWidth={false}
              options={MATTER_CATEGORIES.map((m) => ({ value: m, label: matterName(m) }))}
              data-testid="aid-providers-matter"
            />
          </Form.Item>
          <Form.Item label={t('aidAdmin.providers.filterActive')}>
            <Select<ActiveFilter>
              value={active}
              onChange={setActive}
              style={{ width: 100 }}
              options={[
                { value: 'active', label: t('aidAdmin.providers.activeOnly') },
                { value: 'inactive', label: t('aidAdmin.providers.inactiveOnly') },
                { value: 'all', label: t('table.all') },
              ]}
              data-testid="aid-providers-active"
            />
          </Form.Item>
        </Form>
      </Card>
      <Card
        size="small"
        title={t('aidAdmin.providers.title')}
        extra={
          <Space>
            {admin && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="aid-provider-create">
                {t('aidAdmin.providers.create')}
              </Button>
            )}
            <ExportButton path="/legal-aid/providers" query={{ kind, matter, active, q: q.trim() || undefined }} />
            <Button icon={<ReloadOutlined />} onClick={providers.reload} aria-label={t('action.refresh')} />
          </Space>
        }
      >
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          {t('aidAdmin.providers.intro')}
        </Typography.Paragraph>
        {!admin && <Alert type="info" showIcon title={t('aidAdmin.readOnly')} style={{ marginBottom: 12 }} />}
        {providers.error !== undefined && <Alert type="error" showIcon title={errorText(providers.error)} style={{ marginBottom: 12 }} />}
        <div data-testid="aid-providers-table">
          <Table<AidProvider>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={shown}
            loading={providers.loading}
            pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (total) => t('table.total', { total }) }}
            locale={{ emptyText: t('aidAdmin.providers.empty') }}
            onRow={(p) => (p.active ? {} : { style: { color: 'rgba(0, 0, 0, 0.45)' } })}
            scroll={{ x: 900 }}
          />
        </div>
      </Card>
      {admin && <ProviderDrawer provider={editing} onClose={() => setEditing(undefined)} onSaved={providers.reload} />}
    </Space>
  );
}
