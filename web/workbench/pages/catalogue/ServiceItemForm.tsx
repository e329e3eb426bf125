import { Button, Checkbox, Col, Divider, Form, Input, InputNumber, Radio, Row, Space, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Channel, ServiceItem, ServiceItemPatch, SiteLevel, TimeUnit } from '../../../shared/api/types.js';
import { CHANNELS, SITE_LEVELS, useLabels } from '../../../shared/labels.js';

export interface ServiceItemValues {
  name: string;
  summary: string;
  handlingUnit: string;
  unit: TimeUnit;
  days: number;
  dueSoonDays: number;
  levels: SiteLevel[];
  channels: Channel[];
  who: string;
  /** one per line */
  materials: string;
  /** one per line */
  steps: string;
  fees: string;
  where: string;
  basis: string;
  active: boolean;
}

const lines = (text: string | undefined) =>
  (text ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

const toValues = (i: ServiceItem): ServiceItemValues => ({
  name: i.name,
  summary: i.summary,
  handlingUnit: i.handlingUnit,
  unit: i.timeLimit.unit,
  days: i.timeLimit.days,
  dueSoonDays: i.timeLimit.dueSoonDays,
  levels: i.levels,
  channels: i.channels,
  who: i.guide.who,
  materials: i.guide.materials.join('\n'),
  steps: i.guide.steps.join('\n'),
  fees: i.guide.fees,
  where: i.guide.where,
  basis: i.guide.basis,
  active: i.active,
});

/** Only what the editor changed goes to the server, so that the audit log shows the real change. */
export function serviceItemChanges(item: ServiceItem, v: ServiceItemValues): Omit<ServiceItemPatch, 'version'> {
  const patch: Omit<ServiceItemPatch, 'version'> = {};
  for (const key of ['name', 'summary', 'handlingUnit'] as const) {
    const value = (v[key] ?? '').trim();
    if (value !== item[key]) patch[key] = value;
  }
  const timeLimit = { unit: v.unit, days: v.days, dueSoonDays: v.dueSoonDays };
  if (JSON.stringify(timeLimit) !== JSON.stringify(item.timeLimit)) patch.timeLimit = timeLimit;
  const levels = SITE_LEVELS.filter((l) => v.levels.includes(l));
  if (levels.join() !== SITE_LEVELS.filter((l) => item.levels.includes(l)).join()) patch.levels = levels;
  const channels = CHANNELS.filter((c) => v.channels.includes(c));
  if (channels.join() !== CHANNELS.filter((c) => item.channels.includes(c)).join()) patch.channels = channels;
  const guide = {
    who: v.who.trim(),
    materials: lines(v.materials),
    steps: lines(v.steps),
    fees: v.fees.trim(),
    where: v.where.trim(),
    basis: v.basis.trim(),
  };
  if (JSON.stringify(guide) !== JSON.stringify(item.guide)) patch.guide = guide;
  if (v.active !== item.active) patch.active = v.active;
  return patch;
}

const listRule = (max: number, message: string) => ({
  validator: async (_: unknown, value: string | undefined) => {
    const items = lines(value);
    if (items.length > 30 || items.some((l) => l.length > max)) throw new Error(message);
  },
});

interface Props {
  item: ServiceItem;
  saving: boolean;
  blocked: boolean;
  onSubmit: (values: ServiceItemValues) => void;
  onCancel: () => void;
}

/** The edit form of one version of an item. Its parent remounts it (by key) when a newer version loads. */
export function ServiceItemForm({ item, saving, blocked, onSubmit, onCancel }: Props) {
  const { t } = useTranslation('workbench');
  const labels = useLabels();
  return (
    <Form<ServiceItemValues>
      initialValues={toValues(item)}
      layout="vertical"
      onFinish={onSubmit}
      disabled={saving}
      data-testid="catalogue-form"
    >
      <Form.Item name="name" label={t('catalogue.name')} rules={[{ required: true, whitespace: true, min: 2, max: 40 }]}>
        <Input maxLength={40} />
      </Form.Item>
      <Form.Item name="summary" label={t('catalogue.summary')} rules={[{ max: 500 }]}>
        <Input.TextArea rows={2} maxLength={500} showCount />
      </Form.Item>
      <Form.Item name="handlingUnit" label={t('catalogue.handlingUnit')} rules={[{ max: 100 }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Row gutter={16}>
        <Col span={10}>
          <Form.Item name="unit" label={t('catalogue.unit')}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'working', label: t('catalogue.units.working') },
                { value: 'calendar', label: t('catalogue.units.calendar') },
              ]}
            />
          </Form.Item>
        </Col>
        <Col span={7}>
          <Form.Item name="days" label={t('catalogue.days')} extra={t('catalogue.daysHint')} rules={[{ required: true }]}>
            <InputNumber min={0} max={365} precision={0} style={{ width: '100%' }} data-testid="catalogue-days" />
          </Form.Item>
        </Col>
        <Col span={7}>
          <Form.Item name="dueSoonDays" label={t('catalogue.dueSoonDays')} rules={[{ required: true }]}>
            <InputNumber min={0} max={60} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="levels"
        label={t('catalogue.levels')}
        rules={[{ required: true, type: 'array', min: 1, message: t('catalogue.levelsRequired') }]}
      >
        <Checkbox.Group options={SITE_LEVELS.map((l) => ({ value: l, label: t(`catalogue.levelNames.${l}`) }))} />
      </Form.Item>
      <Form.Item
        name="channels"
        label={t('catalogue.channels')}
        rules={[{ required: true, type: 'array', min: 1, message: t('catalogue.channelsRequired') }]}
      >
        <Checkbox.Group options={CHANNELS.map((c) => ({ value: c, label: labels.channel(c) }))} />
      </Form.Item>
      <Divider titlePlacement="start" plain>
        {t('catalogue.guide')}
      </Divider>
      <Form.Item name="who" label={t('catalogue.who')} rules={[{ max: 500 }]}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
      <Form.Item
        name="materials"
        label={t('catalogue.materials')}
        extra={t('catalogue.onePerLine')}
        rules={[listRule(200, t('catalogue.listRule'))]}
      >
        <Input.TextArea rows={4} />
      </Form.Item>
      <Form.Item
        name="steps"
        label={t('catalogue.steps')}
        extra={t('catalogue.onePerLine')}
        rules={[listRule(200, t('catalogue.listRule'))]}
      >
        <Input.TextArea rows={4} />
      </Form.Item>
      <Form.Item name="fees" label={t('catalogue.fees')} rules={[{ max: 300 }]}>
        <Input maxLength={300} />
      </Form.Item>
      <Form.Item name="where" label={t('catalogue.where')} rules={[{ max: 300 }]}>
        <Input maxLength={300} />
      </Form.Item>
      <Form.Item name="basis" label={t('catalogue.basis')} rules={[{ max: 300 }]}>
        <Input maxLength={300} />
      </Form.Item>
      <Form.Item name="active" label={t('catalogue.active')} valuePropName="checked" extra={t('catalogue.activeHint')}>
        <Switch />
      </Form.Item>
      <Form.Item style={{ marginBottom: 0 }}>
        <Space>
          <Button type="primary" htmlType="submit" loading={saving} disabled={blocked} data-testid="catalogue-save">
            {t('action.save')}
          </Button>
          <Button onClick={onCancel}>{t('action.cancel')}</Button>
        </Space>
      </Form.Item>
    </Form>
  );
}
