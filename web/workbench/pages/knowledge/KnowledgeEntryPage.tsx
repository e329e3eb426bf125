import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Form, Input, Result, Row, Select, Space, Spin, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { api, ApiError } from '../../../shared/api/client.js';
import { KB_ACTIONS, type KbAction, type KbEntry, type KbEntryBody, type KbKind, type KbRef } from '../../../shared/api/knowledge-admin.js';
import type { ServiceItem } from '../../../shared/api/types.js';
import { useApiData } from '../../../shared/hooks/useApiData.js';
import { useErrorText } from '../../../shared/hooks/useErrorText.js';
import { ArticlePicker } from './ArticlePicker.js';
import { EntryBanners, EntryInfo } from './EntryInfo.js';
import { KbKindTag, KbStatusTag } from './kbLabels.js';
import { personalDataIn } from './personalData.js';

interface Values {
  title: string;
  body: string;
  serviceItem?: string | null;
  refs: KbRef[];
}

// '' is how the server keeps a cleared service item (see payloadOf): both mean none
const valuesOf = (e: KbEntry): Values => ({ title: e.title, body: e.body, serviceItem: e.serviceItem || undefined, refs: e.refs });
/**
 * The fields to send. The service item only when chosen, or when cleared: the server's validator turns a null
 * into '' (coerced to the string branch), so "none" is sent only when it changes something.
 */
const payloadOf = (v: Values, was: string | null = null) => ({
  title: v.title.trim(),
  body: v.body.trim(),
  ...((v.serviceItem ?? null) !== (was || null) && { serviceItem: v.serviceItem ?? null }),
  refs: v.refs.map((r) => r.articleId),
});

/** what antd's validateFields rejects with */
const isValidationFailure = (error: unknown) => typeof error === 'object' && error !== null && 'errorFields' in error;

const BUTTON_TYPES: Record<KbAction, { primary?: boolean; danger?: boolean }> = {
  edit: {},
  submit: { primary: true },
  publish: { primary: true },
  archive: { danger: true },
};

/**
 * One Q&A or guide (/knowledge/:id, or /knowledge/new?kind=qa|guide to write one): the editor, its status and
 * origin, and exactly the buttons the server allows (保存, 提交审核, 审核发布, 撤下). A step taken with unsaved
 * changes saves them first; a 409 asks to reload; text that still holds personal data is marked at the answer.
 */
