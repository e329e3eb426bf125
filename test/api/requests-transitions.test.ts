import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type Session, type TestApp } from '../helpers/app.js';
import {
  expectError,
  requestRow,
  seedColleague,
  seedSubmittedAtDesk,
  siteIdOf,
  step,
  stepOk,
  SHILI,
  WUMING,
  ZHAIHE,
  type RequestView,
  loginAll,
} from '../helpers/requests.js';

let t: TestApp;
let reception: Session;
let consult: Session;
let mediator: Session;
let station: Session;
let otherStation: Session;
const site = { center: '', station: '', otherStation: '' };
before(async () => {
  t = await startTestApp();
  [reception, consult, mediator, station, otherStation] = await loginAll(t, [
    'reception',
    'consult',
    'mediator',
    `station-${SHILI}`,
    `station-${ZHAIHE}`,
  ] as const);
  site.center = await siteIdOf(t, 'center', '411522');
  site.station = await siteIdOf(t, 'station', SHILI);
  site.otherStation = await siteIdOf(t, 'station', ZHAIHE);
});
after(() => t.close());

const view = async (who: Session, id: string) => {
  const res = await t.as(who, { url: `/api/v1/requests/${id}` });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as RequestView;
};
const staffTimeline = async (id: string) => {
  const res = await t.as(reception, { url: `/api/v1/requests/${id}/timeline` });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as { type: string; actorName: string; note: string; public: boolean; data: { siteName?: string } | null }[];
};
const citizenView = async (trackingNo: string, phone: string) => {
  const res = await t.app.inject({ url: `/api/v1/public/requests/${trackingNo}?phone=${phone}`, remoteAddress: '10.66.0.1' });
  assert.equal(res.statusCode, 200, res.body);
  return res;
};

test('desk intake: the receptionist is the first responder and sees the full phone; a colleague at the same desk sees it masked', async () => {
  const r = await seedSubmittedAtDesk(t, reception, { phone: '13912340001' });
  assert.equal(r.view.status, 'submitted');
  assert.deepEqual(r.view.owner, { id: reception.user.id, name: '中心综合接待' });
  assert.equal(r.view.receivedSite?.id, site.center);
  assert.equal(r.view.handlerSite, null);
  assert.equal(r.view.requesterPhone, '13912340001');
  assert.deepEqual([...r.view.allowedActions].sort(), ['conclude', 'dispatch']);

  const colleague = await view(consult, r.id);
  assert.equal(colleague.requesterPhone, '139****0001');
  assert.deepEqual(colleague.allowedActions, [], 'only the first responder acts on it');
});

test('dispatch → accept → transfer → accept → materials → resume → conclude: each step by the right person, each on the timeline by name', async () => {
  const r = await seedSubmittedAtDesk(t, reception);

  const dispatched = await stepOk(t, reception, r.id, 'dispatch', { siteId: site.station, post: 'mediator', note: '请十里镇调委会调解' });
  assert.equal(dispatched.status, 'dispatched');
  assert.equal(dispatched.handlerSite?.id, site.station);
  assert.equal(dispatched.handlerPost, 'mediator');
  assert.deepEqual(dispatched.allowedActions, [], 'once sent on, the desk has nothing more to do');
  assert.deepEqual([...(await view(station, r.id)).allowedActions].sort(), ['accept', 'return', 'transfer']);

  const accepted = await stepOk(t, station, r.id, 'accept', { note: '已联系双方' });
  assert.equal(accepted.status, 'accepted');
  assert.deepEqual(accepted.handler, { id: station.user.id, name: '十里镇工作站' });
  assert.equal(accepted.requesterPhone, r.phone, 'the handler sees the full phone');

  const transferred = await stepOk(t, station, r.id, 'transfer', {
    siteId: site.center,
    post: 'mediator',
    reason: '涉及两镇村民，请县调委会调解',
  });
  assert.equal(transferred.status, 'dispatched');
  assert.equal(transferred.handlerSite?.id, site.center);
  assert.equal(transferred.handler, null);

  const reaccepted = await stepOk(t, mediator, r.id, 'accept');
  assert.deepEqual(reaccepted.handler, { id: mediator.user.id, name: '县调委会调解员' });

  const paused = await stepOk(t, mediator, r.id, 'request-materials', { items: ['村委会出具的情况说明'] });
  assert.equal(paused.status, 'awaitingMaterials');
  const resumed = await stepOk(t, mediator, r.id, 'resume');
  assert.equal(resumed.status, 'accepted');
  const concluded = await stepOk(t, mediator, r.id, 'conclude', { result: '经调解，双方达成协议：柴草三日内移走。' });
  assert.equal(concluded.status, 'concluded');
  assert.deepEqual(concluded.allowedActions, []);

  const timeline = await staffTimeline(r.id);
  assert.deepEqual(
    timeline.map((e) => [e.type, e.actorName]),
    [
      ['submitted', '中心综合接待'],
      ['dispatched', '中心综合接待'],
      ['accepted', '十里镇工作站'],
      ['transferred', '十里镇工作站'],
      ['accepted', '县调委会调解员'],
      ['materialsRequested', '县调委会调解员'],
      ['resumed', '县调委会调解员'],
      ['concluded', '县调委会调解员'],
    ],
  );
  assert.equal(timeline[3]!.note, '涉及两镇村民，请县调委会调解', 'staff read the reason for a transfer');
  assert.equal(timeline[1]!.data?.siteName, '十里镇公共法律服务工作站');

  const citizen = await citizenView(r.trackingNo, r.phone);
  assert.equal(citizen.json().status, 'concluded');
  assert.ok(!citizen.body.includes('涉及两镇村民'), 'the transfer reason stays inside');
  assert.ok(!citizen.body.includes('请十里镇调委会调解'), 'so does the dispatch note');
  assert.ok(!citizen.body.includes('已联系双方'), 'and the note on acceptance');
  assert.ok(citizen.body.includes('柴草三日内移走'), 'the result is for the citizen');
});

