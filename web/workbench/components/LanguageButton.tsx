import { Button } from 'antd';
import { TranslationOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../shared/hooks/useLanguage.js';

export function LanguageButton({ light = false }: { light?: boolean }) {
  const { t } = useTranslation('common');
  const { toggle } = useLanguage();
  return (
    <Button
      type="text"
      icon={<TranslationOutlined />}
      onClick={toggle}
      aria-label={t('languageSwitchLabel')}
      style={light ? { color: '#fff' } : undefined}
      data-testid="language-switch"
    >
      {t('languageSwitch')}
    </Button>
  );
}
