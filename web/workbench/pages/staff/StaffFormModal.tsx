import { useState } from 'react';
import { Alert, App, Button, Checkbox, Form, Input, Modal, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../../shared/api/client.js';
import type { Staff, StaffCreate, StaffPatch, StaffWithPassword } from '../../../shared/api/types.js';
import { useErrorText } from '../../../shared/hooks/useErrorText.js';
import { POSTS, useLabels, type Post } from '../../../shared/labels.js';
import type { TemporaryPassword } from '../../components/TemporaryPasswordModal.js';
import type { SiteOption } from '../../hooks/useScopeSites.js';

interface Props {
  /** undefined: closed; null: a new person; a Staff: edit that person */
  staff: Staff | null | undefined;
  sites: SiteOption[];
  onClose: () => void;
  onSaved: (created?: TemporaryPassword) => void;
}

/** Create a staff account (the server makes a temporary password) or edit one (guarded by its version). */
export function StaffFormModal({ staff, sites, onClose, onSaved }: Props) {
  const { t } = useTranslation('workbench');
  return (
    <Modal
      open={staff !== undefined}
      title={staff === null ? t('staff.createTitle') : t('staff.editTitle')}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      width={600}
    >
      {/* the form lives inside the modal's content, so that every opening starts from a fresh form */}
      {staff !== undefined && <StaffForm staff={staff} sites={sites} onClose={onClose} onSaved={onSaved} />}
    </Modal>
  );
}

interface Values {
  username: string;
  displayName: string;
  phone: string;
  siteId: string;
  posts: Post[];
}

const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._-]{2,39}$/;
const PHONE = /^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})?$/;

function StaffForm({ staff, sites, onClose, onSaved }: Omit<Props, 'staff'> & { staff: Staff | null }) {
  const { t } = useTranslation('workbench');
  const labels = useLabels();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [error, setError] = useState<unknown>();
  const [saving, setSaving] = useState(false);
  const creating = staff === null;

  const create = async (values: Values) => {
    const body: StaffCreate = {
      username: values.username.trim(),
      displayName: values.displayName.trim(),
      phone: values.phone?.trim() ?? '',
      siteId: values.siteId,
      posts: values.posts,
    };
    const result = await api.post<StaffWithPassword>('/staff', body);
    message.success(t('staff.created', { username: result.staff.username }));
    onSaved(
      result.temporaryPassword
        ? { username: result.staff.username, displayName: result.staff.displayName, password: result.temporaryPassword }
        : undefined,
    );
  };

  const update = async (current: Staff, values: Values) => {
    const patch: StaffPatch = { version: current.version };
    if (values.displayName.trim() !== current.displayName) patch.displayName = values.displayName.trim();
    // the list only has the masked number: an untouched field is not sent back
    const phone = values.phone?.trim() ?? '';
    if (phone !== current.phone) patch.phone = phone;
    if (values.siteId !== current.siteId) patch.siteId = values.siteId;
    if ([...values.posts].sort().join() !== [...current.posts].sort().join()) patch.posts = values.posts;
    if (Object.keys(patch).length > 1) await api.patch<Staff>(`/staff/${current.id}`, patch);
    message.success(t('staff.saved'));
    onSaved();
  };

  const save = async (values: Values) => {
    setSaving(true);
    setError(undefined);
    try {
      await (staff ? update(staff, values) : create(values));
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  const conflict = error instanceof ApiError && error.code === 'VERSION_CONFLICT';
  return (
    <>
      {error !== undefined && (
        <Alert
          type={conflict ? 'warning' : 'error'}
          showIcon
          title={conflict ? t('staff.conflict') : errorText(error)}
          style={{ marginBottom: 16 }}
          data-testid="staff-form-error"
        />
      )}
      <Form<Values>
        layout="vertical"
        disabled={saving}
        onFinish={(v) => void save(v)}
        initialValues={
          staff
            ? { username: staff.username, displayName: staff.displayName, phone: staff.phone, siteId: staff.siteId, posts: staff.posts }
            : { posts: [] }
        }
        data-testid="staff-form"
      >
        <Form.Item
          name="username"
          label={t('staff.username')}
          extra={creating ? t('staff.usernameRule') : undefined}
          rules={creating ? [{ required: true, pattern: USERNAME, message: t('staff.usernameRule') }] : []}
        >
          <Input disabled={!creating} autoComplete="off" maxLength={40} />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('staff.displayName')}
          rules={[{ required: true, whitespace: true, max: 40, message: t('staff.displayNameRequired') }]}
        >
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('staff.phone')}
          extra={staff?.phone.includes('*') ? t('staff.phoneMaskedHint') : undefined}
          rules={[
            {
              // a masked number left as it is is fine; anything typed must be a real number
              validator: async (_, value: string | undefined) =>
                !value || value === staff?.phone || PHONE.test(value.trim()) ? undefined : Promise.reject(new Error(t('staff.phoneRule'))),
            },
          ]}
        >
          <Input inputMode="tel" maxLength={20} />
        </Form.Item>
        <Form.Item name="siteId" label={t('staff.site')} rules={[{ required: true, message: t('staff.siteRequired') }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('staff.sitePlaceholder')}
            options={sites}
            data-testid="staff-form-site"
          />
        </Form.Item>
        <Form.Item
          name="posts"
          label={t('staff.posts')}
          rules={[{ required: true, type: 'array', min: 1, message: t('staff.postsRequired') }]}
        >
          <Checkbox.Group options={POSTS.map((p) => ({ value: p, label: labels.post(p) }))} />
        </Form.Item>
        <Form.Item style={{ marginBottom: 0, textAlign: 'right' }}>
          <Space>
            <Button onClick={onClose}>{t('action.cancel')}</Button>
            <Button type="primary" htmlType="submit" loading={saving} disabled={conflict} data-testid="staff-form-submit">
              {t('action.save')}
            </Button>
          </Space>
        </Form.Item>
      </Form>
    </>
  );
}
