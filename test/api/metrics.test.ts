// /metrics for Prometheus: HTTP traffic by route pattern, process figures, the domain gauges an operator
// alerts on (outbox, overdue requests, open supervision orders, the database), and who may read them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../server/app.js';
import { openDatabase } from '../../server/db/database.js';
import { scanDueStates } from '../../server/modules/requests/due-scanner.js';
import { startTestApp, type Session, type TestApp } from '../helpers/app.js';
import { testConfig } from '../helpers/db.js';
import { assertError } from '../helpers/http.js';
import { seedAccepted, seedDispatched, SHILI } from '../helpers/requests.js';

let t: TestApp;
let supervisor: Session;
let station: Session;
before(async () => {
  t = await startTestApp();
  supervisor = await t.login('supervisor');
  station = await t.login(`station-${SHILI}`);
});
after(() => t.close());

/** `name{labels} value` lines → value by `name{labels}` as printed (labels in prom-client's order). */
function parse(text: string): Map<string, number> {
  const values = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    values.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return values;
}

async function scrape(app = t.app): Promise<Map<string, number>> {
  const res = await app.inject({ url: '/metrics' });
  assert.equal(res.statusCode, 200, res.body);
  assert.match(String(res.headers['content-type']), /^text\/plain; version=0\.0\.4/);
  return parse(res.body);
}

async function count(query: string): Promise<number> {
  const { sql } = await import('kysely');
  const { rows } = await sql<{ n: number }>`${sql.raw(query)}`.execute(t.db);
  return Number(rows[0]!.n);
}

