import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, Space, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../../shared/api/client.js';
import type { RegionDetail } from '../../../shared/api/types.js';
import { useApiData } from '../../../shared/hooks/useApiData.js';
import { useErrorText } from '../../../shared/hooks/useErrorText.js';
import { useLabels } from '../../../shared/labels.js';
import { useCan } from '../../session/useSession.js';

interface Props {
  code: string;
  onRenamed: () => void;
  onOpen: (code: string) => void;
}

interface Names {
  name: string;
  shortName: string;
}

export function RegionDetailPanel({ code, onRenamed, onOpen }: Props) {
  const { t } = useTranslation('workbench');
  const labels = useLabels();
  const can = useCan();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [form] = Form.useForm<Names>();
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>();
  const detail = useApiData((signal) => api.get<RegionDetail>(`/regions/${code}`, undefined, signal), [code]);
  const region = detail.data;

  useEffect(() => {
    setSaveError(undefined);
    if (region) form.setFieldsValue({ name: region.name, shortName: region.shortName });
  }, [region, form]);

  const save = async (values: Names) => {
    setSaving(true);
    setSaveError(undefined);
    try {
      await api.patch<RegionDetail>(`/regions/${code}`, { name: values.name.trim(), shortName: values.shortName.trim() });
      message.success(t('regions.saved'));
      detail.reload();
      onRenamed();
    } catch (e) {
      setSaveError(e);
    } finally {
      setSaving(false);
    }
  };

  if (detail.error !== undefined) return <Alert type="error" showIcon title={errorText(detail.error)} />;
  if (!region) return <Spin />;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card title={t('regions.detail')} data-testid="region-detail">
        <Descriptions column={{ xs: 1, lg: 2 }} bordered size="small">
          <Descriptions.Item label={t('regions.name')}>{region.name}</Descriptions.Item>
          <Descriptions.Item label={t('regions.shortName')}>{region.shortName}</Descriptions.Item>
          <Descriptions.Item label={t('regions.code')}>
            <Typography.Text copyable className="mono">
              {region.code}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('regions.fullCode')}>
            <span className="mono">{region.fullCode}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('regions.level')}>{labels.level(region.level)}</Descriptions.Item>
          <Descriptions.Item label={t('regions.type')}>{region.type}</Descriptions.Item>
          <Descriptions.Item label={t('regions.parent')}>{region.parent?.name ?? t('table.none')}</Descriptions.Item>
          <Descriptions.Item label={t('regions.children')}>
            {t('regions.childrenCount', { count: region.children.length })}
          </Descriptions.Item>
        </Descriptions>
        {region.children.length > 0 && (
          <div style={{ marginTop: 12 }}>
            {region.children.map((c) => (
              <Tag key={c.code} style={{ marginBottom: 6, cursor: 'pointer' }} onClick={() => onOpen(c.code)}>
                {c.level === 'village' ? c.shortName : c.name}
              </Tag>
            ))}
          </div>
        )}
      </Card>
      <Card title={t('regions.rename')}>
        {!can('org.manage') ? (
          <Alert type="info" showIcon title={t('regions.readOnly')} />
        ) : (
          <Form<Names>
            form={form}
            layout="vertical"
            onFinish={(v) => void save(v)}
            disabled={saving}
            style={{ maxWidth: 480 }}
            data-testid="region-rename-form"
          >
            {saveError !== undefined && <Alert type="error" showIcon title={errorText(saveError)} style={{ marginBottom: 16 }} />}
            <Form.Item
              name="name"
              label={t('regions.name')}
              rules={[{ required: true, whitespace: true, max: 60, message: t('regions.nameRequired') }]}
            >
              <Input maxLength={60} />
            </Form.Item>
            <Form.Item
              name="shortName"
              label={t('regions.shortName')}
              rules={[{ required: true, whitespace: true, max: 60, message: t('regions.nameRequired') }]}
            >
              <Input maxLength={60} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={saving} data-testid="region-save">
              {t('action.save')}
            </Button>
          </Form>
        )}
      </Card>
    </Space>
  );
}
