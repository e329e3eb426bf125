import { Button, Checkbox, Form, Input, InputNumber, Space, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Site, SitePatch } from '../../../shared/api/types.js';
import { FACILITIES, isFacility, useLabels, type Facility } from '../../../shared/labels.js';

export interface SiteValues {
  name: string;
  address: string;
  openingHours: string;
  phone: string;
  latitude: number | null;
  longitude: number | null;
  facilities: Facility[];
  description: string;
  isPublic: boolean;
}

const toValues = (s: Site): SiteValues => ({
  name: s.name,
  address: s.address,
  openingHours: s.openingHours,
  phone: s.phone,
  latitude: s.latitude,
  longitude: s.longitude,
  facilities: s.facilities.filter(isFacility),
  description: s.description,
  isPublic: s.isPublic,
});

/** Only what the editor changed goes to the server, so that the audit log shows the real change. */
export function siteChanges(site: Site, values: SiteValues): Omit<SitePatch, 'version'> {
  const before = toValues(site);
  const patch: Omit<SitePatch, 'version'> = {};
  for (const key of ['name', 'address', 'openingHours', 'phone', 'description'] as const) {
    const value = (values[key] ?? '').trim();
    if (value !== before[key]) patch[key] = value;
  }
  const latitude = values.latitude ?? null;
  const longitude = values.longitude ?? null;
  if (latitude !== before.latitude) patch.latitude = latitude;
  if (longitude !== before.longitude) patch.longitude = longitude;
  if (values.isPublic !== before.isPublic) patch.isPublic = values.isPublic;
  const facilities = FACILITIES.filter((f) => values.facilities.includes(f));
  if (facilities.join() !== FACILITIES.filter((f) => before.facilities.includes(f)).join()) patch.facilities = facilities;
  return patch;
}

interface Props {
  site: Site;
  saving: boolean;
  /** true after a version conflict: saving again would fail the same way until the site is reloaded */
  blocked: boolean;
  onSubmit: (values: SiteValues) => void;
  onCancel: () => void;
}

/** The edit form of one version of a site. Its parent remounts it (by key) when a newer version loads. */
export function SiteEditForm({ site, saving, blocked, onSubmit, onCancel }: Props) {
  const { t } = useTranslation('workbench');
  const labels = useLabels();
  return (
    <Form<SiteValues> initialValues={toValues(site)} layout="vertical" onFinish={onSubmit} disabled={saving} data-testid="site-form">
      <Form.Item name="name" label={t('sites.name')} rules={[{ required: true, whitespace: true, min: 2, max: 80 }]}>
        <Input maxLength={80} />
      </Form.Item>
      <Form.Item name="address" label={t('sites.address')} rules={[{ max: 200 }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="openingHours" label={t('sites.openingHours')} rules={[{ max: 200 }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="phone" label={t('sites.phone')} rules={[{ pattern: /^[0-9+\- ()]{0,30}$/, message: t('sites.phoneInvalid') }]}>
        <Input maxLength={30} inputMode="tel" />
      </Form.Item>
      <Space size={16} wrap>
        <Form.Item name="latitude" label={t('sites.latitude')}>
          <InputNumber min={-90} max={90} step={0.000001} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="longitude" label={t('sites.longitude')}>
          <InputNumber min={-180} max={180} step={0.000001} style={{ width: 200 }} />
        </Form.Item>
      </Space>
      <Form.Item name="facilities" label={t('sites.facilities')}>
        <Checkbox.Group options={FACILITIES.map((f) => ({ value: f, label: labels.facility(f) }))} data-testid="site-facilities" />
      </Form.Item>
      <Form.Item name="description" label={t('sites.description')} rules={[{ max: 2000 }]}>
        <Input.TextArea rows={4} maxLength={2000} showCount />
      </Form.Item>
      <Form.Item name="isPublic" label={t('sites.isPublic')} valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.Item style={{ marginBottom: 0 }}>
        <Space>
          <Button type="primary" htmlType="submit" loading={saving} disabled={blocked} data-testid="site-save">
            {t('action.save')}
          </Button>
          <Button onClick={onCancel}>{t('action.cancel')}</Button>
        </Space>
      </Form.Item>
    </Form>
  );
}
