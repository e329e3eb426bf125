// Benchmark: public submissions (`POST /api/v1/public/requests`) and tracking look-ups
// (`GET /api/v1/public/requests/:trackingNo?phone=`) per second, with p50/p99 latency, on the PostgreSQL server
// and on PGlite, each next to a baseline measured in the same run: a bare Fastify route (a child process, like
// the server) doing one INSERT of a service_requests-shaped row, or one SELECT of it by tracking number, on the
// same engine (its own schema, or its own PGlite directory).
// Run: `npm run bench:intake`. Settings: BENCH_SECONDS (10), BENCH_WARMUP_SECONDS (2), BENCH_CONNECTIONS (32),
// BENCH_LOOKUP_SET (2000 tracking numbers, fewer if submitting them would take more than 15 s), BENCH_ENGINES (postgres,pglite), BENCH_DATABASE_URL,
// BENCH_CPU_PROF (a directory: the server under test writes a --cpu-prof profile there when it stops).
//
// The public endpoints are rate-limited per client address, so the server runs with LEGALHUB_TRUST_PROXY=true
// and every request carries an X-Forwarded-For address of its own (10.x.y.z from a counter): what is measured
// is the work of a submission or look-up, never the limiter's refusals. Any non-2xx answer is reported.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { newTrackingNo } from '../server/modules/requests/tracking-no.js';

const root = path.resolve(import.meta.dirname, '..');
const self = fileURLToPath(import.meta.url);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const warmupSeconds = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const lookupSet = Number(process.env.BENCH_LOOKUP_SET ?? 2000);
const engines = (process.env.BENCH_ENGINES ?? 'postgres,pglite').split(',').map((e) => e.trim());
const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const cpuProfDir = process.env.BENCH_CPU_PROF;
/** the server's pool (server/db/database.ts, poolSize ?? 10); the baseline gets the same */
const POOL_SIZE = 10;
const TARGETS = { submit: 0.4, track: 0.6, p99ms: 100 };
const TOP_UP_SECONDS = 15;

// ---------------------------------------------------------------------------------------------------------
// The baseline: a bare Fastify server, one statement per request. Started as `intake.ts baseline`.

/** service_requests as migration 0003 makes it: the same columns, checks, unique key and indexes (no foreign keys). */
const BASELINE_DDL = `
  create table if not exists service_requests (
    id uuid primary key default gen_random_uuid(),
    tracking_no text not null unique,
    county_code text not null,
    service_item text not null,
    channel text not null check (channel in ('walk_in', 'hotline', 'letter', 'web', 'wechat', 'kiosk', 'gov_hotline_12345', 'referral')),
    status text not null check (status in ('submitted', 'dispatched', 'accepted', 'awaitingMaterials', 'concluded', 'withdrawn')),
    requester_name text not null,
    requester_phone_enc text not null,
    requester_phone_hash text not null,
    requester_phone_masked text not null,
    requester_id_enc text,
    requester_id_masked text,
    requester_address_enc text,
    region_code text not null,
    description text not null,
    received_site_id uuid,
    received_region_code text,
    received_by uuid,
    owner_id uuid,
    handler_site_id uuid,
    handler_region_code text,
    handler_post text,
    handler_id uuid,
    time_limit jsonb not null,
    started_at timestamptz not null default now(),
    due_at timestamptz,
    due_state text not null default 'normal' check (due_state in ('normal', 'dueSoon', 'overdue')),
    pauses jsonb not null default '[]',
    missing_materials jsonb,
    result text,
    dispatched_at timestamptz,
    accepted_at timestamptz,
    concluded_at timestamptz,
    version integer not null default 1,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  );
  create index if not exists service_requests_region_idx on service_requests (region_code text_pattern_ops);
  create index if not exists service_requests_handler_region_idx on service_requests (handler_region_code text_pattern_ops);
  create index if not exists service_requests_received_region_idx on service_requests (received_region_code text_pattern_ops);
  create index if not exists service_requests_status_due_idx on service_requests (status, due_at);
  create index if not exists service_requests_handler_idx on service_requests (handler_id);
  create index if not exists service_requests_owner_idx on service_requests (owner_id);
`;

