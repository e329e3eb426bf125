import { useLayoutEffect, useState } from 'react';
import { Alert, App, Button, Col, Form, Input, Modal, Result, Row, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, ApiError } from '../../../shared/api/client.js';
import type { CallToRequestBody, HotlineCall } from '../../../shared/api/hotline.js';
import type { ServiceItem } from '../../../shared/api/types.js';
import { formatDateTime } from '../../../shared/format.js';
import { useApiData } from '../../../shared/hooks/useApiData.js';
import { useErrorText } from '../../../shared/hooks/useErrorText.js';
import { formatTrackingNo, normalizePhone } from '../../../shared/tracking.js';
import { phoneRule, requiredText } from '../../components/formRules.js';
import { RegionCascader, regionCodeOf, regionPath } from '../../components/RegionCascader.js';
import { useMe } from '../../session/useSession.js';

interface Values {
  serviceItem: string;
  name: string;
  phone?: string;
  region: string[];
  description: string;
}

const initialDescription = (call: HotlineCall) => [call.summary, call.answer].filter((s) => s.trim()).join('\n');

interface Props {
  call: HotlineCall | undefined;
  onClose: () => void;
  /** the call as it is now (linked), after the request was made */
  onDone: (call: HotlineCall) => void;
  onStale: () => void;
}

/** 转为服务申请: a call that needs more than an answer becomes a request on the hotline channel; the tracking number shows. */
export function CallRequestModal({ call, onClose, onDone, onStale }: Props) {
  const { t, i18n } = useTranslation('workbench');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [made, setMade] = useState<HotlineCall>();
  const items = useApiData((signal) => api.get<ServiceItem[]>('/service-items', undefined, signal), []);
  const offered = (items.data ?? []).filter((i) => i.active && i.channels.includes('hotline'));
  const knownNumber = !!call?.callerPhone;
  // each call starts afresh: its summary as the description
  useLayoutEffect(() => {
    if (!call) return;
    form.resetFields();
    form.setFieldsValue({ region: regionPath(me.regionCode), description: initialDescription(call) });
    setError(undefined);
  }, [call, form, me.regionCode]);

  const submit = async (v: Values) => {
    if (!call) return;
    const phone = v.phone?.trim();
    const body: CallToRequestBody = {
      version: call.version,
      serviceItem: v.serviceItem,
      name: v.name.trim(),
      ...(phone && { phone: normalizePhone(phone) }),
      regionCode: regionCodeOf(v.region, me.regionCode),
      description: v.description.trim(),
    };
    setBusy(true);
    setError(undefined);
    try {
      const linked = await api.post<HotlineCall>(`/hotline/calls/${call.id}/request`, body);
      setMade(linked);
      onDone(linked);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        void message.warning(t('hotline.conflict'));
        onStale();
      } else setError(e);
    } finally {
      setBusy(false);
    }
  };

  const close = () => {
    setMade(undefined);
    onClose();
  };

  return (
    <Modal
      open={!!call}
      title={t('hotline.requestForm.title')}
      width={720}
      onCancel={close}
      destroyOnHidden
      footer={
        made
          ? [
              <Button key="close" onClick={close} data-testid="call-request-close">
                {t('hotline.requestForm.close')}
              </Button>,
            ]
          : [
              <Button key="cancel" onClick={close}>
                {t('action.cancel')}
              </Button>,
              <Button key="ok" type="primary" loading={busy} onClick={() => form.submit()} data-testid="call-request-submit">
                {t('hotline.requestForm.submit')}
              </Button>,
            ]
      }
    >
      {made?.trackingNo ? (
        <Result
          status="success"
          title={t('hotline.requestForm.done')}
          subTitle={t('hotline.requestForm.doneText', { no: formatTrackingNo(made.trackingNo) })}
          extra={
            <div data-testid="call-request-done">
              <Typography.Title
                level={3}
                className="mono"
                copyable={{ text: made.trackingNo }}
                data-testid="call-request-tracking-no"
                data-tracking-no={made.trackingNo}
              >
                {formatTrackingNo(made.trackingNo)}
              </Typography.Title>
              <Link to={`/requests/${made.requestId}`} data-testid="call-request-open">
                {t('hotline.requestForm.open')}
              </Link>
            </div>
          }
        />
      ) : (
        call && (
          <Form<Values>
            form={form}
            layout="vertical"
            disabled={busy}
            onFinish={(v) => void submit(v)}
            initialValues={{ region: regionPath(me.regionCode), description: initialDescription(call) }}
            data-testid="call-request-form"
          >
            <Typography.Paragraph type="secondary">
              {t('hotline.requestForm.callInfo', {
                time: formatDateTime(call.startedAt, i18n.language),
                phone: call.callerPhone || t('hotline.calls.noNumber'),
              })}
            </Typography.Paragraph>
            <Form.Item
              name="serviceItem"
              label={t('hotline.requestForm.serviceItem')}
              rules={[{ required: true, message: t('hotline.requestForm.serviceItemRequired') }]}
            >
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                loading={items.loading}
                placeholder={t('hotline.requestForm.serviceItemPlaceholder')}
                options={offered.map((i) => ({ value: i.code, label: i.name }))}
                data-testid="call-request-item"
              />
            </Form.Item>
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item
                  name="name"
                  label={t('hotline.requestForm.name')}
                  rules={requiredText(t('hotline.requestForm.nameRequired'), 40)}
                >
                  <Input maxLength={40} autoComplete="off" data-testid="call-request-name" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  name="phone"
                  label={t('hotline.requestForm.phone')}
                  extra={knownNumber ? t('hotline.requestForm.phoneDefault', { phone: call.callerPhone }) : undefined}
                  rules={[
                    { required: !knownNumber, message: t('hotline.requestForm.phoneRequired') },
                    phoneRule(t('hotline.requestForm.phoneRule'), true),
                  ]}
                >
                  <Input
                    maxLength={20}
                    inputMode="tel"
                    autoComplete="off"
                    placeholder={call.callerPhone || undefined}
                    data-testid="call-request-phone"
                  />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item
              name="region"
              label={t('hotline.requestForm.region')}
              rules={[{ required: true, message: t('hotline.requestForm.regionRequired') }]}
            >
              <RegionCascader placeholder={t('hotline.requestForm.regionPlaceholder')} data-testid="call-request-region" />
            </Form.Item>
            <Form.Item
              name="description"
              label={t('hotline.requestForm.description')}
              rules={[
                { required: true, whitespace: true, message: t('hotline.requestForm.descriptionRequired') },
                { min: 5, message: t('hotline.requestForm.descriptionMin') },
              ]}
            >
              <Input.TextArea rows={5} maxLength={5000} showCount data-testid="call-request-description" />
            </Form.Item>
            {error !== undefined && <Alert type="error" showIcon title={errorText(error)} data-testid="call-request-error" />}
          </Form>
        )
      )}
    </Modal>
  );
}
