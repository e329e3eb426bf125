import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** "进度查询 · 公共法律服务平台" in the browser's tab and the WeChat title bar. */
export function usePageTitle(title: string): void {
  const { t } = useTranslation('common');
  useEffect(() => {
    document.title = `${title} · ${t('appName')}`;
  }, [title, t]);
}
