import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type Session, type TestApp } from '../helpers/app.js';
import {
  expectError,
  requestRow,
  seedAccepted,
  seedDispatched,
  siteIdOf,
  SHILI,
  WUMING,
  ZHAIHE,
  ZHAIHE_VILLAGE,
  type RequestView,
  type Seeded,
  loginAll,
} from '../helpers/requests.js';

let t: TestApp;
let station: Session;
let otherStation: Session;
let room: Session;
let admin: Session;
let supervisor: Session;
/** about 吴明村 (十里镇): mediation waiting at the 十里镇 station, and one its station has taken */
let waiting: Seeded;
let taken: Seeded;
/** about a village of 寨河镇 */
let elsewhere: Seeded;
/** a consultation about 吴明村, which goes to the village room itself */
let consultation: Seeded;
/** about 李堰塆村, another village of 十里镇 */
let neighbour: Seeded;
before(async () => {
  t = await startTestApp();
  [station, otherStation, room, admin, supervisor] = await loginAll(t, [
    `station-${SHILI}`,
    `station-${ZHAIHE}`,
    `room-${WUMING}`,
    'admin',
    'supervisor',
  ] as const);
  waiting = await seedDispatched(t);
  taken = await seedAccepted(t, station);
  elsewhere = await seedDispatched(t, { regionCode: ZHAIHE_VILLAGE });
  consultation = await seedDispatched(t, { serviceItem: 'consultation', description: '土地承包合同到期后怎么续签？' });
  neighbour = await seedDispatched(t, { regionCode: '411522101204' });
});
after(() => t.close());

const get = (who: Session, url: string) => t.as(who, { url });

test('another town’s station cannot see a request: detail, timeline, receipt and ID number all answer 404', async () => {
  for (const r of [waiting, taken]) {
    for (const path of ['', '/timeline', '/receipt', '/id-number']) {
      expectError(await get(otherStation, `/api/v1/requests/${r.id}${path}`), 404, 'NOT_FOUND');
    }
  }
  const unknown = await get(otherStation, '/api/v1/requests/00000000-0000-4000-8000-000000000000');
  const hidden = await get(otherStation, `/api/v1/requests/${waiting.id}`);
  assert.equal(hidden.body, unknown.body, 'a hidden request and a missing one look the same');
});

test('another town’s station cannot act on a request: every step answers 404 and the row is unchanged', async () => {
  const ownSite = await siteIdOf(t, 'station', ZHAIHE);
  const steps: [string, object][] = [
    ['dispatch', { siteId: ownSite }],
    ['accept', {}],
    ['return', { reason: '不是本镇的' }],
    ['transfer', { siteId: ownSite, reason: '转到寨河镇' }],
    ['request-materials', { items: ['身份证'] }],
    ['resume', {}],
    ['conclude', { result: '越界办结' }],
    ['supervision', { instruction: '请尽快办理', days: 3 }],
  ];
  for (const r of [waiting, taken]) {
    const before = await requestRow(t, r.id);
    for (const [path, payload] of steps) {
      const res = await t.as(otherStation, { method: 'POST', url: `/api/v1/requests/${r.id}/${path}`, payload });
      expectError(res, 404, 'NOT_FOUND');
    }
    const after = await requestRow(t, r.id);
    assert.equal(after.status, before.status);
    assert.equal(after.version, before.version);
    assert.deepEqual(after, before);
  }
  const events = await t.db.selectFrom('request_events').select('id').where('request_id', 'in', [waiting.id, taken.id]).execute();
  assert.equal(events.length, 2 + 3, 'submitted+dispatched, and submitted+dispatched+accepted: nothing more');
});

test('every queue of a station holds only its own town’s requests', async () => {
  const queues = ['mine', 'unit', 'unassigned', 'dueSoon', 'overdue', 'supervised', 'open', 'concluded', 'all'];
  const ids = async (who: Session, queue: string) => {
    const res = await get(who, `/api/v1/requests?queue=${queue}&limit=200`);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json() as { items: RequestView[]; total: number };
    assert.equal(body.total, body.items.length, `${queue}: the total counts the same rows`);
    return body.items;
  };
  for (const queue of queues) {
    for (const item of await ids(otherStation, queue)) {
      assert.ok(item.regionCode.startsWith(ZHAIHE), `寨河镇 ${queue} holds ${item.regionCode}`);
    }
    for (const item of await ids(station, queue)) {
      assert.ok(item.regionCode.startsWith(SHILI), `十里镇 ${queue} holds ${item.regionCode}`);
    }
  }
  const all = (await ids(otherStation, 'all')).map((i) => i.id);
  assert.deepEqual(all, [elsewhere.id], 'its own request, and only that');
  const unassigned = (await ids(station, 'unassigned')).map((i) => i.id);
  assert.ok(unassigned.includes(waiting.id) && !unassigned.includes(taken.id) && !unassigned.includes(elsewhere.id));
  assert.deepEqual(
    (await ids(station, 'mine')).map((i) => i.id),
    [taken.id],
  );
});

test('a village room sees the requests about its village, not its neighbour’s', async () => {
  for (const r of [consultation, waiting, taken]) {
    assert.equal((await get(room, `/api/v1/requests/${r.id}`)).statusCode, 200, 'about 吴明村');
  }
  expectError(await get(room, `/api/v1/requests/${neighbour.id}`), 404, 'NOT_FOUND');
  expectError(await get(room, `/api/v1/requests/${elsewhere.id}`), 404, 'NOT_FOUND');

  const queue = (await get(room, '/api/v1/requests?queue=unassigned&limit=200')).json() as { items: RequestView[] };
  assert.deepEqual(
    queue.items.map((i) => i.id),
    [consultation.id],
    'the consultation waits at the room; the mediation waits at the station',
  );
  const all = (await get(room, '/api/v1/requests?queue=all&limit=200')).json() as { items: RequestView[] };
  assert.ok(all.items.every((i) => i.regionCode === WUMING));
});

test('the county sees every request of the county', async () => {
  for (const who of [admin, supervisor]) {
    const all = (await get(who, '/api/v1/requests?queue=all&limit=200')).json() as { items: RequestView[] };
    const ids = all.items.map((i) => i.id);
    for (const r of [waiting, taken, elsewhere, consultation, neighbour]) assert.ok(ids.includes(r.id));
    for (const r of [taken, elsewhere]) assert.equal((await get(who, `/api/v1/requests/${r.id}/timeline`)).statusCode, 200);
  }
});
