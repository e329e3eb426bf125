import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, navigate } from '../router.js';

/** On the home page: ask in one's own words (智能咨询), or open the law library. */
export function KnowledgeEntry() {
  const { t } = useTranslation('portal');
  const [q, setQ] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const text = q.trim();
    // too short to search: the question page, with its examples to tap
    navigate(text.length >= 2 ? `/ask?q=${encodeURIComponent(text)}` : '/ask');
  };
  return (
    <section className="kb-entry" aria-labelledby="kb-entry-title">
      <form className="kb-entry__form" role="search" onSubmit={submit} data-testid="home-ask-form">
        <h2 id="kb-entry-title" className="kb-entry__title">
          <label htmlFor="home-ask">{t('knowledge.home.title')}</label>
        </h2>
        <p className="kb-entry__hint">{t('knowledge.home.hint')}</p>
        <div className="kb-entry__row">
          <input
            id="home-ask"
            type="search"
            className="kb-entry__input"
            value={q}
            maxLength={500}
            placeholder={t('knowledge.home.placeholder')}
            autoComplete="off"
            enterKeyHint="search"
            onChange={(e) => setQ(e.target.value)}
            data-testid="home-ask-input"
          />
          <button type="submit" className="button kb-entry__submit" data-testid="portal-nav-ask">
            {t('knowledge.home.submit')}
          </button>
        </div>
      </form>
      <Link to="/laws" className="kb-entry__laws" data-testid="portal-nav-laws">
        {t('knowledge.home.laws')} <span aria-hidden="true">›</span>
      </Link>
    </section>
  );
}
