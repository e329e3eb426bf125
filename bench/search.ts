// Benchmark: article retrieval for citizens' questions, and query latency.
// Run: `npm run bench:search`. Settings: BENCH_ENGINES (postgres,pglite), BENCH_DATABASE_URL, BENCH_LATENCY_QUERIES (300),
// BENCH_LLM_QA_FILE (../shared/data/qa-llm-answers.jsonl).
//
// The evaluation is built here from the repository's reference-data/qa.jsonl: the questions whose `refs` list the
// articles that answer them (the LeCoQA expert annotations). They are split by a hash of their id into three parts:
//   - library (60%): imported as answered Q&A, as in production: search learns from the articles they cite;
//   - tune (20%): not imported; the part TUNING in server/modules/knowledge/search.service.ts was chosen on;
//   - held-out (20%): not imported, never tuned on; the figures that count.
// Each question is searched as a citizen would type it, and the articles returned are compared with its refs:
// Recall@5 and Recall@10 (the share of its relevant articles in the first 5 / 10, averaged over questions) and
// MRR (1 / rank of the first relevant article). The baseline, measured in the same run on the same questions, is
// a plain character-bigram BM25 over the article texts (in memory, k1 1.2, b 0.75).
// Latency: p50/p95 of the search service over the held-out questions and questions of qa-llm-answers.jsonl,
// with the whole library plus the 6,993 questions of qa-llm-answers.jsonl indexed as extra (never shown) documents.
// That file is research-only material and not in the repository: it is read from ../shared/data/ (or
// BENCH_LLM_QA_FILE) when it is there; without it the latency is measured over the held-out questions alone.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { openDatabase, type Database } from '../server/db/database.js';
import { migrateToLatest } from '../server/db/migrate.js';
import { importLaws, importQa, readJsonLines, type LawRecord, type QaRecord } from '../server/modules/knowledge/library.js';
import { queryTerms, rankArticles, citedArticles } from '../server/modules/knowledge/search.service.js';

const root = path.resolve(import.meta.dirname, '..');
const data = path.join(root, 'reference-data');
const llmFile = path.resolve(process.env.BENCH_LLM_QA_FILE ?? path.join(root, '..', 'shared', 'data', 'qa-llm-answers.jsonl'));
const engines = (process.env.BENCH_ENGINES ?? 'postgres,pglite').split(',').map((e) => e.trim());
const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const latencyQueries = Number(process.env.BENCH_LATENCY_QUERIES ?? 300);

type Part = 'library' | 'tune' | 'heldOut';
export function partOf(id: string): Part {
  const h = createHash('sha256').update(`legalhub-search-eval:${id}`).digest().readUInt32BE(0) % 10;
  return h < 6 ? 'library' : h < 8 ? 'tune' : 'heldOut';
}

const laws = await readJsonLines<LawRecord>(path.join(data, 'laws.jsonl'));
const qa = await readJsonLines<QaRecord>(path.join(data, 'qa.jsonl'));
const llm = existsSync(llmFile) ? await readJsonLines<QaRecord>(llmFile) : [];
if (!llm.length) {
  console.log(
    `The LLM-answered questions (${llmFile}, research-only, not in the repository) are absent: they are neither indexed as extra documents nor timed.`,
  );
}
const key = (law: string, article: string) => `${law}|${article}`;
const evalItems = qa.filter((r) => r.refs?.length);
const parts = { library: [] as QaRecord[], tune: [] as QaRecord[], heldOut: [] as QaRecord[] };
for (const r of evalItems) parts[partOf(r.id)].push(r);
const notImported = new Set([...parts.tune, ...parts.heldOut].map((r) => r.id));

// ---------------------------------------------------------------------------------------------------------
// the baseline: character-bigram BM25 over the article texts

function bigrams(text: string): string[] {
  const chars = [...text.normalize('NFKC').replace(/[^\p{Script=Han}\p{L}\p{N}]+/gu, ' ')];
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) if (chars[i] !== ' ' && chars[i + 1] !== ' ') out.push(chars[i]! + chars[i + 1]!);
  return out;
}
const docs = laws.map((a) => ({ key: key(a.law, a.article), tf: count(bigrams(a.text)) }));
function count(xs: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
}
const lengths = docs.map((d) => [...d.tf.values()].reduce((a, b) => a + b, 0));
const avgLen = lengths.reduce((a, b) => a + b, 0) / docs.length;
const df = new Map<string, number>();
for (const d of docs) for (const t of d.tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
const postings = new Map<string, number[]>();
docs.forEach((d, i) => {
  for (const t of d.tf.keys()) postings.set(t, [...(postings.get(t) ?? []), i]);
});
function baseline(q: string, k: number): string[] {
  const scores = new Map<number, number>();
  for (const t of new Set(bigrams(q))) {
    const n = df.get(t);
    if (!n) continue;
    const idf = Math.log(1 + (docs.length - n + 0.5) / (n + 0.5));
    for (const i of postings.get(t)!) {
      const tf = docs[i]!.tf.get(t)!;
      scores.set(i, (scores.get(i) ?? 0) + (idf * tf * 2.2) / (tf + 1.2 * (0.25 + (0.75 * lengths[i]!) / avgLen)));
    }
  }
  return [...scores]
    .sort((a, b) => b[1] - a[1])
    .slice(0, k)
    .map(([i]) => docs[i]!.key);
}

// ---------------------------------------------------------------------------------------------------------

interface Metrics {
  questions: number;
  recall5: number;
  recall10: number;
  mrr: number;
}
function evaluate(items: QaRecord[], ranked: (string[] | undefined)[]): Metrics {
  let r5 = 0;
  let r10 = 0;
  let mrr = 0;
  items.forEach((item, i) => {
    const relevant = new Set(item.refs!.map((r) => key(r.law, r.article)));
    const got = ranked[i] ?? [];
    r5 += got.slice(0, 5).filter((g) => relevant.has(g)).length / relevant.size;
    r10 += got.slice(0, 10).filter((g) => relevant.has(g)).length / relevant.size;
    const first = got.findIndex((g) => relevant.has(g));
    mrr += first < 0 ? 0 : 1 / (first + 1);
  });
  const n = items.length || 1;
  const round = (x: number) => Math.round((x / n) * 1000) / 1000;
  return { questions: items.length, recall5: round(r5), recall10: round(r10), mrr: round(mrr) };
}

async function ourRanking(db: Kysely<never> | Database['db'], q: string, articleKeys: Map<number, string>): Promise<string[]> {
  const kdb = db as Database['db'];
  const cited = await citedArticles(kdb, q);
  const ranked = await rankArticles(kdb, queryTerms(q), q, 10);
  const ids = [...cited.map((c) => c.sourceId), ...ranked.map((r) => r.sourceId).filter((id) => !cited.some((c) => c.sourceId === id))];
  return ids.slice(0, 10).map((id) => articleKeys.get(id) ?? '');
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! * 10) / 10;
};

