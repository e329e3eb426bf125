// Benchmark: public submissions (`POST /api/v1/public/requests`) and tracking look-ups
// (`GET /api/v1/public/requests/:trackingNo?phone=`) per second, with p50/p99 latency, on the PostgreSQL server
// and on PGlite, each next to a baseline measured in the same run: a bare Fastify route (a child process, like
// the server) doing one INSERT of a service_requests-shaped row, or one SELECT of it by tracking number, on the
// same engine (its own schema, or its own PGlite directory).
// Run: `npm run bench:intake`. Settings: BENCH_SECONDS (12 per target, split into BENCH_ROUNDS (3) turns), BENCH_WARMUP_SECONDS (2), BENCH_CONNECTIONS (32),
// BENCH_LOOKUP_SET (2000 tracking numbers, fewer if submitting them would take more than 15 s), BENCH_ENGINES (postgres,pglite), BENCH_DATABASE_URL,
// BENCH_CPU_PROF (a directory: the server under test writes a --cpu-prof profile there when it stops).
//
// The public endpoints are rate-limited per client address, so the server runs with LEGALHUB_TRUST_PROXY=true
// and every request carries an X-Forwarded-For address of its own (10.x.y.z from a counter): what is measured
// is the work of a submission or look-up, never the limiter's refusals. Any non-2xx answer is reported.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { newTrackingNo } from '../server/modules/requests/tracking-no.js';

const root = path.resolve(import.meta.dirname, '..');
const self = fileURLToPath(import.meta.url);
const seconds = Number(process.env.BENCH_SECONDS ?? 12);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
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
  /** the process under test, for its CPU time */
  pid: number;
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
  /** CPU time (user + system) the process under test spent per answered request, in microseconds */
  cpuUsPerReq: number;
  /** tracking numbers cycled through (look-ups) */
  lookupSet: number | null;
}

/** CPU time a process has used so far, in microseconds (Linux /proc; 0 elsewhere). */
async function cpuMicros(pid: number): Promise<number> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of stat(5), in clock ticks (100 a second on Linux)
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return 0;
  }
}

type Round = autocannon.Result & { cpuMicros: number };

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

/** Rounds of one target added up: requests per second over all its rounds, the median p50, the worst p99. */
function summarize(engine: string, endpoint: Measurement['endpoint'], t: Target, rounds: Round[]): Measurement {
  const codes = new Map<string, number>();
  for (const r of rounds) {
    for (const [code, stat] of Object.entries(r.statusCodeStats ?? {})) codes.set(code, (codes.get(code) ?? 0) + (stat.count ?? 0));
  }
  const total = rounds.reduce((n, r) => n + r.requests.total, 0);
  const duration = rounds.reduce((n, r) => n + r.duration, 0);
  const p50s = rounds.map((r) => r.latency.p50).sort((a, b) => a - b);
  return {
    engine,
    endpoint,
    target: t.kind,
    reqPerSec: Math.round(total / duration),
    p50ms: p50s[Math.floor(p50s.length / 2)]!,
    p99ms: Math.max(...rounds.map((r) => r.latency.p99)),
    requests: total,
    non2xx: rounds.reduce((n, r) => n + r.non2xx, 0),
    errors: rounds.reduce((n, r) => n + r.errors, 0), // timeouts included
    statusCodes: [...codes].map(([code, n]) => `${code}×${n}`).join(' '),
    cpuUsPerReq: Math.round(rounds.reduce((n, r) => n + r.cpuMicros, 0) / Math.max(1, total)),
    lookupSet: null,
  };
}

/**
 * Both targets in turns: a warm-up each, then BENCH_ROUNDS rounds, each giving both targets
 * BENCH_SECONDS / BENCH_ROUNDS seconds, the order swapped every round — so that a slow patch of this shared
 * machine falls on both and the ratio stays meaningful.
 */
async function alternate(
  targets: readonly Target[],
  request: (t: Target) => autocannon.Request,
  samples: string[],
): Promise<Map<Target, Round[]>> {
  const results = new Map<Target, Round[]>(targets.map((t) => [t, []]));
  for (const t of targets) await fire(t, warmupSeconds, request(t), []);
  const each = Math.max(1, Math.round(seconds / rounds));
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? targets : [...targets].reverse();
    for (const t of order) {
      const before = await cpuMicros(t.pid);
      const result = await fire(t, each, request(t), samples);
      results.get(t)!.push({ ...result, cpuMicros: (await cpuMicros(t.pid)) - before });
    }
  }
  return results;
}

