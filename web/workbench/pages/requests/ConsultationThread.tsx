import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Input, Space, Spin, Tooltip, Typography } from 'antd';
import { BookOutlined, MessageOutlined, SendOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../../../shared/api/client.js';
import { FOLLOW_UP_DAYS, type KbEntry, type StaffThread } from '../../../shared/api/knowledge-admin.js';
import type { ServiceRequest } from '../../../shared/api/types.js';
import { formatDateTime } from '../../../shared/format.js';
import { useApiData } from '../../../shared/hooks/useApiData.js';
import { useErrorText } from '../../../shared/hooks/useErrorText.js';
import { useCan } from '../../session/useSession.js';

const MAX_REPLY = 5000;

/**
 * 咨询往来 of an online consultation: the citizen's follow-up questions and the further answers, a reply box for
 * the person handling it while the follow-up period is open, and — once answered — 整理为问答 (an anonymised Q&A
 * draft for review). Nothing for other service items.
 */
export function ConsultationThread({
  request,
  refreshKey,
  onChanged,
}: {
  request: ServiceRequest;
  refreshKey: number;
  onChanged: () => void;
}) {
  const consultation = request.serviceItem === 'consultation';
  if (!consultation) return null;
  return <Thread request={request} refreshKey={refreshKey} onChanged={onChanged} />;
}

function Thread({ request, refreshKey, onChanged }: { request: ServiceRequest; refreshKey: number; onChanged: () => void }) {
  const { t, i18n } = useTranslation('workbench');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const can = useCan();
  const navigate = useNavigate();
  const [reply, setReply] = useState('');
  const [sending, setSending] = useState(false);
  const [drafting, setDrafting] = useState(false);
  const thread = useApiData(
    (signal) => api.get<StaffThread>(`/requests/${request.id}/messages`, undefined, signal),
    [request.id, request.version, refreshKey],
  );

  const send = async () => {
    const body = reply.trim();
    if (body.length < 2) return;
    setSending(true);
    try {
      await api.post<StaffThread>(`/requests/${request.id}/messages`, { body });
      setReply('');
      message.success(t('knowledgeAdmin.thread.sent'));
      thread.reload();
      onChanged();
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setSending(false);
    }
  };

  const toQa = async () => {
    setDrafting(true);
    try {
      const draft = await api.post<KbEntry>(`/requests/${request.id}/knowledge-draft`);
      navigate(`/knowledge/${draft.id}`);
    } catch (error) {
      message.error(t('knowledgeAdmin.thread.toQaFailed', { message: errorText(error) }));
      setDrafting(false);
    }
  };

  const answered = request.status === 'concluded' && Boolean(request.result);
  const data = thread.data;
  return (
    <Card
      size="small"
      title={
        <span>
          <MessageOutlined /> {t('knowledgeAdmin.thread.title')}
        </span>
      }
      extra={
        answered &&
        can('knowledge.edit') && (
          <Tooltip title={t('knowledgeAdmin.thread.toQaHint')}>
            <Button size="small" icon={<BookOutlined />} loading={drafting} onClick={() => void toQa()} data-testid="consultation-to-qa">
              {t('knowledgeAdmin.thread.toQa')}
            </Button>
          </Tooltip>
        )
      }
      data-testid="consultation-thread"
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('knowledgeAdmin.thread.hint', { days: FOLLOW_UP_DAYS })}
      </Typography.Paragraph>
      {thread.error !== undefined && (
        <Alert
          type="error"
          showIcon
          title={errorText(thread.error)}
          action={<Button onClick={thread.reload}>{t('action.refresh')}</Button>}
        />
      )}
      {!data && thread.loading && <Spin />}
      {data && data.messages.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('knowledgeAdmin.thread.none')} />}
      {data && data.messages.length > 0 && (
        <Space orientation="vertical" size={10} style={{ width: '100%' }}>
          {data.messages.map((m) => {
            const citizen = m.author === 'citizen';
            return (
              <div
                key={m.id}
                data-testid="consultation-message"
                data-author={m.author}
                style={{
                  alignSelf: citizen ? 'flex-start' : 'flex-end',
                  maxWidth: '88%',
                  marginLeft: citizen ? 0 : 'auto',
                  padding: '8px 12px',
                  borderRadius: 8,
                  background: citizen ? '#f5f5f5' : '#e6f4ff',
                  border: `1px solid ${citizen ? '#f0f0f0' : '#bae0ff'}`,
                }}
              >
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {citizen
                    ? `${t('knowledgeAdmin.thread.citizen')} ${request.requesterName}`
                    : `${t('knowledgeAdmin.thread.staff')} ${m.authorName ?? ''}`}
                  {' · '}
                  <span className="mono">{formatDateTime(m.createdAt, i18n.language)}</span>
                </Typography.Text>
                <div style={{ whiteSpace: 'pre-line', marginTop: 2 }}>{m.body}</div>
              </div>
            );
          })}
        </Space>
      )}
      {data?.canWrite && (
        <div style={{ marginTop: 16 }}>
          <Input.TextArea
            value={reply}
            onChange={(e) => setReply(e.target.value)}
            autoSize={{ minRows: 3, maxRows: 10 }}
            maxLength={MAX_REPLY}
            showCount
            placeholder={t('knowledgeAdmin.thread.replyPlaceholder')}
            aria-label={t('knowledgeAdmin.thread.reply')}
            data-testid="consultation-reply"
          />
          <div style={{ textAlign: 'right', marginTop: 28 }}>
            <Button
              type="primary"
              icon={<SendOutlined />}
              loading={sending}
              disabled={reply.trim().length < 2}
              onClick={() => void send()}
              data-testid="consultation-send"
            >
              {t('knowledgeAdmin.thread.send')}
            </Button>
          </div>
        </div>
      )}
      {data && !data.canWrite && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }} data-testid="consultation-closed">
          {answered && request.concludedAt && Date.now() - Date.parse(request.concludedAt) >= FOLLOW_UP_DAYS * 86_400_000
            ? t('knowledgeAdmin.thread.closed')
            : t('knowledgeAdmin.thread.readOnly')}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
