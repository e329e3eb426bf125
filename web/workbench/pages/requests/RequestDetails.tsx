import { Alert, App, Button, Descriptions, Space, Typography } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api } from '../../../shared/api/client.js';
import type { ServiceRequest } from '../../../shared/api/types.js';
import { formatDateTime } from '../../../shared/format.js';
import { useErrorText } from '../../../shared/hooks/useErrorText.js';
import { DueDate, useRequestLabels } from './requestLabels.js';

/** What was asked, by whom, where it is now and by when it must be done. */
export function RequestDetails({ request: r }: { request: ServiceRequest }) {
  const { t, i18n } = useTranslation('workbench');
  const labels = useRequestLabels();
  const { modal, message } = App.useApp();
  const errorText = useErrorText();
  const none = t('table.none');

  const revealIdNumber = async () => {
    try {
      const { idNumber } = await api.get<{ idNumber: string | null }>(`/requests/${r.id}/id-number`);
      modal.info({
        title: t('requests.idNumberTitle', { name: r.requesterName }),
        okText: t('action.close'),
        okButtonProps: { ...{ 'data-testid': 'revealed-id-number-close' } },
        content: (
          <div data-testid="revealed-id-number">
            <p className="mono" style={{ fontSize: 20, margin: '8px 0' }}>
              {idNumber ?? none}
            </p>
            <p style={{ color: '#8c8c8c', margin: 0 }}>{t('staff.revealNotice')}</p>
          </div>
        ),
      });
    } catch (e) {
      message.error(errorText(e));
    }
  };

  return (
    <>
      {r.status === 'awaitingMaterials' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('requests.awaitingTitle')}
          description={
            <ol style={{ margin: 0, paddingLeft: 20 }} data-testid="request-missing">
              {(r.missingMaterials ?? []).map((m, i) => (
                <li key={i}>{m}</li>
              ))}
            </ol>
          }
        />
      )}
      {r.status === 'concluded' && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('requests.concludedTitle', { time: formatDateTime(r.concludedAt, i18n.language) })}
          description={
            <div style={{ whiteSpace: 'pre-line' }} data-testid="request-result">
              {r.result}
            </div>
          }
        />
      )}
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} data-testid="request-details">
        <Descriptions.Item label={t('requests.serviceItem')}>{r.serviceItemName}</Descriptions.Item>
        <Descriptions.Item label={t('requests.channel')}>{labels.channel(r.channel)}</Descriptions.Item>
        <Descriptions.Item label={t('requests.requester')}>{r.requesterName}</Descriptions.Item>
        <Descriptions.Item label={t('requests.phone')}>
          <span className="mono" style={{ whiteSpace: 'nowrap' }}>
            {r.requesterPhone}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('requests.idNumber')}>
          {r.requesterIdNumber ? (
            <Space size={4}>
              <span className="mono" data-testid="request-id-number">
                {r.requesterIdNumber}
              </span>
              {r.canRevealIdNumber && (
                <Button
                  type="link"
                  size="small"
                  icon={<EyeOutlined />}
                  onClick={() => void revealIdNumber()}
                  title={t('requests.revealHint')}
                  data-testid="request-reveal-id"
                >
                  {t('requests.reveal')}
                </Button>
              )}
            </Space>
          ) : (
            none
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('requests.address')}>{r.requesterAddress ?? none}</Descriptions.Item>
        <Descriptions.Item label={t('requests.region')} span="filled">
          {r.regionName}
          <span className="mono" style={{ marginLeft: 8, color: '#8c8c8c' }}>
            {r.regionCode}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('requests.description')} span="filled">
          <div style={{ whiteSpace: 'pre-line' }} data-testid="request-description">
            {r.description}
          </div>
        </Descriptions.Item>
        <Descriptions.Item label={t('requests.receivedSite')}>{r.receivedSite?.name ?? none}</Descriptions.Item>
        <Descriptions.Item label={t('requests.owner')}>{r.owner?.name ?? none}</Descriptions.Item>
        <Descriptions.Item label={t('requests.handlerSite')}>
          {r.handlerSite ? (
            <>
              {r.handlerSite.name}
              {r.handlerPost && <Typography.Text type="secondary">（{labels.post(r.handlerPost)}）</Typography.Text>}
            </>
          ) : (
            t('requests.atDesk', { site: r.receivedSite?.name ?? '' })
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('requests.handler')}>{r.handler?.name ?? t('requests.notAccepted')}</Descriptions.Item>
        <Descriptions.Item label={t('requests.receivedAt')}>{formatDateTime(r.createdAt, i18n.language)}</Descriptions.Item>
        <Descriptions.Item label={t('requests.timeLimit')}>{labels.timeLimit(r.timeLimit)}</Descriptions.Item>
        <Descriptions.Item label={t('requests.dueAt')} span="filled">
          <Space size={8} wrap data-testid="request-due">
            <DueDate request={r} />
            {r.dueAt && r.status !== 'awaitingMaterials' && <Typography.Text type="secondary">{t('requests.dueEnd')}</Typography.Text>}
          </Space>
        </Descriptions.Item>
      </Descriptions>
    </>
  );
}