const BASELINE_INSERT = `
  insert into service_requests (
    tracking_no, county_code, service_item, channel, status, requester_name, requester_phone_enc, requester_phone_hash,
    requester_phone_masked, requester_id_enc, requester_id_masked, requester_address_enc, region_code, description,
    received_site_id, received_region_code, handler_site_id, handler_region_code, handler_post, time_limit,
    started_at, due_at, due_state, dispatched_at
  ) values ($1, $2, $3, $4, 'dispatched', $5, $6, $7, $8, null, null, null, $9, $10, $11, $12, $13, $14, $15, $16,
            now(), now() + interval '30 days', 'normal', now())
  returning id, due_at`;

const BASELINE_SELECT = `
  select id, tracking_no, status, service_item, requester_phone_hash, due_at, missing_materials, result, created_at, concluded_at
  from service_requests where tracking_no = $1`;

interface IntakeBody {
  serviceItem: string;
  name: string;
  phone: string;
  regionCode: string;
  description: string;
  channel: string;
}

async function serveBaseline(): Promise<void> {
  const { default: Fastify } = await import('fastify');
  const port = Number(process.env.BASELINE_PORT);
  let query: (text: string, params: unknown[]) => Promise<Record<string, unknown>[]>;
  let close: () => Promise<void>;
  if (process.env.BASELINE_DATABASE_URL) {
    const schema = process.env.BASELINE_SCHEMA!;
    const pool = new pg.Pool({ connectionString: process.env.BASELINE_DATABASE_URL, max: POOL_SIZE, options: `-c search_path=${schema}` });
    await pool.query(`create schema if not exists "${schema}"`);
    await pool.query(BASELINE_DDL);
    query = async (text, params) => (await pool.query(text, params)).rows;
    close = () => pool.end();
  } else {
    const { PGlite } = await import('@electric-sql/pglite');
    const pglite = await PGlite.create({ dataDir: process.env.BASELINE_DATA_DIR! });
    await pglite.exec(BASELINE_DDL);
    query = async (text, params) => (await pglite.query<Record<string, unknown>>(text, params)).rows;
    close = () => pglite.close();
  }
  // what the server stores besides the body: sealed and hashed phone of the same length, two sites, the policy
  const sealedPhone = `v1:b1:${randomBytes(12).toString('base64url')}:${randomBytes(16).toString('base64url')}:${randomBytes(11).toString('base64url')}`;
  const phoneHash = randomBytes(32).toString('base64url');
  const [centerId, handlerId] = [randomUUID(), randomUUID()];
  const timeLimit = JSON.stringify({ unit: 'calendar', days: 30, dueSoonDays: 5 });

  const app = Fastify({ logger: false, trustProxy: true });
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.post('/requests', async (req, reply) => {
    const b = req.body as IntakeBody;
    const trackingNo = newTrackingNo();
    const [row] = await query(BASELINE_INSERT, [
      trackingNo,
      b.regionCode.slice(0, 6),
      b.serviceItem,
      b.channel,
      b.name.trim(),
      sealedPhone,
      phoneHash,
      `${b.phone.slice(0, 3)}****${b.phone.slice(-4)}`,
      b.regionCode,
      b.description.trim(),
      centerId,
      b.regionCode.slice(0, 6),
      handlerId,
      b.regionCode.slice(0, 9),
      'mediator',
      timeLimit,
    ]);
    return reply.status(201).send({ trackingNo, status: 'dispatched', dueAt: (row!.due_at as Date).toISOString() });
  });
  app.get('/requests/:trackingNo', async (req, reply) => {
    const [row] = await query(BASELINE_SELECT, [(req.params as { trackingNo: string }).trackingNo]);
    if (!row) return reply.status(404).send({ code: 'NOT_FOUND' });
    return row;
  });
  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await app.close();
    await close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown());
  process.on('SIGINT', () => void shutdown());
  await app.listen({ port, host: '127.0.0.1' });
}

// ---------------------------------------------------------------------------------------------------------
// The bench.

/** Every request its own client address, so no address comes near the per-address limits. */
let addressCounter = 1;
function nextAddress(): string {
  const n = addressCounter++;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}
