import { useState } from 'react';
import { Button, Form, Input, Select, Space } from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api } from '../../../shared/api/client.js';
import type { Page, Staff, StaffStatus } from '../../../shared/api/types.js';
import { POSTS, useLabels, type Post } from '../../../shared/labels.js';
import { ListCard, QueryForm, ScopeTreeList } from '../../components/ListPage.js';
import { ExportButton } from '../../components/ExportButton.js';
import { TemporaryPasswordModal, type TemporaryPassword } from '../../components/TemporaryPasswordModal.js';
import { usePagedList } from '../../hooks/usePagedList.js';
import { useScopeSites } from '../../hooks/useScopeSites.js';
import { useCan } from '../../session/useSession.js';
import { StaffFormModal } from './StaffFormModal.js';
import { StaffImportModal } from './StaffImportModal.js';
import { StaffSmsCard } from './StaffSmsCard.js';
import { useCountyAdmin } from '../../hooks/useCountyAdmin.js';
import { useStaffColumns } from './staffColumns.js';
import { useStaffActions } from './useStaffActions.js';

interface StaffFilter {
  q?: string;
  post?: Post;
  status?: StaffStatus;
  regionCode?: string;
}

/** 人员管理: the staff of my area (phones masked by the server), with account actions for managers. */
export function StaffPage() {
  const { t } = useTranslation('workbench');
  const labels = useLabels();
  const can = useCan();
  const manage = can('org.manage');
  const countyAdmin = useCountyAdmin();
  const sites = useScopeSites(manage);
  const [form] = Form.useForm<StaffFilter>();
  const [editing, setEditing] = useState<Staff | null>();
  const [importing, setImporting] = useState(false);
  const [password, setPassword] = useState<TemporaryPassword>();
  const list = usePagedList<Staff, StaffFilter>(
    (filter, paging, signal) => api.get<Page<Staff>>('/staff', { ...filter, ...paging }, signal),
    {},
  );
  const actions = useStaffActions(list.reload, setPassword);

  const search = (v: StaffFilter) => list.setFilter({ ...list.filter, q: v.q?.trim() || undefined, post: v.post, status: v.status });
  const reset = () => list.setFilter({ regionCode: list.filter.regionCode });

  const columns = useStaffColumns(actions, setEditing);

  return (
    <ScopeTreeList list={list} testId="staff-page">
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <QueryForm form={form} onSearch={search} onReset={reset} testId="staff-query">
          <Form.Item name="q" label={t('staff.q')}>
            <Input allowClear placeholder={t('staff.qPlaceholder')} style={{ width: 200 }} data-testid="staff-query-q" />
          </Form.Item>
          <Form.Item name="post" label={t('staff.post')}>
            <Select
              allowClear
              placeholder={t('table.all')}
              style={{ width: 160 }}
              options={POSTS.map((p) => ({ value: p, label: labels.post(p) }))}
              data-testid="staff-query-post"
            />
          </Form.Item>
          <Form.Item name="status" label={t('staff.status')}>
            <Select
              allowClear
              placeholder={t('table.all')}
              style={{ width: 120 }}
              options={[
                { value: 'active', label: t('staff.active') },
                { value: 'disabled', label: t('staff.disabled') },
              ]}
              data-testid="staff-query-status"
            />
          </Form.Item>
        </QueryForm>
        <ListCard<Staff>
          title={t('staff.title')}
          actions={
            <>
              {manage && (
                <>
                  <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="staff-create">
                    {t('staff.create')}
                  </Button>
                  <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="staff-import">
                    {t('staff.import')}
                  </Button>
                </>
              )}
              <ExportButton path="/staff" query={{ ...list.filter }} />
            </>
          }
          onReload={list.reload}
          list={list}
          testId="staff-table"
          columns={columns}
          scroll={{ x: 900 }}
        />
        {countyAdmin && <StaffSmsCard />}
      </Space>
      {manage && (
        <>
          <StaffFormModal
            staff={editing}
            sites={sites.data ?? []}
            onClose={() => setEditing(undefined)}
            onSaved={(created) => {
              setEditing(undefined);
              list.reload();
              if (created) setPassword(created);
            }}
          />
          <StaffImportModal open={importing} onClose={() => setImporting(false)} onImported={list.reload} />
        </>
      )}
      <TemporaryPasswordModal value={password} onClose={() => setPassword(undefined)} />
    </ScopeTreeList>
  );
}
