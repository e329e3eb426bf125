// The working-day calendar over HTTP on a real database: loaded from chinese-days, edited by the county
// administrator, and used for due dates.
//
// The routes are served by a small Fastify instance built here with the app's own error handling and auth
// hooks, on the database of startTestApp() (whose `login` gives real sessions). Once calendarRoutes is
// registered in server/app.ts, `t.app` serves the same paths and `api` can become `t.app`.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import Fastify, { type FastifyInstance, type InjectOptions, type LightMyRequestResponse } from 'fastify';
import cookie from '@fastify/cookie';
import type { Kysely } from 'kysely';
import type { DB } from '../../server/db/schema.js';
import { registerAuthHooks } from '../../server/http/auth-hooks.js';
import { registerErrorHandling } from '../../server/http/error-handler.js';
import { ErrorSchema } from '../../server/http/schemas.js';
import type { Actor } from '../../server/modules/auth/actor.js';
import { loadCalendarFromPackage, readPackageCalendar } from '../../server/modules/timelimits/calendar-package.js';
import { calendarRoutes } from '../../server/modules/timelimits/calendar.routes.js';
import { setCalendarDay } from '../../server/modules/timelimits/calendar.service.js';
import { startTestApp, type Session, type TestApp } from '../helpers/app.js';

const pkg = readPackageCalendar();
/** The first year the package lacks: 2027 with chinese-days 1.5.7 (test/unit/calendar-package.test.ts pins that). */
const NEXT = 2027;

let t: TestApp;
let api: FastifyInstance;
let admin: Session;
let reception: Session;

async function calendarApp(db: Kysely<DB>): Promise<FastifyInstance> {
  // the same validator settings as server/app.ts: unknown fields dropped, query strings coerced
  const app = Fastify({ logger: false, ajv: { customOptions: { removeAdditional: 'all', coerceTypes: 'array', useDefaults: true } } });
  registerErrorHandling(app);
  app.addSchema(ErrorSchema);
  await app.register(cookie);
  registerAuthHooks(app, db, 12);
  await app.register(calendarRoutes, { prefix: '/api/v1', db });
  await app.ready();
  return app;
}

before(async () => {
  t = await startTestApp();
  await loadCalendarFromPackage(t.db);
  api = await calendarApp(t.db);
  admin = await t.login('admin');
  reception = await t.login('reception');
});
after(async () => {
  await api?.close();
  await t?.close();
});

function call(session: Session | null, options: InjectOptions): Promise<LightMyRequestResponse> {
  const auth = session ? { cookie: session.cookie, 'x-csrf-token': session.csrfToken } : {};
  return api.inject({ ...options, url: `/api/v1${options.url}`, headers: { ...auth, ...(options.headers ?? {}) } });
}

function ok(res: LightMyRequestResponse, status = 200) {
  assert.equal(res.statusCode, status, res.body);
  return status === 204 ? null : res.json();
}

function expectError(res: LightMyRequestResponse, status: number, code: string): void {
  assert.equal(res.statusCode, status, `expected ${status} ${code}, got ${res.statusCode} ${res.body.slice(0, 300)}`);
  const body = res.json();
  assert.equal(body.code, code);
  assert.match(body.message, /[\u4e00-\u9fff]/, 'a Chinese message');
  assert.ok(body.messageEn.length > 0);
}

const dueDate = async (query: string) => ok(await call(null, { url: `/calendar/working-days?${query}` }));

function dayRow(date: string) {
  return t.db.selectFrom('calendar_days').select(['kind', 'name', 'source']).where('date', '=', date).executeTakeFirst();
}

function auditRows(action: string, date: string) {
  return t.db
    .selectFrom('audit_log')
    .select(['actor_username', 'before', 'after'])
    .where('action', '=', action)
    .where('entity_id', '=', date)
    .execute();
}

test(`2024–2026 load from the package; ${NEXT} is reported as missing its official arrangement`, async () => {
  const body = ok(await call(null, { url: '/calendar/years' }));
  assert.equal(body.packageSource, pkg.source);
  const byYear = new Map(body.years.map((y: { year: number }) => [y.year, y]));
  for (const year of [2024, 2025, 2026]) {
    const days = pkg.years.get(year) ?? [];
    assert.deepEqual(byYear.get(year), {
      year,
      official: true,
      sources: [pkg.source],
      holidays: days.filter((d) => d.kind === 'holiday').length,
      workdays: days.filter((d) => d.kind === 'workday').length,
    });
  }
  assert.deepEqual(byYear.get(2026), { year: 2026, official: true, sources: [pkg.source], holidays: 33, workdays: 6 });
  assert.ok(body.missing.includes(NEXT), `missing: ${JSON.stringify(body.missing)}`);
  assert.deepEqual(ok(await call(null, { url: `/calendar?year=${NEXT}` })), { year: NEXT, official: false, days: [] });
});