test('return (退回): the addressee sends it back to the first responder, who dispatches it again; the citizen never sees the reason', async () => {
  const r = await seedSubmittedAtDesk(t, reception);
  await stepOk(t, reception, r.id, 'dispatch', { siteId: site.station, post: 'mediator' });

  const returned = await stepOk(t, station, r.id, 'return', { reason: '当事人住址实为寨河镇，退回核实' });
  assert.equal(returned.status, 'submitted');
  assert.equal(returned.handlerSite, null);
  assert.equal(returned.owner?.id, reception.user.id);
  assert.deepEqual([...(await view(reception, r.id)).allowedActions].sort(), ['conclude', 'dispatch'], 'back on the desk that took it');
  expectError(await step(t, station, r.id, 'accept'), 409, 'INVALID_TRANSITION');

  await stepOk(t, reception, r.id, 'dispatch', { siteId: site.otherStation, post: 'mediator' });
  const taken = await stepOk(t, otherStation, r.id, 'accept');
  assert.equal(taken.handler?.id, otherStation.user.id);

  const returnedEvent = (await staffTimeline(r.id)).find((e) => e.type === 'returned');
  assert.ok(returnedEvent, 'the return is on the staff timeline');
  assert.equal(returnedEvent.actorName, '十里镇工作站');
  assert.equal(returnedEvent.note, '当事人住址实为寨河镇，退回核实');
  assert.equal(returnedEvent.public, false);

  const citizen = await citizenView(r.trackingNo, r.phone);
  assert.ok(!citizen.body.includes('退回核实'), 'the return reason never reaches the citizen');
  assert.ok(!citizen.json().timeline.some((e: { type: string }) => e.type === 'returned'));
});

test('answered on the spot: the first responder concludes straight from submitted; a colleague at the same desk may not', async () => {
  const r = await seedSubmittedAtDesk(t, consult, { serviceItem: 'consultation', description: '工资被拖欠三个月怎么办？' });
  expectError(await step(t, reception, r.id, 'conclude', { result: '已当场解答' }), 403, 'FORBIDDEN');

  const done = await stepOk(t, consult, r.id, 'conclude', { result: '已当场解答：可向劳动监察大队投诉或申请劳动仲裁。' });
  assert.equal(done.status, 'concluded');
  assert.equal(done.handler?.id, consult.user.id);
  assert.equal(done.handlerSite?.id, site.center);
  assert.deepEqual(
    (await staffTimeline(r.id)).map((e) => e.type),
    ['submitted', 'concluded'],
  );
});

test('a step the state does not allow answers 409 INVALID_TRANSITION and leaves the row alone', async () => {
  const submitted = await seedSubmittedAtDesk(t, reception);
  const before = await requestRow(t, submitted.id);
  const bodies: Record<string, object> = {
    accept: {},
    return: { reason: '不属于本站' },
    transfer: { siteId: site.station, reason: '转十里镇' },
    'request-materials': { items: ['身份证复印件'] },
    resume: {},
  };
  for (const [path, body] of Object.entries(bodies)) {
    expectError(await step(t, reception, submitted.id, path, body), 409, 'INVALID_TRANSITION');
  }
  assert.deepEqual(await requestRow(t, submitted.id), before);

  const concluded = await seedSubmittedAtDesk(t, reception);
  await stepOk(t, reception, concluded.id, 'conclude', { result: '当场答复' });
  const done = await requestRow(t, concluded.id);
  for (const [path, body] of Object.entries({ ...bodies, dispatch: { siteId: site.station }, conclude: { result: '再次办结' } })) {
    expectError(await step(t, reception, concluded.id, path, body), 409, 'INVALID_TRANSITION');
  }
  assert.deepEqual(await requestRow(t, concluded.id), done);
});

