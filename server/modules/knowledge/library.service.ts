import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { notFound } from '../../http/errors.js';
import { resolveCitations } from './search.service.js';

/*
 * Reading the law library: the laws, a law's table of contents (编 → 章 → 节 → 条), one article with its
 * earlier texts, the articles its text refers to ("依照本法第四十七条" → that article) and the answers citing it.
 */

export async function listLaws(db: Kysely<DB>) {
  const rows = await db
    .selectFrom('laws')
    .select(['id', 'name', 'category', 'version', 'article_count'])
    .orderBy('category')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, category: r.category, version: r.version, articleCount: r.article_count }));
}

export async function lawContents(db: Kysely<DB>, id: number) {
  const law = await db.selectFrom('laws').selectAll().where('id', '=', id).executeTakeFirst();
  if (!law) throw notFound();
  const articles = await db
    .selectFrom('law_articles')
    .select(['id', 'article', 'number', 'sub', 'part', 'chapter', 'section', 'text', 'repealed'])
    .where('law_id', '=', id)
    .orderBy('seq')
    .execute();
  return {
    id: law.id,
    name: law.name,
    category: law.category,
    version: law.version,
    source: law.source,
    articles: articles.map((a) => ({
      id: a.id,
      article: a.article,
      number: a.number,
      sub: a.sub,
      part: a.part,
      chapter: a.chapter,
      section: a.section,
      // the table of contents shows the opening words; the article page the whole text
      preview: a.text.length > 60 ? `${a.text.slice(0, 60)}…` : a.text,
      repealed: a.repealed,
    })),
  };
}

export async function getArticle(db: Kysely<DB>, id: number) {
  const a = await db
    .selectFrom('law_articles as a')
    .innerJoin('laws as l', 'l.id', 'a.law_id')
    .select([
      'a.id',
      'a.law_id',
      'l.name as law',
      'l.category',
      'a.article',
      'a.number',
      'a.sub',
      'a.part',
      'a.chapter',
      'a.section',
      'a.text',
      'a.version',
      'a.repealed',
    ])
    .where('a.id', '=', id)
    .executeTakeFirst();
  if (!a) throw notFound();
  const [history, citedBy] = await Promise.all([
    db.selectFrom('law_article_versions').select(['version', 'text']).where('article_id', '=', id).orderBy('version', 'desc').execute(),
    db
      .selectFrom('kb_entry_refs as r')
      .innerJoin('kb_entries as e', 'e.id', 'r.entry_id')
      .select(['e.id', 'e.kind', 'e.title'])
      .where('r.article_id', '=', id)
      .where('e.status', '=', 'published')
      .orderBy('e.id')
      .limit(20)
      .execute(),
  ]);
  // the articles the text refers to, resolved to ids (本法 is this law)
  const links = (await resolveCitations(db, a.text, a.law)).map((r) => ({
    start: r.start,
    end: r.end,
    articleId: r.id,
    law: r.law,
    article: r.article,
  }));
  const [prev, next] = await Promise.all([
    db
      .selectFrom('law_articles')
      .select(['id', 'article'])
      .where('law_id', '=', a.law_id)
      .where('seq', '<', db.selectFrom('law_articles').select('seq').where('id', '=', id))
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst(),
    db
      .selectFrom('law_articles')
      .select(['id', 'article'])
      .where('law_id', '=', a.law_id)
      .where('seq', '>', db.selectFrom('law_articles').select('seq').where('id', '=', id))
      .orderBy('seq')
      .limit(1)
      .executeTakeFirst(),
  ]);
  return {
    id: a.id,
    lawId: a.law_id,
    law: a.law,
    category: a.category,
    article: a.article,
    number: a.number,
    sub: a.sub,
    part: a.part,
    chapter: a.chapter,
    section: a.section,
    text: a.text,
    version: a.version,
    repealed: a.repealed,
    history,
    links,
    citedBy: citedBy.map((e) => ({ id: e.id, kind: e.kind, title: e.title })),
    previous: prev ?? null,
    next: next ?? null,
  };
}

/** A published Q&A or guide, with the articles it cites. */
export async function getEntry(db: Kysely<DB>, id: number) {
  const e = await db
    .selectFrom('kb_entries')
    .select(['id', 'kind', 'title', 'body', 'answer_by', 'license', 'source', 'published_at', 'service_item'])
    .where('id', '=', id)
    .where('status', '=', 'published')
    .executeTakeFirst();
  if (!e) throw notFound();
  const refs = await db
    .selectFrom('kb_entry_refs as r')
    .innerJoin('law_articles as a', 'a.id', 'r.article_id')
    .innerJoin('laws as l', 'l.id', 'a.law_id')
    .select(['a.id', 'l.name as law', 'a.article', 'a.text'])
    .where('r.entry_id', '=', id)
    .orderBy('a.law_id')
    .orderBy('a.seq')
    .execute();
  return {
    id: e.id,
    kind: e.kind,
    question: e.title,
    answer: e.body,
    answerBy: e.answer_by,
    license: e.license,
    source: e.source,
    serviceItem: e.service_item,
    publishedAt: e.published_at?.toISOString() ?? null,
    refs: refs.map((r) => ({ articleId: r.id, law: r.law, article: r.article, text: r.text })),
  };
}
