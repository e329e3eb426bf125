// The division tree and the service sites: public reads, versioned edits, facilities, publication.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type Session, type TestApp } from '../helpers/app.js';
import { assertError } from '../helpers/http.js';
import { siteIdOf, siteRow } from '../helpers/factories.js';

interface TreeNode {
  code: string;
  fullCode: string;
  name: string;
  shortName: string;
  level: string;
  parentCode: string | null;
  children: TreeNode[];
}

interface SiteItem {
  id: string;
  name: string;
  kind: string;
  regionCode: string;
  townName: string | null;
  facilities: string[];
  isPublic: boolean;
  version: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const LENGTH_OF = { county: 6, town: 9, village: 12 } as Record<string, number>;

let t: TestApp;
let admin: Session;
before(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
});
after(() => t.close());

test('the region tree nests county → towns → villages, each node with code, name, level and children', async () => {
  const res = await t.app.inject({ url: '/api/v1/regions/tree' });
  assert.equal(res.statusCode, 200);
  const roots: TreeNode[] = res.json();
  assert.equal(roots.length, 1);
  const counts: Record<string, number> = {};
  const walk = (node: TreeNode, parent: TreeNode | null) => {
    assert.equal(typeof node.name, 'string');
    assert.ok(node.name.length > 0);
    assert.ok(['county', 'town', 'village'].includes(node.level), node.level);
    assert.equal(node.code.length, LENGTH_OF[node.level], node.code);
    assert.equal(node.fullCode, node.code.padEnd(12, '0'));
    assert.ok(Array.isArray(node.children));
    assert.equal(node.parentCode, parent?.code ?? null);
    if (parent) assert.ok(node.code.startsWith(parent.code));
    if (node.level === 'village') assert.equal(node.children.length, 0);
    counts[node.level] = (counts[node.level] ?? 0) + 1;
    for (const child of node.children) walk(child, node);
  };
  walk(roots[0]!, null);
  assert.deepEqual(counts, { county: 1, town: 19, village: 365 });
  assert.equal(roots[0]!.name, '光山县');
});

test('the tree can start under a town, given in short or padded form', async () => {
  for (const under of ['411522101', '411522101000']) {
    const [town, ...rest] = (await t.app.inject({ url: `/api/v1/regions/tree?under=${under}` })).json() as TreeNode[];
    assert.equal(rest.length, 0);
    assert.equal(town!.name, '十里镇');
    assert.equal(town!.children.length, 13);
  }
});

test('a region resolves by its padded 12-digit code', async () => {
  const res = await t.app.inject({ url: '/api/v1/regions/411522101000' });
  assert.equal(res.statusCode, 200, res.body);
  const town = res.json();
  assert.equal(town.code, '411522101');
  assert.equal(town.name, '十里镇');
  assert.equal(town.level, 'town');
  assert.equal(town.fullCode, '411522101000');
  assert.equal(town.parent.code, '411522');
  assert.equal(town.children.length, 13);
  assert.ok(town.children.some((v: { code: string; shortName: string }) => v.code === '411522101203' && v.shortName === '吴明村'));

  assert.equal((await t.app.inject({ url: '/api/v1/regions/411522000000' })).json().name, '光山县');
  assert.equal((await t.app.inject({ url: '/api/v1/regions/411522101203' })).json().parent.name, '十里镇');
});

test('an unknown region answers 404; a malformed code answers 400', async () => {
  assertError(await t.app.inject({ url: '/api/v1/regions/411599' }), 404, 'NOT_FOUND');
  assertError(await t.app.inject({ url: '/api/v1/regions/411522101999' }), 404, 'NOT_FOUND');
  for (const bad of ['4115', '41152210', '4115221012031', 'abcdef', '411522-101']) {
    assertError(await t.app.inject({ url: `/api/v1/regions/${bad}` }), 400, 'VALIDATION_FAILED');
  }
});

test('?kind=room lists only rooms, each with id, name, kind and its village code', async () => {
  const res = await t.app.inject({ url: '/api/v1/sites?kind=room&limit=2000' });
  assert.equal(res.statusCode, 200);
  const { items, total } = res.json() as { items: SiteItem[]; total: number };
  assert.equal(total, 365);
  assert.equal(items.length, 365);
  for (const s of items) {
    assert.equal(s.kind, 'room');
    assert.match(s.id, UUID);
    assert.match(s.regionCode, /^\d{12}$/);
    assert.match(s.name, /公共法律服务室$/);
    assert.ok(s.townName, 'a room names its town');
  }
  assert.equal(new Set(items.map((s) => s.id)).size, 365);
  const stations = (await t.app.inject({ url: '/api/v1/sites?kind=station&limit=100' })).json();
  assert.equal(stations.total, 19);
  assert.ok(stations.items.every((s: SiteItem) => s.kind === 'station' && /^\d{9}$/.test(s.regionCode)));
});