let phoneCounter = 0;
function nextPhone(): string {
  return `139${String(10_000_000 + (phoneCounter++ % 90_000_000)).padStart(8, '0')}`;
}
function intakeBody(phone: string): string {
  return JSON.stringify({
    serviceItem: 'mediation',
    name: '王大妈',
    phone,
    regionCode: '411522101203',
    description: '邻居在公共过道堆放杂物，多次协商未果，希望村调委会出面调解。',
    channel: 'web',
  });
}

/** Schemas to drop and directories to remove, last first; the children are stopped before them. */
const cleanups: (() => Promise<unknown>)[] = [];
const children = new Set<ChildProcess>();
async function runCleanups(): Promise<void> {
  for (const child of children) await stopChild(child);
  while (cleanups.length) {
    const step = cleanups.pop()!;
    await step().catch((error: unknown) => console.error(`cleanup: ${(error as Error).message}`));
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  children.delete(child);
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(force);
}

function startChild(args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.add(child);
  return child;
}

async function waitHealthy(port: number, child: ChildProcess): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < 120_000) {
    if (child.exitCode !== null) throw new Error(`child on port ${port} exited with ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return Date.now() - started;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`child on port ${port} did not become healthy in 120 s`);
}

interface Target {
  kind: 'server' | 'baseline';
  port: number;
  submitPath: string;
  trackPath: (trackingNo: string, phone: string) => string;
}

interface Measurement {
  engine: string;
  endpoint: 'submit' | 'track';
  target: 'server' | 'baseline';
  reqPerSec: number;
  p50ms: number;
  p99ms: number;
  requests: number;
  non2xx: number;
  errors: number;
  statusCodes: string;
  /** tracking numbers cycled through (look-ups) */
  lookupSet: number | null;
}

interface Tracked {
  trackingNo: string;
  phone: string;
}

async function fire(t: Target, duration: number, request: autocannon.Request, samples: string[]): Promise<autocannon.Result> {
  const onResponse = typeof request.onResponse === 'function' ? request.onResponse : undefined;
  return autocannon({
    url: `http://127.0.0.1:${t.port}`,
    connections,
    duration,
    requests: [
      {
        ...request,
        onResponse: (status, body, context, headers) => {
          if ((status < 200 || status > 299) && samples.length < 3) samples.push(`${status} ${body.slice(0, 200)}`);
          onResponse?.(status, body, context, headers);
        },
      },
    ],
  });
}

function summarize(engine: string, endpoint: Measurement['endpoint'], t: Target, r: autocannon.Result): Measurement {
  const codes = Object.entries(r.statusCodeStats ?? {})
    .map(([code, s]) => `${code}×${s.count ?? 0}`)
    .join(' ');
  return {
    engine,
    endpoint,
    target: t.kind,
    reqPerSec: Math.round(r.requests.average),
    p50ms: r.latency.p50,
    p99ms: r.latency.p99,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors, // timeouts included
    statusCodes: codes,
    lookupSet: null,
  };
}

