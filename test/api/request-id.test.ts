// Request ids: every answer names its request, the log lines of a request carry that id, and the audit rows
// written while serving it record it, so an operator can go from an audit row or a user's report to the log.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../server/app.js';
import { resolveCipher } from '../../server/security/keys.js';
import { createTestDatabase, DEMO_PASSWORD } from '../helpers/db.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

type Line = { reqId?: string; msg?: string; [k: string]: unknown };
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let direct: FastifyInstance;
let proxied: FastifyInstance;
const lines: Line[] = [];

before(async () => {
  database = await createTestDatabase();
  const cipher = await resolveCipher(database.config);
  // the log as the operator's collector receives it: one JSON object a line
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const l of chunk.toString('utf8').split('\n')) if (l.trim()) lines.push(JSON.parse(l) as Line);
      callback();
    },
  });
  const build = (trustProxy: boolean) =>
    buildApp({
      config: { ...database.config, trustProxy },
      db: database.db,
      cipher,
      engine: database.engine,
      logger: { level: 'info', stream },
    });
  direct = await build(false);
  proxied = await build(true);
  await Promise.all([direct.ready(), proxied.ready()]);
});
after(async () => {
  await direct.close();
  await proxied.close();
  await database.close();
});

const idOf = (res: LightMyRequestResponse) => String(res.headers['x-request-id'] ?? '');

async function signIn(app: FastifyInstance, username: string, remoteAddress: string) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password: DEMO_PASSWORD },
    remoteAddress,
  });
  assert.equal(res.statusCode, 200, res.body);
  const cookie = res.cookies.find((c) => c.name === 'lh_session')!;
  return { cookie: `lh_session=${cookie.value}`, csrf: res.json().csrfToken as string, res };
}

test('every answer carries a fresh uuid as X-Request-Id: success, error, unknown route, malformed address', async () => {
  const answers = [
    await direct.inject({ url: '/healthz' }),
    await direct.inject({ url: '/api/v1/me' }),
    await direct.inject({ url: '/api/v1/no-such-thing' }),
    await direct.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 1 } }),
    await direct.inject({ url: '/api/v1/requests/%zz' }),
  ];
  assert.deepEqual(
    answers.map((r) => r.statusCode),
    [200, 401, 404, 400, 400],
  );
  const ids = answers.map(idOf);
  for (const id of ids) assert.match(id, UUID);
  assert.equal(new Set(ids).size, ids.length, 'one id per request');
});

test("without a trusted proxy the caller's X-Request-Id is ignored; behind one a well-formed id is kept, anything else replaced", async () => {
  const chosen = '3f1c9a7e-0b2d-4c55-9e61-7a8b9c0d1e2f';
  assert.notEqual(idOf(await direct.inject({ url: '/healthz', headers: { 'x-request-id': chosen } })), chosen);
  assert.equal(idOf(await proxied.inject({ url: '/healthz', headers: { 'x-request-id': chosen } })), chosen);
  const nginx = 'a3f9c2e1b4d5f6a7b8c9d0e1f2a3b4c5';
  assert.equal(idOf(await proxied.inject({ url: '/healthz', headers: { 'x-request-id': nginx } })), nginx);
  for (const bad of ['short', 'has spaces in it', '<script>alert(1)</script>', 'x'.repeat(65), 'ok-looking\nX-Injected: 1']) {
    const id = idOf(
      await proxied.inject({ url: '/healthz', headers: { 'x-request-id': bad } }).catch(() => direct.inject({ url: '/healthz' })),
    );
    assert.match(id, UUID, `"${bad.slice(0, 20)}" is replaced`);
  }
});

