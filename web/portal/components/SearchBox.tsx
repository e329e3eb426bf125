import { useTranslation } from 'react-i18next';

interface Props {
  value: string;
  onChange: (value: string) => void;
}

export function SearchBox({ value, onChange }: Props) {
  const { t } = useTranslation('portal');
  return (
    <form className="search" role="search" onSubmit={(e) => e.preventDefault()}>
      <label htmlFor="site-search" className="search__label">
        {t('searchLabel')}
      </label>
      <div className="search__field">
        <svg className="search__icon" viewBox="0 0 24 24" aria-hidden="true">
          <path
            fill="none"
            stroke="currentColor"
            strokeWidth="2.2"
            strokeLinecap="round"
            d="M10.5 18a7.5 7.5 0 1 1 0-15 7.5 7.5 0 0 1 0 15zM16 16l5 5"
          />
        </svg>
        <input
          id="site-search"
          type="search"
          className="search__input"
          value={value}
          placeholder={t('searchPlaceholder')}
          autoComplete="off"
          enterKeyHint="search"
          onChange={(e) => onChange(e.target.value)}
          data-testid="site-search"
        />
        {value && (
          <button type="button" className="search__clear" onClick={() => onChange('')}>
            {t('searchClear')}
          </button>
        )}
      </div>
    </form>
  );
}
