import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api } from '../../../shared/api/client.js';
import type { CitizenExportBody } from '../../../shared/api/privacy.js';
import { useErrorText } from '../../../shared/hooks/useErrorText.js';

interface Values {
  phone?: string;
  idNumber?: string;
  reason: string;
}

/** 个人信息查阅复制: the citizen's phone and/or ID number and the reason → their records as an .xlsx (audited). */
export function CitizenExportCard() {
  const { t } = useTranslation('workbench');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const submit = async (v: Values) => {
    const body: CitizenExportBody = { reason: v.reason.trim() };
    if (v.phone?.trim()) body.phone = v.phone.trim();
    if (v.idNumber?.trim()) body.idNumber = v.idNumber.trim().toUpperCase();
    setBusy(true);
    setError(undefined);
    try {
      const file = await api.postForFile('/privacy/citizen-export', body);
      const url = URL.createObjectURL(file);
      const a = document.createElement('a');
      a.href = url;
      a.download = t('privacy.export.fileName');
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
      message.success(t('privacy.export.done'));
      // the numbers leave the screen once the file is made
      form.resetFields();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const eitherOne = ({ getFieldValue }: { getFieldValue: (name: keyof Values) => unknown }) => ({
    validator: () =>
      String(getFieldValue('phone') ?? '').trim() || String(getFieldValue('idNumber') ?? '').trim()
        ? Promise.resolve()
        : Promise.reject(new Error(t('privacy.export.needOne'))),
  });

  return (
    <Card size="small" title={t('privacy.export.title')} data-testid="privacy-export">
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('privacy.export.intro')}
      </Typography.Paragraph>
      {error !== undefined && (
        <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 12 }} data-testid="export-error" />
      )}
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)} style={{ maxWidth: 640 }} autoComplete="off">
        <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
          <Form.Item
            name="phone"
            label={t('privacy.export.phone')}
            dependencies={['idNumber']}
            rules={[eitherOne, { pattern: /^[0-9+\- ]{5,20}$/, message: t('privacy.export.phoneInvalid') }]}
            style={{ flex: '1 1 200px' }}
          >
            <Input inputMode="tel" maxLength={20} data-testid="export-phone" />
          </Form.Item>
          <Form.Item
            name="idNumber"
            label={t('privacy.export.idNumber')}
            dependencies={['phone']}
            rules={[eitherOne, { pattern: /^[0-9]{17}[0-9Xx]$/, message: t('privacy.export.idInvalid') }]}
            style={{ flex: '1 1 240px' }}
          >
            <Input maxLength={18} data-testid="export-id-number" />
          </Form.Item>
        </div>
        <Form.Item
          name="reason"
          label={t('privacy.export.reason')}
          rules={[{ required: true, whitespace: true, min: 4, message: t('privacy.export.reasonRequired') }]}
        >
          <Input.TextArea
            rows={2}
            maxLength={500}
            showCount
            placeholder={t('privacy.export.reasonPlaceholder')}
            data-testid="export-reason"
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" icon={<DownloadOutlined />} loading={busy} data-testid="export-submit">
          {t('privacy.export.submit')}
        </Button>
      </Form>
    </Card>
  );
}