test('the site list filters by region subtree and by text, and pages', async () => {
  assert.equal((await t.app.inject({ url: '/api/v1/sites?regionCode=411522101' })).json().total, 14);
  assert.equal((await t.app.inject({ url: '/api/v1/sites?regionCode=411522101000' })).json().total, 14);
  const zhaogang = (await t.app.inject({ url: `/api/v1/sites?q=${encodeURIComponent('赵岗村')}` })).json();
  assert.equal(zhaogang.total, 2);
  assert.deepEqual(zhaogang.items.map((s: SiteItem) => s.townName).sort(), ['斛山乡', '砖桥镇'].sort());
  const page1 = (await t.app.inject({ url: '/api/v1/sites?limit=10&offset=0' })).json();
  const page2 = (await t.app.inject({ url: '/api/v1/sites?limit=10&offset=10' })).json();
  assert.equal(page1.items.length, 10);
  assert.equal(page1.total, 385);
  assert.equal(new Set([...page1.items, ...page2.items].map((s: SiteItem) => s.id)).size, 20);
  assert.equal((await t.app.inject({ url: '/api/v1/sites?q=%25' })).json().total, 0, 'a typed % is not a wildcard');
});

test('an admin’s site edit bumps the version; a stale version answers 409 and changes nothing', async () => {
  const id = await siteIdOf(t, 'station', '411522106');
  const v = (await siteRow(t, id)).version;
  const res = await t.as(admin, {
    method: 'PATCH',
    url: `/api/v1/sites/${id}`,
    payload: { version: v, openingHours: '周一至周六 8:30-17:30', latitude: 31.9, longitude: 114.9, description: '白雀园镇政府一楼' },
  });
  assert.equal(res.statusCode, 200, res.body);
  const site = res.json();
  assert.equal(site.version, v + 1);
  assert.equal(site.openingHours, '周一至周六 8:30-17:30');
  assert.equal(site.latitude, 31.9);
  assert.equal(site.description, '白雀园镇政府一楼');
  assert.equal((await t.app.inject({ url: `/api/v1/sites/${id}` })).json().openingHours, '周一至周六 8:30-17:30', 'the public sees it');

  const row = await siteRow(t, id);
  const stale = assertError(
    await t.as(admin, { method: 'PATCH', url: `/api/v1/sites/${id}`, payload: { version: v, openingHours: '过期的编辑' } }),
    409,
    'VERSION_CONFLICT',
  );
  assert.deepEqual(stale.details, { currentVersion: v + 1 });
  assert.deepEqual(await siteRow(t, id), row);
});

test('site edits are validated: unknown facilities, bad coordinates, a blank name or a missing version answer 400', async () => {
  const id = await siteIdOf(t, 'room', '411522106201');
  const row = await siteRow(t, id);
  const bad = [
    { version: row.version, facilities: ['swimmingPool'] },
    { version: row.version, facilities: ['mediationRoom', 'helipad'] },
    { version: row.version, latitude: 91 },
    { version: row.version, longitude: -181 },
    { version: row.version, name: ' ' },
    { version: row.version, phone: 'call me' },
    { facilities: ['mediationRoom'] },
    { version: 0, address: 'x' },
  ];
  for (const payload of bad) {
    assertError(await t.as(admin, { method: 'PATCH', url: `/api/v1/sites/${id}`, payload }), 400, 'VALIDATION_FAILED');
  }
  assert.deepEqual(await siteRow(t, id), row);

  const ok = await t.as(admin, {
    method: 'PATCH',
    url: `/api/v1/sites/${id}`,
    payload: { version: row.version, facilities: ['mediationRoom', 'touchKiosk', 'mediationRoom'] },
  });
  assert.equal(ok.statusCode, 200, ok.body);
  assert.deepEqual(ok.json().facilities, ['mediationRoom', 'touchKiosk']);
});

