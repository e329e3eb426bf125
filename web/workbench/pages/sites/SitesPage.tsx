import { useState } from 'react';
import { Button, Form, Input, Select, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../../shared/api/client.js';
import type { Page, Site } from '../../../shared/api/types.js';
import { SITE_KINDS, useLabels, type SiteKind } from '../../../shared/labels.js';
import { ListCard, QueryForm, ScopeTreeList } from '../../components/ListPage.js';
import { ExportButton } from '../../components/ExportButton.js';
import { usePagedList } from '../../hooks/usePagedList.js';
import { useCan } from '../../session/useSession.js';
import { SiteDrawer } from './SiteDrawer.js';

interface SiteFilter {
  q?: string;
  kind?: SiteKind;
  regionCode?: string;
}

const KIND_COLORS: Record<SiteKind, string> = { center: 'red', station: 'blue', room: 'green' };

/** 站点管理: the sites of my area, narrowed by the org tree and the query form; a drawer to edit one. */
export function SitesPage() {
  const { t } = useTranslation('workbench');
  const labels = useLabels();
  const can = useCan();
  const [form] = Form.useForm<SiteFilter>();
  const [open, setOpen] = useState<Site>();
  const list = usePagedList<Site, SiteFilter>(
    (filter, paging, signal) => api.get<Page<Site>>('/sites', { scope: 'mine', ...filter, ...paging }, signal),
    {},
  );

  const search = (values: SiteFilter) => list.setFilter({ ...list.filter, q: values.q?.trim() || undefined, kind: values.kind });
  const reset = () => list.setFilter({ regionCode: list.filter.regionCode });

  const columns: TableColumnsType<Site> = [
    {
      title: t('sites.name'),
      dataIndex: 'name',
      width: 230,
      render: (name: string, site) => (
        <div>
          <Typography.Link onClick={() => setOpen(site)}>{name}</Typography.Link>
          {site.townName && site.kind === 'room' && (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {site.townName}
              </Typography.Text>
            </div>
          )}
        </div>
      ),
    },
    {
      title: t('sites.kind'),
      dataIndex: 'kind',
      width: 140,
      render: (kind: SiteKind) => <Tag color={KIND_COLORS[kind]}>{labels.siteKind(kind)}</Tag>,
    },
    { title: t('sites.address'), dataIndex: 'address', ellipsis: true },
    { title: t('sites.openingHours'), dataIndex: 'openingHours', ellipsis: true, responsive: ['xxl'] },
    { title: t('sites.phone'), dataIndex: 'phone', width: 120, render: (phone: string) => phone || t('table.none') },
    {
      title: t('sites.publicColumn'),
      dataIndex: 'isPublic',
      width: 96,
      render: (isPublic: boolean) => (isPublic ? <Tag color="success">{t('sites.public')}</Tag> : <Tag>{t('sites.hidden')}</Tag>),
    },
    {
      title: t('table.actions'),
      key: 'actions',
      width: 80,
      fixed: 'right',
      render: (_, site) => (
        <Button type="link" size="small" onClick={() => setOpen(site)} data-testid="site-open">
          {can('org.manage') ? t('action.edit') : t('action.view')}
        </Button>
      ),
    },
  ];

  return (
    <ScopeTreeList list={list} testId="sites-page">
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <QueryForm form={form} onSearch={search} onReset={reset} testId="sites-query">
          <Form.Item name="q" label={t('sites.q')}>
            <Input allowClear placeholder={t('sites.qPlaceholder')} style={{ width: 220 }} data-testid="sites-query-q" />
          </Form.Item>
          <Form.Item name="kind" label={t('sites.kind')}>
            <Select
              allowClear
              placeholder={t('table.all')}
              style={{ width: 180 }}
              options={SITE_KINDS.map((k) => ({ value: k, label: labels.siteKind(k) }))}
              data-testid="sites-query-kind"
            />
          </Form.Item>
        </QueryForm>
        <ListCard<Site>
          title={t('sites.title')}
          actions={<ExportButton path="/sites" query={{ ...list.filter }} />}
          onReload={list.reload}
          list={list}
          testId="sites-table"
          columns={columns}
          scroll={{ x: 900 }}
        />
      </Space>
      <SiteDrawer site={open} onClose={() => setOpen(undefined)} onSaved={list.reload} />
    </ScopeTreeList>
  );
}
