// Data scope: a user sees and changes only their own site's region subtree. Everything outside answers
// 404 ("not found or not yours"), and a refused change leaves the row exactly as it was.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type Session, type TestApp } from '../helpers/app.js';
import { DEMO_PASSWORD } from '../helpers/db.js';
import { assertError, attemptLogin } from '../helpers/http.js';
import { seedStaff, seedTownAdmin, siteIdOf, siteRow, staffIdOf, staffRow } from '../helpers/factories.js';

const SHILI = '411522101'; // 十里镇
const ZHAIHE = '411522102'; // 寨河镇, another town

interface StaffItem {
  id: string;
  username: string;
  regionCode: string;
  version: number;
  displayName: string;
  status: string;
}

let t: TestApp;
let admin: Session;
let station: Session;
let townAdmin: Session;
/** station-411522102, found by the county admin */
let otherTownStaff: StaffItem;

before(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
  station = await t.login(`station-${SHILI}`);
  townAdmin = await seedTownAdmin(t, admin, SHILI, 'shili-admin');
  const found = await t.as(admin, { url: `/api/v1/staff?q=station-${ZHAIHE}` });
  assert.equal(found.statusCode, 200);
  otherTownStaff = found.json().items.find((s: StaffItem) => s.username === `station-${ZHAIHE}`);
  assert.ok(otherTownStaff, 'the county admin sees the other town');
});
after(() => t.close());

async function staffList(session: Session, query = ''): Promise<{ items: StaffItem[]; total: number }> {
  const res = await t.as(session, { url: `/api/v1/staff?limit=500${query}` });
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
}

