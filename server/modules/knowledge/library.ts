import { readFile } from 'node:fs/promises';
import type { Kysely, Transaction } from 'kysely';
import type { DB, KbStatus, LawCategory } from '../../db/schema.js';
import { indexDocs, removeDocs, type IndexDoc } from './search-index.js';

/*
 * Importing the law library (laws.jsonl: one article per line) and the Q&A library (qa.jsonl). An article keeps
 * its id when a newer edition of its law is imported: its earlier text goes to law_article_versions, and an
 * article the new edition no longer has is marked repealed, so every answer that cites it still finds it.
 */

export interface LawRecord {
  law: string;
  article: string;
  number: number;
  sub?: number;
  part?: string;
  chapter?: string;
  section?: string;
  text: string;
  category: string;
  version: string;
  source?: string;
}

export interface QaRecord {
  id: string;
  question: string;
  answer: string;
  source?: string;
  answer_by?: string;
  license?: string;
  refs?: { law: string; article: string; number?: number }[];
}

export async function readJsonLines<T>(file: string): Promise<T[]> {
  const text = await readFile(file, 'utf8');
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

const CATEGORIES: readonly LawCategory[] = ['法律', '行政法规', '司法解释', '地方性法规', '部门规章', '其他'];

/** What the index holds for an article: the law's short name and its headings join the text. */
export function articleDocText(law: string, a: { part: string; chapter: string; section: string; text: string }): string {
  return [law.replace(/^中华人民共和国/, ''), a.part, a.chapter, a.section, a.text].filter(Boolean).join('\n');
}

export interface LawImportReport {
  laws: number;
  added: number;
  changed: number;
  unchanged: number;
  repealed: number;
}

/** Imports articles, law by law; a law already held is updated to the edition given (see above). */
export async function importLaws(db: Kysely<DB>, records: readonly LawRecord[]): Promise<LawImportReport> {
  const report: LawImportReport = { laws: 0, added: 0, changed: 0, unchanged: 0, repealed: 0 };
  const byLaw = new Map<string, LawRecord[]>();
  for (const r of records) {
    if (!r.law || !r.article || !Number.isInteger(r.number) || r.number <= 0 || typeof r.text !== 'string') {
      throw new Error(`laws: a record without law, article, number or text: ${JSON.stringify(r).slice(0, 200)}`);
    }
    byLaw.set(r.law, [...(byLaw.get(r.law) ?? []), r]);
  }
  for (const [name, articles] of byLaw) {
    await db.transaction().execute(async (trx) => {
      const first = articles[0]!;
      const category = (CATEGORIES as readonly string[]).includes(first.category) ? (first.category as LawCategory) : '其他';
      const version = articles.reduce((v, a) => (a.version > v ? a.version : v), first.version);
      const law = await trx
        .insertInto('laws')
        .values({ name, category, version, source: first.source ?? '', article_count: articles.length })
        .onConflict((oc) =>
          oc
            .column('name')
            .doUpdateSet({ category, version, source: first.source ?? '', article_count: articles.length, updated_at: new Date() }),
        )
        .returning('id')
        .executeTakeFirstOrThrow();
      const held = new Map(
        (
          await trx
            .selectFrom('law_articles')
            .select(['id', 'article', 'text', 'version', 'repealed'])
            .where('law_id', '=', law.id)
            .execute()
        ).map((a) => [a.article, a]),
      );
      const toIndex: number[] = [];
      const fresh = articles
        .map((a, seq) => ({ a, seq }))
        .filter(({ a }) => !held.has(a.article))
        .map(({ a, seq }) => ({
          law_id: law.id,
          article: a.article,
          number: a.number,
          sub: a.sub ?? null,
          part: a.part ?? '',
          chapter: a.chapter ?? '',
          section: a.section ?? '',
          text: a.text,
          version: a.version,
          seq,
        }));
      for (let i = 0; i < fresh.length; i += 500) {
        const inserted = await trx
          .insertInto('law_articles')
          .values(fresh.slice(i, i + 500))
          .returning(['id', 'part', 'chapter', 'section', 'text'])
          .execute();
        for (const a of inserted) toIndex.push(a.id);
      }
      report.added += fresh.length;
      for (const [seq, a] of articles.entries()) {
        const old = held.get(a.article);
        if (!old) continue;
        held.delete(a.article);
        if (old.text === a.text && old.version === a.version && !old.repealed) {
          report.unchanged++;
          continue;
        }
        if (old.text !== a.text) {
          await trx
            .insertInto('law_article_versions')
            .values({ article_id: old.id, version: old.version, text: old.text })
            .onConflict((oc) => oc.columns(['article_id', 'version']).doNothing())
            .execute();
        }
        const next = { part: a.part ?? '', chapter: a.chapter ?? '', section: a.section ?? '', text: a.text };
        await trx
          .updateTable('law_articles')
          .set({ ...next, number: a.number, sub: a.sub ?? null, version: a.version, seq, repealed: false })
          .where('id', '=', old.id)
          .execute();
        toIndex.push(old.id);
        report.changed++;
      }
      // what the new edition no longer has: kept for what cites it, out of search
      const gone = [...held.values()].filter((a) => !a.repealed);
      if (gone.length) {
        await trx
          .updateTable('law_articles')
          .set({ repealed: true })
          .where(
            'id',
            'in',
            gone.map((a) => a.id),
          )
          .execute();
        for (const kind of ['article', 'article_bigram'] as const)
          await removeDocs(
            trx,
            kind,
            gone.map((a) => a.id),
          );
        report.repealed += gone.length;
      }
      await reindexArticles(trx, toIndex);
    });
    report.laws++;
  }
  return report;
}

/** Only answers under a licence that allows reuse are shown to citizens; the rest may only inform search. */
export function statusForLicence(license: string | undefined): KbStatus {
  return /^MIT\b/i.test(license ?? '') ? 'published' : 'restricted';
}

export interface QaImportReport {
  entries: number;
  published: number;
  restricted: number;
  refs: number;
  unresolvedRefs: number;
}

/**
 * Imports Q&A pairs (upserting by their id). `origin: 'evaluation'` is for benchmark material (LLM answers):
 * indexed as extra documents, never shown, never learnt from.
 */
export async function importQa(
  db: Kysely<DB>,
  records: readonly QaRecord[],
  options: { origin?: 'imported' | 'evaluation' } = {},
): Promise<QaImportReport> {
  const origin = options.origin ?? 'imported';
  const report: QaImportReport = { entries: 0, published: 0, restricted: 0, refs: 0, unresolvedRefs: 0 };
  const articleIds = await articleIndex(db);
  for (let i = 0; i < records.length; i += 500) {
    const batch = records.slice(i, i + 500);
    await db.transaction().execute(async (trx) => {
      const rows = await trx
        .insertInto('kb_entries')
        .values(
          batch.map((r) => ({
            kind: 'qa' as const,
            external_id: r.id,
            title: r.question,
            body: r.answer,
            answer_by: r.answer_by ?? '',
            license: r.license ?? '',
            source: r.source ?? '',
            origin,
            status: origin === 'evaluation' ? ('restricted' as const) : statusForLicence(r.license),
            service_item: 'consultation',
            published_at: origin === 'imported' && statusForLicence(r.license) === 'published' ? new Date() : null,
          })),
        )
        .onConflict((oc) =>
          oc.column('external_id').doUpdateSet((eb) => ({
            title: eb.ref('excluded.title'),
            body: eb.ref('excluded.body'),
            answer_by: eb.ref('excluded.answer_by'),
            license: eb.ref('excluded.license'),
            source: eb.ref('excluded.source'),
            updated_at: new Date(),
          })),
        )
        .returning(['id', 'external_id', 'status'])
        .execute();
      const idOf = new Map(rows.map((r) => [r.external_id!, r]));
      const refs: { entry_id: number; article_id: number }[] = [];
      const docs: IndexDoc[] = [];
      for (const r of batch) {
        const row = idOf.get(r.id)!;
        report.entries++;
        if (row.status === 'published') report.published++;
        else report.restricted++;
        const cited = new Set<number>();
        for (const ref of r.refs ?? []) {
          const id = articleIds.get(`${ref.law}|${ref.article}`);
          if (id) cited.add(id);
          else report.unresolvedRefs++;
        }
        if (origin === 'imported') for (const article_id of cited) refs.push({ entry_id: row.id, article_id });
        docs.push({ kind: 'qa', sourceId: row.id, text: `${r.question}\n${r.answer}`, visible: row.status === 'published' });
      }
      if (refs.length) {
        await trx
          .deleteFrom('kb_entry_refs')
          .where('entry_id', 'in', [...new Set(refs.map((r) => r.entry_id))])
          .execute();
        await trx
          .insertInto('kb_entry_refs')
          .values(refs)
          .onConflict((oc) => oc.doNothing())
          .execute();
        report.refs += refs.length;
        // an answered question teaches search which articles answer questions like it
        await reindexArticles(trx, [...new Set(refs.map((r) => r.article_id))]);
      }
      await indexDocs(trx, docs);
    });
  }
  return report;
}

/**
 * (Re)indexes articles: by words (with the law's name and headings) and by pairs of characters, each followed
 * by the questions of the answered Q&A that cite the article (never the benchmark's LLM material).
 */
export async function reindexArticles(db: Kysely<DB> | Transaction<DB>, ids: readonly number[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = ids.slice(i, i + 1000);
    const [articles, asked] = await Promise.all([
      db
        .selectFrom('law_articles as a')
        .innerJoin('laws as l', 'l.id', 'a.law_id')
        .select(['a.id', 'l.name', 'a.part', 'a.chapter', 'a.section', 'a.text'])
        .where('a.id', 'in', chunk)
        .where('a.repealed', '=', false)
        .execute(),
      db
        .selectFrom('kb_entry_refs as r')
        .innerJoin('kb_entries as e', 'e.id', 'r.entry_id')
        .select(['r.article_id', 'e.title'])
        .where('r.article_id', 'in', chunk)
        .where('e.status', 'in', ['published', 'restricted'])
        .where('e.origin', '!=', 'evaluation')
        .orderBy('e.id')
        .execute(),
    ]);
    const questions = new Map<number, string[]>();
    for (const q of asked) questions.set(q.article_id, [...(questions.get(q.article_id) ?? []), q.title]);
    const docs: IndexDoc[] = [];
    for (const a of articles) {
      const more = questions.get(a.id) ?? [];
      docs.push({ kind: 'article', sourceId: a.id, text: [articleDocText(a.name, a), ...more].join('\n'), visible: true });
      docs.push({ kind: 'article_bigram', sourceId: a.id, text: [a.text, ...more].join('\n'), visible: true });
    }
    await indexDocs(db, docs);
  }
}

/** `law|第X条` → article id, for resolving citations in bulk. */
export async function articleIndex(db: Kysely<DB> | Transaction<DB>): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('law_articles as a')
    .innerJoin('laws as l', 'l.id', 'a.law_id')
    .select(['a.id', 'a.article', 'l.name'])
    .execute();
  return new Map(rows.map((r) => [`${r.name}|${r.article}`, r.id]));
}

/**
 * The library on a new database: the laws, then the human-answered Q&A (read and checked beforehand, see
 * server/reference-data.ts). Nothing when laws are already held.
 */
export async function seedKnowledge(db: Kysely<DB>, library: { laws: readonly LawRecord[]; qa: readonly QaRecord[] }) {
  const any = await db.selectFrom('laws').select('id').limit(1).executeTakeFirst();
  if (any) return null;
  const laws = await importLaws(db, library.laws);
  const qa = await importQa(db, library.qa);
  return { laws, qa };
}
