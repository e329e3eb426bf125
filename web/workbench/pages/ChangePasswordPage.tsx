import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../../shared/api/client.js';
import { useErrorText } from '../../shared/hooks/useErrorText.js';
import { useMe, useSession } from '../session/useSession.js';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** The server's rule, checked here first so that the person learns it before sending. */
export const meetsPasswordPolicy = (value: string) => value.length >= 8 && /[A-Za-z]/.test(value) && /[0-9]/.test(value);

export function ChangePasswordPage() {
  const { t } = useTranslation('workbench');
  const me = useMe();
  const { refresh } = useSession();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const submit = async ({ currentPassword, newPassword }: Values) => {
    setBusy(true);
    setError(undefined);
    try {
      await api.post<void>('/me/password', { currentPassword, newPassword });
      await refresh();
      message.success(t('password.success'));
      navigate('/', { replace: true });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('password.title')} style={{ maxWidth: 560 }} data-testid="change-password">
      {me.mustChangePassword && <Alert type="warning" showIcon title={t('password.forcedNotice')} style={{ marginBottom: 24 }} />}
      {error !== undefined && (
        <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 24 }} data-testid="password-error" />
      )}
      <Form<Values> layout="vertical" onFinish={(v) => void submit(v)} disabled={busy}>
        <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true, message: t('password.required') }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('password.next')}
          extra={t('password.policy')}
          rules={[
            { required: true, message: t('password.required') },
            {
              validator: async (_, value: string | undefined) =>
                !value || meetsPasswordPolicy(value) ? undefined : Promise.reject(new Error(t('password.policy'))),
            },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('password.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('password.required') },
            ({ getFieldValue }) => ({
              validator: async (_, value: string | undefined) =>
                !value || value === getFieldValue('newPassword') ? undefined : Promise.reject(new Error(t('password.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="password-submit">
          {t('password.submit')}
        </Button>
      </Form>
    </Card>
  );
}
