import { useLayoutEffect, useState } from 'react';
import { Alert, App, Col, DatePicker, Form, Input, InputNumber, Modal, Radio, Rate, Row, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../../shared/api/client.js';
import {
  CALL_CATEGORIES,
  TRANSFER_TARGETS,
  type CallOutcome,
  type HotlineCall,
  type HotlineCallBody,
  type HotlineCallPatch,
} from '../../../shared/api/hotline.js';
import { useErrorText } from '../../../shared/hooks/useErrorText.js';
import { formatTrackingNo } from '../../../shared/tracking.js';
import { CALLER_PHONE, mmss } from './hotlineFormat.js';
import { useCategoryLabel } from './useHotlineLabels.js';

type Target = (typeof TRANSFER_TARGETS)[number] | 'other';

interface Values {
  startedAt?: Dayjs;
  minutes?: number | null;
  seconds?: number | null;
  callerPhone?: string;
  category?: string;
  summary?: string;
  answer?: string;
  outcome?: CallOutcome;
  target?: Target;
  otherAgency?: string;
  satisfaction?: number;
}

/** The outcomes a person picks; `request` comes only from turning the call into a service request. */
const PICKABLE: CallOutcome[] = ['answered', 'transferred', 'missed', 'abandoned'];
const isKnownTarget = (to: string): to is (typeof TRANSFER_TARGETS)[number] => (TRANSFER_TARGETS as readonly string[]).includes(to);

function initialValues(call: HotlineCall | undefined): Values {
  if (!call) return { startedAt: dayjs().second(0), outcome: 'answered' };
  const to = call.transferredTo ?? '';
  return {
    category: call.category ?? undefined,
    summary: call.summary,
    answer: call.answer,
    outcome: call.outcome ?? undefined,
    target: call.outcome === 'transferred' ? (isKnownTarget(to) ? to : 'other') : undefined,
    otherAgency: isKnownTarget(to) ? undefined : to || undefined,
    satisfaction: call.satisfaction ?? undefined,
  };
}

interface Props {
  /** the call to complete; undefined to log a new one */
  call: HotlineCall | undefined;
  open: boolean;
  onClose: () => void;
  onSaved: (call: HotlineCall) => void;
  /** the call changed since the page loaded it (409): the list reloads */
  onStale: () => void;
}

/** 登记来电 / 补全: one form for a call taken by hand and for completing one the telephony system opened. */
export function CallFormModal({ call, open, onClose, onSaved, onStale }: Props) {
  const { t } = useTranslation('workbench');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const categoryLabel = useCategoryLabel();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const outcome = Form.useWatch('outcome', form);
  const target = Form.useWatch('target', form);
  const isNew = !call;
  // the form starts from the call each time it opens (before anything can be typed into it)
  useLayoutEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(initialValues(call));
    setError(undefined);
  }, [open, call, form]);
  const isRequest = call?.outcome === 'request';
  const quiet = outcome === 'missed' || outcome === 'abandoned';

  const categories = [...CALL_CATEGORIES] as string[];
  if (call?.category && !categories.includes(call.category)) categories.push(call.category);

  const submit = async (v: Values) => {
    const transferredTo =
      v.outcome === 'transferred'
        ? v.target === 'other'
          ? (v.otherAgency ?? '').trim()
          : (v.target ?? null)
        : v.outcome
          ? null
          : undefined;
    const fields = {
      category: v.category ?? null,
      summary: (v.summary ?? '').trim(),
      answer: (v.answer ?? '').trim(),
      ...(v.outcome && !isRequest && { outcome: v.outcome }),
      ...(transferredTo !== undefined && !isRequest && { transferredTo }),
      satisfaction: v.satisfaction || null,
      ...(v.callerPhone?.trim() && { callerPhone: v.callerPhone.trim() }),
    };
    setBusy(true);
    setError(undefined);
    try {
      let saved: HotlineCall;
      if (isNew) {
        const duration = (v.minutes ?? 0) * 60 + (v.seconds ?? 0);
        const body: HotlineCallBody = {
          startedAt: (v.startedAt ?? dayjs()).toISOString(),
          ...(v.minutes != null || v.seconds != null ? { durationSeconds: duration } : {}),
          ...fields,
        };
        saved = await api.post<HotlineCall>('/hotline/calls', body);
      } else {
        const body: HotlineCallPatch = { version: call.version, ...fields };
        saved = await api.patch<HotlineCall>(`/hotline/calls/${call.id}`, body);
      }
      void message.success(t('hotline.callForm.saved'));
      onSaved(saved);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        void message.warning(t('hotline.conflict'));
        onStale();
      } else setError(e);
    } finally {
      setBusy(false);
    }
  };

  const title = isNew
    ? t('hotline.callForm.newTitle')
    : call.outcome === null
      ? t('hotline.callForm.completeTitle')
      : t('hotline.callForm.editTitle');

  return (
    <Modal
      open={open}
      title={title}
      width={720}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('hotline.callForm.save')}
      okButtonProps={{ loading: busy, ...{ 'data-testid': 'call-save' } }}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        disabled={busy}
        preserve={false}
        onFinish={(v) => void submit(v)}
        initialValues={initialValues(call)}
        data-testid="call-form"
        data-mode={isNew ? 'new' : 'complete'}
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            {isNew ? (
              <Form.Item
                name="startedAt"
                label={t('hotline.callForm.startedAt')}
                rules={[{ required: true, message: t('hotline.callForm.startedAtRequired') }]}
              >
                <DatePicker
                  showTime={{ format: 'HH:mm' }}
                  format="YYYY-MM-DD HH:mm"
                  disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                  style={{ width: '100%' }}
                  data-testid="call-started-at"
                />
              </Form.Item>
            ) : (
              <Form.Item label={t('hotline.callForm.startedAt')}>
                <Typography.Text>{dayjs(call.startedAt).format('YYYY-MM-DD HH:mm')}</Typography.Text>
              </Form.Item>
            )}
          </Col>
          <Col xs={24} md={12}>
            {isNew ? (
              <Form.Item label={t('hotline.callForm.duration')}>
                <Space.Compact>
                  <Form.Item name="minutes" noStyle>
                    <InputNumber
                      min={0}
                      max={359}
                      precision={0}
                      suffix={t('hotline.callForm.minutes')}
                      style={{ width: 110 }}
                      data-testid="call-minutes"
                    />
                  </Form.Item>
                  <Form.Item name="seconds" noStyle>
                    <InputNumber
                      min={0}
                      max={59}
                      precision={0}
                      suffix={t('hotline.callForm.seconds')}
                      style={{ width: 100 }}
                      data-testid="call-seconds"
                    />
                  </Form.Item>
                </Space.Compact>
              </Form.Item>
            ) : (
              <Form.Item label={t('hotline.callForm.duration')}>
                <Typography.Text className="mono">{mmss(call.durationSeconds) || t('table.none')}</Typography.Text>
                {call.durationSeconds !== null && (
                  <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
                    {t('hotline.callForm.durationFromSystem')}
                  </Typography.Text>
                )}
              </Form.Item>
            )}
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="callerPhone"
              label={t('hotline.callForm.callerPhone')}
              extra={call?.callerPhone ? t('hotline.callForm.callerPhoneKeep', { phone: call.callerPhone }) : undefined}
              rules={[
                {
                  validator: async (_, value: string | undefined) =>
                    !value?.trim() || CALLER_PHONE.test(value.trim())
                      ? undefined
                      : Promise.reject(new Error(t('hotline.callForm.callerPhoneRule'))),
                },
              ]}
            >
              <Input
                maxLength={20}
                inputMode="tel"
                autoComplete="off"
                placeholder={call?.callerPhone || undefined}
                data-testid="call-phone"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="category" label={t('hotline.callForm.category')}>
              <Select
                allowClear
                placeholder={t('hotline.callForm.categoryPlaceholder')}
                options={categories.map((c) => ({ value: c, label: categoryLabel(c) }))}
                data-testid="call-category"
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="summary"
          label={t('hotline.callForm.summary')}
          rules={[{ required: !quiet, whitespace: true, message: t('hotline.callForm.summaryRequired') }]}
        >
          <Input.TextArea
            rows={2}
            maxLength={2000}
            showCount
            placeholder={t('hotline.callForm.summaryPlaceholder')}
            data-testid="call-summary"
          />
        </Form.Item>
        <Form.Item name="answer" label={t('hotline.callForm.answer')}>
          <Input.TextArea
            rows={3}
            maxLength={5000}
            showCount
            placeholder={t('hotline.callForm.answerPlaceholder')}
            data-testid="call-answer"
          />
        </Form.Item>
        {isRequest ? (
          <Alert
            type="info"
            showIcon
            title={t('hotline.callForm.requestKept', { no: formatTrackingNo(call.trackingNo ?? '') })}
            style={{ marginBottom: 16 }}
          />
        ) : (
          <Form.Item
            name="outcome"
            label={t('hotline.callForm.outcome')}
            rules={[{ required: true, message: t('hotline.callForm.outcomeRequired') }]}
            extra={t('hotline.callForm.requestHint')}
          >
            <Radio.Group
              optionType="button"
              options={PICKABLE.map((o) => ({ value: o, label: t(`hotline.outcomes.${o}`) }))}
              data-testid="call-outcome"
            />
          </Form.Item>
        )}
        {outcome === 'transferred' && !isRequest && (
          <Row gutter={16}>
            <Col xs={24} md={14}>
              <Form.Item
                name="target"
                label={t('hotline.callForm.transferredTo')}
                rules={[{ required: true, message: t('hotline.callForm.transferredToRequired') }]}
              >
                <Radio.Group
                  options={[...TRANSFER_TARGETS, 'other' as const].map((v) => ({ value: v, label: t(`hotline.transferTargets.${v}`) }))}
                  data-testid="call-transfer-to"
                />
              </Form.Item>
            </Col>
            {target === 'other' && (
              <Col xs={24} md={10}>
                <Form.Item
                  name="otherAgency"
                  label={t('hotline.callForm.otherAgency')}
                  rules={[{ required: true, whitespace: true, message: t('hotline.callForm.transferredToRequired') }]}
                >
                  <Input maxLength={60} placeholder={t('hotline.callForm.otherAgencyPlaceholder')} data-testid="call-transfer-other" />
                </Form.Item>
              </Col>
            )}
          </Row>
        )}
        {!quiet && (
          <Form.Item name="satisfaction" label={t('hotline.callForm.satisfaction')} extra={t('hotline.callForm.satisfactionHint')}>
            <Rate allowClear data-testid="call-satisfaction" />
          </Form.Item>
        )}
        {error !== undefined && <Alert type="error" showIcon title={errorText(error)} data-testid="call-error" />}
      </Form>
    </Modal>
  );
}