test('a year lists its days off and make-up working days, publicly', async () => {
  const body = ok(await call(null, { url: '/calendar?year=2026' }));
  assert.equal(body.official, true);
  assert.equal(body.days.length, 39);
  const byDate = new Map(body.days.map((d: { date: string }) => [d.date, d]));
  assert.deepEqual(
    { ...(byDate.get('2026-01-04') as object), updatedAt: undefined },
    {
      date: '2026-01-04',
      kind: 'workday',
      name: '元旦（调休上班）',
      source: pkg.source,
      updatedAt: undefined,
    },
  );
  assert.equal((byDate.get('2026-02-17') as { kind: string }).kind, 'holiday');
});

test('loading again changes nothing', async () => {
  const before = await t.db.selectFrom('calendar_days').selectAll().execute();
  const report = await loadCalendarFromPackage(t.db);
  assert.deepEqual(report.loaded, []);
  assert.deepEqual(report.kept, [...pkg.years.keys()]);
  assert.deepEqual(await t.db.selectFrom('calendar_days').selectAll().execute(), before);
});

test('the due-date endpoint counts the real arrangements', async () => {
  assert.deepEqual(await dueDate('from=2026-02-10&days=7&unit=calendar'), {
    from: '2026-02-10',
    days: 7,
    unit: 'calendar',
    lastDay: '2026-02-24',
    dueAt: '2026-02-24T16:00:00.000Z',
    provisional: false,
  });
  assert.equal((await dueDate('from=2025-12-24&days=10')).lastDay, '2026-01-08'); // working days by default
  assert.equal((await dueDate('from=2025-01-24&days=1&unit=working')).lastDay, '2025-01-26');
});

test(`an admin enters ${NEXT}'s days and due dates honour them; every change is audited`, async () => {
  // test values standing in for the State Council's notice, not the real arrangement
  const before = await dueDate(`from=${NEXT - 1}-12-24&days=10`);
  assert.deepEqual([before.lastDay, before.provisional], [`${NEXT}-01-07`, true]);

  const set = ok(await call(admin, { method: 'PUT', url: `/calendar/${NEXT}-01-01`, payload: { kind: 'holiday', name: '元旦' } }));
  assert.deepEqual(
    { ...set, updatedAt: undefined },
    { date: `${NEXT}-01-01`, kind: 'holiday', name: '元旦', source: 'admin', updatedAt: undefined },
  );
  ok(await call(admin, { method: 'PUT', url: `/calendar/${NEXT}-02-20`, payload: { kind: 'workday', name: '春节（调休上班）' } }));

  const after = await dueDate(`from=${NEXT - 1}-12-24&days=10`);
  assert.deepEqual([after.lastDay, after.provisional], [`${NEXT}-01-08`, false]);
  assert.equal((await dueDate(`from=${NEXT}-02-19&days=1`)).lastDay, `${NEXT}-02-20`); // the worked Saturday
  const years = ok(await call(null, { url: '/calendar/years' }));
  assert.ok(!years.missing.includes(NEXT));
  assert.deepEqual(
    years.years.find((y: { year: number }) => y.year === NEXT),
    { year: NEXT, official: true, sources: ['admin'], holidays: 1, workdays: 1 },
  );
  const [entry] = await auditRows('calendar.set', `${NEXT}-01-01`);
  assert.equal(entry?.actor_username, 'admin');
  assert.deepEqual(entry?.after, { kind: 'holiday', name: '元旦', source: 'admin' });

  ok(await call(admin, { method: 'DELETE', url: `/calendar/${NEXT}-02-20` }), 204);
  assert.equal((await dueDate(`from=${NEXT}-02-19&days=1`)).lastDay, `${NEXT}-02-22`);
  assert.equal((await auditRows('calendar.delete', `${NEXT}-02-20`)).length, 1);
  expectError(await call(admin, { method: 'DELETE', url: `/calendar/${NEXT}-02-20` }), 404, 'NOT_FOUND');
});

