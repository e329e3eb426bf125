import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { SubHeader, type ElderModeProps } from '../components/SubHeader.js';
import { usePageTitle } from '../usePageTitle.js';

// the form is the portal's largest page: it loads when someone opens it, not with the home page
const AidApplicationForm = lazy(() =>
  import('../components/AidApplicationForm.js').then(
    (m) => ({ default: m.AidApplicationForm }),
    // offline, or a new version deployed since this page was opened: say so, and offer to load the page again
    () => ({ default: NotLoaded }),
  ),
);

function NotLoaded() {
  const { t } = useTranslation('common');
  return (
    <div className="status status--error" role="alert">
      <p>{t('errors.network')}</p>
      <button type="button" className="button" onClick={() => window.location.reload()}>
        {t('retry')}
      </button>
    </div>
  );
}

/** 申请法律援助 (/legal-aid): the application in plain words, step by step, for the applicant or a relative on their behalf. */
export function AidApplyPage(mode: ElderModeProps) {
  const { t } = useTranslation('portal');
  const { t: tc } = useTranslation('common');
  usePageTitle(t('aid.title'));
  return (
    <>
      <SubHeader title={t('aid.title')} {...mode} />
      <main className="main" id="main" data-testid="aid-page">
        <Suspense
          fallback={
            <p className="status" role="status">
              {tc('loading')}
            </p>
          }
        >
          <AidApplicationForm />
        </Suspense>
      </main>
    </>
  );
}
