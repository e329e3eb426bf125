import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { findCitations } from './citations.js';
import { bigrams, indexTerms } from './segment.js';
import { bm25, type Hit, type WeightedTerm } from './search-index.js';
import { EXPANSIONS, SITUATIONS } from './vocabulary.js';

/*
 * Search over the law library, the Q&A and the guides for a question in plain words:
 *   1. citations typed by the user ("劳动合同法第82条", "民法典1079条") go first, exactly;
 *   2. the question's words, and the law's words for what people say (工资 → 劳动报酬), ranked by BM25;
 *   3. articles that answered similar questions: the answered questions nearest to this one lend their cited
 *      articles a share of their score (the library learns from every answer that cites an article).
 */

export type SearchKind = 'article' | 'qa' | 'guide' | 'all';

/** How much an expansion counts next to a word the user typed (chosen on the benchmark's tuning part). */
export const TUNING = { expansionWeight: 0.4, articleCandidates: 60 };

export interface ArticleItem {
  kind: 'article';
  id: number;
  law: string;
  article: string;
  number: number;
  text: string;
  version: string;
  chapter: string;
  score: number;
  /** a passage of the text around the words found, and where they are in it */
  snippet: string;
  marks: [number, number][];
  /** 'citation' when the user named this article */
  match: 'citation' | 'text';
}

export interface QaItem {
  kind: 'qa' | 'guide';
  id: number;
  question: string;
  answer: string;
  answerBy: string;
  score: number;
  snippet: string;
  marks: [number, number][];
  /** the articles it cites */
  refs: { law: string; article: string }[];
}

export type SearchItem = ArticleItem | QaItem;

/** The law's words a question calls for: those of its words (工资 → 劳动报酬) and of its situations (丈夫…打 → 家庭暴力). */
export function expansionsOf(q: string): string[] {
  const out = new Set<string>();
  // own keys only: a question may hold the word "constructor" (found by test/api/hostile-input.test.ts)
  for (const t of indexTerms(q)) for (const e of Object.hasOwn(EXPANSIONS, t) ? EXPANSIONS[t]! : []) out.add(e);
  for (const [pattern, terms] of SITUATIONS) if (pattern.test(q)) for (const e of terms) out.add(e);
  return [...out];
}

/** The query's terms: what was typed (weight 1), and the law's words for it (lower). */
export function queryTerms(q: string): WeightedTerm[] {
  const weights = new Map<string, number>();
  for (const t of indexTerms(q)) weights.set(t, 1);
  for (const e of expansionsOf(q)) for (const part of indexTerms(e)) if (!weights.has(part)) weights.set(part, TUNING.expansionWeight);
  return [...weights].map(([term, weight]) => ({ term, weight }));
}

/** The same for the index of character pairs: the question's pairs, and the pairs of the law's words for it. */
export function queryPairs(q: string): WeightedTerm[] {
  const weights = new Map<string, number>();
  for (const p of bigrams(q)) weights.set(p, 1);
  for (const e of expansionsOf(q)) for (const p of bigrams(e)) if (!weights.has(p)) weights.set(p, TUNING.expansionWeight);
  return [...weights].map(([term, weight]) => ({ term, weight }));
}

const lawNamesCache = new WeakMap<object, { at: number; names: Promise<string[]> }>();
function lawNames(db: Kysely<DB> | Transaction<DB>): Promise<string[]> {
  const cached = lawNamesCache.get(db);
  if (cached && Date.now() - cached.at < 60_000) return cached.names;
  const names = db
    .selectFrom('laws')
    .select('name')
    .execute()
    .then((rows) => rows.map((r) => r.name));
  lawNamesCache.set(db, { at: Date.now(), names });
  names.catch(() => lawNamesCache.delete(db));
  return names;
}

/**
 * Article ids ranked for a question: BM25 by words and BM25 by pairs of characters, each scaled to its best
 * hit, added. Both indexes carry the questions answered by citing each article.
 */
