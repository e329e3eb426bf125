import { useState } from 'react';
import { Alert, Button, Space, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../../shared/api/client.js';
import { useErrorText } from '../../shared/hooks/useErrorText.js';

/**
 * A desk form that makes a record and then opens it (受理登记, 法律援助窗口申请): `create` sends the record and
 * goes to its page, told that it was just made; a refusal stays on the form, as `error`, to be corrected.
 */
export function useCreateThenOpen<T extends { id: string }>(path: string, pageOf: (created: T) => string) {
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const create = async (body: unknown) => {
    setBusy(true);
    setError(undefined);
    try {
      const created = await api.post<T>(path, body);
      navigate(pageOf(created), { replace: true, state: { created: true } });
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  return { error, busy, create };
}

interface ActionsProps {
  form: FormInstance;
  error: unknown;
  busy: boolean;
  submitText: string;
  /** `<testId>-error`, `<testId>-submit` */
  testId: string;
}

/** The foot of such a form: what the server refused, then submit and reset. */
export function CreateFormActions({ form, error, busy, submitText, testId }: ActionsProps) {
  const { t } = useTranslation('workbench');
  const errorText = useErrorText();
  return (
    <>
      {error !== undefined && (
        <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 16 }} data-testid={`${testId}-error`} />
      )}
      <Space>
        <Button type="primary" htmlType="submit" loading={busy} data-testid={`${testId}-submit`}>
          {submitText}
        </Button>
        <Button onClick={() => form.resetFields()}>{t('action.reset')}</Button>
      </Space>
    </>
  );
}