async function runEngine(engine: 'postgres' | 'pglite') {
  let database: Database;
  let cleanup: () => Promise<void>;
  if (engine === 'postgres') {
    const schema = `bench_search_${process.pid}`;
    const admin = new pg.Client({ connectionString: databaseUrl });
    try {
      await admin.connect();
    } catch {
      console.error('PostgreSQL not reachable: its run is skipped');
      return null;
    }
    await admin.query(`create schema "${schema}"`);
    database = await openDatabase({ databaseUrl, schema });
    cleanup = async () => {
      await database.close();
      await admin.query(`drop schema "${schema}" cascade`);
      await admin.end();
    };
  } else {
    const dir = await mkdtemp(path.join(tmpdir(), 'legalhub-bench-search-'));
    database = await openDatabase({ dataDir: dir });
    cleanup = async () => {
      await database.close();
      await rm(dir, { recursive: true, force: true });
    };
  }
  try {
    const db = database.db;
    await migrateToLatest(db as Kysely<unknown>);
    let t = Date.now();
    await importLaws(db, laws);
    await importQa(
      db,
      qa.filter((r) => !notImported.has(r.id)),
    );
    const importMs = Date.now() - t;
    t = Date.now();
    if (llm.length) await importQa(db, llm, { origin: 'evaluation' });
    const extraMs = Date.now() - t;
    const rows = await db
      .selectFrom('law_articles as a')
      .innerJoin('laws as l', 'l.id', 'a.law_id')
      .select(['a.id', 'l.name', 'a.article'])
      .execute();
    const articleKeys = new Map(rows.map((r) => [r.id, key(r.name, r.article)]));

    const results: Record<string, Metrics> = {};
    for (const part of ['tune', 'heldOut'] as const) {
      const ours: string[][] = [];
      for (const item of parts[part]) ours.push(await ourRanking(db, item.question, articleKeys));
      results[`${part}: ours`] = evaluate(parts[part], ours);
      results[`${part}: baseline`] = evaluate(
        parts[part],
        parts[part].map((item) => baseline(item.question, 10)),
      );
    }
    // latency: the whole public search (all kinds), warm
    const { search } = await import('../server/modules/knowledge/search.service.js');
    const queries = [...parts.heldOut.map((r) => r.question), ...llm.map((r) => r.question)].slice(0, latencyQueries);
    for (const q of queries.slice(0, 20)) await search(db, q, 'all', 10);
    const times: number[] = [];
    for (const q of queries) {
      const s = process.hrtime.bigint();
      await search(db, q, 'all', 10);
      times.push(Number(process.hrtime.bigint() - s) / 1e6);
    }
    return {
      engine,
      importMs,
      extraMs,
      results,
      latency: { queries: times.length, p50ms: percentile(times, 50), p95ms: percentile(times, 95) },
    };
  } finally {
    await cleanup();
  }
}

console.log(
  `Article retrieval on questions from qa.jsonl with expert-annotated articles: ${evalItems.length} in all — library ${parts.library.length}, tune ${parts.tune.length}, held-out ${parts.heldOut.length}`,
);
const all = [];
for (const engine of engines) {
  if (engine !== 'postgres' && engine !== 'pglite') continue;
  const r = await runEngine(engine);
  if (!r) continue;
  all.push(r);
  console.log(
    `\n${engine}: library imported in ${r.importMs} ms${llm.length ? `, the ${llm.length} extra LLM questions in ${r.extraMs} ms` : ''}`,
  );
  console.table(r.results);
  console.log(`latency over ${r.latency.queries} queries (all kinds, limit 10): p50 ${r.latency.p50ms} ms, p95 ${r.latency.p95ms} ms`);
}
for (const r of all) {
  const ours = r.results['heldOut: ours']!;
  const base = r.results['heldOut: baseline']!;
  const ratio = base.recall10 ? ours.recall10 / base.recall10 : Infinity;
  console.log(
    `\n${r.engine} held-out: Recall@10 ${ours.recall10} vs baseline ${base.recall10} → ${ratio.toFixed(2)}× (target ≥ 1.5×: ${ratio >= 1.5 ? 'met' : 'NOT met'}); p95 ${r.latency.p95ms} ms (target < 50 ms on the server: ${r.engine !== 'postgres' ? 'n/a' : r.latency.p95ms < 50 ? 'met' : 'NOT met'})`,
  );
}
