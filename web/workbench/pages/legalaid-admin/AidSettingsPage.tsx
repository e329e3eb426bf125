import { Alert, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../session/useSession.js';
import { useAidAdmin } from './aidAdmin.js';
import { PeriodsCard } from './PeriodsCard.js';
import { StandardsCard } from './StandardsCard.js';

/** 法律援助设置: the hardship standard (art. 34) and the county's periods; the county center's administrator edits them. */
export function AidSettingsPage() {
  const { t } = useTranslation('workbench');
  const me = useMe();
  const admin = useAidAdmin();
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="aid-settings-page">
      {!admin && <Alert type="info" showIcon title={t('aidAdmin.readOnly')} />}
      <StandardsCard countyCode={me.regionCode.slice(0, 6)} admin={admin} />
      <PeriodsCard admin={admin} />
    </Space>
  );
}
