import { Col, Descriptions, Drawer, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../shared/api/types.js';
import { formatDateTime } from '../../../shared/format.js';
import { useAuditLabels } from './auditLabels.js';

function JsonBlock({ value, empty, testId }: { value: unknown; empty: string; testId: string }) {
  return (
    <pre className="json-block" data-testid={testId}>
      {value === null || value === undefined ? empty : JSON.stringify(value, null, 2)}
    </pre>
  );
}

/** One audit entry in full, with the record before and after the change. */
export function AuditDrawer({ entry, onClose }: { entry: AuditEntry | undefined; onClose: () => void }) {
  const { t, i18n } = useTranslation('workbench');
  const labels = useAuditLabels();
  return (
    <Drawer open={entry !== undefined} onClose={onClose} size={720} title={t('audit.drawerTitle')} data-testid="audit-drawer">
      {entry && (
        <>
          <Descriptions column={1} size="small" bordered style={{ marginBottom: 20 }}>
            <Descriptions.Item label={t('audit.at')}>{formatDateTime(entry.at, i18n.language, true)}</Descriptions.Item>
            <Descriptions.Item label={t('audit.actor')}>{entry.actorUsername || t('audit.anonymous')}</Descriptions.Item>
            <Descriptions.Item label={t('audit.action')}>
              {labels.action(entry.action)}{' '}
              <Typography.Text type="secondary" className="mono">
                {entry.action}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('audit.entityType')}>{labels.entityType(entry.entityType)}</Descriptions.Item>
            <Descriptions.Item label={t('audit.entityId')}>
              <span className="mono">{entry.entityId || t('table.none')}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('audit.region')}>
              <span className="mono">{entry.regionCode ?? t('table.none')}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('audit.ip')}>
              <span className="mono">{entry.ip || t('table.none')}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('audit.requestId')}>
              <span className="mono">{entry.requestId || t('table.none')}</span>
            </Descriptions.Item>
          </Descriptions>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Typography.Title level={5}>{t('audit.before')}</Typography.Title>
              <JsonBlock value={entry.before} empty={t('audit.empty')} testId="audit-before" />
            </Col>
            <Col xs={24} md={12}>
              <Typography.Title level={5}>{t('audit.after')}</Typography.Title>
              <JsonBlock value={entry.after} empty={t('audit.empty')} testId="audit-after" />
            </Col>
          </Row>
        </>
      )}
    </Drawer>
  );
}
