import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type Session, type TestApp } from '../helpers/app.js';
import { assertError } from '../helpers/http.js';
import {
  freshAddress,
  freshPhone,
  loginAll,
  seedAccepted,
  seedColleague,
  seedDispatched,
  seedSubmittedAtDesk,
  staffIdOf,
  stepOk,
  SHILI,
  WUMING,
  ZHAIHE,
  ZHAIHE_VILLAGE,
} from '../helpers/requests.js';
import type { TodoQueue, TodoView } from '../../server/modules/home/todo.service.js';

/*
 * 首页待办 (GET /me/todo): each person's queues mirror who may take a request's next step (workflow.ts), legal
 * aid cases at their step, what is due among their own work, the supervision orders addressed to them or issued
 * by them, their unread notices, today's 12348 shifts, and for those who lead a site the month's figures — each
 * within the person's scope.
 */

let t: TestApp;
let admin: Session;
let station: Session;
let otherStation: Session;
let room: Session;
let lawyer: Session;
let townSupervisor: Session;

before(async () => {
  t = await startTestApp();
  [admin, station, otherStation, room, lawyer] = await loginAll(t, [
    'admin',
    `station-${SHILI}`,
    `station-${ZHAIHE}`,
    `room-${WUMING}`,
    'lawyer',
  ] as const);
  await seedColleague(t, { username: 'supervisor-shili', kind: 'station', regionCode: SHILI, posts: ['supervisor'] });
  townSupervisor = await t.login('supervisor-shili');
});
after(() => t.close());

async function todo(who: Session, query = ''): Promise<TodoView> {
  const res = await t.as(who, { url: `/api/v1/me/todo${query}` });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as TodoView;
}

const count = (view: TodoView, key: TodoQueue) => view.queues.find((q) => q.key === key)?.count;

/** The queues' counts after `change`, less those before it. */
async function delta(who: Session, change: () => Promise<unknown>) {
  const before = await todo(who);
  await change();
  const after = await todo(who);
  return Object.fromEntries(after.queues.map((q) => [q.key, q.count - (count(before, q.key) ?? 0)])) as Record<TodoQueue, number>;
}

test('a station’s queues follow the workflow: sent to it, accepted by it, paused, taken at its desk — another town’s do not move', async () => {
  let dispatched = { id: '' };
  const seen = await delta(station, async () => {
    dispatched = await seedDispatched(t);
    await seedAccepted(t, station);
    const paused = await seedAccepted(t, station);
    await stepOk(t, station, paused.id, 'request-materials', { items: ['身份证复印件'] });
    await seedSubmittedAtDesk(t, station);
  });
  // seedAccepted dispatches first and then accepts: two more accepted, one of them paused, one still waiting
  assert.equal(seen.requestsToAccept, 1);
  assert.equal(seen.requestsInHand, 1);
  assert.equal(seen.requestsPaused, 1);
  assert.equal(seen.requestsAtDesk, 1);

  const other = await delta(otherStation, () => seedDispatched(t, { regionCode: WUMING }));
  assert.deepEqual(
    Object.values(other).filter((n) => n !== 0),
    [],
    'nothing of 十里镇 counts for 寨河镇',
  );

  // the room does not hold what was sent to the station; accepting it moves it from 待接收 to 办理中
  const moved = await delta(station, () => stepOk(t, station, dispatched.id, 'accept'));
  assert.equal(moved.requestsToAccept, -1);
  assert.equal(moved.requestsInHand, 1);
});

