import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Space, Tag, Typography, Upload } from 'antd';
import { DownloadOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, API_BASE } from '../../../shared/api/client.js';
import type { RequestAttachment, ServiceRequest } from '../../../shared/api/types.js';
import { formatDateTime } from '../../../shared/format.js';
import { useApiData } from '../../../shared/hooks/useApiData.js';
import { useErrorText } from '../../../shared/hooks/useErrorText.js';
import { useCan } from '../../session/useSession.js';

/** The server's limit; a bigger file is refused before it is sent. */
const MAX_BYTES = 10 * 1024 * 1024;
const ACCEPT = '.jpg,.jpeg,.png,.pdf,.docx,.xlsx';

const size = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;

/** 材料: what the citizen sent from the tracking page and what staff added; each download is audited. */
export function AttachmentsCard({
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
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [uploading, setUploading] = useState(false);
  const files = useApiData(
    (signal) => api.get<RequestAttachment[]>(`/requests/${request.id}/attachments`, undefined, signal),
    [request.id, refreshKey],
  );
  const open = request.status !== 'concluded' && request.status !== 'withdrawn';

  const upload = async (file: File) => {
    if (file.size > MAX_BYTES) {
      message.error(t('attachments.tooLarge'));
      return;
    }
    const form = new FormData();
    form.append('file', file, file.name);
    setUploading(true);
    try {
      await api.upload<RequestAttachment>(`/requests/${request.id}/attachments`, form);
      message.success(t('attachments.uploaded', { name: file.name }));
      files.reload();
      onChanged();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setUploading(false);
    }
  };

  return (
    <Card
      size="small"
      title={
        <span>
          <PaperClipOutlined /> {t('attachments.title')}
        </span>
      }
      extra={
        can('requests.handle') &&
        open && (
          <Upload
            accept={ACCEPT}
            showUploadList={false}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
          >
            <Button size="small" icon={<UploadOutlined />} loading={uploading} data-testid="attachment-upload">
              {t('attachments.upload')}
            </Button>
          </Upload>
        )
      }
      data-testid="attachments-card"
    >
      {files.error !== undefined && <Alert type="error" showIcon title={errorText(files.error)} />}
      {files.data?.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('attachments.none')} />}
      {files.data?.map((f) => (
        <div key={f.id} className="attachment" data-testid="attachment">
          <Space size={8} wrap>
            <a href={`${API_BASE}/requests/${request.id}/attachments/${f.id}`} download={f.filename} data-testid="attachment-download">
              <DownloadOutlined /> {f.filename}
            </a>
            <Typography.Text type="secondary">{size(f.size)}</Typography.Text>
            {f.byCitizen ? <Tag color="orange">{t('attachments.byCitizen')}</Tag> : <Tag>{t('attachments.byStaff')}</Tag>}
          </Space>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatDateTime(f.createdAt, i18n.language)}
          </Typography.Text>
        </div>
      ))}
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
        {t('attachments.auditNote')}
      </Typography.Paragraph>
    </Card>
  );
}
