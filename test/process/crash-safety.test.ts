// Crash safety: public submissions at full speed from several clients, the server killed with SIGKILL at a
// random moment (no shutdown code runs), restarted on the same database, and every submission that was answered
// 201 looked for — by the citizen (tracking number + phone) and in the tables (the row, its timeline, the citizen's
// text message). On PGlite (a data directory) and, when TEST_DATABASE_URL is set, on the PostgreSQL server.
// The kill moments come from a seeded random source: CRASH_SEED=<n> repeats them (the seed is printed).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomInt } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../../server/db/database.js';
import type { DB } from '../../server/db/schema.js';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js';
import { takingTurns, TEST_DATA_KEYS, TEST_INDEX_KEY } from '../helpers/db.js';

/** at least MIN_KILLS kills per engine, more (up to MAX_KILLS) while another round fits in BUDGET_MS */
const MIN_KILLS = 3;
const MAX_KILLS = 5;
const BUDGET_MS = 100_000;
const CLIENTS = 8;
/** the load runs this long (uniformly drawn) before the kill; the outbox job's first tick is 5 s after start */
const KILL_AFTER_MS: [number, number] = [200, 6_000];
const SERVICE_ITEMS = ['mediation', 'legalAid', 'consultation'] as const;

const seed = process.env.CRASH_SEED ? Number(process.env.CRASH_SEED) : randomInt(2 ** 31);
console.log(`crash-safety seed ${seed} (CRASH_SEED=${seed} repeats the kill moments)`);

