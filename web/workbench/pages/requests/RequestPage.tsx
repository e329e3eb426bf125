import { useState } from 'react';
import { Alert, App, Button, Card, Col, Result, Row, Space, Spin, Typography } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { api, ApiError } from '../../../shared/api/client.js';
import type { RequestAction, ServiceRequest, TimelineEvent } from '../../../shared/api/types.js';
import { useApiData } from '../../../shared/hooks/useApiData.js';
import { useErrorText } from '../../../shared/hooks/useErrorText.js';
import { REQUEST_ACTIONS } from '../../../shared/labels.js';
import { formatTrackingNo } from '../../../shared/tracking.js';
import { ActionModal } from './ActionModal.js';
import { AttachmentsCard } from './AttachmentsCard.js';
import { ConsultationThread } from './ConsultationThread.js';
import { RequestDetails } from './RequestDetails.js';
import { RequestTimeline } from './RequestTimeline.js';
import { DueDate, StatusTag } from './requestLabels.js';
import { SupervisionPanel } from './SupervisionPanel.js';

/** The main step first: what moves the request on is blue, handing it back is red. */
const BUTTON_TYPES: Record<RequestAction, { primary?: boolean; danger?: boolean }> = {
  dispatch: { primary: true },
  accept: { primary: true },
  return: { danger: true },
  transfer: {},
  requestMaterials: {},
  resume: { primary: true },
  conclude: { primary: true },
  // an administrator's or supervisor's, when nobody else can move it on
  takeOver: { primary: true },
  reassign: {},
};

/** One request: its details, its timeline, the buttons for exactly the steps the server allows me, and 督办. */
export function RequestPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('workbench');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const location = useLocation();
  const created = (location.state as { created?: boolean } | null)?.created === true;
  const [action, setAction] = useState<RequestAction>();
  // bumped by every reload, so that the supervision orders are read again too
  const [attempt, setAttempt] = useState(0);
  const request = useApiData((signal) => api.get<ServiceRequest>(`/requests/${id}`, undefined, signal), [id]);
  const timeline = useApiData((signal) => api.get<TimelineEvent[]>(`/requests/${id}/timeline`, undefined, signal), [id]);

  // back to the queue it was opened from, or to the queues when the page was opened by its address
  const back = () => (location.key === 'default' ? navigate('/requests') : navigate(-1));
  const reload = () => {
    request.reload();
    timeline.reload();
    setAttempt((n) => n + 1);
  };

  if (request.error instanceof ApiError && request.error.status === 404)
    return (
      <Result status="404" title="404" subTitle={t('requests.notFound')} extra={<Link to="/requests">{t('requests.backToList')}</Link>} />
    );
  if (request.error !== undefined)
    return (
      <Alert
        type="error"
        showIcon
        title={errorText(request.error)}
        action={<Button onClick={request.reload}>{t('action.refresh')}</Button>}
      />
    );
  const r = request.data;
  if (!r) return <Spin size="large" className="page-spin" />;

  const actions = REQUEST_ACTIONS.filter((a) => r.allowedActions.includes(a));
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="request-page" data-request-id={r.id}>
      {created && (
        <Alert
          type="success"
          showIcon
          title={t('intake.created', { no: formatTrackingNo(r.trackingNo) })}
          description={t('intake.printHint')}
          action={
            <Space orientation="vertical">
              <Link to={`/requests/${r.id}/receipt?format=a4`}>
                <Button type="primary" size="small" icon={<PrinterOutlined />} data-testid="created-print-a4">
                  {t('receipt.printA4')}
                </Button>
              </Link>
              <Link to={`/requests/${r.id}/receipt?format=slip`}>
                <Button size="small" icon={<PrinterOutlined />} data-testid="created-print-slip">
                  {t('receipt.printSlip')}
                </Button>
              </Link>
            </Space>
          }
          data-testid="intake-created"
        />
      )}
      <Card size="small">
        <div className="request-head">
          <Space wrap size={12} align="center">
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={back} aria-label={t('requests.backToList')} />
            <Typography.Text type="secondary">{t('requests.trackingNo')}</Typography.Text>
            <span className="request-head__no mono" data-testid="request-tracking-no">
              {formatTrackingNo(r.trackingNo)}
            </span>
            <StatusTag status={r.status} />
            <span>
              <Typography.Text type="secondary">{t('requests.dueAt')} </Typography.Text>
              <DueDate request={r} />
            </span>
          </Space>
          <Space wrap data-testid="request-actions">
            {actions.map((a) => (
              <Button
                key={a}
                type={BUTTON_TYPES[a].primary ? 'primary' : 'default'}
                danger={BUTTON_TYPES[a].danger}
                onClick={() => setAction(a)}
                data-testid={`request-action-${a}`}
              >
                {t(`requests.actions.${a}`)}
              </Button>
            ))}
            {r.aidCaseId ? (
              <Link to={`/legal-aid/${r.aidCaseId}`} data-testid="request-aid-case">
                <Button type="primary">{t('requests.openAidCase')}</Button>
              </Link>
            ) : (
              actions.length === 0 && <Typography.Text type="secondary">{t('requests.noActions')}</Typography.Text>
            )}
            <Link to={`/requests/${r.id}/receipt?format=a4`}>
              <Button icon={<PrinterOutlined />} data-testid="request-print-a4">
                {t('receipt.printA4')}
              </Button>
            </Link>
            <Link to={`/requests/${r.id}/receipt?format=slip`}>
              <Button icon={<PrinterOutlined />} data-testid="request-print-slip">
                {t('receipt.printSlip')}
              </Button>
            </Link>
            <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('action.refresh')} data-testid="request-reload" />
          </Space>
        </div>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card size="small" title={t('requests.details')}>
              <RequestDetails request={r} />
            </Card>
            <ConsultationThread request={r} refreshKey={attempt} onChanged={timeline.reload} />
            <AttachmentsCard request={r} refreshKey={attempt} onChanged={timeline.reload} />
            <SupervisionPanel request={r} refreshKey={attempt} onChanged={timeline.reload} />
          </Space>
        </Col>
        <Col xs={24} xl={9}>
          <Card size="small" title={t('requests.timelineTitle')}>
            <RequestTimeline events={timeline.data} loading={timeline.loading} error={timeline.error} />
          </Card>
        </Col>
      </Row>
      <ActionModal
        request={r}
        action={action}
        onClose={() => setAction(undefined)}
        onDone={() => {
          if (action) message.success(t(`requests.done.${action}`));
          setAction(undefined);
          reload();
        }}
        onConflict={() => {
          setAction(undefined);
          message.warning(t('requests.conflict'));
          reload();
        }}
      />
    </Space>
  );
}
