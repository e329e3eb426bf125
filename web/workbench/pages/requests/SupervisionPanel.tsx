import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Form, Input, InputNumber, Modal, Space, Tag, Typography } from 'antd';
import { AlertOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api } from '../../../shared/api/client.js';
import type { ServiceRequest, SupervisionOrder, SupervisionStatus } from '../../../shared/api/types.js';
import { formatDateTime, lastDayOf } from '../../../shared/format.js';
import { useApiData } from '../../../shared/hooks/useApiData.js';
import { useErrorText } from '../../../shared/hooks/useErrorText.js';
import { useCan } from '../../session/useSession.js';

const STATUS_COLORS: Record<SupervisionStatus, string> = { open: 'error', replied: 'processing', closed: 'default' };

type Editing = { kind: 'issue' } | { kind: 'reply'; order: SupervisionOrder };

/**
 * 督办 of one request: supervisors issue an order (an instruction and a number of working days), the person
 * handling the request replies, the supervisor closes it.
 */
export function SupervisionPanel({
  request,
  refreshKey,
  onChanged,
}: {
  request: ServiceRequest;
  refreshKey: number;
  onChanged: () => void;
}) {
  const { t, i18n } = useTranslation('workbench');
  const can = useCan();
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const [editing, setEditing] = useState<Editing>();
  const orders = useApiData(
    (signal) => api.get<SupervisionOrder[]>('/supervision', { requestId: request.id }, signal),
    [request.id, request.version, refreshKey],
  );
  const supervisor = can('requests.supervise');
  const open = request.status !== 'concluded' && request.status !== 'withdrawn';
  if (!supervisor && !orders.data?.length) return null;

  const changed = () => {
    orders.reload();
    onChanged();
  };
  const close = (order: SupervisionOrder) =>
    modal.confirm({
      title: t('supervision.closeConfirm'),
      okText: t('action.ok'),
      cancelText: t('action.cancel'),
      okButtonProps: { ...{ 'data-testid': 'confirm-ok' } },
      onOk: async () => {
        try {
          await api.post<SupervisionOrder>(`/supervision/${order.id}/close`);
          message.success(t('supervision.closed'));
          changed();
        } catch (e) {
          message.error(errorText(e));
        }
      },
    });

  return (
    <Card
      size="small"
      title={
        <span>
          <AlertOutlined style={{ color: '#cf1322' }} /> {t('supervision.title')}
        </span>
      }
      extra={
        supervisor &&
        open && (
          <Button danger size="small" onClick={() => setEditing({ kind: 'issue' })} data-testid="supervise-create">
            {t('supervision.issue')}
          </Button>
        )
      }
      data-testid="supervision-card"
    >
      {orders.error !== undefined && <Alert type="error" showIcon title={errorText(orders.error)} />}
      {orders.data && orders.data.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('supervision.none')} />}
      {orders.data?.map((o) => (
        <div key={o.id} className="supervision-order" data-testid="supervision-order" data-status={o.status}>
          <Space wrap size={4} style={{ width: '100%', justifyContent: 'space-between' }}>
            <Tag color={STATUS_COLORS[o.status]}>{t(`supervision.statuses.${o.status}`)}</Tag>
            <Space size={0}>
              {o.allowedActions.includes('reply') && (
                <Button type="link" size="small" onClick={() => setEditing({ kind: 'reply', order: o })} data-testid="supervision-reply">
                  {t('supervision.reply')}
                </Button>
              )}
              {o.allowedActions.includes('close') && (
                <Button type="link" size="small" onClick={() => close(o)} data-testid="supervision-close">
                  {t('supervision.close')}
                </Button>
              )}
            </Space>
          </Space>
          <div style={{ whiteSpace: 'pre-line', margin: '4px 0' }}>{o.instruction}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('supervision.issuedBy', { name: o.issuedBy, time: formatDateTime(o.createdAt, i18n.language) })}
            {' · '}
            {t('supervision.dueBy', { day: lastDayOf(o.dueAt) })}
          </Typography.Text>
          {o.reply && (
            <div className="supervision-order__reply">
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('supervision.replyAt', { time: formatDateTime(o.repliedAt, i18n.language) })}
              </Typography.Text>
              <div style={{ whiteSpace: 'pre-line' }}>{o.reply}</div>
            </div>
          )}
        </div>
      ))}
      <SupervisionModal
        request={request}
        editing={editing}
        onClose={() => setEditing(undefined)}
        onDone={() => {
          setEditing(undefined);
          changed();
        }}
      />
    </Card>
  );
}

interface ModalProps {
  request: ServiceRequest;
  editing: Editing | undefined;
  onClose: () => void;
  onDone: () => void;
}

function SupervisionModal({ request, editing, onClose, onDone }: ModalProps) {
  const { t } = useTranslation('workbench');
  return (
    <Modal
      open={editing !== undefined}
      title={editing?.kind === 'reply' ? t('supervision.replyTitle') : t('supervision.issueTitle')}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
    >
      {editing && <SupervisionForm request={request} editing={editing} onClose={onClose} onDone={onDone} />}
    </Modal>
  );
}

function SupervisionForm({ request, editing, onClose, onDone }: Omit<ModalProps, 'editing'> & { editing: Editing }) {
  const { t } = useTranslation('workbench');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const submit = async (v: { instruction?: string; days?: number; reply?: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      if (editing.kind === 'issue') {
        await api.post<SupervisionOrder>(`/requests/${request.id}/supervision`, { instruction: v.instruction?.trim(), days: v.days });
        message.success(t('supervision.issued'));
      } else {
        await api.post<SupervisionOrder>(`/supervision/${editing.order.id}/reply`, { reply: v.reply?.trim() });
        message.success(t('supervision.replied'));
      }
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const rules = (required: string) => [
    { required: true, whitespace: true, message: required },
    { min: 2, message: t('requests.form.atLeast2') },
  ];
  return (
    <Form layout="vertical" onFinish={(v) => void submit(v)} disabled={busy} initialValues={{ days: 3 }} data-testid="supervision-form">
      {editing.kind === 'issue' ? (
        <>
          <Form.Item name="instruction" label={t('supervision.instruction')} rules={rules(t('supervision.instructionRequired'))}>
            <Input.TextArea rows={4} maxLength={1000} showCount data-testid="supervise-instruction" />
          </Form.Item>
          <Form.Item name="days" label={t('supervision.days')} extra={t('supervision.daysHint')} rules={[{ required: true }]}>
            <InputNumber min={1} max={60} precision={0} suffix={t('supervision.workingDays')} data-testid="supervise-days" />
          </Form.Item>
        </>
      ) : (
        <>
          <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-line' }}>
            {editing.order.instruction}
          </Typography.Paragraph>
          <Form.Item name="reply" label={t('supervision.replyText')} rules={rules(t('supervision.replyRequired'))}>
            <Input.TextArea rows={4} maxLength={2000} showCount data-testid="supervision-reply-text" />
          </Form.Item>
        </>
      )}
      {error !== undefined && <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 16 }} />}
      <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
        <Button onClick={onClose}>{t('action.cancel')}</Button>
        <Button type="primary" danger={editing.kind === 'issue'} htmlType="submit" loading={busy} data-testid="supervise-ok">
          {editing.kind === 'issue' ? t('supervision.issue') : t('supervision.reply')}
        </Button>
      </Space>
    </Form>
  );
}
