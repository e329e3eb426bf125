import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { ApiError } from '../../shared/api/client.js';
import { Emblem } from '../../shared/Emblem.js';
import { formatDateTime } from '../../shared/format.js';
import { useErrorText } from '../../shared/hooks/useErrorText.js';
import { LanguageButton } from '../components/LanguageButton.js';
import { useSession } from '../session/useSession.js';

interface Credentials {
  username: string;
  password: string;
}

function lockedUntil(error: unknown): string | undefined {
  if (!(error instanceof ApiError) || error.code !== 'ACCOUNT_LOCKED') return undefined;
  const details = error.details as { lockedUntil?: unknown } | undefined;
  return typeof details?.lockedUntil === 'string' ? details.lockedUntil : undefined;
}

export function LoginPage() {
  const { t, i18n } = useTranslation('workbench');
  const { state, login } = useSession();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const from = (location.state as { from?: string } | null)?.from ?? '/';

  if (state.status === 'signedIn' && !busy) return <Navigate to={state.me.mustChangePassword ? '/password' : from} replace />;

  const submit = async ({ username, password }: Credentials) => {
    setBusy(true);
    setError(undefined);
    try {
      const me = await login(username.trim(), password);
      navigate(me.mustChangePassword ? '/password' : from, { replace: true });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const until = lockedUntil(error);
  return (
    <div className="login">
      <Card className="login__card" variant="borderless">
        <div className="login__brand">
          <Emblem />
          <div>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t('brand')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('login.subtitle')}</Typography.Text>
          </div>
        </div>
        <Typography.Title level={5} style={{ margin: '24px 0 16px' }}>
          {t('login.title')}
        </Typography.Title>
        {error !== undefined && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            title={errorText(error)}
            description={until ? t('login.lockedUntil', { time: formatDateTime(until, i18n.language) }) : undefined}
            data-testid="login-error"
          />
        )}
        <Form<Credentials> layout="vertical" size="large" requiredMark={false} onFinish={(v) => void submit(v)} disabled={busy}>
          <Form.Item
            name="username"
            label={t('login.username')}
            rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ margin: '16px 0 0', fontSize: 13 }}>
          {t('login.footer')}
        </Typography.Paragraph>
        <Space style={{ width: '100%', justifyContent: 'space-between', marginTop: 8 }}>
          <Typography.Link href="/">{t('login.backToPortal')}</Typography.Link>
          <LanguageButton />
        </Space>
      </Card>
    </div>
  );
}
