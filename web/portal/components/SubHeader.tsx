import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../shared/hooks/useLanguage.js';
import { Link } from '../router.js';

/** What every portal page gets: 长辈模式 and its switch. */
export interface ElderModeProps {
  elderMode: boolean;
  onToggleElderMode: () => void;
}

interface Props extends ElderModeProps {
  title: string;
}

/** The bar over the portal's inner pages: the way home, the page's name, 长辈模式 and the language. */
export function SubHeader({ title, elderMode, onToggleElderMode }: Props) {
  const { t } = useTranslation('portal');
  const { t: tc } = useTranslation('common');
  const { toggle } = useLanguage();
  return (
    <header className="subheader">
      <div className="subheader__inner">
        <Link to="/" className="subheader__back" data-testid="portal-home-link">
          <span aria-hidden="true">‹</span> {t('nav.home')}
        </Link>
        <h1 className="subheader__title">{title}</h1>
        <div className="subheader__tools">
          <button
            type="button"
            className={`subheader__button${elderMode ? ' subheader__button--on' : ''}`}
            aria-pressed={elderMode}
            onClick={onToggleElderMode}
            data-testid="elder-mode-toggle"
          >
            {t('elderMode')}
          </button>
          <button
            type="button"
            className="subheader__button"
            onClick={toggle}
            aria-label={tc('languageSwitchLabel')}
            data-testid="language-switch"
          >
            {tc('languageSwitch')}
          </button>
        </div>
      </div>
    </header>
  );
}
