import { useTranslation } from 'react-i18next';
import { SubHeader, type ElderModeProps } from '../components/SubHeader.js';
import { ServiceEntries } from '../components/ServiceEntries.js';
import { usePageTitle } from '../usePageTitle.js';

export function NotFoundPage(mode: ElderModeProps) {
  const { t } = useTranslation('portal');
  usePageTitle(t('notFound'));
  return (
    <>
      <SubHeader title={t('notFound')} {...mode} />
      <main className="main" id="main">
        <p className="status">{t('notFoundHint')}</p>
        <ServiceEntries />
      </main>
    </>
  );
}
