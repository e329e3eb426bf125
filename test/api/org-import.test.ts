import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

test('the county imports as 1 county, 19 towns and 365 villages, each with its site', async () => {
  const res = await t.app.inject({ url: '/api/v1/regions/tree' });
  assert.equal(res.statusCode, 200);
  const [county] = res.json();
  assert.equal(county.code, '411522');
  assert.equal(county.level, 'county');
  assert.equal(county.children.length, 19);
  const villages = county.children.flatMap((t: { children: unknown[] }) => t.children);
  assert.equal(villages.length, 365);
  for (const kind of ['center', 'station', 'room'] as const) {
    const sites = (await t.app.inject({ url: `/api/v1/sites?kind=${kind}&limit=2000` })).json();
    assert.equal(sites.total, { center: 1, station: 19, room: 365 }[kind]);
  }
});

test('sites are named as the county plan requires', async () => {
  const sites = (await t.app.inject({ url: '/api/v1/sites?limit=2000' })).json().items as {
    name: string;
    kind: string;
    regionCode: string;
  }[];
  const byCode = new Map(sites.map((s) => [s.regionCode, s]));
  assert.equal(byCode.get('411522')?.name, '光山县公共法律服务中心');
  assert.equal(byCode.get('411522101')?.name, '十里镇公共法律服务工作站');
  assert.equal(byCode.get('411522101203')?.name, '吴明村公共法律服务室');
  assert.ok(sites.filter((s) => s.kind === 'room').every((s) => s.name.endsWith('公共法律服务室')));
});