export async function rankArticles(db: Kysely<DB>, terms: readonly WeightedTerm[], q: string, limit: number): Promise<Hit[]> {
  const pairs = queryPairs(q);
  const n = Math.max(limit, TUNING.articleCandidates);
  const [byWords, byPairs] = await Promise.all([bm25(db, 'article', terms, n, true), bm25(db, 'article_bigram', pairs, n, true)]);
  const scores = new Map<number, number>();
  for (const hits of [byWords, byPairs]) {
    const top = hits[0]?.score ?? 0;
    for (const h of hits) scores.set(h.sourceId, (scores.get(h.sourceId) ?? 0) + (top ? h.score / top : 0));
  }
  return [...scores]
    .map(([sourceId, score]) => ({ sourceId, score }))
    .sort((a, b) => b.score - a.score || a.sourceId - b.sourceId)
    .slice(0, limit);
}

const SNIPPET = 120;

/** A passage of `text` around the most found terms, with the places of the terms in it. */
export function snippetOf(text: string, terms: readonly string[]): { snippet: string; marks: [number, number][] } {
  const found: [number, number][] = [];
  for (const t of [...terms].sort((a, b) => b.length - a.length)) {
    if (t.length < 2 && !/[0-9]/.test(t)) continue;
    let from = 0;
    for (;;) {
      const at = text.indexOf(t, from);
      if (at < 0) break;
      from = at + t.length;
      if (!found.some(([s, e]) => at < e && at + t.length > s)) found.push([at, at + t.length]);
    }
  }
  found.sort((a, b) => a[0] - b[0]);
  let start = 0;
  if (text.length > SNIPPET && found.length) {
    // the window holding the most marks
    let bestCount = -1;
    for (const [s] of found) {
      const from = Math.max(0, s - 20);
      const count = found.filter(([a, b]) => a >= from && b <= from + SNIPPET).length;
      if (count > bestCount) {
        bestCount = count;
        start = from;
      }
    }
  }
  const end = Math.min(text.length, start + SNIPPET);
  const snippet = (start > 0 ? '…' : '') + text.slice(start, end) + (end < text.length ? '…' : '');
  const shift = start > 0 ? 1 - start : 0;
  const marks = found.filter(([a, b]) => a >= start && b <= end).map(([a, b]) => [a + shift, b + shift] as [number, number]);
  return { snippet, marks };
}

async function articleItems(db: Kysely<DB>, hits: readonly Hit[], terms: readonly string[], match: 'citation' | 'text') {
  if (!hits.length) return [];
  const rows = await db
    .selectFrom('law_articles as a')
    .innerJoin('laws as l', 'l.id', 'a.law_id')
    .select(['a.id', 'l.name as law', 'a.article', 'a.number', 'a.text', 'a.version', 'a.chapter'])
    .where(
      'a.id',
      'in',
      hits.map((h) => h.sourceId),
    )
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return hits.flatMap((h): ArticleItem[] => {
    const r = byId.get(h.sourceId);
    if (!r) return [];
    return [{ kind: 'article', ...r, score: Math.round(h.score * 1000) / 1000, match, ...snippetOf(r.text, terms) }];
  });
}

