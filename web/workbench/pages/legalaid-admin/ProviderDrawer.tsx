import { useMemo, useState } from 'react';
import { App, Button, Col, Drawer, Form, Input, InputNumber, Radio, Row, Select, Space, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../../shared/api/client.js';
import {
  MATTER_CATEGORIES,
  PROVIDER_KINDS,
  type AidProvider,
  type AidProviderBody,
  type AidProviderPatch,
  type MatterCategory,
  type ProviderKind,
} from '../../../shared/api/legalaid-admin.js';
import type { Page, Staff } from '../../../shared/api/types.js';
import { useApiData } from '../../../shared/hooks/useApiData.js';
import { useErrorText } from '../../../shared/hooks/useErrorText.js';
import { useCan } from '../../session/useSession.js';
import { markServerFields, ServerError } from './aidAdmin.js';

interface Props {
  /** undefined: closed; null: a new person; a provider: edit them */
  provider: AidProvider | null | undefined;
  onClose: () => void;
  onSaved: () => void;
}

/** Add a person to the pool, or edit one (the edit carries the version it started from; a 409 asks to reload). */
export function ProviderDrawer({ provider, onClose, onSaved }: Props) {
  const { t } = useTranslation('workbench');
  return (
    <Drawer
      open={provider !== undefined}
      onClose={onClose}
      size={620}
      title={provider ? t('aidAdmin.providers.editTitle', { name: provider.name }) : t('aidAdmin.providers.createTitle')}
      destroyOnHidden
      data-testid="aid-provider-drawer"
    >
      {provider !== undefined && <ProviderForm provider={provider} onClose={onClose} onSaved={onSaved} />}
    </Drawer>
  );
}

interface Values {
  name: string;
  kind: ProviderKind;
  organisation: string;
  phone: string;
  matterCategories: MatterCategory[];
  maxLoad: number;
  /** one per line */
  priorClients: string;
  staffId: string | null;
  active: boolean;
}

const FIELDS = ['name', 'kind', 'organisation', 'phone', 'matterCategories', 'maxLoad', 'priorClients', 'staffId', 'active'] as const;
/** as the server checks it (legalaid.schemas.ts ProviderPhone): a mobile, a landline, or the 12348 line; or nothing */
const PHONE = /^\s*(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8}|(0[0-9]{2,3}-?)?12348)?\s*$/;
const lines = (text: string | undefined) =>
  (text ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

function bodyOf(v: Values): AidProviderBody {
  return {
    name: v.name.trim(),
    kind: v.kind,
    organisation: (v.organisation ?? '').trim(),
    phone: (v.phone ?? '').trim(),
    matterCategories: MATTER_CATEGORIES.filter((m) => v.matterCategories.includes(m)),
    maxLoad: v.maxLoad,
    priorClients: lines(v.priorClients),
    staffId: v.staffId ?? null,
    active: v.active,
  };
}

/** Only what changed goes to the server, so that the audit log shows the real change. */
function changes(p: AidProvider, body: AidProviderBody): Omit<AidProviderPatch, 'version'> {
  const patch: Omit<AidProviderPatch, 'version'> = {};
  if (body.name !== p.name) patch.name = body.name;
  if (body.kind !== p.kind) patch.kind = body.kind;
  if (body.organisation !== p.organisation) patch.organisation = body.organisation;
  if (body.phone !== p.phone) patch.phone = body.phone;
  if ((body.matterCategories ?? []).join() !== MATTER_CATEGORIES.filter((m) => p.matterCategories.includes(m)).join())
    patch.matterCategories = body.matterCategories;
  if (body.maxLoad !== p.maxLoad) patch.maxLoad = body.maxLoad;
  if ((body.priorClients ?? []).join('\n') !== p.priorClients.join('\n')) patch.priorClients = body.priorClients;
  if ((body.staffId ?? null) !== p.staffId) patch.staffId = body.staffId ?? null;
  if (body.active !== p.active) patch.active = body.active;
  return patch;
}

function ProviderForm({ provider, onClose, onSaved }: Omit<Props, 'provider'> & { provider: AidProvider | null }) {
  const { t } = useTranslation('workbench');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>();
  const [saving, setSaving] = useState(false);
  const [current, setCurrent] = useState(provider);

  const labels: Record<string, string> = {
    name: t('aidAdmin.providers.name'),
    kind: t('aidAdmin.providers.kind'),
    organisation: t('aidAdmin.providers.organisation'),
    phone: t('aidAdmin.providers.phone'),
    matterCategories: t('aidAdmin.providers.matters'),
    maxLoad: t('aidAdmin.providers.maxLoad'),
    priorClients: t('aidAdmin.providers.priorClients'),
    staffId: t('aidAdmin.providers.account'),
    active: t('aidAdmin.providers.active'),
  };

  const save = async (values: Values) => {
    const body = bodyOf(values);
    setSaving(true);
    setError(undefined);
    try {
      if (current) {
        const patch = changes(current, body);
        if (Object.keys(patch).length === 0) {
          message.info(t('aidAdmin.providers.noChange'));
          onClose();
          return;
        }
        const saved = await api.patch<AidProvider>(`/legal-aid/providers/${current.id}`, { version: current.version, ...patch });
        message.success(t('aidAdmin.providers.saved', { name: saved.name }));
      } else {
        const saved = await api.post<AidProvider>('/legal-aid/providers', body);
        message.success(t('aidAdmin.providers.created', { name: saved.name }));
      }
      onSaved();
      onClose();
    } catch (e) {
      setError(e);
      markServerFields(form, e, errorText(e), FIELDS);
    } finally {
      setSaving(false);
    }
  };

  // after a 409: load the newest version and start the form again from it
  const reload = async () => {
    if (!current) return;
    try {
      const all = await api.get<AidProvider[]>('/legal-aid/providers', { includeInactive: true });
      const fresh = all.find((p) => p.id === current.id);
      if (fresh) {
        setCurrent(fresh);
        form.setFieldsValue(valuesOf(fresh));
      }
      setError(undefined);
      message.info(t('aidAdmin.reloaded'));
    } catch (e) {
      setError(e);
    }
  };

  return (
    <>
      <ServerError
        error={error}
        labels={labels}
        testId="aid-provider-error"
        action={
          current && error instanceof ApiError && error.code === 'VERSION_CONFLICT' ? (
            <Button size="small" onClick={() => void reload()} data-testid="aid-provider-reload">
              {t('aidAdmin.reload')}
            </Button>
          ) : undefined
        }
      />
      <Form<Values>
        form={form}
        layout="vertical"
        disabled={saving}
        initialValues={current ? valuesOf(current) : { kind: 'lawyer', matterCategories: [], maxLoad: 8, active: true, staffId: null }}
        onFinish={(v) => void save(v)}
        data-testid="aid-provider-form"
      >
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name="name"
              label={labels.name}
              rules={[{ required: true, whitespace: true, message: t('aidAdmin.providers.nameRequired') }, { max: 40 }]}
            >
              <Input maxLength={40} data-testid="aid-provider-name" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="phone" label={labels.phone} rules={[{ pattern: PHONE, message: t('aidAdmin.providers.phoneRule') }]}>
              <Input
                inputMode="tel"
                maxLength={30}
                placeholder={t('aidAdmin.providers.phonePlaceholder')}
                data-testid="aid-provider-phone"
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="kind" label={labels.kind} rules={[{ required: true, message: t('aidAdmin.providers.kindRequired') }]}>
          <Radio.Group
            optionType="button"
            options={PROVIDER_KINDS.map((k) => ({ value: k, label: t(`aid.providerKinds.${k}`, { ns: 'common' }) }))}
            data-testid="aid-provider-kind"
          />
        </Form.Item>
        <Form.Item name="organisation" label={labels.organisation} rules={[{ max: 100 }]}>
          <Input maxLength={100} data-testid="aid-provider-organisation" />
        </Form.Item>
        <Form.Item
          name="matterCategories"
          label={labels.matterCategories}
          extra={t('aidAdmin.providers.mattersHint')}
          rules={[{ required: true, type: 'array', min: 1, message: t('aidAdmin.providers.mattersRequired') }]}
        >
          <Select
            mode="multiple"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={MATTER_CATEGORIES.map((m) => ({ value: m, label: t(`aid.matterCategories.${m}`, { ns: 'common' }) }))}
            data-testid="aid-provider-matters"
          />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="maxLoad" label={labels.maxLoad} extra={t('aidAdmin.providers.maxLoadHint')} rules={[{ required: true }]}>
              <InputNumber min={1} max={100} precision={0} style={{ width: '100%' }} data-testid="aid-provider-max-load" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="active" label={labels.active} valuePropName="checked" extra={t('aidAdmin.providers.activeHint')}>
              <Switch
                checkedChildren={t('aidAdmin.providers.on')}
                unCheckedChildren={t('aidAdmin.providers.off')}
                data-testid="aid-provider-active"
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="priorClients"
          label={labels.priorClients}
          extra={t('aidAdmin.providers.priorClientsHint')}
          rules={[
            {
              validator: async (_, value: string | undefined) => {
                const items = lines(value);
                if (items.length > 200 || items.some((l) => l.length > 100)) throw new Error(t('aidAdmin.providers.priorClientsRule'));
              },
            },
          ]}
        >
          <Input.TextArea rows={3} data-testid="aid-provider-prior-clients" />
        </Form.Item>
        <Form.Item name="staffId" label={labels.staffId} extra={t('aidAdmin.providers.accountHint')}>
          <StaffSelect linked={current?.staffId && current.staff ? { id: current.staffId, ...current.staff } : null} />
        </Form.Item>
        <Form.Item style={{ marginBottom: 0 }}>
          <Space>
            <Button type="primary" htmlType="submit" loading={saving} data-testid="aid-provider-save">
              {t('action.save')}
            </Button>
            <Button onClick={onClose}>{t('action.cancel')}</Button>
          </Space>
        </Form.Item>
      </Form>
    </>
  );
}

const valuesOf = (p: AidProvider): Values => ({
  name: p.name,
  kind: p.kind,
  organisation: p.organisation,
  phone: p.phone,
  matterCategories: MATTER_CATEGORIES.filter((m) => p.matterCategories.includes(m)),
  maxLoad: p.maxLoad,
  priorClients: p.priorClients.join('\n'),
  staffId: p.staffId,
  active: p.active,
});

/** A searchable pick of a workbench account in my area (searched on the server: a county has hundreds). */
function StaffSelect({
  linked,
  value,
  onChange,
}: {
  /** the account linked now, as the provider carries it (no staff look-up needed to name it) */
  linked: { id: string; username: string; displayName: string } | null;
  value?: string | null;
  onChange?: (value: string | null) => void;
}) {
  const { t } = useTranslation('workbench');
  const can = useCan();
  const [q, setQ] = useState('');
  const enabled = can('org.read');
  const found = useApiData(
    (signal) =>
      enabled
        ? api.get<Page<Staff>>('/staff', { q: q.trim() || undefined, status: 'active', limit: 30 }, signal).then((p) => p.items)
        : Promise.resolve([] as Staff[]),
    [q, enabled],
  );
  const options = useMemo(() => {
    const seen = new Set<string>(linked ? [linked.id] : []);
    return [
      ...(linked ? [{ value: linked.id, label: `${linked.displayName}（${linked.username}）` }] : []),
      ...(found.data ?? [])
        .filter((s) => !seen.has(s.id) && seen.add(s.id))
        .map((s) => ({ value: s.id, label: `${s.displayName}（${s.username}，${s.siteName}）` })),
    ];
  }, [linked, found.data]);
  return (
    <Select
      allowClear
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value ?? undefined}
      onChange={(v) => onChange?.((v as string | undefined) ?? null)}
      placeholder={t('aidAdmin.providers.accountPlaceholder')}
      options={options}
      loading={found.loading}
      disabled={!enabled}
      data-testid="aid-provider-account"
    />
  );
}
