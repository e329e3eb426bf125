import { Alert, Card, Descriptions, Empty, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ARCHIVE_CHECKLIST, type AidCase } from '../../../shared/api/legalaid.js';
import { formatDateTime, lastDayOf } from '../../../shared/format.js';
import { useAidLabels } from './aidLabels.js';

/** What the case is waiting for right now, in one line above the details. */
export function StageNotice({ c }: { c: AidCase }) {
  const { t, i18n } = useTranslation('workbench');
  const labels = useAidLabels();
  switch (c.stage) {
    case 'awaitingMaterials':
      return (
        <Alert
          type="warning"
          showIcon
          title={t('aid.notice.awaiting', { day: lastDayOf(c.materialsDueAt) })}
          description={
            <ol style={{ margin: 0, paddingLeft: 20 }} data-testid="aid-missing">
              {(c.missingMaterials ?? []).map((m, i) => (
                <li key={i}>{m}</li>
              ))}
            </ol>
          }
        />
      );
    case 'refused':
      return (
        <Alert
          type="error"
          showIcon
          title={t(c.objectionDays === null ? 'aid.notice.refusedNoPeriod' : 'aid.notice.refused', {
            time: formatDateTime(c.decidedAt, i18n.language),
            days: c.objectionDays,
            basis: c.objectionBasis,
          })}
          description={<div style={{ whiteSpace: 'pre-line' }}>{c.decisionReason}</div>}
          data-testid="aid-notice"
        />
      );
    case 'terminated':
      return (
        <Alert
          type="error"
          showIcon
          title={t(c.objectionDays === null ? 'aid.notice.terminatedNoPeriod' : 'aid.notice.terminated', {
            ground: labels.termination(c.terminationGround ?? ''),
            days: c.objectionDays,
            basis: c.objectionBasis,
          })}
          description={<div style={{ whiteSpace: 'pre-line' }}>{c.terminationReason}</div>}
          data-testid="aid-notice"
        />
      );
    case 'withdrawn':
      return <Alert type="info" showIcon title={t('aid.notice.withdrawn')} data-testid="aid-notice" />;
    case 'archived':
      return (
        <Alert
          type="success"
          showIcon
          title={t('aid.notice.archived', { time: formatDateTime(c.archivedAt, i18n.language) })}
          data-testid="aid-notice"
        />
      );
    default:
      return null;
  }
}

/** The decision, the provider, the handling's end and what the center checked afterwards. */
export function AidHandlingCard({ c }: { c: AidCase }) {
  const { t, i18n } = useTranslation('workbench');
  const labels = useAidLabels();
  const when = (iso: string | null) => formatDateTime(iso, i18n.language);
  const nothing = !c.decision && !c.provider && !c.earlyAid && !c.terminationGround && !c.closedAt;
  return (
    <Card size="small" title={t('aid.handling.title')} data-testid="aid-handling">
      {nothing ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('aid.handling.none')} />
      ) : (
        <Descriptions bordered size="small" column={1}>
          {c.earlyAid && (
            <Descriptions.Item label={t('aid.handling.earlyAid')}>
              <Tag color="magenta">{labels.earlyAid(c.earlyAid)}</Tag>
            </Descriptions.Item>
          )}
          {c.decision && (
            <Descriptions.Item label={t('aid.handling.decision')}>
              <Space orientation="vertical" size={2}>
                <span data-testid="aid-decision" data-decision={c.decision}>
                  <Tag color={c.decision === 'grant' ? 'success' : 'error'}>{t(`aid.decisions.${c.decision}`)}</Tag>
                  <Typography.Text type="secondary">{when(c.decidedAt)}</Typography.Text>
                </span>
                <span style={{ whiteSpace: 'pre-line' }}>{c.decisionReason}</span>
              </Space>
            </Descriptions.Item>
          )}
          {c.provider && (
            <Descriptions.Item label={t('aid.handling.provider')}>
              <Space orientation="vertical" size={2}>
                <span data-testid="aid-provider">
                  <Typography.Text strong>{c.provider.name}</Typography.Text>
                  <Typography.Text type="secondary">
                    {' · '}
                    {[labels.providerKind(c.provider.kind), c.provider.organisation].filter(Boolean).join(' · ')}
                  </Typography.Text>{' '}
                  <span className="mono" style={{ whiteSpace: 'nowrap' }}>
                    {c.provider.phone}
                  </span>
                </span>
                <Typography.Text type="secondary">{t('aid.handling.assignedAt', { time: when(c.assignedAt) })}</Typography.Text>
                {c.conflictOverride && (
                  <Alert
                    type="warning"
                    showIcon
                    title={t('aid.handling.conflictOverride')}
                    description={c.conflictOverride}
                    data-testid="aid-conflict-override"
                  />
                )}
              </Space>
            </Descriptions.Item>
          )}
          {c.terminationGround && (
            <Descriptions.Item label={t('aid.handling.termination')}>
              {labels.termination(c.terminationGround)} · {when(c.terminatedAt)}
              <div style={{ whiteSpace: 'pre-line' }}>{c.terminationReason}</div>
            </Descriptions.Item>
          )}
          {c.closedAt && (
            <Descriptions.Item label={t('aid.handling.closing')}>
              <Space orientation="vertical" size={2}>
                <span data-testid="aid-closing-outcome">
                  <Typography.Text strong>{c.closingOutcome}</Typography.Text>{' '}
                  <Typography.Text type="secondary">{when(c.closedAt)}</Typography.Text>
                </span>
                <span style={{ whiteSpace: 'pre-line' }}>{c.closingReport}</span>
              </Space>
            </Descriptions.Item>
          )}
          {c.archiveChecklist && (
            <Descriptions.Item label={t('aid.handling.archive')}>
              <Space size={[4, 4]} wrap>
                {ARCHIVE_CHECKLIST.filter((k) => c.archiveChecklist?.includes(k)).map((k) => (
                  <Tag key={k} color="success">
                    {t(`aid.archiveItems.${k}`)}
                  </Tag>
                ))}
              </Space>
            </Descriptions.Item>
          )}
          {c.followUp && (
            <Descriptions.Item label={t('aid.handling.followUp')}>
              <Tag color={c.followUp.satisfied ? 'success' : 'error'}>
                {c.followUp.satisfied ? t('aid.satisfied') : t('aid.dissatisfied')}
              </Tag>
              <Typography.Text type="secondary">
                {c.followUp.by} · {when(c.followUp.at)}
              </Typography.Text>
              <div style={{ whiteSpace: 'pre-line' }}>{c.followUp.note}</div>
            </Descriptions.Item>
          )}
          {c.quality && (
            <Descriptions.Item label={t('aid.handling.quality')}>
              <Tag color={c.quality.grade === 'unqualified' ? 'error' : 'success'} data-testid="aid-quality">
                {c.quality.grade === 'excellent' || c.quality.grade === 'qualified' || c.quality.grade === 'unqualified'
                  ? t(`aid.grades.${c.quality.grade}`)
                  : c.quality.grade}
              </Tag>
              <Typography.Text type="secondary">
                {c.quality.by} · {when(c.quality.at)}
              </Typography.Text>
              <div style={{ whiteSpace: 'pre-line' }}>{c.quality.note}</div>
            </Descriptions.Item>
          )}
        </Descriptions>
      )}
    </Card>
  );
}
