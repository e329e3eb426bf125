import { useTranslation } from 'react-i18next';
import type { KnowledgeEntry } from '../../shared/api/knowledge.js';
import { BackButton, KnowledgeHelp, LoadStatus, useKnowledge } from '../components/KnowledgeCommon.js';
import { ArticleParagraphs, citation } from '../components/KnowledgeText.js';
import { SubHeader, type ElderModeProps } from '../components/SubHeader.js';
import { Link } from '../router.js';
import { usePageTitle } from '../usePageTitle.js';

/** A published Q&A (/qa/:id): the question, the answer and who wrote it, and the articles it cites in full. */
export function QaPage({ id, ...mode }: ElderModeProps & { id: number }) {
  const { t } = useTranslation('portal');
  const loaded = useKnowledge<KnowledgeEntry>(`/knowledge/entries/${id}`);
  const e = loaded.data;
  usePageTitle(t('knowledge.qa.title'));

  return (
    <>
      <SubHeader title={t('knowledge.qa.title')} {...mode} />
      <main className="main kb" id="main" data-testid="qa-page">
        <nav className="kb-crumbs" aria-label={t('knowledge.qa.title')}>
          <BackButton />
          <Link to="/ask">{t('knowledge.ask.title')}</Link>
        </nav>
        {!e && <LoadStatus error={loaded.error} reload={loaded.reload} />}
        {e && (
          <>
            <article className="card kb-qa">
              <h2 className="kb-qa__question" data-testid="qa-question">
                <span className="kb-qa__mark" aria-hidden="true">
                  {t('knowledge.qa.question')}
                </span>
                {e.question}
              </h2>
              <div className="kb-qa__answer" data-testid="qa-answer">
                <span className="kb-qa__mark kb-qa__mark--answer" aria-hidden="true">
                  {t('knowledge.qa.answer')}
                </span>
                <div className="kb-qa__body">
                  <ArticleParagraphs text={e.answer} links={[]} label={() => ''} />
                </div>
              </div>
              <p className="kb-source">{t('knowledge.answer.answerBy', { by: e.answerBy })}</p>
              {e.publishedAt && <p className="kb-source">{t('knowledge.qa.publishedAt', { date: e.publishedAt.slice(0, 10) })}</p>}
            </article>
            {e.refs.length > 0 && (
              <section className="kb-section" aria-labelledby="kb-qa-refs">
                <h2 id="kb-qa-refs" className="kb-section__title">
                  {t('knowledge.qa.cites')}
                </h2>
                <ul className="kb-list">
                  {e.refs.map((r) => (
                    <li key={r.articleId} className="kb-card" data-testid="qa-ref">
                      <h3 className="kb-card__title">
                        <Link to={`/laws/articles/${r.articleId}`}>{citation(r.law, r.article)}</Link>
                      </h3>
                      <div className="kb-card__text">
                        <ArticleParagraphs text={r.text} links={[]} label={() => ''} />
                      </div>
                    </li>
                  ))}
                </ul>
              </section>
            )}
            <p className="kb-own">
              <Link to="/ask" className="button button--ghost button--block" data-testid="qa-ask-own">
                {t('knowledge.qa.askOwn')}
              </Link>
            </p>
            <KnowledgeHelp question="" regionCode="" />
          </>
        )}
      </main>
    </>
  );
}