/** mulberry32: a small seeded random source, so a failing run's kill moments can be repeated */
function seeded(s: number) {
  let a = s >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const dirs: string[] = [];
after(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Ack {
  trackingNo: string;
  phone: string;
  serviceItem: string;
  round: number;
}

/** Every request its own client address (the server trusts X-Forwarded-For), so no per-address limit is met. */
let addressCounter = 0;
function nextAddress(): string {
  const n = ++addressCounter;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}
let phoneCounter = 0;
const runTag = String(process.pid % 100).padStart(2, '0');
function nextPhone(): string {
  return `137${runTag}${String(++phoneCounter).padStart(6, '0')}`;
}

/**
 * CLIENTS loops, each sending the next submission as soon as the last one is answered, until the server is gone
 * (the connection fails). A 201 with a tracking number is an acknowledgement; any other answer is recorded.
 */
function flood(url: string, round: number) {
  const acked: Ack[] = [];
  const unexpected: string[] = [];
  let inFlight = 0;
  const client = async (c: number) => {
    for (let i = 0; ; i++) {
      const phone = nextPhone();
      const serviceItem = SERVICE_ITEMS[(c + i) % SERVICE_ITEMS.length]!;
      let res: Response;
      let text: string;
      try {
        res = await fetch(`${url}/api/v1/public/requests`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': nextAddress() },
          body: JSON.stringify({
            serviceItem,
            name: '王大妈',
            phone,
            regionCode: '411522101203',
            description: '邻居在公共过道堆放杂物，多次协商未果，希望村调委会出面调解。',
            channel: 'web',
          }),
        });
        text = await res.text();
      } catch {
        inFlight++; // killed while this one was in flight (or refused once dead): no answer, no promise made
        return;
      }
      if (res.status === 201)
        acked.push({ trackingNo: (JSON.parse(text) as { trackingNo: string }).trackingNo, phone, serviceItem, round });
      else unexpected.push(`${res.status} ${text.slice(0, 200)}`);
    }
  };
  const clients = Array.from({ length: CLIENTS }, (_, c) => client(c));
  return { done: Promise.all(clients).then(() => ({ acked, unexpected, inFlight })) };
}

/** What the citizen sees: every acknowledged submission found by its tracking number and phone, with its timeline. */
async function lookUpAll(url: string, acks: Ack[]): Promise<string[]> {
  const problems: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < acks.length) {
      const ack = acks[next++]!;
      const res = await fetch(`${url}/api/v1/public/requests/${ack.trackingNo}?phone=${ack.phone}`, {
        headers: { 'x-forwarded-for': nextAddress() },
      });
      const body = (await res.json()) as { trackingNo?: string; serviceItem?: string; timeline?: { type: string }[] };
      const types = body.timeline?.map((e) => e.type).join(',');
      if (res.status !== 200) problems.push(`${ack.trackingNo} (round ${ack.round}): ${res.status} ${JSON.stringify(body)}`);
      else if (body.trackingNo !== ack.trackingNo || body.serviceItem !== ack.serviceItem || types !== 'dispatched')
        problems.push(`${ack.trackingNo} (round ${ack.round}): ${JSON.stringify(body)}`);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return problems;
}

/** What the tables hold: each acknowledged row with its tracking number, and no row without its whole timeline. */
async function checkTables(db: Kysely<DB>, acks: Ack[]) {
  const { rows } = await sql<{ tracking_no: string; service_item: string; types: string[] | null; messages: number }>`
    select r.tracking_no, r.service_item,
           (select array_agg(e.type order by e.id) from request_events e where e.request_id = r.id) as types,
           (select count(*)::int from outbox o where o.request_id = r.id and o.channel = 'sms') as messages
    from service_requests r`.execute(db);
  const byNo = new Map(rows.map((r) => [r.tracking_no, r]));
  const missing = acks.filter((a) => byNo.get(a.trackingNo)?.service_item !== a.serviceItem).map((a) => a.trackingNo);
  const halfWritten = rows
    .filter((r) => (r.types ?? []).join(',') !== 'submitted,dispatched' || r.messages !== 1)
    .map((r) => `${r.tracking_no}: events ${JSON.stringify(r.types)}, ${r.messages} sms`);
  return { rows: rows.length, missing, halfWritten };
}

interface Engine {
  label: string;
  env: Record<string, string>;
  /** around every start: the server migrates (see the PostgreSQL engine's advisory lock) */
  starting<T>(work: () => Promise<T>): Promise<T>;
  /** the database the server used, opened by the test itself while no server runs */
  open(): Promise<{ db: Kysely<DB>; close(): Promise<void> }>;
}

async function crashRepeatedly(engine: Engine) {
  const random = seeded(seed ^ engine.label.length);
  const started = Date.now();
  const start = () => engine.starting(() => startServerProcess(engine.env));
  const acks: Ack[] = [];
  let inFlight = 0;
  let kills = 0;
  let server: ServerProcess = await start();
  try {
    for (let round = 1; round <= MAX_KILLS; round++) {
      const roundStarted = Date.now();
      const wait = Math.round(KILL_AFTER_MS[0] + random() * (KILL_AFTER_MS[1] - KILL_AFTER_MS[0]));
      const load = flood(server.url, round);
      await sleep(wait);
      const killed = await server.kill('SIGKILL');
      assert.equal(killed.signal, 'SIGKILL', `round ${round}: the server died by SIGKILL, not on its own: ${server.output()}`);
      const result = await load.done;
      assert.deepEqual(result.unexpected, [], `round ${round}: every answer before the kill is a 201`);
      assert.ok(result.acked.length > 0, `round ${round}: submissions were answered before the kill (${wait} ms)`);
      acks.push(...result.acked);
      inFlight += result.inFlight;
      kills++;

      // the same database, a new process: it must start (PGlite recovers from its WAL) and hold every promise made
      // (this round's through the citizen's look-up here; every round's in the tables at the end)
      server = await start();
      const problems = await lookUpAll(server.url, result.acked);
      assert.deepEqual(
        problems.slice(0, 10),
        [],
        `after kill ${round} (${wait} ms into the load), ${problems.length} of ${result.acked.length} acknowledged submissions are not found as the citizen was told`,
      );
      console.log(
        `  ${engine.label} kill ${round} after ${wait} ms: ${result.acked.length} acknowledged and found after restart (${Date.now() - roundStarted} ms)`,
      );
      if (round >= MIN_KILLS && Date.now() - started + (Date.now() - roundStarted) > BUDGET_MS) break;
    }
  } catch (error) {
    await server.kill();
    throw error;
  }
  assert.equal(await server.stop(), 0, `the last server stops cleanly on SIGTERM: ${server.output()}`);
  const { db, close } = await engine.open();
  let tables;
  try {
    tables = await checkTables(db, acks);
  } finally {
    await close();
  }
  const found = acks.length - tables.missing.length;
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  console.log(
    `crash-safety ${engine.label}: ${kills} kills, ${acks.length} acknowledged, ${found} found` +
      ` (${tables.rows} rows, ${tables.halfWritten.length} without their whole timeline; of ${inFlight} submissions` +
      ` in flight at a kill ${tables.rows - found} were committed unanswered; seed ${seed}; ${seconds} s)`,
  );
  assert.deepEqual(tables.missing.slice(0, 10), [], `${tables.missing.length} acknowledged submissions have no row`);
  assert.deepEqual(tables.halfWritten.slice(0, 10), [], `${tables.halfWritten.length} requests lack their timeline or text message`);
}

const baseEnv = {
  LEGALHUB_DATA_KEYS: TEST_DATA_KEYS,
  LEGALHUB_INDEX_KEY: TEST_INDEX_KEY,
  LEGALHUB_SEED_KNOWLEDGE: 'no',
  LEGALHUB_DEMO_PASSWORD: 'Demo-pass-2026',
  LEGALHUB_WEB_DIST: '/nonexistent',
  LEGALHUB_TRUST_PROXY: 'true',
  // the background jobs run as in production: a kill may land in the outbox sender's transaction
  LEGALHUB_JOBS: 'true',
};

test('PGlite: every submission answered 201 survives SIGKILL at a random moment, with its timeline', async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'legalhub-crash-'));
  dirs.push(dataDir);
  await crashRepeatedly({
    label: 'pglite',
    env: { ...baseEnv, LEGALHUB_DATA_DIR: dataDir },
    starting: (work) => work(),
    open: async () => {
      const database = await openDatabase({ dataDir });
      return { db: database.db, close: () => database.close() };
    },
  });
});

test(
  'PostgreSQL server: every submission answered 201 survives SIGKILL of the server process, with its timeline',
  { skip: !process.env.TEST_DATABASE_URL },
  async () => {
    const url = process.env.TEST_DATABASE_URL!;
    const schema = `t_${process.pid}_${randomBytes(4).toString('hex')}`;
    // migrating (at each start) and dropping take turns with the other test files
    const serialized = <T>(work: () => Promise<T>) => takingTurns(url, work);
    const drop = () =>
      serialized(async () => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          await client.query(`drop schema if exists "${schema}" cascade`);
        } finally {
          await client.end();
        }
      });
    try {
      await crashRepeatedly({
        label: 'postgres',
        env: { ...baseEnv, DATABASE_URL: url, LEGALHUB_DB_SCHEMA: schema },
        starting: serialized,
        open: async () => {
          const database = await openDatabase({ databaseUrl: url, schema, poolSize: 2 });
          return { db: database.db, close: () => database.close() };
        },
      });
    } finally {
      await drop();
    }
  },
);