/** Submissions, then look-ups of tracking numbers submitted to the same target. */
async function measure(engine: string, t: Target): Promise<Measurement[]> {
  const tracked: Tracked[] = [];
  const samples: string[] = [];
  const base = `http://127.0.0.1:${t.port}`;

  // one of each by hand first: the answers must be what the benchmark expects
  const phone = nextPhone();
  const first = await fetch(base + t.submitPath, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': nextAddress() },
    body: intakeBody(phone),
  });
  const receipt = (await first.json()) as { trackingNo?: string };
  if (first.status !== 201 || !receipt.trackingNo)
    throw new Error(`${t.kind} submission answered ${first.status}: ${JSON.stringify(receipt)}`);
  const look = await fetch(base + t.trackPath(receipt.trackingNo, phone), { headers: { 'x-forwarded-for': nextAddress() } });
  const view = (await look.json()) as { trackingNo?: string; tracking_no?: string };
  if (look.status !== 200 || (view.trackingNo ?? view.tracking_no) !== receipt.trackingNo) {
    throw new Error(`${t.kind} look-up answered ${look.status}: ${JSON.stringify(view)}`);
  }
  tracked.push({ trackingNo: receipt.trackingNo, phone });

  const submit: autocannon.Request = {
    method: 'POST',
    path: t.submitPath,
    setupRequest: (req, context) => {
      const p = nextPhone();
      (context as { phone?: string }).phone = p;
      return {
        ...req,
        headers: { ...req.headers, 'content-type': 'application/json', 'x-forwarded-for': nextAddress() },
        body: intakeBody(p),
      };
    },
    onResponse: (status, body, context) => {
      const p = (context as { phone?: string }).phone;
      if (status === 201 && p) tracked.push({ trackingNo: (JSON.parse(body) as { trackingNo: string }).trackingNo, phone: p });
    },
  };
  await fire(t, warmupSeconds, submit, []);
  const submitted = summarize(engine, 'submit', t, await fire(t, seconds, submit, samples));

  // top up to the look-up set, 32 at a time, for at most TOP_UP_SECONDS (a slow engine cycles through fewer)
  const topUpUntil = Date.now() + TOP_UP_SECONDS * 1000;
  while (tracked.length < lookupSet && Date.now() < topUpUntil) {
    await Promise.all(
      Array.from({ length: Math.min(connections, lookupSet - tracked.length) }, async () => {
        const p = nextPhone();
        const res = await fetch(base + t.submitPath, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': nextAddress() },
          body: intakeBody(p),
        });
        const answer = (await res.json()) as { trackingNo?: string };
        if (res.status !== 201 || !answer.trackingNo) throw new Error(`${t.kind} submission answered ${res.status}`);
        tracked.push({ trackingNo: answer.trackingNo, phone: p });
      }),
    );
  }
  const set = tracked.slice(0, lookupSet);
  let next = 0;
  const track: autocannon.Request = {
    method: 'GET',
    setupRequest: (req) => {
      const r = set[next++ % set.length]!;
      return { ...req, path: t.trackPath(r.trackingNo, r.phone), headers: { ...req.headers, 'x-forwarded-for': nextAddress() } };
    },
  };
  await fire(t, warmupSeconds, track, []);
  const looked = { ...summarize(engine, 'track', t, await fire(t, seconds, track, samples)), lookupSet: set.length };

  for (const s of samples) console.error(`  ${engine} ${t.kind}: non-2xx sample: ${s}`);
  return [submitted, looked];
}

