import { useTranslation } from 'react-i18next';
import { Link } from '../router.js';

const ICONS = {
  // an open book
  guide: 'M4 5.5C6.5 4.5 9.5 4.5 12 6c2.5-1.5 5.5-1.5 8-.5V19c-2.5-1-5.5-1-8 .5-2.5-1.5-5.5-1.5-8-.5zM12 6v13.5',
  // a form with a pen
  apply: 'M6 3h9l4 4v14H6zM15 3v4h4M9 11h7M9 15h7M9 19h4',
  // a magnifier over a list
  track: 'M10.5 17a6.5 6.5 0 1 1 0-13 6.5 6.5 0 0 1 0 13zM15.5 15.5 21 21M7.5 9h6M7.5 12h4',
};

/** The three things people come for: read the guide, apply, and follow what they applied for. */
export function ServiceEntries() {
  const { t } = useTranslation('portal');
  return (
    <nav className="entries" aria-label={t('nav.label')}>
      {(['guide', 'apply', 'track'] as const).map((key) => (
        <Link key={key} to={`/${key}`} className={`entry entry--${key}`} data-testid={`portal-nav-${key}`}>
          <svg className="entry__icon" viewBox="0 0 24 24" aria-hidden="true">
            <path d={ICONS[key]} fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
          <span className="entry__title">{t(`nav.${key}`)}</span>
          <span className="entry__hint">{t(`nav.${key}Hint`)}</span>
        </Link>
      ))}
    </nav>
  );
}
