import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, KbDocKind } from '../../db/schema.js';
import { termFrequencies } from './segment.js';

/*
 * The inverted index behind search: kb_docs (one row per document: its kind, what it is, its length in terms,
 * whether citizens may see it) and kb_postings (term → document, with the term's count). Ranking is BM25,
 * computed in one SQL statement, so the index grows with the database and works on both engines.
 */

export interface IndexDoc {
  kind: KbDocKind;
  sourceId: number;
  text: string;
  visible: boolean;
}

type Db = Kysely<DB> | Transaction<DB>;

/** Adds or replaces documents in the index (their postings are rewritten). */
export async function indexDocs(db: Db, docs: readonly IndexDoc[]): Promise<void> {
  for (let i = 0; i < docs.length; i += 500) {
    const batch = docs.slice(i, i + 500);
    const tfs = batch.map((d) => termFrequencies(d.text, d.kind === 'article_bigram'));
    const rows = await db
      .insertInto('kb_docs')
      .values(
        batch.map((d, j) => ({
          kind: d.kind,
          source_id: d.sourceId,
          length: [...tfs[j]!.values()].reduce((a, b) => a + b, 0),
          visible: d.visible,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['kind', 'source_id']).doUpdateSet((eb) => ({ length: eb.ref('excluded.length'), visible: eb.ref('excluded.visible') })),
      )
      .returning(['id', 'kind', 'source_id'])
      .execute();
    const idOf = new Map(rows.map((r) => [`${r.kind}:${r.source_id}`, r.id]));
    const ids = [...idOf.values()];
    await db.deleteFrom('kb_postings').where('doc_id', 'in', ids).execute();
    const kinds: string[] = [];
    const terms: string[] = [];
    const docIds: number[] = [];
    const counts: number[] = [];
    batch.forEach((d, j) => {
      const id = idOf.get(`${d.kind}:${d.sourceId}`)!;
      for (const [term, tf] of tfs[j]!) {
        kinds.push(d.kind);
        terms.push(term);
        docIds.push(id);
        counts.push(tf);
      }
    });
    for (let k = 0; k < terms.length; k += 20_000) {
      await sql`
        insert into kb_postings (kind, term, doc_id, tf)
        select * from unnest(${kinds.slice(k, k + 20_000)}::text[], ${terms.slice(k, k + 20_000)}::text[],
                             ${docIds.slice(k, k + 20_000)}::int[], ${counts.slice(k, k + 20_000)}::int[])`.execute(db);
    }
  }
  invalidateStats(db);
}

/** Changes whether citizens see a document (an entry published or withdrawn), without re-indexing it. */
export async function setVisible(db: Db, kind: KbDocKind, sourceId: number, visible: boolean): Promise<void> {
  await db.updateTable('kb_docs').set({ visible }).where('kind', '=', kind).where('source_id', '=', sourceId).execute();
}

export async function removeDocs(db: Db, kind: KbDocKind, sourceIds: readonly number[]): Promise<void> {
  if (!sourceIds.length) return;
  await db.deleteFrom('kb_docs').where('kind', '=', kind).where('source_id', 'in', sourceIds).execute();
  invalidateStats(db);
}

// ---------------------------------------------------------------------------------------------------------
// BM25

interface KindStats {
  docs: number;
  avgLength: number;
}
const STATS_TTL_MS = 60_000;
const statsCache = new WeakMap<object, { at: number; generation: number; stats: Promise<Map<string, KindStats>> }>();

/**
 * Any change to the index bumps the generation, and every cache older than it is dropped. (A transaction has
 * an executor of its own, so the caches cannot be keyed by the database the change went through.)
 */
let generation = 0;
function invalidateStats(_db: Db): void {
  generation++;
}
/** a transaction and its database share one cache entry */
function rootOf(db: Db): object {
  return (db as { getExecutor?: () => unknown }).getExecutor?.() ?? db;
}

async function kindStats(db: Db, kind: KbDocKind): Promise<KindStats | undefined> {
  const key = rootOf(db);
  const cached = statsCache.get(key);
  if (cached && cached.generation === generation && Date.now() - cached.at < STATS_TTL_MS) {
    const found = (await cached.stats).get(kind);
    // a kind not seen yet is asked again: its first document may have just come in
    if (found) return found;
  }
  const stats = db
    .selectFrom('kb_docs')
    .select(['kind', (eb) => eb.fn.countAll<string>().as('n'), (eb) => eb.fn.avg<string>('length').as('avg')])
    .groupBy('kind')
    .execute()
    .then((rows) => new Map(rows.map((r) => [r.kind, { docs: Number(r.n), avgLength: Number(r.avg) || 1 }])));
  statsCache.set(key, { at: Date.now(), generation, stats });
  stats.catch(() => statsCache.delete(key));
  return (await stats).get(kind);
}

export interface WeightedTerm {
  term: string;
  weight: number;
}

export interface Hit {
  sourceId: number;
  score: number;
}

const K1 = 1.2;
const B = 0.75;
/** terms in more than this share of a kind's documents say little and cost the most rows: they are left out */
export const MAX_DF_SHARE = 0.2;

const dfCache = new WeakMap<object, { at: number; generation: number; df: Map<string, number> }>();

/** How many documents of the kind hold each term (cached with the stats). */
async function documentFrequencies(db: Db, kind: KbDocKind, terms: readonly string[]): Promise<Map<string, number>> {
  const key = rootOf(db);
  let cache = dfCache.get(key);
  if (!cache || cache.generation !== generation || Date.now() - cache.at > STATS_TTL_MS) {
    cache = { at: Date.now(), generation, df: new Map() };
    dfCache.set(key, cache);
  }
  const missing = terms.filter((t) => !cache.df.has(`${kind}\u0000${t}`));
  if (missing.length) {
    const rows = await db
      .selectFrom('kb_postings')
      .select(['term', (eb) => eb.fn.countAll<string>().as('n')])
      .where('kind', '=', kind)
      .where('term', 'in', missing)
      .groupBy('term')
      .execute();
    const found = new Map(rows.map((r) => [r.term, Number(r.n)]));
    // a term found nowhere is not remembered: the next document may bring it
    for (const t of missing) if (found.has(t)) cache.df.set(`${kind}\u0000${t}`, found.get(t)!);
    // a long-running process meets many terms: keep the cache bounded
    if (cache.df.size > 200_000) dfCache.delete(key);
  }
  const fresh = new Map(terms.map((t) => [t, cache.df.get(`${kind}\u0000${t}`) ?? 0]));
  return fresh;
}

/**
 * The best documents of one kind for the weighted terms, by BM25 (k1 1.2, b 0.75). The inverse document
 * frequencies are computed here from cached counts, so the statement only sums over the postings of the
 * terms that matter. `visibleOnly` keeps to what citizens may see.
 */
export async function bm25(db: Db, kind: KbDocKind, terms: readonly WeightedTerm[], limit: number, visibleOnly: boolean): Promise<Hit[]> {
  if (!terms.length) return [];
  const stats = await kindStats(db, kind);
  if (!stats) return [];
  const df = await documentFrequencies(
    db,
    kind,
    terms.map((t) => t.term),
  );
  const present = terms.filter((t) => (df.get(t.term) ?? 0) > 0);
  // the common terms go only when enough rarer ones remain to rank by
  const rare = present.filter((t) => df.get(t.term)! <= stats.docs * MAX_DF_SHARE);
  const used = rare.length >= 2 ? rare : present;
  if (!used.length) return [];
  const weights = used.map((t) => {
    const n = df.get(t.term)!;
    return t.weight * Math.log(1 + (stats.docs - n + 0.5) / (n + 0.5));
  });
  const { rows } = await sql<{ source_id: number; score: number }>`
    select d.source_id,
           sum(q.w * (p.tf * ${K1 + 1}::float8) / (p.tf + ${K1}::float8 * (${1 - B}::float8 + ${B}::float8 * d.length / ${stats.avgLength}::float8))) as score
    from unnest(${used.map((t) => t.term)}::text[], ${weights}::float8[]) as q(term, w)
    join kb_postings p on p.kind = ${kind} and p.term = q.term
    join kb_docs d on d.id = p.doc_id
    where ${visibleOnly ? sql`d.visible` : sql`true`}
    group by d.source_id
    order by score desc, d.source_id
    limit ${limit}`.execute(db);
  return rows.map((r) => ({ sourceId: r.source_id, score: Number(r.score) }));
}
