// The audit log: every change leaves a row (who, before, after); the rows cannot be changed or removed.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { startTestApp, type Session, type TestApp } from '../helpers/app.js';
import { assertError, findFullMobile } from '../helpers/http.js';
import { seedStaff, siteIdOf, siteRow } from '../helpers/factories.js';

interface Entry {
  id: number;
  at: string;
  actorId: string | null;
  actorUsername: string;
  action: string;
  entityType: string;
  entityId: string;
  regionCode: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  ip: string;
  requestId: string;
}

let t: TestApp;
let admin: Session;
before(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
});
after(() => t.close());

async function entriesFor(entityId: string, action?: string): Promise<Entry[]> {
  const res = await t.as(admin, { url: `/api/v1/audit?entityId=${entityId}${action ? `&action=${action}` : ''}` });
  assert.equal(res.statusCode, 200, res.body);
  return res.json().items;
}

function assertByAdmin(entry: Entry | undefined): asserts entry is Entry {
  assert.ok(entry, 'an audit row was written');
  assert.equal(entry.actorId, admin.user.id);
  assert.equal(entry.actorUsername, 'admin');
  assert.ok(entry.requestId.length > 0);
  assert.ok(Math.abs(Date.parse(entry.at) - Date.now()) < 60_000);
}

test('a site edit leaves an audit row with the actor, the old and the new values', async () => {
  const id = await siteIdOf(t, 'room', '411522104201');
  const old = await siteRow(t, id);
  const res = await t.as(admin, {
    method: 'PATCH',
    url: `/api/v1/sites/${id}`,
    payload: { version: old.version, address: '马畈镇新街 1 号', phone: '0376-8881234' },
  });
  assert.equal(res.statusCode, 200, res.body);
  const [entry] = await entriesFor(id, 'site.update');
  assertByAdmin(entry);
  assert.equal(entry.entityType, 'site');
  assert.equal(entry.regionCode, '411522104201');
  assert.deepEqual(entry.before, { address: old.address, phone: old.phone });
  assert.deepEqual(entry.after, { address: '马畈镇新街 1 号', phone: '0376-8881234' });
});

test('creating, editing and disabling staff each leave an audit row; phones in it are masked', async () => {
  const { id } = await seedStaff(t, admin, {
    username: 'audited-person',
    siteId: await siteIdOf(t, 'station', '411522104'),
    posts: ['reception'],
    displayName: '旧名字',
    phone: '13911112222',
  });
  const [created] = await entriesFor(id, 'staff.create');
  assertByAdmin(created);
  assert.equal(created.regionCode, '411522104');
  assert.equal(created.before, null);
  assert.deepEqual(created.after, {
    username: 'audited-person',
    displayName: '旧名字',
    phone: '139****2222',
    siteId: await siteIdOf(t, 'station', '411522104'),
    posts: ['reception'],
  });

  const edit = await t.as(admin, {
    method: 'PATCH',
    url: `/api/v1/staff/${id}`,
    payload: { version: 1, displayName: '新名字', phone: '13733334444' },
  });
  assert.equal(edit.statusCode, 200, edit.body);
  const [updated] = await entriesFor(id, 'staff.update');
  assertByAdmin(updated);
  assert.deepEqual(updated.before, { displayName: '旧名字', phone: '139****2222' });
  assert.deepEqual(updated.after, { displayName: '新名字', phone: '137****4444' });

  assert.equal((await t.as(admin, { method: 'POST', url: `/api/v1/staff/${id}/disable` })).statusCode, 200);
  const [disabled] = await entriesFor(id, 'staff.disable');
  assertByAdmin(disabled);
  assert.deepEqual(disabled.before, { status: 'active' });
  assert.deepEqual(disabled.after, { status: 'disabled' });

  assert.equal((await t.as(admin, { method: 'POST', url: `/api/v1/staff/${id}/reset-password` })).statusCode, 200);
  const [reset] = await entriesFor(id, 'staff.password_reset');
  assertByAdmin(reset);
  const log = JSON.stringify(await entriesFor(id));
  assert.equal(findFullMobile(log), null, 'no full phone in the log');
  assert.doesNotMatch(log, /argon2|temporaryPassword/, 'no hash or password in the log');
});