async function entryItems(db: Kysely<DB>, hits: readonly Hit[], terms: readonly string[]): Promise<QaItem[]> {
  if (!hits.length) return [];
  const ids = hits.map((h) => h.sourceId);
  const [rows, refs] = await Promise.all([
    db.selectFrom('kb_entries').select(['id', 'kind', 'title', 'body', 'answer_by']).where('id', 'in', ids).execute(),
    db
      .selectFrom('kb_entry_refs as r')
      .innerJoin('law_articles as a', 'a.id', 'r.article_id')
      .innerJoin('laws as l', 'l.id', 'a.law_id')
      .select(['r.entry_id', 'l.name as law', 'a.article'])
      .where('r.entry_id', 'in', ids)
      .orderBy('a.law_id')
      .orderBy('a.seq')
      .execute(),
  ]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return hits.flatMap((h): QaItem[] => {
    const r = byId.get(h.sourceId);
    if (!r) return [];
    return [
      {
        kind: r.kind,
        id: r.id,
        question: r.title,
        answer: r.body,
        answerBy: r.answer_by,
        score: Math.round(h.score * 1000) / 1000,
        ...snippetOf(r.body, terms),
        refs: refs.filter((x) => x.entry_id === r.id).map((x) => ({ law: x.law, article: x.article })),
      },
    ];
  });
}

/**
 * The articles a text cites (a query, an answer, an article's own text where 本法 is `selfLaw`), resolved to
 * the articles held, in the order they are cited, with where each citation stands in the text.
 */
export async function resolveCitations(db: Kysely<DB> | Transaction<DB>, text: string, selfLaw?: string) {
  const cites = findCitations(text, await lawNames(db), selfLaw);
  if (!cites.length) return [];
  const rows = await db
    .selectFrom('law_articles as a')
    .innerJoin('laws as l', 'l.id', 'a.law_id')
    .select(['a.id', 'l.name', 'a.number', 'a.sub', 'a.article'])
    .where((eb) =>
      eb.or(
        cites.map((c) =>
          eb.and([eb('l.name', '=', c.law), eb('a.number', '=', c.number), c.sub ? eb('a.sub', '=', c.sub) : eb('a.sub', 'is', null)]),
        ),
      ),
    )
    .execute();
  return cites.flatMap((c) => {
    const r = rows.find((x) => x.name === c.law && x.number === c.number && (x.sub ?? null) === (c.sub ?? null));
    return r ? [{ id: r.id, law: r.name, article: r.article, start: c.start, end: c.end }] : [];
  });
}

/** Exact articles named in the query. */
export async function citedArticles(db: Kysely<DB>, q: string): Promise<Hit[]> {
  return (await resolveCitations(db, q)).map((r) => ({ sourceId: r.id, score: 100 }));
}

/**
 * The public search: articles, Q&A and guides for a question, best first. Only what citizens may see is
 * returned (published entries; restricted and benchmark material never).
 */
export async function search(db: Kysely<DB>, q: string, kind: SearchKind, limit: number): Promise<{ items: SearchItem[] }> {
  const terms = queryTerms(q);
  const words = terms.map((t) => t.term);
  // in a mixed list each kind's scores are scaled to its best hit (1), so that articles and answers interleave
  const scaled = (hits: Hit[]) => (kind === 'all' ? hits.map((h) => ({ ...h, score: h.score / (hits[0]?.score || 1) })) : hits);
  // the kinds are ranked at the same time (on the server's pool they run side by side)
  const articles = async (): Promise<SearchItem[]> => {
    if (kind !== 'article' && kind !== 'all') return [];
    const cited = await citedArticles(db, q);
    const ranked = scaled(cited.length >= limit ? [] : await rankArticles(db, terms, q, limit));
    const seen = new Set(cited.map((c) => c.sourceId));
    const [exact, found] = await Promise.all([
      articleItems(db, cited, words, 'citation'),
      articleItems(
        db,
        ranked.filter((h) => !seen.has(h.sourceId)),
        words,
        'text',
      ),
    ]);
    return [...exact, ...found];
  };
  const entries = async (): Promise<SearchItem[]> => {
    const [qa, guides] = await Promise.all([
      kind === 'qa' || kind === 'all' ? bm25(db, 'qa', terms, limit, true) : [],
      kind === 'guide' || kind === 'all' ? bm25(db, 'guide', terms, limit, true) : [],
    ]);
    return entryItems(db, [...scaled(qa), ...scaled(guides)], words);
  };
  const [a, e] = await Promise.all([articles(), entries()]);
  const items = [...a, ...e];
  if (kind === 'all') items.sort((x, y) => y.score - x.score);
  return { items: items.slice(0, limit) };
}