test("an admin's edits and deletions survive loading from the package again", async () => {
  ok(await call(admin, { method: 'PUT', url: '/calendar/2024-10-12', payload: { kind: 'holiday', name: '测试' } }));
  ok(await call(admin, { method: 'DELETE', url: '/calendar/2024-02-18' }), 204);
  await loadCalendarFromPackage(t.db);
  assert.deepEqual(await dayRow('2024-10-12'), { kind: 'holiday', name: '测试', source: 'admin' });
  assert.equal(await dayRow('2024-02-18'), undefined);
});

test('only a county administrator edits the calendar; a refused change leaves the day alone', async () => {
  const row = await dayRow('2026-02-14');
  expectError(
    await call(reception, { method: 'PUT', url: '/calendar/2026-02-14', payload: { kind: 'holiday', name: 'x' } }),
    403,
    'FORBIDDEN',
  );
  expectError(await call(reception, { method: 'DELETE', url: '/calendar/2026-02-14' }), 403, 'FORBIDDEN');
  expectError(
    await call(null, { method: 'PUT', url: '/calendar/2026-02-14', payload: { kind: 'holiday', name: 'x' } }),
    401,
    'UNAUTHENTICATED',
  );
  const supervisor = await t.login('supervisor');
  expectError(await call(supervisor, { method: 'DELETE', url: '/calendar/2026-02-14' }), 403, 'FORBIDDEN');
  // an administrator posted at a town station manages that town, not the national calendar
  const adminRow = await t.db.selectFrom('staff').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow();
  const townAdmin: Actor = {
    id: adminRow.id,
    username: 'town-admin',
    displayName: '乡镇管理员',
    siteId: admin.user.siteId,
    siteName: '十里镇公共法律服务工作站',
    siteKind: 'station',
    regionCode: '411522101',
    posts: ['admin'],
    permissions: ['org.read', 'org.manage', 'audit.read', 'personal.reveal'],
    ip: '',
    requestId: '',
  };
  await assert.rejects(setCalendarDay(t.db, townAdmin, '2026-02-14', { kind: 'holiday', name: 'x' }), { code: 'FORBIDDEN' });
  assert.deepEqual(await dayRow('2026-02-14'), row);
});

test('bad dates and bad parameters are 400s with codes, never 500s', async () => {
  for (const date of ['2027-02-30', '2026-13-01', '1999-12-31', '2101-01-01', 'abc', '2027-2-6']) {
    expectError(
      await call(admin, { method: 'PUT', url: `/calendar/${date}`, payload: { kind: 'holiday', name: 'x' } }),
      400,
      'CALENDAR_DATE_INVALID',
    );
    expectError(await call(admin, { method: 'DELETE', url: `/calendar/${date}` }), 400, 'CALENDAR_DATE_INVALID');
    expectError(await call(null, { url: `/calendar/working-days?from=${date}&days=3` }), 400, 'CALENDAR_DATE_INVALID');
  }
  for (const query of [
    'from=2026-03-02&days=-1',
    'from=2026-03-02&days=abc',
    'from=2026-03-02&days=1001',
    'from=2026-03-02&days=3&unit=hours',
    'days=3',
  ]) {
    expectError(await call(null, { url: `/calendar/working-days?${query}` }), 400, 'VALIDATION_FAILED');
  }
  for (const query of ['year=1999', 'year=2101', 'year=abc', ''])
    expectError(await call(null, { url: `/calendar?${query}` }), 400, 'VALIDATION_FAILED');
  for (const payload of [
    { kind: 'holiday' },
    { kind: 'other', name: 'x' },
    { kind: 'holiday', name: '' },
    { kind: 'holiday', name: '   ' },
  ]) {
    expectError(await call(admin, { method: 'PUT', url: `/calendar/${NEXT}-05-01`, payload }), 400, 'VALIDATION_FAILED');
  }
  // a make-up working day is a weekend day: a Wednesday cannot be one
  expectError(
    await call(admin, { method: 'PUT', url: `/calendar/${NEXT}-01-06`, payload: { kind: 'workday', name: 'x' } }),
    422,
    'CALENDAR_WORKDAY_NOT_WEEKEND',
  );
  assert.equal(await dayRow(`${NEXT}-01-06`), undefined);
});
