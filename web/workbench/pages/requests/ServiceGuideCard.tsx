import { Card, Descriptions, Empty, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ServiceItem } from '../../../shared/api/types.js';
import { useRequestLabels } from './requestLabels.js';

/** 办事指南 of the chosen item beside the intake form: who may apply, what to bring, what it costs. */
export function ServiceGuideCard({ item }: { item: ServiceItem | undefined }) {
  const { t } = useTranslation('workbench');
  const labels = useRequestLabels();
  return (
    <Card size="small" title={item ? t('intake.guideOf', { name: item.name }) : t('intake.guide')} data-testid="intake-guide">
      {!item ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('intake.guideEmpty')} />
      ) : (
        <>
          <Typography.Paragraph>{item.summary}</Typography.Paragraph>
          <Descriptions column={1} size="small" styles={{ label: { width: 84 } }}>
            <Descriptions.Item label={t('catalogue.who')}>{item.guide.who || t('table.none')}</Descriptions.Item>
            <Descriptions.Item label={t('catalogue.materials')}>
              {item.guide.materials.length ? (
                <ol style={{ margin: 0, paddingLeft: 18 }}>
                  {item.guide.materials.map((m, i) => (
                    <li key={i}>{m}</li>
                  ))}
                </ol>
              ) : (
                t('table.none')
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('catalogue.fees')}>{item.guide.fees || t('table.none')}</Descriptions.Item>
            <Descriptions.Item label={t('catalogue.timeLimit')}>{labels.timeLimit(item.timeLimit)}</Descriptions.Item>
            <Descriptions.Item label={t('catalogue.handlingUnit')}>{item.handlingUnit || t('table.none')}</Descriptions.Item>
            <Descriptions.Item label={t('catalogue.where')}>{item.guide.where || t('table.none')}</Descriptions.Item>
            {item.guide.steps.length > 0 && (
              <Descriptions.Item label={t('catalogue.steps')}>
                <ol style={{ margin: 0, paddingLeft: 18 }}>
                  {item.guide.steps.map((s, i) => (
                    <li key={i}>{s}</li>
                  ))}
                </ol>
              </Descriptions.Item>
            )}
            {item.guide.basis && <Descriptions.Item label={t('catalogue.basis')}>{item.guide.basis}</Descriptions.Item>}
          </Descriptions>
        </>
      )}
    </Card>
  );
}
