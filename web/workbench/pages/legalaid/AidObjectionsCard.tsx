import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Form, Input, List, Modal, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../../shared/api/client.js';
import type { AidCase } from '../../../shared/api/legalaid.js';
import { formatDateTime, lastDayOf } from '../../../shared/format.js';
import { useErrorText } from '../../../shared/hooks/useErrorText.js';
import { useCan } from '../../session/useSession.js';
import { AidDue } from './aidLabels.js';

/**
 * 异议 (art. 49) on this case: what was filed and what the bureau decided; a desk may record one the applicant
 * brings in person while a refusal or termination stands and none is under review.
 */
export function AidObjectionsCard({ c, onChanged }: { c: AidCase; onChanged: (updated: AidCase) => void }) {
  const { t, i18n } = useTranslation('workbench');
  const can = useCan();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const pending = c.objections.some((o) => o.decision === null);
  const mayFile = can('legalAid.review') && c.canObject && !pending;
  if (c.objections.length === 0 && !mayFile) return null;

  const file = async ({ grounds }: { grounds: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      const updated = await api.post<AidCase>(`/legal-aid/cases/${c.id}/objections`, { grounds: grounds.trim() });
      setOpen(false);
      message.success(t('aid.objections.filed'));
      onChanged(updated);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      size="small"
      title={t('aid.objections.title')}
      data-testid="aid-objections"
      extra={
        mayFile && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="aid-objection-file">
            {t('aid.objections.file')}
          </Button>
        )
      }
    >
      {c.objections.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t(c.objectionDays === null ? 'aid.objections.noneNoPeriod' : 'aid.objections.none', { days: c.objectionDays })}
        />
      ) : (
        <List
          size="small"
          dataSource={c.objections}
          renderItem={(o) => (
            <List.Item data-testid="aid-objection" data-decision={o.decision ?? ''}>
              <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                <Space wrap size={6}>
                  <Tag>{t(`aid.objections.against.${o.against}`)}</Tag>
                  <Typography.Text type="secondary">
                    {t('aid.objections.filedAt', {
                      time: formatDateTime(o.filedAt, i18n.language),
                      via: o.filedVia === 'portal' ? t('aid.objections.viaPortal') : t('aid.objections.viaDesk'),
                    })}
                  </Typography.Text>
                  {o.decision ? (
                    <Tag color={o.decision === 'correct' ? 'warning' : 'default'}>{t(`aid.objections.decisions.${o.decision}`)}</Tag>
                  ) : (
                    <span>
                      {t('aid.objections.pending')} <AidDue dueAt={o.dueAt} state={o.state} />
                    </span>
                  )}
                </Space>
                <div style={{ whiteSpace: 'pre-line' }}>{o.grounds}</div>
                {o.decisionReason && (
                  <Typography.Text type="secondary">
                    {t('aid.objections.reason', { time: lastDayOf(o.decidedAt), reason: o.decisionReason })}
                  </Typography.Text>
                )}
              </Space>
            </List.Item>
          )}
        />
      )}
      <Modal open={open} title={t('aid.objections.file')} onCancel={() => setOpen(false)} footer={null} destroyOnHidden width={560}>
        <Form<{ grounds: string }> layout="vertical" onFinish={(v) => void file(v)} disabled={busy} data-testid="aid-objection-form">
          <Alert type="info" showIcon title={t('aid.objections.fileHint')} style={{ marginBottom: 16 }} />
          <Form.Item
            name="grounds"
            label={t('aid.objections.grounds')}
            rules={[
              { required: true, whitespace: true, message: t('aid.objections.groundsRequired') },
              { min: 5, message: t('aid.form.atLeast', { n: 5 }) },
            ]}
          >
            <Input.TextArea rows={5} maxLength={5000} showCount data-testid="aid-objection-grounds" />
          </Form.Item>
          {error !== undefined && (
            <Alert
              type="error"
              showIcon
              title={errorText(error)}
              style={{ marginBottom: 16 }}
              data-testid="aid-objection-error"
              data-code={error instanceof ApiError ? error.code : ''}
            />
          )}
          <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
            <Button onClick={() => setOpen(false)}>{t('action.cancel')}</Button>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="aid-objection-ok">
              {t('aid.objections.file')}
            </Button>
          </Space>
        </Form>
      </Modal>
    </Card>
  );
}
