import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type Session, type TestApp } from '../helpers/app.js';
import { loadCalendar } from '../../server/modules/timelimits/calendar.service.js';
import { dayOf, endOfDay } from '../../server/modules/timelimits/days.js';
import { addWorkingDays } from '../../server/modules/timelimits/rules.js';
import {
  expectError,
  noticesAbout,
  seedAccepted,
  seedColleague,
  seedConcluded,
  seedDispatched,
  timelineTypes,
  SHILI,
  ZHAIHE,
  loginAll,
} from '../helpers/requests.js';

let t: TestApp;
let supervisor: Session;
let reception: Session;
let station: Session;
let otherStation: Session;
let townSupervisor: Session;
let otherTownSupervisor: Session;
before(async () => {
  t = await startTestApp();
  await seedColleague(t, { username: 'sup-shili', kind: 'station', regionCode: SHILI, posts: ['supervisor'], displayName: '十里镇督办' });
  await seedColleague(t, { username: 'sup-zhaihe', kind: 'station', regionCode: ZHAIHE, posts: ['supervisor'], displayName: '寨河镇督办' });
  [supervisor, reception, station, otherStation, townSupervisor, otherTownSupervisor] = await loginAll(t, [
    'supervisor',
    'reception',
    `station-${SHILI}`,
    `station-${ZHAIHE}`,
    'sup-shili',
    'sup-zhaihe',
  ] as const);
});
after(() => t.close());

const order = (who: Session, requestId: string, payload: object = { instruction: '请于三个工作日内联系当事人并反馈进展', days: 3 }) =>
  t.as(who, { method: 'POST', url: `/api/v1/requests/${requestId}/supervision`, payload });
const ordersOn = (requestId: string) => t.db.selectFrom('supervision_orders').selectAll().where('request_id', '=', requestId).execute();
const inQueue = async (who: Session, queue: string, id: string) => {
  const res = await t.as(who, { url: `/api/v1/requests?queue=${queue}&limit=200` });
  assert.equal(res.statusCode, 200, res.body);
  return (res.json().items as { id: string }[]).some((i) => i.id === id);
};

test('a 督办 order: the handler is told, the request joins the supervised queue; the handler replies and the issuer is told', async () => {
  const r = await seedAccepted(t, station);
  const issued = await order(supervisor, r.id);
  assert.equal(issued.statusCode, 201, issued.body);
  const o = issued.json();
  assert.equal(o.status, 'open');
  assert.equal(o.requestId, r.id);
  assert.equal(o.trackingNo, r.trackingNo);
  assert.equal(o.issuedBy, '司法局督办');
  const calendar = await loadCalendar(t.db);
  assert.equal(o.dueAt, endOfDay(addWorkingDays(calendar, dayOf(new Date(o.createdAt)), 3)).toISOString(), 'three working days');

  const told = await noticesAbout(t, station, r.id, 'supervision');
  assert.deepEqual(
    told.map((n) => n.kind),
    ['supervision'],
  );
  assert.ok(told[0]!.title.includes('督办') && told[0]!.title.includes(r.trackingNo), told[0]!.title);
  assert.equal(told[0]!.body, '请于三个工作日内联系当事人并反馈进展');
  assert.ok(await inQueue(station, 'supervised', r.id), 'the handler’s supervised queue');
  assert.ok(await inQueue(supervisor, 'supervised', r.id), 'the supervisor’s');
  const listed = (await t.as(station, { url: `/api/v1/supervision?requestId=${r.id}` })).json();
  assert.deepEqual(
    listed.map((x: { id: string }) => x.id),
    [o.id],
  );
  assert.deepEqual(listed[0].allowedActions, ['reply'], 'the handler may reply, not close');
  assert.deepEqual(o.allowedActions, ['close'], 'the issuer may close, and has nothing to reply');
  const asReception = (await t.as(reception, { url: `/api/v1/supervision?requestId=${r.id}` })).json();
  assert.deepEqual(asReception[0]?.allowedActions ?? [], [], 'someone else at the center: neither');
  assert.deepEqual(await timelineTypes(t, r.id, ['supervised']), ['supervised']);
  const citizen = await t.app.inject({ url: `/api/v1/public/requests/${r.trackingNo}?phone=${r.phone}` });
  assert.ok(!citizen.body.includes('反馈进展'), 'the instruction is internal');

  expectError(
    await t.as(reception, { method: 'POST', url: `/api/v1/supervision/${o.id}/reply`, payload: { reply: '不是我办的' } }),
    403,
    'FORBIDDEN',
  );
  const replied = await t.as(station, {
    method: 'POST',
    url: `/api/v1/supervision/${o.id}/reply`,
    payload: { reply: '已电话联系双方，定于周五现场调解' },
  });
  assert.equal(replied.statusCode, 200, replied.body);
  assert.equal(replied.json().status, 'replied');
  assert.equal(replied.json().reply, '已电话联系双方，定于周五现场调解');
  assert.deepEqual(replied.json().allowedActions, [], 'replied: nothing more for the handler');
  const answer = await noticesAbout(t, supervisor, r.id, 'supervision');
  assert.deepEqual(
    answer.map((n) => [n.kind, n.body]),
    [['supervisionReply', '已电话联系双方，定于周五现场调解']],
  );
  expectError(
    await t.as(station, { method: 'POST', url: `/api/v1/supervision/${o.id}/reply`, payload: { reply: '再回复一次' } }),
    409,
    'INVALID_TRANSITION',
  );

  const closed = await t.as(supervisor, { method: 'POST', url: `/api/v1/supervision/${o.id}/close` });
  assert.equal(closed.json().status, 'closed');
  assert.equal(await inQueue(supervisor, 'supervised', r.id), false, 'a closed order leaves the queue');
});

