import { Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CitizenExportCard } from './CitizenExportCard.js';
import { KeyStatusCard } from './KeyStatusCard.js';
import { RetentionCard } from './RetentionCard.js';

/** 个人信息保护: the county's retention periods, the data keys' figures, and a citizen's copy of their data (PIPL art. 45). */
export function PrivacyPage() {
  const { t } = useTranslation('workbench');
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="privacy-page">
      <div>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t('privacy.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('privacy.intro')}
        </Typography.Paragraph>
      </div>
      <CitizenExportCard />
      <RetentionCard />
      <KeyStatusCard />
    </Space>
  );
}