test('the log lines of a request carry its id, and so do the audit rows it wrote (signed in, and anonymous)', async () => {
  lines.length = 0;
  const { cookie, csrf, res: login } = await signIn(direct, 'admin', '10.31.0.1');
  const loginId = idOf(login);
  // a change by a signed-in administrator: an audited write
  const site = await database.db.selectFrom('sites').select(['id', 'version']).where('kind', '=', 'room').executeTakeFirstOrThrow();
  const edit = await direct.inject({
    method: 'PATCH',
    url: `/api/v1/sites/${site.id}`,
    headers: { cookie, 'x-csrf-token': csrf },
    payload: { version: site.version, openingHours: '周一至周五 8:30–17:30' },
  });
  assert.equal(edit.statusCode, 200, edit.body);
  const editId = idOf(edit);
  // a failed sign-in: audited without an actor
  const failed = await direct.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: 'admin', password: 'wrong-password-1' },
    remoteAddress: '10.31.0.2',
  });
  assert.equal(failed.statusCode, 401);

  for (const [res, what] of [
    [login, 'sign-in'],
    [edit, 'site edit'],
    [failed, 'failed sign-in'],
  ] as const) {
    const id = idOf(res);
    const mine = lines.filter((l) => l.reqId === id);
    assert.ok(
      mine.some((l) => l.msg === 'incoming request'),
      `${what}: the "incoming request" line carries the id`,
    );
    assert.ok(
      mine.some((l) => l.msg === 'request completed'),
      `${what}: the "request completed" line carries the id`,
    );
  }
  // every request line of the log names its request: none is left without an id
  const requestLines = lines.filter((l) => l.msg === 'incoming request' || l.msg === 'request completed');
  assert.ok(requestLines.length >= 6);
  assert.ok(requestLines.every((l) => typeof l.reqId === 'string' && UUID.test(l.reqId)));

  const audit = await database.db
    .selectFrom('audit_log')
    .select(['action', 'request_id'])
    .where('request_id', 'in', [loginId, editId, idOf(failed)])
    .orderBy('id')
    .execute();
  assert.deepEqual(
    audit.map((a) => [a.action, a.request_id]),
    [
      ['auth.login', loginId],
      ['site.update', editId],
      ['auth.login_failed', idOf(failed)],
    ],
  );
});

test("an anonymous citizen's audited step (an objection from the tracking page) records the request's id", async () => {
  const center = await signIn(direct, 'legalaid', '10.31.0.3');
  const phone = '13966661234';
  const applied = await direct.inject({
    method: 'POST',
    url: '/api/v1/legal-aid/cases',
    headers: { cookie: center.cookie, 'x-csrf-token': center.csrf },
    payload: {
      name: '周海燕',
      phone,
      regionCode: '411522101203',
      description: '邻居占用宅基地，多次协商无果。',
      channel: 'walk_in',
      applicantKind: 'self',
      matterCategory: 'other',
      aidForm: 'consultation',
      opposingParty: '邻居',
      familyMembers: [],
      monthlyIncome: 90_000,
    },
  });
  assert.equal(applied.statusCode, 201, applied.body);
  const c = applied.json();
  const refused = await direct.inject({
    method: 'POST',
    url: `/api/v1/legal-aid/cases/${c.id}/decide`,
    headers: { cookie: center.cookie, 'x-csrf-token': center.csrf },
    payload: { version: c.version, decision: 'refuse', reason: '收入高于标准' },
  });
  assert.equal(refused.statusCode, 200, refused.body);
  // through a trusted proxy that named the request: the audit row carries the proxy's id
  const proxyId = 'edge-7f3a9c1d2b4e';
  const objection = await proxied.inject({
    method: 'POST',
    url: `/api/v1/public/legal-aid/${c.trackingNo}/objections`,
    headers: { 'x-request-id': proxyId, 'x-forwarded-for': '203.0.113.9' },
    remoteAddress: '10.0.0.1',
    payload: { phone, grounds: '我认为符合条件，请求复查' },
  });
  assert.equal(objection.statusCode, 201, objection.body);
  assert.equal(idOf(objection), proxyId);
  const row = await database.db
    .selectFrom('audit_log')
    .select(['actor_id', 'request_id'])
    .where('action', '=', 'aidObjection.file')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  assert.equal(row.actor_id, null, 'filed by the citizen, not by staff');
  assert.equal(row.request_id, proxyId);
  assert.ok(lines.some((l) => l.reqId === proxyId && l.msg === 'request completed'));
});
