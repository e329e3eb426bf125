import { useTranslation } from 'react-i18next';
import type { LawArticle } from '../../shared/api/knowledge.js';
import { BackButton, LoadStatus, useKnowledge } from '../components/KnowledgeCommon.js';
import { ArticleParagraphs, citation } from '../components/KnowledgeText.js';
import { SubHeader, type ElderModeProps } from '../components/SubHeader.js';
import { Link } from '../router.js';
import { usePageTitle } from '../usePageTitle.js';

/**
 * One article (/laws/articles/:id): the whole text a paragraph per line, each reference to another article a
 * link to it, the date of the text and its earlier texts, the articles before and after, the answers citing it.
 */
export function ArticlePage({ id, ...mode }: ElderModeProps & { id: number }) {
  const { t } = useTranslation('portal');
  const loaded = useKnowledge<LawArticle>(`/knowledge/articles/${id}`);
  const a = loaded.data;
  usePageTitle(a ? citation(a.law, a.article) : t('knowledge.laws.title'));

  return (
    <>
      <SubHeader title={t('knowledge.laws.title')} {...mode} />
      <main className="main kb" id="main" data-testid="article-page" data-article-id={a?.id}>
        <nav className="kb-crumbs" aria-label={t('knowledge.laws.title')}>
          <BackButton />
          <Link to="/laws">{t('knowledge.article.library')}</Link>
          {a && (
            <>
              <span aria-hidden="true"> › </span>
              <Link to={`/laws/${a.lawId}`} data-testid="article-law">
                {a.law}
              </Link>
            </>
          )}
        </nav>
        {!a && <LoadStatus error={loaded.error} reload={loaded.reload} />}
        {a && (
          <>
            <article className="card kb-article">
              <p className="kb-article__law">《{a.law}》</p>
              {(a.part || a.chapter || a.section) && (
                <p className="kb-article__where">{[a.part, a.chapter, a.section].filter(Boolean).join(' · ')}</p>
              )}
              <h2 className="kb-article__title" data-testid="article-title">
                {a.article}
              </h2>
              {a.repealed && <p className="notice">{t('knowledge.article.repealed')}</p>}
              <div className="kb-article__text" data-testid="article-text">
                <ArticleParagraphs
                  text={a.text}
                  links={a.links}
                  label={(l) => t('knowledge.article.referenceLabel', { law: l.law, article: l.article })}
                />
              </div>
              <p className="kb-article__version" data-testid="article-version">
                {t('knowledge.article.version', { date: a.version })}
              </p>
              {a.history.length > 0 && (
                <details className="kb-history" data-testid="article-history">
                  <summary>{t('knowledge.article.history', { count: a.history.length })}</summary>
                  {a.history.map((h) => (
                    <div key={h.version} className="kb-history__item">
                      <p className="kb-history__version">{t('knowledge.article.historyVersion', { date: h.version })}</p>
                      <ArticleParagraphs text={h.text} links={[]} label={() => ''} />
                    </div>
                  ))}
                </details>
              )}
            </article>
            <nav className="kb-pager" aria-label={a.law}>
              {a.previous ? (
                <Link to={`/laws/articles/${a.previous.id}`} className="button button--ghost kb-pager__link" data-testid="article-previous">
                  <span>
                    <span aria-hidden="true">‹</span> {t('knowledge.article.previous')}
                  </span>
                  <span className="kb-pager__no">{a.previous.article}</span>
                </Link>
              ) : (
                <span />
              )}
              {a.next && (
                <Link
                  to={`/laws/articles/${a.next.id}`}
                  className="button button--ghost kb-pager__link kb-pager__link--next"
                  data-testid="article-next"
                >
                  <span>
                    {t('knowledge.article.next')} <span aria-hidden="true">›</span>
                  </span>
                  <span className="kb-pager__no">{a.next.article}</span>
                </Link>
              )}
            </nav>
            {a.citedBy.length > 0 && (
              <section className="kb-section" aria-labelledby="kb-cited" data-testid="article-cited-by">
                <h2 id="kb-cited" className="kb-section__title">
                  {t('knowledge.article.citedBy')}
                </h2>
                <ul className="kb-qa-links">
                  {a.citedBy.map((e) => (
                    <li key={e.id}>
                      <Link to={`/qa/${e.id}`} className="kb-qa-link" data-testid="article-qa">
                        {e.title}
                      </Link>
                    </li>
                  ))}
                </ul>
              </section>
            )}
          </>
        )}
      </main>
    </>
  );
}
