import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { LawContents } from '../../shared/api/knowledge.js';
import { LoadStatus, useKnowledge } from '../components/KnowledgeCommon.js';
import { SubHeader, type ElderModeProps } from '../components/SubHeader.js';
import { Link } from '../router.js';
import { usePageTitle } from '../usePageTitle.js';

type Article = LawContents['articles'][number];

/** A run of articles under the same 编, 章 and 节, with the headings that start there. */
interface Block {
  anchor: string;
  part: string;
  chapter: string;
  section: string;
  /** the headings that change at this block (a new 编 shows its name once) */
  newPart: boolean;
  newChapter: boolean;
  articles: Article[];
}

function blocksOf(articles: Article[]): Block[] {
  const blocks: Block[] = [];
  for (const a of articles) {
    const last = blocks[blocks.length - 1];
    if (last && last.part === a.part && last.chapter === a.chapter && last.section === a.section) {
      last.articles.push(a);
      continue;
    }
    blocks.push({
      anchor: `kb-b${blocks.length}`,
      part: a.part,
      chapter: a.chapter,
      section: a.section,
      newPart: !last || last.part !== a.part,
      newChapter: !last || last.part !== a.part || last.chapter !== a.chapter,
      articles: [a],
    });
  }
  return blocks;
}

/** The articles from this block to the end of its chapter (for the range shown in the contents). */
function chapterRange(blocks: Block[], i: number): [Article, Article] {
  let j = i;
  while (j + 1 < blocks.length && !blocks[j + 1]!.newChapter) j++;
  const first = blocks[i]!.articles[0]!;
  const lastBlock = blocks[j]!;
  return [first, lastBlock.articles[lastBlock.articles.length - 1]!];
}

/** One law (/laws/:id): its contents by 编, 章 and 节, then every article with its opening words. */
export function LawPage({ id, ...mode }: ElderModeProps & { id: number }) {
  const { t } = useTranslation('portal');
  const law = useKnowledge<LawContents>(`/knowledge/laws/${id}`);
  const blocks = useMemo(() => (law.data ? blocksOf(law.data.articles) : []), [law.data]);
  const hasHeadings = blocks.some((b) => b.part || b.chapter || b.section);
  usePageTitle(law.data?.name ?? t('knowledge.laws.title'));

  return (
    <>
      <SubHeader title={t('knowledge.laws.title')} {...mode} />
      <main className="main kb" id="main" data-testid="law-page">
        <nav className="kb-crumbs" aria-label={t('knowledge.laws.title')}>
          <Link to="/laws">{t('knowledge.article.library')}</Link>
        </nav>
        {!law.data && <LoadStatus error={law.error} reload={law.reload} />}
        {law.data && (
          <>
            <header className="kb-law-head">
              <h2 className="kb-law-head__name" data-testid="law-name">
                {law.data.name}
              </h2>
              <p className="kb-law-head__meta">
                {law.data.category} · {t('knowledge.laws.version', { date: law.data.version })} ·{' '}
                {t('knowledge.laws.count', { count: law.data.articles.length })}
              </p>
            </header>
            {hasHeadings && (
              <nav className="card kb-toc" id="kb-toc" aria-labelledby="kb-toc-title" data-testid="law-toc">
                <h2 id="kb-toc-title" className="kb-toc__title">
                  {t('knowledge.law.contents')}
                </h2>
                <ul className="kb-toc__list">
                  {blocks.map((b, i) => {
                    const heading = b.newChapter ? b.chapter || b.part : b.section;
                    if (!heading) return null;
                    const [first, last] = chapterRange(blocks, i);
                    return (
                      <li key={b.anchor} className={b.newChapter ? 'kb-toc__chapter' : 'kb-toc__section'}>
                        {b.newPart && b.part && b.chapter && <span className="kb-toc__part">{b.part}</span>}
                        <a href={`#${b.anchor}`} data-testid="law-chapter">
                          {heading}
                        </a>
                        {b.newChapter && (
                          <span className="kb-toc__range">
                            {first.article === last.article
                              ? first.article
                              : t('knowledge.law.articles', { from: first.article, to: last.article })}
                          </span>
                        )}
                      </li>
                    );
                  })}
                </ul>
              </nav>
            )}
            {blocks.map((b, i) => (
              <section key={b.anchor} id={b.anchor} className="kb-block">
                {b.newPart && b.part && <h3 className="kb-block__part">{b.part}</h3>}
                {b.newChapter && b.chapter && <h3 className="kb-block__chapter">{b.chapter}</h3>}
                {b.section && <h4 className="kb-block__section">{b.section}</h4>}
                <ol className="kb-articles">
                  {b.articles.map((a) => (
                    <li key={a.id}>
                      <Link to={`/laws/articles/${a.id}`} className="kb-article-link" data-testid="law-article" data-article-id={a.id}>
                        <span className="kb-article-link__no">{a.article}</span>
                        {a.repealed && <span className="tag">{t('knowledge.law.repealed')}</span>}
                        <span className="kb-article-link__preview">{a.preview}</span>
                      </Link>
                    </li>
                  ))}
                </ol>
                {hasHeadings && (i === blocks.length - 1 || blocks[i + 1]!.newChapter) && (
                  <a href="#kb-toc" className="kb-block__top">
                    <span aria-hidden="true">↑</span> {t('knowledge.law.top')}
                  </a>
                )}
              </section>
            ))}
            <p className="kb-source">{t('knowledge.law.source', { source: law.data.source })}</p>
          </>
        )}
      </main>
    </>
  );
}
