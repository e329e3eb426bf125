import { useTranslation } from 'react-i18next';
import { ApplyPage } from './pages/ApplyPage.js';
import { AidApplyPage } from './pages/AidApplyPage.js';
import { GuidePage } from './pages/GuidePage.js';
import { HomePage } from './pages/HomePage.js';
import { knowledgePage } from './pages/KnowledgeRoutes.js';
import { NotFoundPage } from './pages/NotFoundPage.js';
import { TrackPage } from './pages/TrackPage.js';
import { useLocation } from './router.js';
import { useElderMode } from './useElderMode.js';

/** The portal: the network (home), the service guide, applying and tracking, with the 12348 hotline at hand. */
export function PortalApp() {
  const { t } = useTranslation('portal');
  const { t: tc } = useTranslation('common');
  const { path } = useLocation();
  const [elderMode, toggleElderMode] = useElderMode();
  const mode = { elderMode, onToggleElderMode: toggleElderMode };

  let page;
  if (path === '/') page = <HomePage {...mode} />;
  else if (path === '/guide') page = <GuidePage {...mode} />;
  else if (path === '/apply') page = <ApplyPage {...mode} />;
  else if (path === '/legal-aid') page = <AidApplyPage {...mode} />;
  else if (path === '/track') page = <TrackPage {...mode} />;
  else page = knowledgePage(path, mode) ?? <NotFoundPage {...mode} />;

  return (
    <>
      {page}
      <footer className="footer">
        <p>{t('footer')}</p>
        <p>
          <a href="tel:12348" className="footer__hotline">
            {tc('hotlineName')} 12348
          </a>
        </p>
      </footer>
    </>
  );
}