export function KnowledgeEntryPage() {
  const { id = '' } = useParams();
  const creating = id === 'new';
  const [params] = useSearchParams();
  const newKind: KbKind = params.get('kind') === 'guide' ? 'guide' : 'qa';
  const { t } = useTranslation('workbench');
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const location = useLocation();
  const [form] = Form.useForm<Values>();
  const loaded = useApiData(
    (signal) => (creating ? Promise.resolve(undefined) : api.get<KbEntry>(`/knowledge/admin/entries/${id}`, undefined, signal)),
    [id],
  );
  const items = useApiData((signal) => api.get<ServiceItem[]>('/service-items', undefined, signal), []);
  const [entry, setEntry] = useState<KbEntry>();
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState<KbAction | 'create'>();
  const [conflict, setConflict] = useState(false);
  const [personalData, setPersonalData] = useState(false);

  const show = (e: KbEntry) => {
    setEntry(e);
    form.setFieldsValue(valuesOf(e));
    setDirty(false);
  };
  useEffect(() => {
    setConflict(false);
    setPersonalData(false);
    if (loaded.data) show(loaded.data);
    else if (creating) {
      setEntry(undefined);
      form.setFieldsValue({ title: '', body: '', serviceItem: undefined, refs: [] });
      setDirty(false);
    }
    // `show` and `form` are stable for what this effect needs
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [loaded.data, creating]);

  const back = () => (location.key === 'default' ? navigate('/knowledge') : navigate(-1));
  const reload = () => {
    setConflict(false);
    setPersonalData(false);
    loaded.reload();
  };

  /** A refusal shown where it belongs: 409 at the top with a reload, personal data at the answer, the rest as a message. */
  const refused = (error: unknown) => {
    if (error instanceof ApiError && error.code === 'VERSION_CONFLICT') setConflict(true);
    else if (error instanceof ApiError && error.code === 'KB_PERSONAL_DATA') {
      setPersonalData(true);
      form.scrollToField('body', { block: 'center' });
    } else if (error instanceof ApiError && error.code === 'KB_REF_INVALID')
      form.setFields([{ name: 'refs', errors: [t('knowledgeAdmin.entry.refsError')] }]);
    else message.error(errorText(error));
  };

  const create = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    setBusy('create');
    try {
      const body: KbEntryBody = { kind: newKind, ...payloadOf(v) };
      const made = await api.post<KbEntry>('/knowledge/admin/entries', body);
      message.success(t('knowledgeAdmin.entry.created'));
      navigate(`/knowledge/${made.id}`, { replace: true });
    } catch (error) {
      refused(error);
    } finally {
      setBusy(undefined);
    }
  };

  /** Saves what the form holds; the answer carries the new version. */
  const save = async (current: KbEntry): Promise<KbEntry> => {
    const v = await form.validateFields();
    return api.patch<KbEntry>(`/knowledge/admin/entries/${current.id}`, { version: current.version, ...payloadOf(v, current.serviceItem) });
  };

  const run = async (action: KbAction) => {
    if (!entry) return;
    setBusy(action);
    setPersonalData(false);
    try {
      let current = entry;
      if (action === 'edit' || (dirty && entry.allowedActions.includes('edit'))) {
        current = await save(entry);
        show(current);
        if (action === 'edit') message.success(t('knowledgeAdmin.entry.saved'));
      }
      if (action !== 'edit') {
        const moved = await api.post<KbEntry>(`/knowledge/admin/entries/${current.id}/${action}`, { version: current.version });
        show(moved);
        message.success(t(`knowledgeAdmin.entry.done.${action}`));
      }
    } catch (error) {
      // a form that does not validate has marked its fields already
      if (!isValidationFailure(error)) refused(error);
    } finally {
      setBusy(undefined);
    }
  };
  const ask = (action: KbAction) => {
    if (action !== 'publish' && action !== 'archive') return void run(action);
    modal.confirm({
      title: t(`knowledgeAdmin.entry.actions.${action}`),
      content: t(action === 'publish' ? 'knowledgeAdmin.entry.publishConfirm' : 'knowledgeAdmin.entry.archiveConfirm'),
      okText: t(`knowledgeAdmin.entry.actions.${action}`),
      okButtonProps: { danger: action === 'archive', ...{ 'data-testid': 'confirm-ok' } },
      cancelText: t('action.cancel'),
      onOk: () => run(action),
    });
  };

  if (loaded.error instanceof ApiError && loaded.error.status === 404)
    return (
      <Result
        status="404"
        title="404"
        subTitle={t('knowledgeAdmin.entry.notFound')}
        extra={<Link to="/knowledge">{t('knowledgeAdmin.entry.back')}</Link>}
      />
    );
  if (loaded.error !== undefined)
    return (
      <Alert
        type="error"
        showIcon
        title={errorText(loaded.error)}
        action={<Button onClick={loaded.reload}>{t('action.refresh')}</Button>}
      />
    );
  if (!creating && !entry) return <Spin size="large" className="page-spin" />;

  const kind = entry?.kind ?? newKind;
  // the words to remove, to point at them (the server only says that some are left)
  const found = personalData ? personalDataIn(`${form.getFieldValue('title') ?? ''}\n${form.getFieldValue('body') ?? ''}`) : [];
  const editable = creating || (entry?.allowedActions.includes('edit') ?? false);
  // read-only text stays dark enough to review
  const textStyle = editable ? undefined : { color: 'rgba(0, 0, 0, 0.85)' };
  const actions = entry ? KB_ACTIONS.filter((a) => entry.allowedActions.includes(a)) : [];
  const labels =
    kind === 'qa'
      ? { title: 'question', titlePlaceholder: 'questionPlaceholder', body: 'answer', bodyPlaceholder: 'answerPlaceholder' }
      : { title: 'guideTitle', titlePlaceholder: 'guideTitlePlaceholder', body: 'guideBody', bodyPlaceholder: 'guideBodyPlaceholder' };

  return (
    <Space
      orientation="vertical"
      size={16}
      style={{ width: '100%' }}
      data-testid="kb-entry-page"
      data-entry-id={entry?.id ?? 'new'}
      data-status={entry?.status ?? 'new'}
    >
      <Card size="small">
        <div className="request-head">
          <Space wrap size={12} align="center">
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={back} aria-label={t('knowledgeAdmin.entry.back')} />
            <Typography.Text strong style={{ fontSize: 16 }}>
              {entry
                ? t('knowledgeAdmin.entry.entryNo', { kind: t(`knowledgeAdmin.kinds.${kind}`), id: entry.id })
                : t(kind === 'qa' ? 'knowledgeAdmin.entry.newQa' : 'knowledgeAdmin.entry.newGuide')}
            </Typography.Text>
            <KbKindTag kind={kind} />
            {entry && <KbStatusTag status={entry.status} license={entry.license} />}
            {dirty && editable && (
              <Typography.Text type="warning" data-testid="kb-unsaved">
                {t('knowledgeAdmin.entry.unsaved')}
              </Typography.Text>
            )}
          </Space>
          <Space wrap data-testid="kb-actions">
            {creating && (
              <Button type="primary" loading={busy === 'create'} onClick={() => void create()} data-testid="kb-create">
                {t('knowledgeAdmin.entry.actions.create')}
              </Button>
            )}
            {actions.map((a) => (
              <Button
                key={a}
                type={BUTTON_TYPES[a].primary ? 'primary' : 'default'}
                danger={BUTTON_TYPES[a].danger}
                loading={busy === a}
                disabled={busy !== undefined && busy !== a}
                title={
                  a !== 'edit' && dirty && editable
                    ? t('knowledgeAdmin.entry.savingFirst', { action: t(`knowledgeAdmin.entry.actions.${a}`) })
                    : undefined
                }
                onClick={() => ask(a)}
                data-testid={`kb-action-${a}`}
              >
                {t(`knowledgeAdmin.entry.actions.${a}`)}
              </Button>
            ))}
          </Space>
        </div>
      </Card>
      {conflict && (
        <Alert
          type="warning"
          showIcon
          title={t('knowledgeAdmin.entry.conflict')}
          action={
            <Button onClick={reload} data-testid="kb-conflict-reload">
              {t('knowledgeAdmin.entry.reload')}
            </Button>
          }
          data-testid="kb-conflict"
        />
      )}
      {entry && <EntryBanners entry={entry} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card size="small">
            {!editable && (
              <Alert
                type="info"
                showIcon
                title={t('knowledgeAdmin.entry.readOnly')}
                style={{ marginBottom: 16 }}
                data-testid="kb-readonly"
              />
            )}
            <Form
              form={form}
              layout="vertical"
              disabled={!editable}
              onValuesChange={(changed: Partial<Values>) => {
                setDirty(true);
                if ('body' in changed || 'title' in changed) setPersonalData(false);
              }}
              data-testid="kb-form"
              initialValues={{ refs: [] }}
            >
              <Form.Item
                name="title"
                label={t(`knowledgeAdmin.entry.${labels.title}` as 'knowledgeAdmin.entry.question')}
                rules={[{ required: true, whitespace: true, min: 4, max: 300, message: t('knowledgeAdmin.entry.titleRule') }]}
              >
                <Input.TextArea
                  autoSize={{ minRows: kind === 'qa' ? 2 : 1, maxRows: 6 }}
                  maxLength={300}
                  placeholder={t(`knowledgeAdmin.entry.${labels.titlePlaceholder}` as 'knowledgeAdmin.entry.questionPlaceholder')}
                  style={{ fontSize: 15, ...textStyle }}
                  data-testid="kb-title"
                />
              </Form.Item>
              <Form.Item
                name="body"
                label={t(`knowledgeAdmin.entry.${labels.body}` as 'knowledgeAdmin.entry.answer')}
                rules={[{ required: true, whitespace: true, min: 10, max: 20_000, message: t('knowledgeAdmin.entry.bodyRule') }]}
                {...(personalData && {
                  validateStatus: 'error' as const,
                  help: (
                    <span data-testid="kb-personal-data">
                      {t('knowledgeAdmin.entry.personalData')}
                      {found.length > 0 && ` ${t('knowledgeAdmin.entry.personalDataFound', { items: found.join('、') })}`}
                    </span>
                  ),
                })}
              >
                <Input.TextArea
                  autoSize={{ minRows: 12, maxRows: 30 }}
                  showCount
                  maxLength={20_000}
                  placeholder={t(`knowledgeAdmin.entry.${labels.bodyPlaceholder}` as 'knowledgeAdmin.entry.answerPlaceholder')}
                  style={{ fontSize: 15, lineHeight: 1.8, ...textStyle }}
                  data-testid="kb-body"
                />
              </Form.Item>
              <Form.Item name="serviceItem" label={t('knowledgeAdmin.entry.serviceItem')}>
                <Select
                  allowClear
                  placeholder={t('knowledgeAdmin.entry.serviceItemNone')}
                  loading={items.loading}
                  options={(items.data ?? []).map((i) => ({ value: i.code, label: i.name }))}
                  style={{ maxWidth: 320 }}
                  data-testid="kb-service-item"
                />
              </Form.Item>
              <Form.Item
                name="refs"
                label={t('knowledgeAdmin.entry.refs')}
                extra={editable ? t('knowledgeAdmin.entry.refsHint') : undefined}
              >
                <ArticlePicker disabled={!editable} />
              </Form.Item>
            </Form>
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <EntryInfo entry={entry} kind={kind} />
        </Col>
      </Row>
    </Space>
  );
}
