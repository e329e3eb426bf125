import { Card, Col, Form, Input, Radio, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../../shared/api/client.js';
import type { DeskIntake, ServiceItem, ServiceRequest } from '../../../shared/api/types.js';
import { useApiData } from '../../../shared/hooks/useApiData.js';
import { DESK_CHANNELS, useLabels, type Channel } from '../../../shared/labels.js';
import { normalizePhone } from '../../../shared/tracking.js';
import { CreateFormActions, useCreateThenOpen } from '../../components/CreateForm.js';
import { RegionCascader, regionCodeOf, regionPath } from '../../components/RegionCascader.js';
import { idNumberRule, requiredText, phoneRule } from '../../components/formRules.js';
import { useMe } from '../../session/useSession.js';
import { ServiceGuideCard } from './ServiceGuideCard.js';

interface Values {
  channel: Channel;
  serviceItem: string;
  name: string;
  phone: string;
  idNumber?: string;
  address?: string;
  region: string[];
  description: string;
}

/** 受理登记: a request taken at the desk, on the 12348 line or from a letter; the taker is its first responder. */
export function IntakePage() {
  const { t } = useTranslation('workbench');
  const labels = useLabels();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const { error, busy, create } = useCreateThenOpen<ServiceRequest>('/requests', (created) => `/requests/${created.id}`);
  const items = useApiData((signal) => api.get<ServiceItem[]>('/service-items', undefined, signal), []);
  const channel = Form.useWatch('channel', form) ?? 'walk_in';
  const itemCode = Form.useWatch('serviceItem', form);
  const offered = (items.data ?? []).filter((i) => i.channels.includes(channel));
  const item = items.data?.find((i) => i.code === itemCode);

  const submit = (v: Values) => {
    const body: DeskIntake = {
      channel: v.channel,
      serviceItem: v.serviceItem,
      name: v.name.trim(),
      phone: normalizePhone(v.phone.trim()),
      regionCode: regionCodeOf(v.region, me.regionCode),
      description: v.description.trim(),
      ...(v.idNumber?.trim() && { idNumber: v.idNumber.trim().toUpperCase() }),
      ...(v.address?.trim() && { address: v.address.trim() }),
    };
    void create(body);
  };

  return (
    <Row gutter={[16, 16]} data-testid="intake-page">
      <Col xs={24} xl={14}>
        <Card title={t('intake.title')}>
          <Form<Values>
            form={form}
            layout="vertical"
            initialValues={{ channel: 'walk_in', region: regionPath(me.regionCode) }}
            onFinish={submit}
            disabled={busy}
            data-testid="intake-form"
          >
            <Form.Item name="channel" label={t('requests.channel')} rules={[{ required: true }]}>
              <Radio.Group
                optionType="button"
                options={DESK_CHANNELS.map((c) => ({ value: c, label: labels.channel(c) }))}
                onChange={() => {
                  // an item the new channel does not offer cannot stay chosen
                  const code = form.getFieldValue('serviceItem') as string | undefined;
                  const next = form.getFieldValue('channel') as Channel;
                  if (code && !items.data?.find((i) => i.code === code)?.channels.includes(next))
                    form.setFieldValue('serviceItem', undefined);
                }}
                data-testid="intake-channel"
              />
            </Form.Item>
            <Form.Item name="serviceItem" label={t('requests.serviceItem')} rules={[{ required: true, message: t('intake.itemRequired') }]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                loading={items.loading}
                placeholder={t('intake.itemPlaceholder')}
                options={offered.map((i) => ({ value: i.code, label: i.name }))}
                data-testid="intake-item"
              />
            </Form.Item>
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item name="name" label={t('intake.name')} rules={requiredText(t('intake.nameRequired'), 40)}>
                  <Input maxLength={40} autoComplete="off" data-testid="intake-name" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  name="phone"
                  label={t('intake.phone')}
                  rules={[{ required: true, message: t('intake.phoneRequired') }, phoneRule(t('staff.phoneRule'))]}
                >
                  <Input maxLength={20} inputMode="tel" autoComplete="off" data-testid="intake-phone" />
                </Form.Item>
              </Col>
            </Row>
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item
                  name="idNumber"
                  label={t('intake.idNumber')}
                  extra={t('intake.idNumberHint')}
                  rules={[idNumberRule(t('intake.idNumberInvalid'))]}
                >
                  <Input maxLength={18} autoComplete="off" className="mono" data-testid="intake-id-number" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="region" label={t('intake.region')} rules={[{ required: true, message: t('intake.regionRequired') }]}>
                  <RegionCascader placeholder={t('intake.regionPlaceholder')} data-testid="intake-region" />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="address" label={t('intake.address')} rules={[{ max: 200 }]}>
              <Input maxLength={200} autoComplete="off" data-testid="intake-address" />
            </Form.Item>
            <Form.Item
              name="description"
              label={t('intake.description')}
              rules={[
                { required: true, whitespace: true, message: t('intake.descriptionRequired') },
                { min: 5, message: t('intake.descriptionMin') },
              ]}
            >
              <Input.TextArea
                rows={5}
                maxLength={5000}
                showCount
                placeholder={t('intake.descriptionPlaceholder')}
                data-testid="intake-description"
              />
            </Form.Item>
            <CreateFormActions form={form} error={error} busy={busy} submitText={t('intake.submit')} testId="intake" />
          </Form>
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <div className="intake-guide">
          <ServiceGuideCard item={item} />
        </div>
      </Col>
    </Row>
  );
}