async function staffCountUnder(prefix: string): Promise<number> {
  const row = await t.db
    .selectFrom('staff')
    .innerJoin('sites', 'sites.id', 'staff.site_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('sites.region_code', 'like', `${prefix}%`)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

test('a station user lists only the staff of their own town', async () => {
  const list = await staffList(station);
  assert.ok(list.items.length > 0);
  assert.ok(
    list.items.every((s) => s.regionCode.startsWith(SHILI)),
    list.items.map((s) => s.regionCode).join(),
  );
  assert.equal(list.total, await staffCountUnder(SHILI));
  assert.ok((await staffList(admin)).total > list.total, 'the county admin sees more');
});

test('filters cannot widen a station user’s scope', async () => {
  assert.equal((await staffList(station, `&regionCode=${ZHAIHE}`)).total, 0);
  assert.equal((await staffList(station, '&regionCode=411522')).total, await staffCountUnder(SHILI));
  assert.equal((await staffList(station, `&siteId=${await siteIdOf(t, 'station', ZHAIHE)}`)).total, 0);
  assert.equal((await staffList(station, `&q=${encodeURIComponent('寨河')}`)).total, 0);
  assert.equal((await staffList(station, `&q=station-${ZHAIHE}`)).total, 0);
});

test('a staff member of another town answers 404 to a station user', async () => {
  assertError(await t.as(station, { url: `/api/v1/staff/${otherTownStaff.id}` }), 404, 'NOT_FOUND');
  assertError(await t.as(station, { url: `/api/v1/staff/${otherTownStaff.id}/phone` }), 404, 'NOT_FOUND');
  // and the same answer as for an id that does not exist at all: nothing tells the two apart
  const missing = await t.as(station, { url: '/api/v1/staff/00000000-0000-4000-8000-000000000000' });
  assert.deepEqual(missing.json(), (await t.as(station, { url: `/api/v1/staff/${otherTownStaff.id}` })).json());
});

test('a station user has no org.manage: changing a staff member of their own town is forbidden', async () => {
  const room = await staffIdOf(t, `room-${SHILI}203`);
  const before = await staffRow(t, room);
  assertError(
    await t.as(station, { method: 'PATCH', url: `/api/v1/staff/${room}`, payload: { version: before.version, displayName: '改名' } }),
    403,
    'FORBIDDEN',
  );
  assertError(await t.as(station, { method: 'POST', url: `/api/v1/staff/${room}/disable` }), 403, 'FORBIDDEN');
  assert.deepEqual(await staffRow(t, room), before);
});

test('a town admin cannot change, disable, unlock or reset a staff member of another town; the row stays as it was', async () => {
  const id = otherTownStaff.id;
  const seenBefore = (await t.as(admin, { url: `/api/v1/staff/${id}` })).json();
  const rowBefore = await staffRow(t, id);

  const attempts = [
    { method: 'PATCH' as const, url: `/api/v1/staff/${id}`, payload: { version: rowBefore.version, displayName: '越权改名' } },
    { method: 'PATCH' as const, url: `/api/v1/staff/${id}`, payload: { version: rowBefore.version, posts: ['admin'] } },
    { method: 'POST' as const, url: `/api/v1/staff/${id}/disable` },
    { method: 'POST' as const, url: `/api/v1/staff/${id}/enable` },
    { method: 'POST' as const, url: `/api/v1/staff/${id}/unlock` },
    { method: 'POST' as const, url: `/api/v1/staff/${id}/reset-password` },
    { method: 'GET' as const, url: `/api/v1/staff/${id}/phone` },
    { method: 'GET' as const, url: `/api/v1/staff/${id}` },
  ];
  for (const attempt of attempts) {
    const res = await t.as(townAdmin, attempt);
    assertError(res, 404, 'NOT_FOUND');
    assert.ok(!res.body.includes(otherTownStaff.username), `${attempt.method} ${attempt.url} leaks nothing`);
  }

  assert.deepEqual((await t.as(admin, { url: `/api/v1/staff/${id}` })).json(), seenBefore);
  assert.deepEqual(await staffRow(t, id), rowBefore, 'version, updated_at, password hash and status are unchanged');
  // the password was not reset: the person still signs in with their own
  assert.equal((await attemptLogin(t, otherTownStaff.username, DEMO_PASSWORD)).statusCode, 200);
});

test('a town admin cannot touch the county center’s staff either', async () => {
  const countyAdminId = admin.user.id;
  const rowBefore = await staffRow(t, countyAdminId);
  assertError(await t.as(townAdmin, { method: 'POST', url: `/api/v1/staff/${countyAdminId}/disable` }), 404, 'NOT_FOUND');
  assertError(await t.as(townAdmin, { method: 'POST', url: `/api/v1/staff/${countyAdminId}/reset-password` }), 404, 'NOT_FOUND');
  assert.deepEqual(await staffRow(t, countyAdminId), rowBefore);
});

test('a town admin cannot create staff at, or move staff to, a site of another town', async () => {
  const otherSite = await siteIdOf(t, 'station', ZHAIHE);
  assertError(
    await t.as(townAdmin, {
      method: 'POST',
      url: '/api/v1/staff',
      payload: { username: 'sneaky-1', displayName: '越权', phone: '', siteId: otherSite, posts: ['reception'] },
    }),
    422,
    'SITE_OUT_OF_SCOPE',
  );
  assert.equal(await t.db.selectFrom('staff').select('id').where('username', '=', 'sneaky-1').executeTakeFirst(), undefined);

  const room = await staffIdOf(t, `room-${SHILI}204`);
  const before = await staffRow(t, room);
  assertError(
    await t.as(townAdmin, { method: 'PATCH', url: `/api/v1/staff/${room}`, payload: { version: before.version, siteId: otherSite } }),
    422,
    'SITE_OUT_OF_SCOPE',
  );
  assert.deepEqual(await staffRow(t, room), before);
});

test('a town admin manages the staff of their own town', async () => {
  const room = await staffIdOf(t, `room-${SHILI}205`);
  const before = await staffRow(t, room);

  const renamed = await t.as(townAdmin, {
    method: 'PATCH',
    url: `/api/v1/staff/${room}`,
    payload: { version: before.version, displayName: '姚寨村顾问（新）' },
  });
  assert.equal(renamed.statusCode, 200, renamed.body);
  assert.equal(renamed.json().displayName, '姚寨村顾问（新）');
  assert.equal(renamed.json().version, before.version + 1);

  const disabled = await t.as(townAdmin, { method: 'POST', url: `/api/v1/staff/${room}/disable` });
  assert.equal(disabled.json().status, 'disabled');
  const enabled = await t.as(townAdmin, { method: 'POST', url: `/api/v1/staff/${room}/enable` });
  assert.equal(enabled.json().status, 'active');

  const reset = await t.as(townAdmin, { method: 'POST', url: `/api/v1/staff/${room}/reset-password` });
  assert.equal(reset.statusCode, 200, reset.body);
  assert.equal((await attemptLogin(t, `room-${SHILI}205`, reset.json().temporaryPassword)).statusCode, 200);

  const created = await seedStaff(t, townAdmin, {
    username: 'shili-clerk',
    siteId: await siteIdOf(t, 'room', `${SHILI}206`),
    posts: ['legalLiaison'],
  });
  assert.ok(created.temporaryPassword);
});

test('a village user sees only their own village’s staff', async () => {
  const village = `${SHILI}203`;
  const room = await t.login(`room-${village}`);
  const list = await staffList(room);
  assert.ok(list.items.length >= 1);
  assert.ok(list.items.every((s) => s.regionCode === village));
  assert.equal(list.total, await staffCountUnder(village));
  const townStation = await staffIdOf(t, `station-${SHILI}`);
  assertError(await t.as(room, { url: `/api/v1/staff/${townStation}` }), 404, 'NOT_FOUND');
  const sites = (await t.as(room, { url: '/api/v1/sites?scope=mine' })).json();
  assert.equal(sites.total, 1);
  assert.equal(sites.items[0].regionCode, village);
});

test('scope=mine lists the station user’s 14 sites; the public list has all 385', async () => {
  const mine = await t.as(station, { url: '/api/v1/sites?scope=mine&limit=2000' });
  assert.equal(mine.statusCode, 200);
  const sites = mine.json();
  assert.equal(sites.total, 14);
  assert.equal(sites.items.length, 14);
  assert.ok(sites.items.every((s: { regionCode: string }) => s.regionCode.startsWith(SHILI)));
  assert.deepEqual(sites.items.map((s: { kind: string }) => s.kind).sort(), ['station', ...Array<string>(13).fill('room')].sort());
  // a filter cannot widen it
  assert.equal((await t.as(station, { url: '/api/v1/sites?scope=mine&regionCode=411522' })).json().total, 14);
  assert.equal((await t.as(station, { url: `/api/v1/sites?scope=mine&regionCode=${ZHAIHE}` })).json().total, 0);

  const everyone = await t.as(null, { url: '/api/v1/sites?limit=2000' });
  assert.equal(everyone.json().total, 385);
  assertError(await t.as(null, { url: '/api/v1/sites?scope=mine' }), 401, 'UNAUTHENTICATED');
});

test('a site or region of another town answers 404 to a town admin, and stays unchanged', async () => {
  const otherSite = await siteIdOf(t, 'station', ZHAIHE);
  const before = await siteRow(t, otherSite);
  assertError(await t.as(townAdmin, { url: `/api/v1/sites/${otherSite}?scope=mine` }), 404, 'NOT_FOUND');
  assertError(
    await t.as(townAdmin, {
      method: 'PATCH',
      url: `/api/v1/sites/${otherSite}`,
      payload: { version: before.version, address: '越权地址' },
    }),
    404,
    'NOT_FOUND',
  );
  assert.deepEqual(await siteRow(t, otherSite), before);

  const region = await t.db.selectFrom('regions').selectAll().where('code', '=', ZHAIHE).executeTakeFirstOrThrow();
  assertError(await t.as(townAdmin, { method: 'PATCH', url: `/api/v1/regions/${ZHAIHE}`, payload: { name: '越权镇' } }), 404, 'NOT_FOUND');
  assertError(await t.as(townAdmin, { method: 'PATCH', url: '/api/v1/regions/411522', payload: { name: '越权县' } }), 404, 'NOT_FOUND');
  assert.deepEqual(await t.db.selectFrom('regions').selectAll().where('code', '=', ZHAIHE).executeTakeFirstOrThrow(), region);
});

test('the audit log shows a town admin no entry of another town', async () => {
  // something happens in each town
  const otherSite = await siteIdOf(t, 'station', ZHAIHE);
  const v = (await siteRow(t, otherSite)).version;
  const edit = await t.as(admin, {
    method: 'PATCH',
    url: `/api/v1/sites/${otherSite}`,
    payload: { version: v, openingHours: '周一至周五' },
  });
  assert.equal(edit.statusCode, 200, edit.body);
  await t.login(`station-${ZHAIHE}`);
  const ownSite = await siteIdOf(t, 'room', `${SHILI}207`);
  const own = await t.as(townAdmin, {
    method: 'PATCH',
    url: `/api/v1/sites/${ownSite}`,
    payload: { version: (await siteRow(t, ownSite)).version, openingHours: '每周四' },
  });
  assert.equal(own.statusCode, 200, own.body);

  const county = (await t.as(admin, { url: '/api/v1/audit?limit=500' })).json();
  assert.ok(
    county.items.some((e: { regionCode: string | null }) => e.regionCode?.startsWith(ZHAIHE)),
    'the county sees the other town',
  );

  const res = await t.as(townAdmin, { url: '/api/v1/audit?limit=500' });
  assert.equal(res.statusCode, 200, res.body);
  const entries: { regionCode: string | null; action: string; entityId: string }[] = res.json().items;
  assert.ok(
    entries.some((e) => e.action === 'site.update' && e.entityId === ownSite),
    'the town admin sees their own town',
  );
  assert.ok(
    entries.every((e) => e.regionCode !== null && e.regionCode.startsWith(SHILI)),
    entries.map((e) => `${e.action}@${e.regionCode}`).join(),
  );
  assert.equal((await t.as(townAdmin, { url: `/api/v1/audit?entityId=${otherSite}` })).json().total, 0);
});