test('a town supervisor supervises the requests of that town', async () => {
  const r = await seedAccepted(t, station);
  const res = await order(townSupervisor, r.id, { instruction: '请加快办理', days: 2 });
  assert.equal(res.statusCode, 201, res.body);
  assert.equal(res.json().issuedBy, '十里镇督办');
});

test('someone who is not a supervisor cannot issue an order: 403, nothing stored, nobody told', async () => {
  const r = await seedAccepted(t, station);
  for (const who of [station, reception]) expectError(await order(who, r.id), 403, 'FORBIDDEN');
  assert.deepEqual(await ordersOn(r.id), []);
  assert.deepEqual(await noticesAbout(t, station, r.id, 'supervision'), []);
  assert.deepEqual(await timelineTypes(t, r.id, ['supervised']), []);
});

test('an order on a request outside one’s area answers 404 and stores nothing', async () => {
  const r = await seedAccepted(t, station);
  for (const who of [otherTownSupervisor, otherStation]) expectError(await order(who, r.id), 404, 'NOT_FOUND');
  assert.deepEqual(await ordersOn(r.id), []);
  assert.deepEqual(await noticesAbout(t, station, r.id, 'supervision'), []);

  // nor do they see, answer or close an order there
  const issued = (await order(supervisor, r.id)).json() as { id: string };
  const listed = await t.as(otherTownSupervisor, { url: `/api/v1/supervision?requestId=${r.id}` });
  assert.deepEqual(listed.json(), []);
  const reply = { method: 'POST' as const, url: `/api/v1/supervision/${issued.id}/reply`, payload: { reply: '越界回复' } };
  expectError(await t.as(otherStation, reply), 404, 'NOT_FOUND');
  expectError(await t.as(otherTownSupervisor, { method: 'POST', url: `/api/v1/supervision/${issued.id}/close` }), 404, 'NOT_FOUND');
  assert.equal((await ordersOn(r.id))[0]!.status, 'open');
});

test('an order on a concluded request answers 409 INVALID_TRANSITION', async () => {
  const r = await seedConcluded(t, station);
  expectError(await order(supervisor, r.id), 409, 'INVALID_TRANSITION');
  assert.deepEqual(await ordersOn(r.id), []);
});

test('an order needs an instruction and 1–60 working days', async () => {
  const r = await seedAccepted(t, station);
  for (const payload of [
    { instruction: '请办理', days: 0 },
    { instruction: '请办理', days: 61 },
    { instruction: '请', days: 3 },
    { days: 3 },
  ]) {
    expectError(await order(supervisor, r.id, payload), 400, 'VALIDATION_FAILED');
  }
  assert.deepEqual(await ordersOn(r.id), []);
});

test('an order on a request nobody has taken yet reaches the staff it waits for, who can answer it', async () => {
  const r = await seedDispatched(t); // routed to the 十里镇 station's mediators, not yet accepted
  const issued = await order(supervisor, r.id, { instruction: '群众反映无人联系，请立即受理', days: 1 });
  assert.equal(issued.statusCode, 201, issued.body);
  const told = await noticesAbout(t, station, r.id, 'supervision');
  assert.deepEqual(
    told.map((n) => n.kind),
    ['supervision'],
    'the 十里镇 station, where the request waits, is told of the order (supervision.service.ts tells only handler_id and owner_id, both empty here)',
  );
  const seen = (await t.as(station, { url: `/api/v1/supervision?requestId=${r.id}` })).json();
  assert.deepEqual(seen[0].allowedActions, ['reply'], 'the staff it waits for may answer it');
  const reply = await t.as(station, {
    method: 'POST',
    url: `/api/v1/supervision/${issued.json().id}/reply`,
    payload: { reply: '已受理并联系当事人' },
  });
  assert.equal(reply.statusCode, 200, reply.body);
});