async function measureEngine(engine: 'postgres' | 'pglite', serverEnv: Record<string, string>, baselineEnv: Record<string, string>) {
  const out: Measurement[] = [];
  const startups: Record<string, number> = {};

  const baselinePort = engine === 'postgres' ? 3911 : 3913;
  const baseline = startChild(['--import', 'tsx', self, 'baseline'], { BASELINE_PORT: String(baselinePort), ...baselineEnv });
  startups.baseline = await waitHealthy(baselinePort, baseline);
  out.push(
    ...(await measure(engine, {
      kind: 'baseline',
      port: baselinePort,
      submitPath: '/requests',
      trackPath: (no, phone) => `/requests/${no}?phone=${phone}`,
    })),
  );
  await stopChild(baseline);

  const serverPort = engine === 'postgres' ? 3912 : 3914;
  // one file per thread (the main thread and tsx's loader thread), named by Node
  const profile = cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${path.join(cpuProfDir, engine)}`] : [];
  const server = startChild([...profile, '--import', 'tsx', 'server/main.ts'], {
    PORT: String(serverPort),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    LEGALHUB_WEB_DIST: '/nonexistent',
    LEGALHUB_TRUST_PROXY: 'true',
    LEGALHUB_JOBS: 'false',
    LEGALHUB_SEED_DEMO: 'no',
    LEGALHUB_DATA_KEYS: `b1:${randomBytes(32).toString('base64')}`,
    LEGALHUB_INDEX_KEY: randomBytes(32).toString('base64'),
    ...serverEnv,
  });
  startups.server = await waitHealthy(serverPort, server);
  out.push(
    ...(await measure(engine, {
      kind: 'server',
      port: serverPort,
      submitPath: '/api/v1/public/requests',
      trackPath: (no, phone) => `/api/v1/public/requests/${no}?phone=${phone}`,
    })),
  );
  await stopChild(server);
  console.error(`  ${engine}: baseline ready in ${startups.baseline} ms, server in ${startups.server} ms`);
  return out;
}

async function main(): Promise<void> {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void runCleanups().then(() => process.exit(130)));
  }
  const started = Date.now();
  const results: Measurement[] = [];
  const skipped: string[] = [];
  try {
    for (const engine of engines) {
      if (engine === 'postgres') {
        const client = new pg.Client({ connectionString: databaseUrl });
        const up = await client.connect().then(
          () => true,
          () => false,
        );
        if (!up) {
          skipped.push(`PostgreSQL at ${databaseUrl} not reachable: its runs skipped`);
          continue;
        }
        const schemas = [`bench_intake_${process.pid}`, `bench_intake_base_${process.pid}`] as const;
        cleanups.push(async () => {
          for (const s of schemas) await client.query(`drop schema if exists ${s} cascade`);
          await client.end();
        });
        console.error(`PostgreSQL: server schema ${schemas[0]}, baseline schema ${schemas[1]} …`);
        results.push(
          ...(await measureEngine(
            'postgres',
            { DATABASE_URL: databaseUrl, LEGALHUB_DB_SCHEMA: schemas[0] },
            { BASELINE_DATABASE_URL: databaseUrl, BASELINE_SCHEMA: schemas[1] },
          )),
        );
        await cleanups.pop()!();
      } else if (engine === 'pglite') {
        const dir = await mkdtemp(path.join(tmpdir(), 'legalhub-bench-intake-'));
        cleanups.push(() => rm(dir, { recursive: true, force: true }));
        console.error(`PGlite: ${dir} …`);
        results.push(
          ...(await measureEngine(
            'pglite',
            { LEGALHUB_DATA_DIR: path.join(dir, 'server') },
            { BASELINE_DATA_DIR: path.join(dir, 'baseline') },
          )),
        );
        await cleanups.pop()!();
      } else {
        throw new Error(`unknown engine in BENCH_ENGINES: ${engine}`);
      }
    }
  } finally {
    await runCleanups();
  }

  console.log(
    `\nPublic intake — ${connections} concurrent clients, ${warmupSeconds} s warm-up + ${seconds} s per measurement, Node ${process.version}`,
  );
  console.log(
    `Note: this machine has ${(await import('node:os')).availableParallelism()} cores, shared by autocannon (this process), the process under test` +
      ' and, for the postgres rows, the PostgreSQL server: compare figures within one run, not across machines.',
  );
  console.log(
    'Baseline: a bare Fastify route, one INSERT (or one SELECT by tracking number) of a service_requests row, same engine, pool of 10.',
  );
  for (const s of skipped) console.log(s);
  console.table(results);

  const verdicts = [];
  for (const engine of engines) {
    for (const endpoint of ['submit', 'track'] as const) {
      const server = results.find((r) => r.engine === engine && r.endpoint === endpoint && r.target === 'server');
      const baseline = results.find((r) => r.engine === engine && r.endpoint === endpoint && r.target === 'baseline');
      if (!server || !baseline) continue;
      const ratio = server.reqPerSec / baseline.reqPerSec;
      const min = TARGETS[endpoint];
      const clean = server.non2xx === 0 && server.errors === 0 && baseline.non2xx === 0 && baseline.errors === 0;
      verdicts.push({
        engine,
        endpoint,
        'server req/s': server.reqPerSec,
        'baseline req/s': baseline.reqPerSec,
        ratio: `${(ratio * 100).toFixed(1)}%`,
        'ratio target': `≥ ${min * 100}%`,
        'ratio met': ratio >= min ? 'yes' : 'NO',
        'server p99 ms': server.p99ms,
        'p99 < 100 ms': server.p99ms < TARGETS.p99ms ? 'yes' : 'NO',
        'all 2xx': clean ? 'yes' : 'NO',
      });
    }
  }
  console.log('\nTargets (they apply to the PostgreSQL server; the PGlite rows are for information):');
  console.table(verdicts);
  console.log(`Whole run: ${Math.round((Date.now() - started) / 1000)} s`);
  if (results.some((r) => r.non2xx > 0 || r.errors > 0)) {
    console.log('Some requests were not answered 2xx (see the table and the samples above): their figures are not clean.');
    process.exitCode = 1;
  }
}

if (process.argv[2] === 'baseline') await serveBaseline();
else await main();