test('HTTP requests are counted by method, route pattern and status, with a duration histogram; process figures are there', async () => {
  const r = await seedDispatched(t);
  for (let i = 0; i < 3; i++) assert.equal((await t.as(supervisor, { url: `/api/v1/requests/${r.id}` })).statusCode, 200);
  assert.equal((await t.app.inject({ url: `/api/v1/requests/${r.id}` })).statusCode, 401);
  assert.equal((await t.app.inject({ url: `/api/v1/no/such/${r.id}` })).statusCode, 404);
  const m = await scrape();
  assert.equal(m.get('http_requests_total{method="GET",route="/api/v1/requests/:id",status_code="200"}'), 3);
  assert.equal(m.get('http_requests_total{method="GET",route="/api/v1/requests/:id",status_code="401"}'), 1);
  assert.equal(m.get('http_request_duration_seconds_count{method="GET",route="/api/v1/requests/:id",status_code="200"}'), 3);
  assert.equal(m.get('http_request_duration_seconds_bucket{le="+Inf",method="GET",route="/api/v1/requests/:id",status_code="200"}'), 3);
  assert.ok((m.get('http_request_duration_seconds_sum{method="GET",route="/api/v1/requests/:id",status_code="200"}') ?? 0) > 0);
  assert.equal(m.get('http_requests_total{method="GET",route="unmatched",status_code="404"}'), 1);
  const text = [...m.keys()].join('\n');
  assert.ok(!text.includes(r.id), 'no series is named after an id');
  for (const name of [
    'process_cpu_user_seconds_total',
    'process_resident_memory_bytes',
    'nodejs_heap_size_used_bytes',
    'nodejs_eventloop_lag_seconds',
  ]) {
    assert.ok(m.has(name), name);
  }
  const raw = (await t.app.inject({ url: '/metrics' })).body;
  assert.match(raw, /^# TYPE nodejs_gc_duration_seconds histogram$/m, 'GC figures (series once a collection ran)');
});

test('the domain gauges follow the database: outbox, requests due soon or overdue per county, open supervision orders', async () => {
  const before = await scrape();
  assert.equal(before.get('legalhub_database_up'), 1);
  assert.equal(
    before.get('legalhub_outbox_messages{status="pending"}'),
    await count(`select count(*) as n from outbox where status = 'pending'`),
  );
  assert.equal(before.get('legalhub_outbox_messages{status="failed"}'), 0);
  assert.equal(before.get('legalhub_requests_due{county="411522",due_state="overdue"}'), 0);
  assert.equal(before.get('legalhub_requests_due{county="411522",due_state="dueSoon"}'), 0);
  assert.equal(before.get('legalhub_supervision_orders_open{county="411522"}'), 0);

  // a citizen's submission queues messages; one message gives up after its attempts
  await seedDispatched(t);
  await t.db
    .updateTable('outbox')
    .set({ status: 'failed', attempts: 8 })
    .where('id', '=', (eb) => eb.selectFrom('outbox').select((e) => e.fn.min('id').as('m')))
    .execute();
  // two accepted requests run past their time limit; the scanner marks them; a third is concluded in time
  const late = [await seedAccepted(t, station), await seedAccepted(t, station)];
  const { due_at } = await t.db.selectFrom('service_requests').select('due_at').where('id', '=', late[1]!.id).executeTakeFirstOrThrow();
  await scanDueStates(t.db, new Date(due_at!.getTime() + 60_000));
  const order = await t.as(supervisor, {
    method: 'POST',
    url: `/api/v1/requests/${late[0]!.id}/supervision`,
    payload: { instruction: '请于三个工作日内联系当事人并反馈进展', days: 3 },
  });
  assert.equal(order.statusCode, 201, order.body);

  const after = await scrape();
  const pending = await count(`select count(*) as n from outbox where status = 'pending'`);
  assert.equal(after.get('legalhub_outbox_messages{status="pending"}'), pending);
  assert.equal(after.get('legalhub_outbox_messages{status="failed"}'), 1);
  assert.ok((after.get('legalhub_outbox_oldest_pending_seconds') ?? -1) >= 0);
  const overdue = await count(
    `select count(*) as n from service_requests where due_state = 'overdue' and status not in ('concluded', 'withdrawn')`,
  );
  assert.ok(overdue >= 2, 'the two late requests are overdue');
  assert.equal(after.get('legalhub_requests_due{county="411522",due_state="overdue"}'), overdue);
  assert.equal(after.get('legalhub_supervision_orders_open{county="411522"}'), 1);
  assert.ok((after.get('legalhub_database_scrape_seconds') ?? -1) >= 0);
});

test('only this machine may scrape without a token; elsewhere, and through a proxy, it is 404 (no token set) or 403', async () => {
  const from = (remoteAddress: string, headers: Record<string, string> = {}, app = t.app): Promise<LightMyRequestResponse> =>
    app.inject({ url: '/metrics', remoteAddress, headers });
  assert.equal((await from('127.0.0.1')).statusCode, 200);
  assert.equal((await from('::1')).statusCode, 200);
  assertError(await from('10.0.0.5'), 404, 'ROUTE_NOT_FOUND');
  assertError(await from('127.0.0.1', { 'x-forwarded-for': '203.0.113.7' }), 404, 'ROUTE_NOT_FOUND');
  assertError(await from('10.0.0.5', { authorization: 'Bearer anything-at-all-here' }), 404, 'ROUTE_NOT_FOUND');

  const token = 'scrape-token-0123456789abcdef';
  const withToken = await buildApp({
    config: { ...testConfig(), metricsToken: token },
    db: t.db,
    cipher: t.cipher,
    engine: t.engine,
    logger: false,
  });
  try {
    assertError(await from('10.0.0.5', {}, withToken), 403, 'METRICS_FORBIDDEN');
    assertError(await from('10.0.0.5', { authorization: `Bearer ${token}x` }, withToken), 403, 'METRICS_FORBIDDEN');
    assertError(await from('127.0.0.1', { 'x-forwarded-for': '203.0.113.7' }, withToken), 403, 'METRICS_FORBIDDEN');
    const ok = await from('10.0.0.5', { authorization: `Bearer ${token}` }, withToken);
    assert.equal(ok.statusCode, 200);
    assert.match(ok.body, /^legalhub_database_up 1$/m);
  } finally {
    await withToken.close();
  }
  // not part of the JSON API: left out of the OpenAPI document
  const doc = (await t.app.inject({ url: '/api/v1/openapi.json' })).json() as { paths: Record<string, unknown> };
  assert.ok(!Object.keys(doc.paths).some((p) => p.includes('metrics')));
});

test('with the database gone a scrape still answers: up 0 and no stale domain figures', async () => {
  const database = await openDatabase({});
  const app = await buildApp({ config: testConfig(), db: database.db, cipher: t.cipher, engine: database.engine, logger: false });
  try {
    await database.close();
    const m = await scrape(app);
    assert.equal(m.get('legalhub_database_up'), 0);
    assert.ok(![...m.keys()].some((k) => k.startsWith('legalhub_requests_due') || k.startsWith('legalhub_outbox_messages')));
    assert.ok(m.has('process_resident_memory_bytes'), 'the process figures still come');
  } finally {
    await app.close();
  }
});
