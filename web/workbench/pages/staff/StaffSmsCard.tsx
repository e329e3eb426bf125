import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, Select, Space, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../../shared/api/client.js';
import { NOTICE_KINDS, type NoticeKind, type NotifySettings } from '../../../shared/api/notifications.js';
import { useApiData } from '../../../shared/hooks/useApiData.js';
import { useErrorText } from '../../../shared/hooks/useErrorText.js';

interface Values {
  staffSms: boolean;
  kinds: NoticeKind[];
}

/** 工作人员短信提醒: whether the county texts its staff their notices, and which kinds (none chosen: all). County administrators only. */
export function StaffSmsCard() {
  const { t } = useTranslation('workbench');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const settings = useApiData((signal) => api.get<NotifySettings>('/notification-settings', undefined, signal), []);
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>();
  const on = Form.useWatch('staffSms', form);

  useEffect(() => {
    if (settings.data) form.setFieldsValue({ staffSms: settings.data.staffSms, kinds: settings.data.kinds });
  }, [settings.data, form]);

  const save = async (values: Values) => {
    if (!settings.data) return;
    setSaving(true);
    setError(undefined);
    try {
      await api.put<NotifySettings>('/notification-settings', { ...values, kinds: values.kinds ?? [], version: settings.data.version });
      message.success(t('notify.sms.saved'));
      settings.reload();
    } catch (e) {
      setError(e);
      if (e instanceof ApiError && e.code === 'VERSION_CONFLICT') settings.reload();
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title={t('notify.sms.title')} loading={!settings.data && !settings.error} data-testid="staff-sms-card">
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('notify.sms.intro')}</Typography.Text>
        {Boolean(settings.error ?? error) && <Alert type="error" showIcon title={errorText(settings.error ?? error)} />}
        <Form form={form} layout="vertical" onFinish={(v) => void save(v)} disabled={!settings.data}>
          <Form.Item name="staffSms" label={t('notify.sms.staffSms')} valuePropName="checked">
            <Switch checkedChildren={t('notify.sms.on')} unCheckedChildren={t('notify.sms.off')} data-testid="staff-sms-switch" />
          </Form.Item>
          <Form.Item name="kinds" label={t('notify.sms.kinds')}>
            <Select
              mode="multiple"
              allowClear
              disabled={!on}
              placeholder={t('notify.sms.kindsPlaceholder')}
              options={NOTICE_KINDS.map((k) => ({ value: k, label: t(`notify.kinds.${k}`) }))}
              style={{ maxWidth: 560 }}
              data-testid="staff-sms-kinds"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="staff-sms-save">
            {t('notify.sms.save')}
          </Button>
        </Form>
      </Space>
    </Card>
  );
}
