import { useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Result, Row, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import { ArrowLeftOutlined, ReloadOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { api, ApiError } from '../../../shared/api/client.js';
import { AID_ACTIONS, type AidAction, type AidCase } from '../../../shared/api/legalaid.js';
import { formatDateTime } from '../../../shared/format.js';
import { useApiData } from '../../../shared/hooks/useApiData.js';
import { useErrorText } from '../../../shared/hooks/useErrorText.js';
import { formatTrackingNo } from '../../../shared/tracking.js';
import { AidActionModal } from './AidActionModal.js';
import { ApplicantCard, EligibilityCard, FamilyCard } from './AidCaseDetails.js';
import { AidDocumentsCard } from './AidDocumentsCard.js';
import { AidHandlingCard, StageNotice } from './AidHandlingCard.js';
import { AidObjectionsCard } from './AidObjectionsCard.js';
import { AidTimeline } from './AidTimeline.js';
import { AidDue, StageTag, useAidLabels } from './aidLabels.js';
import { useRegionNames } from './useRegionNames.js';

/** The step that moves the case on is blue; giving it up is red. */
const BUTTON_TYPES: Partial<Record<AidAction, { primary?: boolean; danger?: boolean }>> = {
  firstReview: { primary: true },
  decide: { primary: true },
  assign: { primary: true },
  close: { primary: true },
  archive: { primary: true },
  materialsReceived: { primary: true },
  terminate: { danger: true },
  withdraw: { danger: true },
};

/** The periods that run now, and the dates that matter, in the header. */
function KeyDates({ c }: { c: AidCase }) {
  const { t, i18n } = useTranslation('workbench');
  const when = (iso: string | null) => (iso ? formatDateTime(iso, i18n.language) : t('table.none'));
  return (
    <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }} data-testid="aid-key-dates">
      <Descriptions.Item label={t('aid.dates.applied')}>{when(c.appliedAt)}</Descriptions.Item>
      <Descriptions.Item label={t('aid.dates.received')}>{when(c.receivedAt)}</Descriptions.Item>
      {c.firstReviewClock && (
        <Descriptions.Item label={t('aid.dates.firstReviewDue')}>
          <span data-testid="aid-first-review-due">
            <AidDue dueAt={c.firstReviewClock.dueAt} state={c.firstReviewClock.state} />
          </span>
        </Descriptions.Item>
      )}
      {c.decisionClock && (
        <Descriptions.Item label={t('aid.dates.decisionDue')}>
          <span data-testid="aid-decision-due">
            <AidDue dueAt={c.decisionClock.dueAt} state={c.decisionClock.state} />
          </span>
        </Descriptions.Item>
      )}
      {c.stage === 'awaitingMaterials' && (
        <Descriptions.Item label={t('aid.dates.materialsDue')}>
          <span data-testid="aid-materials-due">
            <AidDue dueAt={c.materialsDueAt} state={c.materialsClock?.state ?? 'normal'} />
          </span>
          <Tag style={{ marginLeft: 6 }}>{t('requests.paused')}</Tag>
        </Descriptions.Item>
      )}
      {c.assignmentClock && (
        <Descriptions.Item label={t('aid.dates.assignmentDue')}>
          <span data-testid="aid-assignment-due">
            <AidDue dueAt={c.assignmentClock.dueAt} state={c.assignmentClock.state} />
          </span>
        </Descriptions.Item>
      )}
      {c.limitationExpiresOn && (
        <Descriptions.Item label={t('aid.dates.limitation')}>
          <span className="mono" style={{ color: '#cf1322' }}>
            {c.limitationExpiresOn}
          </span>
        </Descriptions.Item>
      )}
      {c.decidedAt && <Descriptions.Item label={t('aid.dates.decided')}>{when(c.decidedAt)}</Descriptions.Item>}
      {c.assignedAt && <Descriptions.Item label={t('aid.dates.assigned')}>{when(c.assignedAt)}</Descriptions.Item>}
      {c.closedAt && <Descriptions.Item label={t('aid.dates.closed')}>{when(c.closedAt)}</Descriptions.Item>}
      {c.decisionServedAt && <Descriptions.Item label={t('aid.dates.served')}>{when(c.decisionServedAt)}</Descriptions.Item>}
      {c.objectionDeadline && (
        <Descriptions.Item label={t('aid.dates.objectionDeadline')}>
          <span data-testid="aid-objection-deadline">
            <AidDue dueAt={c.objectionDeadline} state="normal" />
          </span>
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}

/** One legal aid case: who, what, the verdict, the handling, the documents and the timeline; exactly the steps allowed. */
export function AidCasePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('workbench');
  const labels = useAidLabels();
  const regionName = useRegionNames();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const location = useLocation();
  const created = (location.state as { created?: boolean } | null)?.created === true;
  const [action, setAction] = useState<AidAction>();
  const aid = useApiData((signal) => api.get<AidCase>(`/legal-aid/cases/${id}`, undefined, signal), [id]);

  const back = () => (location.key === 'default' ? navigate('/legal-aid') : navigate(-1));
  // the timeline comes with the case (a provider has no request permission to read the request's own)
  const reload = () => aid.reload();

  if (aid.error instanceof ApiError && aid.error.status === 404)
    return (
      <Result
        status="404"
        title="404"
        subTitle={t('aid.detail.notFound')}
        extra={<Link to="/legal-aid">{t('aid.detail.backToList')}</Link>}
      />
    );
  if (aid.error !== undefined)
    return (
      <Alert type="error" showIcon title={errorText(aid.error)} action={<Button onClick={aid.reload}>{t('action.refresh')}</Button>} />
    );
  const c = aid.data;
  if (!c) return <Spin size="large" className="page-spin" />;

  const actions = AID_ACTIONS.filter((a) => c.allowedActions.includes(a));
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="aid-case-page" data-case-id={c.id} data-stage={c.stage}>
      {created && (
        <Alert
          type={c.eligibility.passed ? 'success' : 'warning'}
          showIcon
          title={t('aid.apply.created', { no: formatTrackingNo(c.trackingNo) })}
          description={
            <>
              <div>{c.stage === 'review' ? t('aid.apply.createdAtCenter') : t('aid.apply.createdAtStation')}</div>
              <div>{c.eligibility.passed ? t('aid.apply.previewPassed') : t('aid.apply.previewFailed')}</div>
            </>
          }
          data-testid="aid-created"
        />
      )}
      <Card size="small">
        <div className="request-head">
          <Space wrap size={12} align="center">
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={back} aria-label={t('aid.detail.backToList')} />
            {c.caseNo ? (
              <>
                <span className="request-head__no" data-testid="aid-case-no">
                  {c.caseNo}
                </span>
                <Typography.Text type="secondary">
                  {t('aid.detail.trackingNo')}{' '}
                  <span className="mono" data-testid="aid-tracking-no">
                    {formatTrackingNo(c.trackingNo)}
                  </span>
                </Typography.Text>
              </>
            ) : (
              <>
                <Typography.Text type="secondary">{t('aid.detail.trackingNo')}</Typography.Text>
                <span className="request-head__no mono" data-testid="aid-tracking-no">
                  {formatTrackingNo(c.trackingNo)}
                </span>
                <Tooltip title={t('aid.detail.noCaseNoHint')}>
                  <Tag data-testid="aid-case-no">{t('aid.detail.noCaseNo')}</Tag>
                </Tooltip>
              </>
            )}
            <StageTag stage={c.stage} />
            {c.earlyAid && (
              <Tag color="magenta" icon={<ThunderboltOutlined />}>
                {t('aid.list.earlyAid')}：{labels.earlyAid(c.earlyAid)}
              </Tag>
            )}
          </Space>
          <Space wrap data-testid="aid-actions">
            {actions.map((a) => (
              <Button
                key={a}
                type={BUTTON_TYPES[a]?.primary ? 'primary' : 'default'}
                danger={BUTTON_TYPES[a]?.danger}
                onClick={() => setAction(a)}
                data-testid={`aid-action-${a}`}
              >
                {t(`aid.actions.${a}`)}
              </Button>
            ))}
            {actions.length === 0 && <Typography.Text type="secondary">{t('aid.detail.noActions')}</Typography.Text>}
            <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('action.refresh')} data-testid="aid-case-reload" />
          </Space>
        </div>
        <div style={{ marginTop: 12 }}>
          <KeyDates c={c} />
        </div>
      </Card>
      <StageNotice c={c} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <ApplicantCard c={c} regionName={regionName(c.regionCode)} />
            <EligibilityCard c={c} />
            <FamilyCard c={c} />
            <AidHandlingCard c={c} />
            <AidObjectionsCard
              c={c}
              onChanged={() => {
                reload();
              }}
            />
          </Space>
        </Col>
        <Col xs={24} xl={9}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <AidDocumentsCard c={c} />
            <Card size="small" title={t('aid.detail.timeline')}>
              <AidTimeline events={c.timeline} loading={false} error={undefined} />
            </Card>
          </Space>
        </Col>
      </Row>
      <AidActionModal
        c={c}
        action={action}
        onClose={() => setAction(undefined)}
        onDone={() => {
          if (action) message.success(t(`aid.done.${action}`));
          setAction(undefined);
          reload();
        }}
        onConflict={() => {
          setAction(undefined);
          message.warning(t('aid.conflict'));
          reload();
        }}
      />
    </Space>
  );
}