test('a site taken off the public list disappears for the public but stays in scope=mine', async () => {
  const id = await siteIdOf(t, 'room', '411522101203');
  const v = (await siteRow(t, id)).version;
  const hide = await t.as(admin, { method: 'PATCH', url: `/api/v1/sites/${id}`, payload: { version: v, isPublic: false } });
  assert.equal(hide.statusCode, 200, hide.body);
  assert.equal(hide.json().isPublic, false);

  const publicList = (await t.app.inject({ url: '/api/v1/sites?limit=2000' })).json();
  assert.equal(publicList.total, 384);
  assert.ok(!publicList.items.some((s: SiteItem) => s.id === id));
  assertError(await t.app.inject({ url: `/api/v1/sites/${id}` }), 404, 'NOT_FOUND');

  const station = await t.login('station-411522101');
  const mine = (await t.as(station, { url: '/api/v1/sites?scope=mine' })).json();
  assert.equal(mine.total, 14);
  assert.equal(mine.items.find((s: SiteItem) => s.id === id)?.isPublic, false);
  assert.equal((await t.as(station, { url: `/api/v1/sites/${id}?scope=mine` })).statusCode, 200);
  assert.equal((await t.as(admin, { url: '/api/v1/sites?scope=mine&limit=2000' })).json().total, 385);

  const show = await t.as(admin, { method: 'PATCH', url: `/api/v1/sites/${id}`, payload: { version: v + 1, isPublic: true } });
  assert.equal(show.statusCode, 200);
  assert.equal((await t.app.inject({ url: '/api/v1/sites?limit=2000' })).json().total, 385);
});

test('site edits need org.manage and a session', async () => {
  const id = await siteIdOf(t, 'station', '411522101');
  const row = await siteRow(t, id);
  const station = await t.login('station-411522101');
  assertError(
    await t.as(station, { method: 'PATCH', url: `/api/v1/sites/${id}`, payload: { version: row.version, address: 'x' } }),
    403,
    'FORBIDDEN',
  );
  assertError(
    await t.as(null, { method: 'PATCH', url: `/api/v1/sites/${id}`, payload: { version: row.version, address: 'x' } }),
    401,
    'UNAUTHENTICATED',
  );
  assert.deepEqual(await siteRow(t, id), row);
});

test('a region rename shows in the tree and in the region; a blank or empty rename answers 400', async () => {
  const renamed = await t.as(admin, { method: 'PATCH', url: '/api/v1/regions/411522101000', payload: { shortName: '十里' } });
  assert.equal(renamed.statusCode, 200, renamed.body);
  assert.equal(renamed.json().code, '411522101');
  assert.equal(renamed.json().shortName, '十里');
  assert.equal(renamed.json().name, '十里镇');
  assertError(await t.as(admin, { method: 'PATCH', url: '/api/v1/regions/411522101', payload: {} }), 400, 'VALIDATION_FAILED');
  assertError(await t.as(admin, { method: 'PATCH', url: '/api/v1/regions/411522101', payload: { name: '' } }), 400, 'VALIDATION_FAILED');
  assertError(await t.as(admin, { method: 'PATCH', url: '/api/v1/regions/411599', payload: { name: '无' } }), 404, 'NOT_FOUND');
  const station = await t.login('station-411522101');
  assertError(await t.as(station, { method: 'PATCH', url: '/api/v1/regions/411522101', payload: { name: '无权' } }), 403, 'FORBIDDEN');
});

test('a site or region name of only spaces is refused with 400, and nothing is saved', async () => {
  const id = await siteIdOf(t, 'room', '411522106202');
  const row = await siteRow(t, id);
  const region = await t.db.selectFrom('regions').selectAll().where('code', '=', '411522106202').executeTakeFirstOrThrow();
  const site = await t.as(admin, { method: 'PATCH', url: `/api/v1/sites/${id}`, payload: { version: row.version, name: '   ' } });
  const regionRename = await t.as(admin, { method: 'PATCH', url: '/api/v1/regions/411522106202', payload: { name: ' ', shortName: '  ' } });
  assert.deepEqual(await siteRow(t, id), row, `a blank site name was saved (${site.statusCode})`);
  assert.deepEqual(
    await t.db.selectFrom('regions').selectAll().where('code', '=', '411522106202').executeTakeFirstOrThrow(),
    region,
    `a blank region name was saved (${regionRename.statusCode})`,
  );
  assertError(site, 400, 'VALIDATION_FAILED');
  assertError(regionRename, 400, 'VALIDATION_FAILED');
});

test('the public directory may be cached a minute by browsers; a staff member’s own list may not', async () => {
  const pub = await t.app.inject({ url: '/api/v1/sites?kind=room' });
  assert.equal(pub.headers['cache-control'], 'public, max-age=60');
  assert.equal((await t.app.inject({ url: '/api/v1/regions/tree' })).headers['cache-control'], 'public, max-age=60');
  const station = await t.login('station-411522101');
  const mine = await t.as(station, { url: '/api/v1/sites?scope=mine' });
  assert.equal(mine.statusCode, 200);
  assert.notEqual(mine.headers['cache-control'], 'public, max-age=60');
});
