import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { startTestApp, type Session, type TestApp } from '../helpers/app.js';
import {
  expectError,
  freshAddress,
  idNumber,
  seedAccepted,
  seedColleague,
  seedConcluded,
  seedDispatched,
  stepOk,
  submitPublic,
  SHILI,
  type RequestView,
  loginAll,
} from '../helpers/requests.js';
import { SUBMISSIONS_PER_ADDRESS, LOOKUPS_PER_ADDRESS } from '../../server/modules/requests/public.service.js';

let t: TestApp;
let admin: Session;
let reception: Session;
let consult: Session;
let station: Session;
let townAdmin: Session;
before(async () => {
  t = await startTestApp();
  await seedColleague(t, { username: 'admin-shili', kind: 'station', regionCode: SHILI, posts: ['admin'], displayName: '十里镇管理员' });
  [admin, reception, consult, station, townAdmin] = await loginAll(t, [
    'admin',
    'reception',
    'consult',
    `station-${SHILI}`,
    'admin-shili',
  ] as const);
});
after(() => t.close());

const countRequests = async () =>
  Number(
    (
      await t.db
        .selectFrom('service_requests')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

test('a submission answers 201 with the tracking number, the status and the due date, and nothing else', async () => {
  const res = await submitPublic(t, { serviceItem: 'legalAid', description: '被拖欠工资，想申请法律援助' });
  assert.equal(res.statusCode, 201, res.body);
  const body = res.json();
  assert.deepEqual(Object.keys(body).sort(), ['dueAt', 'status', 'trackingNo']);
  assert.match(body.trackingNo, /^[0-9]{6}[0-9A-HJKMNP-TV-Z]{8}$/);
  assert.equal(body.status, 'dispatched');
  assert.ok(Date.parse(body.dueAt) > Date.now() + 6 * 86400_000, 'legal aid: 7 calendar days');
});

test('bad input answers 400 VALIDATION_FAILED naming the field, in Chinese and English, and stores nothing', async () => {
  const before = await countRequests();
  const cases: [string, Record<string, unknown>][] = [
    ['name', { name: '' }],
    ['phone', { phone: '12345' }],
    ['description', { description: '短' }],
    ['channel', { channel: 'walk_in' }],
    ['regionCode', { regionCode: '4115' }],
    ['idNumber', { idNumber: '4'.repeat(21) }],
    ['serviceItem', { serviceItem: 'Legal Aid!' }],
  ];
  for (const [field, change] of cases) {
    const body = expectError(await submitPublic(t, change), 400, 'VALIDATION_FAILED');
    assert.ok(JSON.stringify(body.details).includes(field), `${field}: ${JSON.stringify(body.details)}`);
  }
  const missing = await t.app.inject({
    method: 'POST',
    url: '/api/v1/public/requests',
    remoteAddress: freshAddress(),
    payload: { serviceItem: 'mediation' },
  });
  expectError(missing, 400, 'VALIDATION_FAILED');
  const notJson = await t.app.inject({
    method: 'POST',
    url: '/api/v1/public/requests',
    remoteAddress: freshAddress(),
    headers: { 'content-type': 'application/json' },
    payload: '{"serviceItem":',
  });
  expectError(notJson, 400, 'INVALID_JSON');
  assert.equal(await countRequests(), before);
});

test(`more than ${SUBMISSIONS_PER_ADDRESS} submissions from one address in 10 minutes: 429 RATE_LIMITED, the refused one not stored`, async () => {
  const address = freshAddress();
  for (let i = 0; i < SUBMISSIONS_PER_ADDRESS; i++) {
    assert.equal((await submitPublic(t, { description: `第${i + 1}次提交：邻里纠纷` }, address)).statusCode, 201);
  }
  const before = await countRequests();
  const refused = await submitPublic(t, { description: '第十一次提交：不应保存' }, address);
  expectError(refused, 429, 'RATE_LIMITED');
  assert.equal(await countRequests(), before);
  const stored = await t.db.selectFrom('service_requests').select('id').where('description', '=', '第十一次提交：不应保存').execute();
  assert.deepEqual(stored, []);
  assert.equal((await submitPublic(t, {}, freshAddress())).statusCode, 201, 'another address is not held up');
});

test(`tracking look-ups: ${LOOKUPS_PER_ADDRESS} a minute from one address, then 429 RATE_LIMITED`, async () => {
  const r = await seedDispatched(t);
  const address = freshAddress();
  const look = (phone = r.phone, remoteAddress = address) =>
    t.app.inject({ url: `/api/v1/public/requests/${r.trackingNo}?phone=${phone}`, remoteAddress });
  for (let i = 0; i < LOOKUPS_PER_ADDRESS; i++) {
    // guessing phones counts the same as looking up one's own
    const res = await look(i % 2 ? r.phone : `1380000${String(i).padStart(4, '0')}`);
    assert.equal(res.statusCode, i % 2 ? 200 : 404);
  }
  expectError(await look(), 429, 'RATE_LIMITED');
  expectError(
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/public/requests/${r.trackingNo}/evaluation`,
      remoteAddress: address,
      payload: { phone: r.phone, grade: 5, attitude: 5, efficiency: 5, competence: 5 },
    }),
    429,
    'RATE_LIMITED',
  );
  assert.equal((await look(r.phone, freshAddress())).statusCode, 200, 'another address is not held up');
});

test('tracking numbers are not a sequence: 100 numbers are distinct, far apart and random in every position', async () => {
  const numbers: string[] = [];
  for (let a = 0; a < 10; a++) {
    const address = freshAddress();
    for (let i = 0; i < 10; i++) {
      const res = await submitPublic(t, { serviceItem: 'consultation', description: `第${a}-${i}号咨询：合同纠纷` }, address);
      assert.equal(res.statusCode, 201, res.body);
      numbers.push(res.json().trackingNo);
    }
  }
  assert.equal(new Set(numbers).size, 100);
  const randomPart = numbers.map((n) => n.slice(6));
  assert.equal(new Set(randomPart).size, 100);
  const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  const value = (s: string) => [...s].reduce((v, c) => v * 32n + BigInt(ALPHABET.indexOf(c)), 0n);
  const values = randomPart.map(value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (let i = 1; i < values.length; i++) {
    assert.ok(values[i]! - values[i - 1]! > 1000n, `two numbers only ${values[i]! - values[i - 1]!} apart`);
  }
  for (let position = 0; position < 8; position++) {
    const seen = new Set(randomPart.map((p) => p[position]));
    assert.ok(seen.size >= 10, `position ${position} takes ${seen.size} values: a counter would not`);
  }
});

test('the service catalogue is public: code, name, time limit and the guide (who, materials, steps, fees, where, basis)', async () => {
  const res = await t.app.inject({ url: '/api/v1/service-items' });
  assert.equal(res.statusCode, 200);
  const items = res.json() as { code: string; name: string; guide: Record<string, unknown>; timeLimit: unknown }[];
  assert.ok(items.length >= 10);
  for (const item of items) {
    assert.match(item.code, /^[a-z][A-Za-z0-9]+$/);
    assert.ok(item.name.length >= 2);
    assert.deepEqual(Object.keys(item.guide).sort(), ['basis', 'fees', 'materials', 'steps', 'where', 'who'], item.code);
    assert.ok(item.timeLimit);
  }
  const one = (await t.app.inject({ url: '/api/v1/service-items/legalAid' })).json();
  assert.equal(one.name, '法律援助');
  assert.ok(one.guide.materials.length > 0);
  expectError(await t.app.inject({ url: '/api/v1/service-items/nothingHere' }), 404, 'NOT_FOUND');
});

// (legal aid's own 7 days are the Law's and may only be shortened: test/api/legalaid-limits.test.ts)
test('only a county administrator edits the catalogue; the change shows on the portal and in the next due date', async () => {
  const current = (await t.app.inject({ url: '/api/v1/service-items/lawyerReferral' })).json();
  const patch = (who: Session | null, payload: object) =>
    t.as(who, { method: 'PATCH', url: '/api/v1/service-items/lawyerReferral', payload });
  const change = { version: current.version, summary: '为群众推荐律师事务所（测试修改）' };
  expectError(await patch(townAdmin, change), 403, 'FORBIDDEN');
  expectError(await patch(reception, change), 403, 'FORBIDDEN');
  expectError(await patch(null, change), 401, 'UNAUTHENTICATED');
  assert.equal((await t.app.inject({ url: '/api/v1/service-items/lawyerReferral' })).json().version, current.version, 'unchanged');

  const done = await patch(admin, { ...change, timeLimit: { unit: 'calendar', days: 10, dueSoonDays: 2 } });
  assert.equal(done.statusCode, 200, done.body);
  assert.equal(done.json().version, current.version + 1);
  const shown = (await t.app.inject({ url: '/api/v1/service-items/lawyerReferral' })).json();
  assert.equal(shown.summary, change.summary);
  expectError(await patch(admin, { ...change, summary: '过期版本' }), 409, 'VERSION_CONFLICT');
  const submitted = (await submitPublic(t, { serviceItem: 'lawyerReferral' })).json();
  assert.ok(Date.parse(submitted.dueAt) > Date.now() + 9 * 86400_000, 'the new limit of 10 days counts for new requests');

  const restored = await patch(admin, { version: shown.version, summary: current.summary, timeLimit: current.timeLimit });
  assert.equal(restored.statusCode, 200, restored.body);
});

test('evaluation (好差评): only after conclusion, only once, with the right phone and grades 1–5', async () => {
  const open = await seedAccepted(t, station);
  const rate = (no: string, payload: object) =>
    t.app.inject({ method: 'POST', url: `/api/v1/public/requests/${no}/evaluation`, remoteAddress: freshAddress(), payload });
  const grades = { grade: 5, attitude: 5, efficiency: 4, competence: 5 };
  expectError(await rate(open.trackingNo, { phone: open.phone, ...grades }), 409, 'REQUEST_NOT_CONCLUDED');

  const r = await seedConcluded(t, station);
  expectError(await rate(r.trackingNo, { phone: '13800000000', ...grades }), 404, 'NOT_FOUND');
  for (const bad of [{ grade: 0 }, { grade: 6 }, { attitude: 7 }, { efficiency: -1 }, { competence: 2.5 }]) {
    expectError(await rate(r.trackingNo, { phone: r.phone, ...grades, ...bad }), 400, 'VALIDATION_FAILED');
  }
  const first = await rate(r.trackingNo, { phone: r.phone, ...grades, comment: '调解员很耐心' });
  assert.equal(first.statusCode, 201, first.body);
  expectError(await rate(r.trackingNo, { phone: r.phone, grade: 1, attitude: 1, efficiency: 1, competence: 1 }), 409, 'EVALUATION_EXISTS');
  const stored = await t.db.selectFrom('evaluations').selectAll().where('request_id', '=', r.id).execute();
  assert.equal(stored.length, 1);
  assert.equal(stored[0]!.grade, 5, 'the first rating stands');
  const view = (
    await t.app.inject({ url: `/api/v1/public/requests/${r.trackingNo}?phone=${r.phone}`, remoteAddress: freshAddress() })
  ).json();
  assert.equal(view.canEvaluate, false);
  assert.equal(view.evaluation.grade, 5);
});

test('the ID number is stored encrypted and shown masked in staff lists, details, timelines and receipts', async () => {
  const id = idNumber('19850312', '456');
  const r = await seedDispatched(t, { idNumber: id, serviceItem: 'legalAid' });
  for (const table of ['service_requests', 'request_events', 'audit_log', 'outbox']) {
    const rows = await sql<{ row: string }>`select row_to_json(x)::text as row from ${sql.table(table)} x`.execute(t.db);
    assert.ok(!rows.rows.some((x) => x.row.includes(id)), `not in ${table} in clear text`);
  }
  const masked = '4115**********' + id.slice(-4);
  const queue = (await t.as(station, { url: '/api/v1/requests?queue=unassigned&limit=200' })).json() as { items: RequestView[] };
  assert.equal(queue.items.find((i) => i.id === r.id)?.requesterIdNumber, masked);
  const accepted = await stepOk(t, station, r.id, 'accept');
  assert.equal(accepted.requesterIdNumber, masked, 'masked for the handler too, until asked for');
  for (const path of ['', '/timeline', '/receipt']) {
    const res = await t.as(admin, { url: `/api/v1/requests/${r.id}${path}` });
    assert.equal(res.statusCode, 200);
    assert.ok(!res.body.includes(id), `not in ${path || 'the detail'}`);
  }
});

test('the handler may reveal the ID number, and every look is audited as personal.view; a colleague who is not handling it may not', async () => {
  const id = idNumber('19700101', '789');
  const r = await seedAccepted(t, station, { idNumber: id, serviceItem: 'legalAid' });
  const audited = () =>
    t.db
      .selectFrom('audit_log')
      .select(['actor_id', 'entity_id'])
      .where('action', '=', 'personal.view')
      .where('entity_id', '=', r.id)
      .execute();

  // the record says beforehand who may look, so the page offers the button only to them
  assert.equal((await t.as(consult, { url: `/api/v1/requests/${r.id}` })).json().canRevealIdNumber, false);
  assert.equal((await t.as(station, { url: `/api/v1/requests/${r.id}` })).json().canRevealIdNumber, true);
  expectError(await t.as(consult, { url: `/api/v1/requests/${r.id}/id-number` }), 403, 'FORBIDDEN');
  assert.deepEqual(await audited(), [], 'a refused look is not a look');

  const seen = await t.as(station, { url: `/api/v1/requests/${r.id}/id-number` });
  assert.equal(seen.statusCode, 200, seen.body);
  assert.deepEqual(seen.json(), { idNumber: id });
  assert.deepEqual(await audited(), [{ actor_id: station.user.id, entity_id: r.id }]);

  const log = (await t.as(admin, { url: `/api/v1/audit?action=personal.view&entityId=${r.id}` })).json();
  assert.equal(log.total, 1);
  assert.equal(log.items[0].actorUsername, `station-${SHILI}`);
});