test('the wrong person answers 403 FORBIDDEN and leaves the row alone: another site, the wrong post, no longer the handler', async () => {
  const r = await seedSubmittedAtDesk(t, reception);
  await stepOk(t, reception, r.id, 'dispatch', { siteId: site.station, post: 'mediator' });
  let before = await requestRow(t, r.id);
  expectError(await step(t, mediator, r.id, 'accept'), 403, 'FORBIDDEN'); // a mediator, but at the county center
  expectError(await step(t, consult, r.id, 'return', { reason: '不是本中心的' }), 403, 'FORBIDDEN');
  assert.deepEqual(await requestRow(t, r.id), before);

  // sent to the county center's mediators: the consultation desk there is the wrong post
  await stepOk(t, station, r.id, 'transfer', { siteId: site.center, post: 'mediator', reason: '转县调委会' });
  before = await requestRow(t, r.id);
  expectError(await step(t, consult, r.id, 'accept'), 403, 'FORBIDDEN');
  assert.deepEqual(await requestRow(t, r.id), before);

  await stepOk(t, mediator, r.id, 'accept');
  before = await requestRow(t, r.id);
  for (const who of [reception, consult, station]) {
    expectError(await step(t, who, r.id, 'conclude', { result: '越权办结' }), 403, 'FORBIDDEN');
    expectError(await step(t, who, r.id, 'request-materials', { items: ['材料'] }), 403, 'FORBIDDEN');
  }
  assert.deepEqual(await requestRow(t, r.id), before);
});

test('a stale version answers 409 VERSION_CONFLICT; the current one goes through', async () => {
  const r = await seedSubmittedAtDesk(t, reception);
  const seen = r.view.version;
  await stepOk(t, reception, r.id, 'dispatch', { siteId: site.station, post: 'mediator', version: seen });
  const stale = await step(t, station, r.id, 'accept', { version: seen });
  expectError(stale, 409, 'VERSION_CONFLICT');
  const row = await requestRow(t, r.id);
  assert.equal(row.status, 'dispatched');
  assert.equal(row.version, seen + 1);
  const ok = await stepOk(t, station, r.id, 'accept', { version: seen + 1 });
  assert.equal(ok.version, seen + 2);
});

// Legal liaisons (信息员) hold only `requests.intake`: "a request they take goes to the village room's desk"
// (server/modules/auth/permissions.ts).
async function liaisonIntake(description: string) {
  const liaison = await t.login('liaison-wuming');
  const res = await t.as(liaison, {
    method: 'POST',
    url: '/api/v1/requests',
    payload: { serviceItem: 'mediation', channel: 'referral', name: '李大爷', phone: '13912340002', regionCode: WUMING, description },
  });
  const stored = await t.db.selectFrom('service_requests').select('id').where('description', '=', description).execute();
  return { res, stored };
}

test('a legal liaison (信息员) who registers a villager’s request is told it was taken (not 403 after it was stored)', async () => {
  await seedColleague(t, {
    username: 'liaison-wuming',
    kind: 'room',
    regionCode: WUMING,
    posts: ['legalLiaison'],
    displayName: '吴明村信息员',
  });
  const { res, stored } = await liaisonIntake('信息员代为登记：村民反映宅基地边界纠纷');
  assert.equal(stored.length, 1);
  assert.equal(
    res.statusCode,
    201,
    `the request was stored, yet the liaison was answered ${res.statusCode} ${res.body} (and will register it again)`,
  );
});

test('a request a legal liaison registers lands on the village room’s desk: the adviser there can send it on', async () => {
  const { stored } = await liaisonIntake('信息员代为登记：村民反映土地承包合同纠纷');
  const adviser = await t.login(`room-${WUMING}`);
  const atRoom = await view(adviser, stored[0]!.id);
  assert.equal(atRoom.status, 'submitted');
  assert.ok(
    atRoom.allowedActions.includes('dispatch'),
    `nobody who can act holds it: the room's adviser may ${JSON.stringify(atRoom.allowedActions)}, the liaison has no requests.handle`,
  );
});
