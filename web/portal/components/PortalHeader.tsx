import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../shared/hooks/useLanguage.js';
import { Emblem } from '../../shared/Emblem.js';

interface Props {
  countyName: string;
  elderMode: boolean;
  onToggleElderMode: () => void;
}

export function PortalHeader({ countyName, elderMode, onToggleElderMode }: Props) {
  const { t } = useTranslation('portal');
  const { t: tc } = useTranslation('common');
  const { toggle } = useLanguage();
  return (
    <header className="header">
      <div className="header__inner">
        <div className="header__top">
          <Emblem className="header__emblem" />
          <div className="header__titles">
            <h1 className="header__title">{tc('appName')}</h1>
            {countyName && <p className="header__subtitle">{t('subtitle', { county: countyName })}</p>}
          </div>
          <button
            type="button"
            className="header__lang"
            onClick={toggle}
            aria-label={tc('languageSwitchLabel')}
            data-testid="language-switch"
          >
            {tc('languageSwitch')}
          </button>
        </div>
        <a className="hotline" href="tel:12348" data-testid="hotline">
          <PhoneIcon />
          <span className="hotline__number">{tc('hotline')}</span>
          <span className="hotline__text">
            <span>{tc('hotlineName')}</span>
            <span className="hotline__hint">{t('hotlineHint')}</span>
          </span>
        </a>
        <div className="header__tools">
          <button
            type="button"
            className={`toggle${elderMode ? ' toggle--on' : ''}`}
            aria-pressed={elderMode}
            onClick={onToggleElderMode}
            data-testid="elder-mode-toggle"
          >
            <span className="toggle__track" aria-hidden="true">
              <span className="toggle__thumb" />
            </span>
            <span className="visually-hidden">{elderMode ? t('elderModeOn') : t('elderModeOff')}</span>
            <span aria-hidden="true">{t('elderMode')}</span>
          </button>
          <a className="header__staff" href="/workbench/" data-testid="staff-login-link">
            {t('staffLogin')} <span aria-hidden="true">›</span>
          </a>
        </div>
      </div>
    </header>
  );
}

function PhoneIcon() {
  return (
    <svg className="hotline__icon" viewBox="0 0 24 24" aria-hidden="true">
      <path
        fill="currentColor"
        d="M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.57 3.57a1 1 0 0 1-.25 1z"
      />
    </svg>
  );
}