test('a consultation sent to the village room waits for the room’s answer, and again when the citizen follows up', async () => {
  const phone = freshPhone();
  let consultation = { id: '', trackingNo: '' };
  const sent = await delta(room, async () => {
    consultation = await seedDispatched(t, { serviceItem: 'consultation', phone, description: '土地承包合同到期后怎么续签？' });
  });
  assert.equal(sent.consultations, 1);
  assert.equal(sent.requestsToAccept, 1);
  await stepOk(t, room, consultation.id, 'accept');
  const answered = await delta(room, () => stepOk(t, room, consultation.id, 'conclude', { result: '可与发包方协商续签。' }));
  assert.equal(answered.consultations, -1, 'answered: nothing waits');
  const followUp = await delta(room, async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/public/requests/${consultation.trackingNo}/messages`,
      remoteAddress: freshAddress(),
      payload: { phone, body: '续签时租金可以涨吗？' },
    });
    assert.equal(res.statusCode, 201, res.body);
  });
  assert.equal(followUp.consultations, 1, 'the citizen wrote last');
});

test('due soon and overdue: the person’s own requests, nearest first, with what the link needs; not another town’s', async () => {
  const mine = await seedAccepted(t, station, { name: '临期甲' });
  const soon = await seedAccepted(t, station, { name: '临期乙' });
  const far = await seedDispatched(t, { regionCode: ZHAIHE_VILLAGE });
  // as the scanner leaves them
  const day = 86_400_000;
  await t.db
    .updateTable('service_requests')
    .set({ due_state: 'overdue', due_at: new Date(Date.now() - day) })
    .where('id', '=', mine.id)
    .execute();
  await t.db
    .updateTable('service_requests')
    .set({ due_state: 'dueSoon', due_at: new Date(Date.now() + day) })
    .where('id', '=', soon.id)
    .execute();
  await t.db
    .updateTable('service_requests')
    .set({ due_state: 'overdue', due_at: new Date(Date.now() - day) })
    .where('id', '=', far.id)
    .execute();

  const view = await todo(station);
  assert.ok(view.due.overdue >= 1 && view.due.dueSoon >= 1);
  const items = view.due.items.filter((i) => i.kind === 'request');
  const first = items.findIndex((i) => i.id === mine.id);
  const second = items.findIndex((i) => i.id === soon.id);
  assert.ok(first >= 0 && second > first, 'the overdue one first');
  assert.deepEqual(
    { ...items[first], dueAt: undefined },
    { kind: 'request', id: mine.id, trackingNo: mine.trackingNo, caseNo: null, title: '人民调解', dueAt: undefined, dueState: 'overdue' },
  );
  assert.ok(!view.due.items.some((i) => i.id === far.id), 'another town’s overdue request');
  assert.ok(
    (await todo(otherStation)).due.items.some((i) => i.id === far.id),
    'is 寨河镇’s',
  );
  assert.ok(!(await todo(otherStation)).due.items.some((i) => i.id === mine.id));
});

test('supervision: the order is addressed to the handler and listed as issued by the supervisor until closed', async () => {
  const r = await seedAccepted(t, station);
  const res = await t.as(admin, {
    method: 'POST',
    url: `/api/v1/requests/${r.id}/supervision`,
    payload: { instruction: '请三日内办结', days: 3 },
  });
  assert.equal(res.statusCode, 201, res.body);
  const handler = await todo(station);
  const addressed = handler.supervision.items.find((i) => i.requestId === r.id);
  assert.ok(addressed, 'the handler has it');
  assert.equal(addressed.role, 'addressed');
  assert.equal(addressed.instruction, '请三日内办结');
  assert.ok(handler.supervision.toReply >= 1);
  const issuer = await todo(admin);
  assert.equal(issuer.supervision.items.find((i) => i.requestId === r.id)?.role, 'issued');
  assert.ok(!(await todo(otherStation)).supervision.items.some((i) => i.requestId === r.id));

  const reply = await t.as(station, { method: 'POST', url: `/api/v1/supervision/${addressed.id}/reply`, payload: { reply: '已办理' } });
  assert.equal(reply.statusCode, 200, reply.body);
  assert.ok(!(await todo(station)).supervision.items.some((i) => i.requestId === r.id), 'replied: nothing left to do');
  assert.equal((await todo(admin)).supervision.items.find((i) => i.requestId === r.id)?.status, 'replied', 'the issuer closes it');
});

test('unread notices: the same count as the bell', async () => {
  for (const who of [station, room, admin]) {
    const bell = await t.as(who, { url: '/api/v1/notifications?limit=1' });
    assert.equal((await todo(who)).notifications.unread, bell.json().unread);
  }
});

test('legal aid: a first review waits at the town’s station, not at another town’s', async () => {
  const apply = (regionCode: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/public/legal-aid/applications',
      remoteAddress: freshAddress(),
      payload: {
        name: '赵红梅',
        phone: freshPhone(),
        regionCode,
        description: '工资被拖欠半年',
        channel: 'web',
        applicantKind: 'self',
        matterCategory: 'labourRemuneration',
        aidForm: 'labourArbitration',
        noMeansTest: 'abuseVictim',
      },
    });
  const seen = await delta(station, async () => assert.equal((await apply(WUMING)).statusCode, 201));
  assert.equal(seen.aidFirstReview, 1);
  const other = await delta(otherStation, async () => assert.equal((await apply(WUMING)).statusCode, 201));
  assert.equal(other.aidFirstReview, 0);
  assert.equal(count(await todo(room), 'aidFirstReview'), undefined, 'a village room reviews nothing');
  const center = await todo(await t.login('legalaid'));
  assert.ok(['aidReview', 'aidGranted', 'aidClosed', 'aidAssigned'].every((k) => count(center, k as TodoQueue) !== undefined));
});

test('a site’s leader sees the month’s figures of the area; the others do not', async () => {
  const base = (await todo(townSupervisor)).site;
  assert.ok(base, 'a supervisor leads the site');
  assert.equal(base.regionCode, SHILI);
  const phone = freshPhone();
  const done = await seedAccepted(t, station, { phone });
  await stepOk(t, station, done.id, 'conclude', { result: '已调解' });
  const rated = await t.app.inject({
    method: 'POST',
    url: `/api/v1/public/requests/${done.trackingNo}/evaluation`,
    remoteAddress: freshAddress(),
    payload: { phone, grade: 4, attitude: 4, efficiency: 4, competence: 4 },
  });
  assert.equal(rated.statusCode, 201, rated.body);
  await seedDispatched(t, { regionCode: ZHAIHE_VILLAGE });
  const site = (await todo(townSupervisor)).site!;
  assert.equal(site.received, base.received + 1, 'the request made this month (not 寨河镇’s)');
  assert.equal(site.concluded, base.concluded + 1);
  assert.equal(site.onTime, base.onTime + 1, 'concluded well within its limit');
  assert.equal(site.ratings, base.ratings + 1);
  assert.ok(site.averageRating !== null && site.averageRating >= 1 && site.averageRating <= 5);
  assert.ok(site.onTimeRate !== null && site.onTimeRate > 0 && site.onTimeRate <= 1);
  const county = (await todo(admin)).site!;
  assert.ok(county.received >= site.received + 1, 'the county counts every town');
  assert.equal((await todo(station)).site, null, 'a desk does not lead the site');
  const past = (await todo(townSupervisor, '?month=2020-01')).site!;
  assert.deepEqual([past.month, past.received, past.concluded, past.onTimeRate], ['2020-01', 0, 0, null]);
  assertError(await t.as(townSupervisor, { url: '/api/v1/me/todo?month=2020-13' }), 400, 'VALIDATION_FAILED');
});

test('12348: today’s shifts on the roster and the calls whose record is open, at the county center only', async () => {
  const day = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  await t.db
    .insertInto('hotline_roster')
    .values({ county_code: '411522', day, shift: 'pm', staff_id: await staffIdOf(t, 'lawyer') })
    .execute();
  const opened = await delta(lawyer, async () => {
    const res = await t.as(lawyer, { method: 'POST', url: '/api/v1/hotline/calls', payload: { startedAt: new Date().toISOString() } });
    assert.equal(res.statusCode, 201, res.body);
  });
  assert.equal(opened.hotlineOpenCalls, 1);
  assert.deepEqual((await todo(lawyer)).hotline, { today: ['pm'] });
  assert.equal((await todo(station)).hotline, null);
});

test('nobody signed in gets 401', async () => {
  assertError(await t.app.inject({ url: '/api/v1/me/todo' }), 401, 'UNAUTHENTICATED');
});
