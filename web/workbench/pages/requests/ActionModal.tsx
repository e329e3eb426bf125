import { useState } from 'react';
import { Alert, Button, Form, Input, Modal, Select, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../../shared/api/client.js';
import type { RequestAction, ServiceRequest } from '../../../shared/api/types.js';
import { useErrorText } from '../../../shared/hooks/useErrorText.js';
import { SITE_KINDS, useLabels, type Post } from '../../../shared/labels.js';
import { useDispatchTargets } from './useDispatchTargets.js';

/** The URL segment of each action under /requests/:id/ */
const PATHS: Record<RequestAction, string> = {
  dispatch: 'dispatch',
  accept: 'accept',
  return: 'return',
  transfer: 'transfer',
  requestMaterials: 'request-materials',
  resume: 'resume',
  conclude: 'conclude',
  takeOver: 'take-over',
  reassign: 'reassign',
};

/** The steps that send a request to a site (and a post there) */
const ROUTING: RequestAction[] = ['dispatch', 'transfer', 'reassign'];
/** The steps that need a reason on the record */
const REASONED: RequestAction[] = ['transfer', 'return', 'takeOver', 'reassign'];

interface Values {
  siteId?: string;
  post?: Post;
  note?: string;
  reason?: string;
  items?: string[];
  result?: string;
}

interface Props {
  request: ServiceRequest;
  /** the action whose form is open, or undefined when closed */
  action: RequestAction | undefined;
  onClose: () => void;
  onDone: (updated: ServiceRequest) => void;
  /** someone else acted first (409): the page reloads */
  onConflict: () => void;
}

/** One modal for every workflow step: the fields the step needs, the version the page saw, and 409 handled. */
export function ActionModal({ request, action, onClose, onDone, onConflict }: Props) {
  const { t } = useTranslation('workbench');
  return (
    <Modal
      open={action !== undefined}
      title={action ? t(`requests.actions.${action}`) : undefined}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      width={560}
    >
      {action && <ActionForm request={request} action={action} onClose={onClose} onDone={onDone} onConflict={onConflict} />}
    </Modal>
  );
}

function ActionForm({ request, action, onClose, onDone, onConflict }: Omit<Props, 'action'> & { action: RequestAction }) {
  const { t } = useTranslation('workbench');
  const labels = useLabels();
  const errorText = useErrorText();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const routing = ROUTING.includes(action);
  const targets = useDispatchTargets(routing);
  const [form] = Form.useForm<Values>();
  const siteId = Form.useWatch('siteId', form);
  // only the posts someone at the chosen site really holds (the server refuses others)
  const sitePosts: Post[] = (targets.data ?? []).find((o) => o.value === siteId)?.posts ?? [];

  const submit = async (v: Values) => {
    const trim = (s: string | undefined) => s?.trim() || undefined;
    const body: Record<string, unknown> = { version: request.version };
    if (routing) {
      body.siteId = v.siteId;
      if (v.post) body.post = v.post;
    }
    if (action === 'dispatch' || action === 'accept' || action === 'resume' || action === 'requestMaterials') body.note = trim(v.note);
    if (REASONED.includes(action)) body.reason = v.reason?.trim();
    if (action === 'requestMaterials') body.items = (v.items ?? []).map((i) => i.trim()).filter(Boolean);
    if (action === 'conclude') body.result = v.result?.trim();
    setBusy(true);
    setError(undefined);
    try {
      onDone(await api.post<ServiceRequest>(`/requests/${request.id}/${PATHS[action]}`, body));
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) onConflict();
      else setError(e);
    } finally {
      setBusy(false);
    }
  };

  const required = (message: string) => [{ required: true, whitespace: true, message }];
  const atLeast2 = { min: 2, message: t('requests.form.atLeast2') };
  const siteOptions = SITE_KINDS.map((kind) => ({
    label: labels.siteKind(kind),
    options: (targets.data ?? [])
      .filter((o) => o.kind === kind && !(action === 'transfer' && o.value === request.handlerSite?.id))
      // a site where nobody handles requests is listed, but cannot be chosen
      .map(({ value, label, staffed }) => ({
        value,
        label: staffed ? label : t('requests.form.siteUnstaffed', { site: label }),
        disabled: !staffed,
      })),
  })).filter((g) => g.options.length > 0);

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={(v) => void submit(v)}
      onValuesChange={(changed: Values) => {
        // another site: a post it does not staff is cleared
        if (changed.siteId !== undefined) {
          const post = form.getFieldValue('post') as Post | undefined;
          const posts = (targets.data ?? []).find((o) => o.value === changed.siteId)?.posts ?? [];
          if (post && !posts.includes(post)) form.setFieldValue('post', undefined);
        }
      }}
      disabled={busy}
      initialValues={action === 'requestMaterials' ? { items: [''] } : {}}
      data-testid="action-form"
      data-action={action}
    >
      {action === 'requestMaterials' && (
        <Alert
          type="warning"
          showIcon
          title={t('requests.form.pauseNotice')}
          style={{ marginBottom: 16 }}
          data-testid="action-pause-notice"
        />
      )}
      {action === 'resume' && <Alert type="info" showIcon title={t('requests.form.resumeNotice')} style={{ marginBottom: 16 }} />}
      {action === 'conclude' && <Alert type="info" showIcon title={t('requests.form.concludeNotice')} style={{ marginBottom: 16 }} />}
      {action === 'return' && <Alert type="info" showIcon title={t('requests.form.returnNotice')} style={{ marginBottom: 16 }} />}
      {action === 'takeOver' && <Alert type="info" showIcon title={t('requests.form.takeOverNotice')} style={{ marginBottom: 16 }} />}
      {action === 'reassign' && <Alert type="info" showIcon title={t('requests.form.reassignNotice')} style={{ marginBottom: 16 }} />}
      {routing && (
        <>
          <Form.Item name="siteId" label={t('requests.form.site')} rules={[{ required: true, message: t('requests.form.siteRequired') }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={targets.loading}
              placeholder={t('requests.form.sitePlaceholder')}
              options={siteOptions}
              data-testid="action-site"
            />
          </Form.Item>
          <Form.Item name="post" label={t('requests.form.post')} extra={t('requests.form.postHint')}>
            <Select
              allowClear
              placeholder={t('requests.form.postPlaceholder')}
              disabled={!siteId}
              options={sitePosts.map((p) => ({ value: p, label: labels.post(p) }))}
              data-testid="action-post"
            />
          </Form.Item>
        </>
      )}
      {REASONED.includes(action) && (
        <Form.Item name="reason" label={t('requests.form.reason')} rules={[...required(t('requests.form.reasonRequired')), atLeast2]}>
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="action-reason" />
        </Form.Item>
      )}
      {action === 'requestMaterials' && (
        <Form.Item label={t('requests.form.items')} required extra={t('requests.form.itemsHint')}>
          <Form.List
            name="items"
            rules={[
              {
                validator: async (_, items: string[] | undefined) =>
                  (items ?? []).some((i) => i?.trim()) ? undefined : Promise.reject(new Error(t('requests.form.itemsRequired'))),
              },
            ]}
          >
            {(fields, { add, remove }, { errors }) => (
              <>
                {fields.map((field, i) => (
                  <Space key={field.key} align="baseline" className="item-line">
                    <span style={{ color: '#8c8c8c', width: 20, textAlign: 'right' }}>{i + 1}.</span>
                    <Form.Item name={field.name} style={{ marginBottom: 8 }} rules={[{ max: 200 }]}>
                      <Input maxLength={200} placeholder={t('requests.form.itemPlaceholder')} data-testid="action-item" />
                    </Form.Item>
                    {fields.length > 1 && (
                      <MinusCircleOutlined onClick={() => remove(field.name)} aria-label={t('requests.form.removeItem')} />
                    )}
                  </Space>
                ))}
                {fields.length < 30 && (
                  <Button type="dashed" onClick={() => add('')} icon={<PlusOutlined />} data-testid="action-add-item">
                    {t('requests.form.addItem')}
                  </Button>
                )}
                <Form.ErrorList errors={errors} />
              </>
            )}
          </Form.List>
        </Form.Item>
      )}
      {action === 'conclude' && (
        <Form.Item name="result" label={t('requests.form.result')} rules={[...required(t('requests.form.resultRequired')), atLeast2]}>
          <Input.TextArea
            rows={5}
            maxLength={5000}
            showCount
            placeholder={t('requests.form.resultPlaceholder')}
            data-testid="action-result"
          />
        </Form.Item>
      )}
      {(action === 'dispatch' || action === 'accept' || action === 'resume' || action === 'requestMaterials') && (
        <Form.Item name="note" label={t('requests.form.note')}>
          <Input.TextArea rows={2} maxLength={500} data-testid="action-note" />
        </Form.Item>
      )}
      {error !== undefined && (
        <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 16 }} data-testid="action-error" />
      )}
      <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
        <Button onClick={onClose} data-testid="action-cancel">
          {t('action.cancel')}
        </Button>
        <Button type="primary" htmlType="submit" loading={busy} danger={action === 'return'} data-testid="action-ok">
          {t(`requests.actions.${action}`)}
        </Button>
      </Space>
    </Form>
  );
}
