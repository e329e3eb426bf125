// Benchmark: requests per second of `GET /api/v1/sites?kind=room` (365 rooms, the portal's heaviest public
// list) against the server on PGlite and on the PostgreSQL server, and the server process's memory after
// start-up. Run: `npm run bench` (BENCH_SECONDS, BENCH_CONNECTIONS, BENCH_DATABASE_URL to change).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';

const root = path.resolve(import.meta.dirname, '..');
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function rssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

async function waitHealthy(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('server did not become healthy in 120 s');
}

interface Result {
  engine: string;
  startupMs: number;
  rssAfterStartMiB: number;
  rssAfterLoadMiB: number;
  requestsPerSecond: number;
  p50ms: number;
  p99ms: number;
  errors: number;
}

async function run(engine: 'pglite' | 'postgres', port: number, env: Record<string, string>): Promise<Result> {
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      LEGALHUB_DEMO_PASSWORD: 'Bench-pass-2026',
      LEGALHUB_WEB_DIST: '/nonexistent',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await waitHealthy(port, child);
    const startupMs = Date.now() - started;
    await new Promise((r) => setTimeout(r, 1000));
    const rssAfterStartMiB = await rssMiB(child.pid!);
    const url = `http://127.0.0.1:${port}/api/v1/sites?kind=room`;
    const check = await (await fetch(url)).json();
    if (check.total !== 365) throw new Error(`expected 365 rooms, got ${check.total}`);
    await autocannon({ url, connections, duration: 2 }); // warm-up
    const result = await autocannon({ url, connections, duration: seconds });
    return {
      engine,
      startupMs,
      rssAfterStartMiB: Math.round(rssAfterStartMiB),
      rssAfterLoadMiB: Math.round(await rssMiB(child.pid!)),
      requestsPerSecond: Math.round(result.requests.average),
      p50ms: result.latency.p50,
      p99ms: result.latency.p99,
      errors: result.errors + result.non2xx,
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

const results: Result[] = [];
const dataDir = await mkdtemp(path.join(tmpdir(), 'legalhub-bench-'));
try {
  results.push(await run('pglite', 3901, { LEGALHUB_DATA_DIR: dataDir, LEGALHUB_SEED_KNOWLEDGE: 'no' }));
} finally {
  await rm(dataDir, { recursive: true, force: true });
}

const client = new pg.Client({ connectionString: databaseUrl });
let serverUp = true;
await client.connect().catch(() => (serverUp = false));
if (serverUp) {
  const schema = `bench_${process.pid}`;
  try {
    results.push(
      await run('postgres', 3902, {
        DATABASE_URL: databaseUrl,
        LEGALHUB_DB_SCHEMA: schema,
        LEGALHUB_SEED_DEMO: 'yes',
        LEGALHUB_SEED_KNOWLEDGE: 'no',
        LEGALHUB_DATA_KEYS: `b1:${randomBytes(32).toString('base64')}`,
        LEGALHUB_INDEX_KEY: randomBytes(32).toString('base64'),
      }),
    );
  } finally {
    await client.query(`drop schema if exists ${schema} cascade`);
    await client.end();
  }
} else {
  console.log(`PostgreSQL at ${databaseUrl} not reachable: server run skipped`);
}

console.log(`\nGET /api/v1/sites?kind=room — ${connections} connections, ${seconds} s, Node ${process.version}`);
console.table(results);