/** One submission and one look-up by hand first: the answers must be what the benchmark expects. */
async function check(t: Target, tracked: Tracked[]): Promise<void> {
  const base = `http://127.0.0.1:${t.port}`;
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
}

/** Tops the target's tracking numbers up to the look-up set, 32 at a time, for at most TOP_UP_SECONDS. */
async function topUp(t: Target, tracked: Tracked[]): Promise<Tracked[]> {
  const base = `http://127.0.0.1:${t.port}`;
  const until = Date.now() + TOP_UP_SECONDS * 1000;
  while (tracked.length < lookupSet && Date.now() < until) {
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
  return tracked.slice(0, lookupSet);
}

/** Submissions, then look-ups of tracking numbers submitted to the same target; the targets take turns. */
async function measure(engine: string, targets: readonly Target[]): Promise<Measurement[]> {
  const samples: string[] = [];
  const tracked = new Map<Target, Tracked[]>(targets.map((t) => [t, []]));
  for (const t of targets) await check(t, tracked.get(t)!);

  const submits = await alternate(
    targets,
    (t) => ({
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
        const list = tracked.get(t)!;
        if (status === 201 && p && list.length < lookupSet) {
          list.push({ trackingNo: (JSON.parse(body) as { trackingNo: string }).trackingNo, phone: p });
        }
      },
    }),
    samples,
  );

  const sets = new Map<Target, Tracked[]>();
  for (const t of targets) sets.set(t, await topUp(t, tracked.get(t)!));
  const lookups = await alternate(
    targets,
    (t) => {
      const set = sets.get(t)!;
      let next = 0;
      return {
        method: 'GET',
        setupRequest: (req) => {
          const r = set[next++ % set.length]!;
          return { ...req, path: t.trackPath(r.trackingNo, r.phone), headers: { ...req.headers, 'x-forwarded-for': nextAddress() } };
        },
      };
    },
    samples,
  );

  for (const s of samples) console.error(`  ${engine}: non-2xx sample: ${s}`);
  return targets.flatMap((t) => [
    summarize(engine, 'submit', t, submits.get(t)!),
    { ...summarize(engine, 'track', t, lookups.get(t)!), lookupSet: sets.get(t)!.length },
  ]);
}

async function measureEngine(engine: 'postgres' | 'pglite', serverEnv: Record<string, string>, baselineEnv: Record<string, string>) {
  const startups: Record<string, number> = {};
  const baselinePort = engine === 'postgres' ? 3911 : 3913;
  const baseline = startChild(['--import', 'tsx', self, 'baseline'], { BASELINE_PORT: String(baselinePort), ...baselineEnv });
  startups.baseline = await waitHealthy(baselinePort, baseline);

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
    LEGALHUB_SEED_KNOWLEDGE: 'no',
    LEGALHUB_DATA_KEYS: `b1:${randomBytes(32).toString('base64')}`,
    LEGALHUB_INDEX_KEY: randomBytes(32).toString('base64'),
    ...serverEnv,
  });
  startups.server = await waitHealthy(serverPort, server);
  const out = await measure(engine, [
    {
      kind: 'baseline',
      port: baselinePort,
      pid: baseline.pid!,
      submitPath: '/requests',
      trackPath: (no, phone) => `/requests/${no}?phone=${phone}`,
    },
    {
      kind: 'server',
      port: serverPort,
      pid: server.pid!,
      submitPath: '/api/v1/public/requests',
      trackPath: (no, phone) => `/api/v1/public/requests/${no}?phone=${phone}`,
    },
  ]);
  await stopChild(server);
  await stopChild(baseline);
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
    `\nPublic intake — ${connections} concurrent clients, ${warmupSeconds} s warm-up, then ${rounds} turns of ${Math.max(1, Math.round(seconds / rounds))} s per target (baseline and server alternating), Node ${process.version}`,
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
