import { lazy, Suspense, useEffect, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { SubHeader, type ElderModeProps } from '../components/SubHeader.js';

/*
 * 智能咨询 and the law library: /ask, /laws, /laws/:id, /laws/articles/:id, /qa/:id. Each page loads when someone
 * opens it, not with the home page (the portal's budget is what the home page loads).
 */

type Props = ElderModeProps & { id: number };

function NotLoaded(mode: ElderModeProps) {
  const { t } = useTranslation('common');
  return (
    <>
      <SubHeader title={t('appName')} {...mode} />
      <main className="main" id="main">
        <div className="status status--error" role="alert">
          <p>{t('errors.network')}</p>
          <button type="button" className="button" onClick={() => window.location.reload()}>
            {t('retry')}
          </button>
        </div>
      </main>
    </>
  );
}

// offline, or a new version deployed since this page was opened: say so, and offer to load the page again
const page = (load: () => Promise<ComponentType<Props>>) =>
  lazy(() =>
    load().then(
      (component) => ({ default: component }),
      () => ({ default: NotLoaded as ComponentType<Props> }),
    ),
  );

const AskPage = page(() => import('./AskPage.js').then((m) => m.AskPage));
const LawsPage = page(() => import('./LawsPage.js').then((m) => m.LawsPage));
const LawPage = page(() => import('./LawPage.js').then((m) => m.LawPage));
const ArticlePage = page(() => import('./ArticlePage.js').then((m) => m.ArticlePage));
const QaPage = page(() => import('./QaPage.js').then((m) => m.QaPage));

const ROUTES: [RegExp, ComponentType<Props>][] = [
  [/^\/ask$/, AskPage],
  [/^\/laws$/, LawsPage],
  [/^\/laws\/articles\/([1-9][0-9]{0,9})$/, ArticlePage],
  [/^\/laws\/([1-9][0-9]{0,9})$/, LawPage],
  [/^\/qa\/([1-9][0-9]{0,9})$/, QaPage],
];

/** The page for a knowledge address, or null when the address is not one of them. */
export function knowledgePage(path: string, mode: ElderModeProps) {
  for (const [pattern, Page] of ROUTES) {
    const m = pattern.exec(path);
    if (!m) continue;
    const id = Number(m[1] ?? 0);
    return (
      <Suspense fallback={<Loading {...mode} />}>
        <KioskType />
        {/* a new id is a new page: nothing of the last one stays (open panels, "show all") */}
        <Page key={path} id={id} {...mode} />
      </Suspense>
    );
  }
  return null;
}

/** Marks these pages on <html> while one is shown: on a touch kiosk's tall screen they read in larger type (portal.css). */
function KioskType() {
  useEffect(() => {
    document.documentElement.classList.add('kb-page');
    return () => document.documentElement.classList.remove('kb-page');
  }, []);
  return null;
}

function Loading(mode: ElderModeProps) {
  const { t } = useTranslation('common');
  return (
    <>
      <SubHeader title={t('appName')} {...mode} />
      <main className="main" id="main">
        <p className="status" role="status">
          {t('loading')}
        </p>
      </main>
    </>
  );
}
