import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArticleHit, LawSummary } from '../../shared/api/knowledge.js';
import { LoadStatus, useKnowledge } from '../components/KnowledgeCommon.js';
import { citation, MarkedText } from '../components/KnowledgeText.js';
import { SubHeader, type ElderModeProps } from '../components/SubHeader.js';
import { Link, navigate, useLocation } from '../router.js';
import { usePageTitle } from '../usePageTitle.js';

/** The library's categories in the order people need them, with the key of their name. */
const CATEGORIES = [
  ['法律', 'law'],
  ['行政法规', 'regulation'],
  ['司法解释', 'interpretation'],
] as const;

type CategoryKey = (typeof CATEGORIES)[number][1] | 'other';

function groupLaws(laws: LawSummary[]): { key: CategoryKey; laws: LawSummary[] }[] {
  const known = new Set<string>(CATEGORIES.map(([name]) => name));
  const groups: { key: CategoryKey; laws: LawSummary[] }[] = CATEGORIES.map(([name, key]) => ({
    key,
    laws: laws.filter((l) => l.category === name),
  }));
  groups.push({ key: 'other', laws: laws.filter((l) => !known.has(l.category)) });
  return groups.filter((g) => g.laws.length > 0);
}

/** 法律法规 (/laws?q=…): the laws by category, and a search over the articles. */
export function LawsPage(mode: ElderModeProps) {
  const { t } = useTranslation('portal');
  const { query } = useLocation();
  const q = (query.get('q') ?? '').trim();
  const laws = useKnowledge<LawSummary[]>('/knowledge/laws');
  const found = useKnowledge<{ items: ArticleHit[] }>(q ? '/knowledge/search' : null, { q, kind: 'article', limit: 20 });
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);
  usePageTitle(t('knowledge.laws.title'));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const value = text.trim();
    navigate(value ? `/laws?q=${encodeURIComponent(value)}` : '/laws');
  };

  return (
    <>
      <SubHeader title={t('knowledge.laws.title')} {...mode} />
      <main className="main kb" id="main" data-testid="laws-page">
        <p className="lead">{t('knowledge.laws.intro')}</p>
        <form className="search kb-search" role="search" onSubmit={submit} data-testid="laws-search">
          <label htmlFor="laws-q" className="search__label">
            {t('knowledge.laws.searchLabel')}
          </label>
          <div className="kb-search__row">
            <input
              id="laws-q"
              type="search"
              className="search__input kb-search__input"
              value={text}
              maxLength={500}
              placeholder={t('knowledge.laws.searchPlaceholder')}
              autoComplete="off"
              enterKeyHint="search"
              onChange={(e) => setText(e.target.value)}
              data-testid="laws-search-input"
            />
            <button type="submit" className="button kb-search__button" data-testid="laws-search-submit">
              {t('knowledge.laws.search')}
            </button>
          </div>
        </form>

        {q && (
          <section className="kb-section" aria-label={t('knowledge.laws.searchLabel')} data-testid="laws-results">
            {!found.data && <LoadStatus error={found.error} reload={found.reload} />}
            {found.data && (
              <>
                <p className="search__summary" role="status">
                  {found.data.items.length
                    ? t('knowledge.laws.results', { count: found.data.items.length })
                    : t('knowledge.laws.none', { q })}{' '}
                  <Link to="/laws">{t('knowledge.laws.clear')}</Link>
                </p>
                <ol className="kb-list">
                  {found.data.items.map((a) => (
                    <li key={a.id} className="kb-card" data-testid="laws-result" data-article-id={a.id}>
                      <h3 className="kb-card__title">
                        <Link to={`/laws/articles/${a.id}`}>{citation(a.law, a.article)}</Link>
                      </h3>
                      <p className="kb-snippet">
                        <MarkedText text={a.snippet} marks={a.marks} />
                      </p>
                    </li>
                  ))}
                </ol>
              </>
            )}
          </section>
        )}

        {!q && !laws.data && <LoadStatus error={laws.error} reload={laws.reload} />}
        {!q &&
          laws.data &&
          groupLaws(laws.data).map((group) => (
            <section
              key={group.key}
              className="kb-section"
              aria-labelledby={`kb-cat-${group.key}`}
              data-testid="laws-group"
              data-category={group.key}
            >
              <h2 id={`kb-cat-${group.key}`} className="kb-section__title">
                {t(`knowledge.laws.categories.${group.key}`)}
              </h2>
              <ul className="kb-laws">
                {group.laws.map((law) => (
                  <li key={law.id}>
                    <Link to={`/laws/${law.id}`} className="kb-law" data-testid="law-link" data-law-id={law.id}>
                      <span className="kb-law__name">{law.name}</span>
                      <span className="kb-law__meta">
                        {t('knowledge.laws.version', { date: law.version })} · {t('knowledge.laws.count', { count: law.articleCount })}
                      </span>
                    </Link>
                  </li>
                ))}
              </ul>
            </section>
          ))}
      </main>
    </>
  );
}