test('renaming a region leaves an audit row with the old and new names', async () => {
  const res = await t.as(admin, {
    method: 'PATCH',
    url: '/api/v1/regions/411522101212',
    payload: { name: '十里庙社区居民委员会', shortName: '十里庙社区' },
  });
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(res.json().shortName, '十里庙社区');
  const [entry] = await entriesFor('411522101212', 'region.update');
  assertByAdmin(entry);
  assert.equal(entry.entityType, 'region');
  assert.deepEqual(entry.before, { name: '十里庙村民委员会', short_name: '十里庙村' });
  assert.deepEqual(entry.after, { name: '十里庙社区居民委员会', short_name: '十里庙社区' });
});

test('a refused change leaves no audit row', async () => {
  const id = await siteIdOf(t, 'room', '411522101206');
  const count = (await entriesFor(id)).length;
  const stale = await t.as(admin, { method: 'PATCH', url: `/api/v1/sites/${id}`, payload: { version: 99, address: '不会保存' } });
  assert.equal(stale.statusCode, 409);
  assert.equal((await entriesFor(id)).length, count);
});

test('the database refuses to update, delete or truncate audit rows', async () => {
  const before = await t.db.selectFrom('audit_log').selectAll().orderBy('id').execute();
  assert.ok(before.length > 0);
  await assert.rejects(sql`update audit_log set actor_username = 'someone-else'`.execute(t.db), /append-only/);
  await assert.rejects(sql`update audit_log set after = null where action = 'site.update'`.execute(t.db), /append-only/);
  await assert.rejects(sql`delete from audit_log`.execute(t.db), /append-only/);
  await assert.rejects(sql`delete from audit_log where id = ${before[0]!.id}`.execute(t.db), /append-only/);
  await assert.rejects(sql`truncate audit_log`.execute(t.db), /append-only/);
  assert.deepEqual(await t.db.selectFrom('audit_log').selectAll().orderBy('id').execute(), before);
});

test('the audit list filters by action, entity type, entity, actor and time', async () => {
  const get = async (query: string): Promise<{ items: Entry[]; total: number }> => {
    const res = await t.as(admin, { url: `/api/v1/audit?limit=500&${query}` });
    assert.equal(res.statusCode, 200, res.body);
    return res.json();
  };
  const all = await get('');
  assert.ok(new Set(all.items.map((e) => e.action)).size >= 5);

  const sites = await get('action=site.update&entityType=site');
  assert.ok(sites.total >= 1);
  assert.ok(sites.items.every((e) => e.action === 'site.update' && e.entityType === 'site'));

  const staff = await get('entityType=staff');
  assert.ok(staff.items.length > 0 && staff.items.every((e) => e.entityType === 'staff'));
  assert.equal((await get('action=site.update&entityType=staff')).total, 0);

  const byActor = await get('actor=admin');
  assert.ok(byActor.items.length > 0 && byActor.items.every((e) => e.actorUsername === 'admin'));
  assert.equal((await get('actor=nobody')).total, 0);

  assert.equal((await get(`from=${encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString())}`)).total, 0);
  assert.equal((await get(`to=${encodeURIComponent('2000-01-01T00:00:00Z')}`)).total, 0);
  assert.equal((await get(`from=${encodeURIComponent('2000-01-01T00:00:00Z')}`)).total, all.total);

  // newest first, and paging walks the same list
  const ids = all.items.map((e) => e.id);
  assert.deepEqual(
    ids,
    [...ids].sort((a, b) => b - a),
  );
  const page2 = await t.as(admin, { url: '/api/v1/audit?limit=2&offset=2' });
  assert.deepEqual(
    page2.json().items.map((e: Entry) => e.id),
    ids.slice(2, 4),
  );
});

test('a filter value is data, never SQL', async () => {
  const res = await t.as(admin, { url: `/api/v1/audit?action=${encodeURIComponent("' or 1=1 --")}` });
  assert.equal(res.statusCode, 200);
  assert.equal(res.json().total, 0);
});

test('reading the audit log needs audit.read: reception gets 403, anonymous 401, a supervisor may read', async () => {
  assertError(await t.as(await t.login('reception'), { url: '/api/v1/audit' }), 403, 'FORBIDDEN');
  assertError(await t.as(await t.login('station-411522101'), { url: '/api/v1/audit' }), 403, 'FORBIDDEN');
  assertError(await t.as(null, { url: '/api/v1/audit' }), 401, 'UNAUTHENTICATED');
  const supervisor = await t.as(await t.login('supervisor'), { url: '/api/v1/audit' });
  assert.equal(supervisor.statusCode, 200);
  assert.ok(supervisor.json().total > 0);
});
