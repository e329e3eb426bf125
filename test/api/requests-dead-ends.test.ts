// No dead ends (issue 12): a request is never left where nobody can move it on. Dispatch and transfer offer and
// accept only the posts a site really staffs; whoever oversees the site holding a request can take it over or
// reassign it; the scanner flags what nobody at its site can act on and tells the site's supervisors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type Session, type TestApp } from '../helpers/app.js';
import { POSTS, type Post } from '../../server/modules/auth/permissions.js';
import { scanStuck } from '../../server/modules/requests/stuck-scanner.js';
import {
  expectError,
  loginAll,
  noticesAbout,
  requestRow,
  seedColleague,
  seedSubmittedAtDesk,
  siteIdOf,
  staffIdOf,
  stepOk,
  step,
  timelineTypes,
  SHILI,
  WUMING,
  type RequestView,
} from '../helpers/requests.js';

const SUPERVISORY = ['reassign', 'takeOver'];

let t: TestApp;
let reception: Session;
let supervisor: Session;
let station: Session;
let adviser: Session;
const site = { center: '', station: '', room: '', emptyRoom: '' };
let emptyVillage = '';
/** every active account that could be in a request's scope, by username (signed in once) */
const sessions = new Map<string, Session>();
const ids = { disabled: '', liaison: '', stationUser: '', emptyAdviser: '' };

before(async () => {
  t = await startTestApp();
  site.center = await siteIdOf(t, 'center', '411522');
  site.station = await siteIdOf(t, 'station', SHILI);
  site.room = await siteIdOf(t, 'room', WUMING);
  // another village of 十里镇 whose only adviser has left: a room where nobody handles requests
  const other = await t.db
    .selectFrom('sites')
    .select(['id', 'region_code'])
    .where('kind', '=', 'room')
    .where('region_code', 'like', `${SHILI}%`)
    .where('region_code', '!=', WUMING)
    .orderBy('region_code')
    .executeTakeFirstOrThrow();
  site.emptyRoom = other.id;
  emptyVillage = other.region_code;
  ids.emptyAdviser = await staffIdOf(t, `room-${emptyVillage}`);
  await t.db.updateTable('staff').set({ status: 'disabled' }).where('id', '=', ids.emptyAdviser).execute();
  // a handler who has since left, and a liaison (who passes requests on but handles none)
  ids.disabled = await seedColleague(t, { username: 'gone-mediator', kind: 'station', regionCode: SHILI, posts: ['mediator'] });
  await t.db.updateTable('staff').set({ status: 'disabled' }).where('id', '=', ids.disabled).execute();
  ids.liaison = await seedColleague(t, { username: 'liaison-wuming', kind: 'room', regionCode: WUMING, posts: ['legalLiaison'] });
  ids.stationUser = await staffIdOf(t, `station-${SHILI}`);

  const active = await t.db
    .selectFrom('staff')
    .innerJoin('sites', 'sites.id', 'staff.site_id')
    .select('staff.username')
    .where('staff.status', '=', 'active')
    .where('sites.id', 'in', [site.center, site.station, site.room, site.emptyRoom])
    .execute();
  const names = active.map((a) => a.username);
  const signedIn = await loginAll(t, names);
  names.forEach((n, i) => sessions.set(n, signedIn[i]!));
  reception = sessions.get('reception')!;
  supervisor = sessions.get('supervisor')!;
  station = sessions.get(`station-${SHILI}`)!;
  adviser = sessions.get(`room-${WUMING}`)!;
});
after(() => t.close());

const view = async (who: Session, id: string) => {
  const res = await t.as(who, { url: `/api/v1/requests/${id}` });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as RequestView;
};
const citizen = async (r: { trackingNo: string; phone: string }) => {
  const res = await t.app.inject({ url: `/api/v1/public/requests/${r.trackingNo}?phone=${r.phone}`, remoteAddress: '10.66.1.1' });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as { status: string; handlerSiteName: string | null; timeline: { type: string; siteName: string | null }[] };
};

test('dispatch targets: per site, the posts its active staff hold; a room whose adviser left is listed as unstaffed', async () => {
  const res = await t.as(reception, { url: '/api/v1/requests/dispatch-targets' });
  assert.equal(res.statusCode, 200, res.body);
  const targets = res.json() as { id: string; kind: string; posts: string[]; staffed: boolean }[];
  const of = (id: string) => targets.find((s) => s.id === id);
  assert.deepEqual(of(site.center)?.posts, ['reception', 'consultationDesk', 'legalAidDesk', 'dutyLawyer', 'mediator', 'supervisor']);
  assert.deepEqual(of(site.station)?.posts, ['reception', 'legalAidDesk', 'mediator']);
  assert.deepEqual(of(site.room), { ...of(site.room), posts: ['villageAdviser'], staffed: true });
  assert.deepEqual(of(site.emptyRoom), { ...of(site.emptyRoom), posts: [], staffed: false });
  assert.ok(
    targets.every((s) => !s.posts.includes('admin') && !s.posts.includes('legalLiaison')),
    'nobody is sent work as admin or liaison',
  );

  // a village adviser sees its own room, the center and the county's stations; a liaison may not ask
  const fromRoom = (await t.as(adviser, { url: '/api/v1/requests/dispatch-targets' })).json() as { id: string; kind: string }[];
  assert.ok(fromRoom.some((s) => s.id === site.center) && fromRoom.some((s) => s.id === site.station));
  assert.deepEqual(
    fromRoom.filter((s) => s.kind === 'room').map((s) => s.id),
    [site.room],
  );
  const liaison = await t.login('liaison-wuming');
  expectError(await t.as(liaison, { url: '/api/v1/requests/dispatch-targets' }), 403, 'FORBIDDEN');
});

test('a dispatch or transfer to a post nobody there holds, or to a site with nobody, is refused (422 DISPATCH_POST_UNSTAFFED), the row unchanged', async () => {
  const r = await seedSubmittedAtDesk(t, reception);
  const before = await requestRow(t, r.id);
  // the case: a village room "with post 综合接待岗" that nobody there holds
  for (const body of [
    { siteId: site.room, post: 'reception' },
    { siteId: site.station, post: 'consultationDesk' },
    { siteId: site.emptyRoom },
    { siteId: site.emptyRoom, post: 'villageAdviser' },
  ]) {
    const res = await step(t, reception, r.id, 'dispatch', body);
    const err = expectError(res, 422, 'DISPATCH_POST_UNSTAFFED');
    assert.deepEqual(err.details, { siteId: body.siteId, post: body.post ?? null });
    assert.deepEqual(await requestRow(t, r.id), before);
  }
  // a liaison handles nothing: not someone to send a request to by name either
  expectError(await step(t, reception, r.id, 'dispatch', { siteId: site.room, handlerId: ids.liaison }), 422, 'DISPATCH_TARGET_INVALID');
  assert.deepEqual(await requestRow(t, r.id), before);

  // the posts the site does staff go through; a transfer to a site lacking the post is refused too
  const sent = await stepOk(t, reception, r.id, 'dispatch', { siteId: site.station, post: 'mediator' });
  assert.equal(sent.handlerPost, 'mediator');
  const atStation = await requestRow(t, r.id);
  expectError(
    await step(t, station, r.id, 'transfer', { siteId: site.room, post: 'mediator', reason: '转村处理' }),
    422,
    'DISPATCH_POST_UNSTAFFED',
  );
  assert.deepEqual(await requestRow(t, r.id), atStation);
  // no post chosen: the post it had does not follow it where nobody holds it — anyone handling requests there takes it
  const moved = await stepOk(t, station, r.id, 'transfer', { siteId: site.room, reason: '转村处理' });
  assert.equal(moved.handlerPost, null);
  assert.deepEqual([...(await view(adviser, r.id)).allowedActions].sort(), ['accept', 'return', 'transfer']);
});

interface Case {
  label: string;
  set: {
    status: 'submitted' | 'dispatched' | 'accepted' | 'awaitingMaterials';
    owner_id: string | null;
    received_site_id: string;
    received_region_code: string;
    handler_site_id: string | null;
    handler_region_code: string | null;
    handler_post: string | null;
    handler_id: string | null;
  };
  /** the site holding it: its staff and those over it are the request's people */
  holding: string;
}

test('every state × every post × every kind of site: someone in scope always has a step; the scanner flags exactly those only an overseer can move', async () => {
  const regionOf: Record<string, string> = {
    [site.center]: '411522',
    [site.station]: SHILI,
    [site.room]: WUMING,
    [site.emptyRoom]: emptyVillage,
  };
  const receptionId = reception.user.id;
  const cases: Case[] = [];
  const desk = (label: string, at: string, owner: string | null) =>
    cases.push({
      label,
      holding: at,
      set: {
        status: 'submitted',
        owner_id: owner,
        received_site_id: at,
        received_region_code: regionOf[at]!,
        handler_site_id: null,
        handler_region_code: null,
        handler_post: null,
        handler_id: null,
      },
    });
  desk('submitted: on its first responder’s desk', site.center, receptionId);
  desk('submitted: its first responder has left', site.center, ids.disabled);
  desk('submitted: taken down by a liaison, on the room’s desk', site.room, null);
  desk('submitted: on a liaison as first responder', site.room, ids.liaison);
  desk('submitted: on the desk of a room with nobody', site.emptyRoom, null);
  for (const at of [site.center, site.station, site.room, site.emptyRoom]) {
    for (const post of [...POSTS, null] as (Post | null)[])
      cases.push({
        label: `dispatched to ${at === site.center ? 'the center' : at === site.station ? 'the station' : at === site.room ? 'the room' : 'the empty room'} as ${post ?? 'any post'}`,
        holding: at,
        set: {
          status: 'dispatched',
          owner_id: receptionId,
          received_site_id: site.center,
          received_region_code: '411522',
          handler_site_id: at,
          handler_region_code: regionOf[at]!,
          handler_post: post,
          handler_id: null,
        },
      });
  }
  const taken = (status: 'dispatched' | 'accepted' | 'awaitingMaterials', handler: string, label: string) =>
    cases.push({
      label,
      holding: site.station,
      set: {
        status,
        owner_id: handler,
        received_site_id: site.center,
        received_region_code: '411522',
        handler_site_id: site.station,
        handler_region_code: SHILI,
        handler_post: 'mediator',
        handler_id: handler,
      },
    });
  taken('dispatched', ids.stationUser, 'dispatched to a person by name');
  taken('dispatched', ids.disabled, 'dispatched to a person who has left');
  taken('accepted', ids.stationUser, 'accepted by its handler');
  taken('accepted', ids.disabled, 'accepted by a handler who has left');
  taken('awaitingMaterials', ids.stationUser, 'paused for materials by its handler');
  taken('awaitingMaterials', ids.disabled, 'paused for materials by a handler who has left');

  // the people of each site: its active staff, and the supervisors and administrators over it (the county's)
  const staffRows = await t.db
    .selectFrom('staff')
    .select(['username', 'site_id', 'posts'])
    .where('status', '=', 'active')
    .where('username', 'in', [...sessions.keys()])
    .execute();
  const peopleOf = (holding: string) =>
    staffRows
      .filter((s) => s.site_id === holding || (s.site_id === site.center && s.posts.some((p) => p === 'supervisor' || p === 'admin')))
      .map((s) => s.username);

  const onlyOverseers = new Set<string>();
  const made: { c: Case; id: string }[] = [];
  for (const c of cases) {
    const r = await seedSubmittedAtDesk(t, reception);
    await t.db.updateTable('service_requests').set(c.set).where('id', '=', r.id).execute();
    made.push({ c, id: r.id });
    let anyone = false;
    let ordinary = false;
    for (const name of peopleOf(c.holding)) {
      const actions = (await view(sessions.get(name)!, r.id)).allowedActions;
      if (actions.length) anyone = true;
      if (actions.some((a) => !SUPERVISORY.includes(a))) ordinary = true;
    }
    assert.ok(anyone, `${c.label}: nobody in scope has a step`);
    if (!ordinary) {
      onlyOverseers.add(r.id);
      // the county's supervisor steps in (a paused request is taken over, then resumed or sent on)
      const theirs = (await view(supervisor, r.id)).allowedActions;
      assert.deepEqual([...theirs].sort(), c.set.status === 'awaitingMaterials' ? ['takeOver'] : SUPERVISORY, c.label);
    }
  }
  // the walk met both kinds: requests their own people move, and ones only an overseer can
  const expectStuck = made.filter((m) => onlyOverseers.has(m.id)).map((m) => m.c.label);
  for (const label of [
    'submitted: its first responder has left',
    'submitted: on a liaison as first responder',
    'submitted: on the desk of a room with nobody',
    'dispatched to the room as reception',
    'dispatched to the empty room as any post',
    'dispatched to a person who has left',
    'accepted by a handler who has left',
    'paused for materials by a handler who has left',
  ])
    assert.ok(expectStuck.includes(label), `${label} should need an overseer`);
  for (const label of ['dispatched to the center as villageAdviser', 'dispatched to the station as reception', 'accepted by its handler'])
    assert.ok(!expectStuck.includes(label), `${label} has its own people`);

  // the scanner sees exactly these, and tells the supervisors over the site once
  await scanStuck(t.db);
  const flagged = new Set(
    (
      await t.db
        .selectFrom('request_events')
        .select('request_id')
        .where('type', '=', 'stuck')
        .where(
          'request_id',
          'in',
          made.map((m) => m.id),
        )
        .execute()
    ).map((e) => e.request_id),
  );
  assert.deepEqual(
    made.filter((m) => flagged.has(m.id)).map((m) => m.c.label),
    expectStuck,
  );
  const one = made.find((m) => onlyOverseers.has(m.id))!;
  const notices = await noticesAbout(t, supervisor, one.id);
  assert.deepEqual(
    notices.map((n) => n.kind),
    ['stuck'],
  );
  assert.match(notices[0]!.title, /无人可办/);
  const again = await scanStuck(t.db);
  assert.equal(again.notices, 0, 'one notice per request and state, however often the scanner runs');
  assert.equal((await noticesAbout(t, supervisor, one.id)).length, 1);
  assert.deepEqual(await noticesAbout(t, reception, one.id), [], 'not the desk, which cannot act on it');
});

test('taken over: the supervisor becomes its handler, the citizen’s page moves on from 等待工作人员接收; audited and on the timeline', async () => {
  const r = await seedSubmittedAtDesk(t, reception);
  await stepOk(t, reception, r.id, 'dispatch', { siteId: site.room, post: 'villageAdviser' });
  // then the adviser leaves: nobody at the room can take it
  await t.db.updateTable('staff').set({ status: 'disabled' }).where('username', '=', `room-${WUMING}`).execute();
  try {
    assert.equal((await citizen(r)).status, 'dispatched');
    // not for those without requests.supervise, whoever they are; the row stays as it was
    const before = await requestRow(t, r.id);
    expectError(await step(t, reception, r.id, 'take-over', { reason: '接管' }), 403, 'FORBIDDEN');
    expectError(await step(t, station, r.id, 'reassign', { siteId: site.station, reason: '改派' }), 403, 'FORBIDDEN');
    assert.deepEqual(await requestRow(t, r.id), before);
    expectError(await step(t, supervisor, r.id, 'take-over', {}), 400, 'VALIDATION_FAILED');

    const mine = await stepOk(t, supervisor, r.id, 'take-over', { reason: '村法律顾问已离岗，由督办人员接管', version: before.version });
    assert.equal(mine.status, 'accepted');
    assert.equal(mine.handler?.id, supervisor.user.id);
    assert.equal(mine.handlerSite?.id, site.center);
    assert.deepEqual([...mine.allowedActions].sort(), ['conclude', 'requestMaterials', 'transfer']);
    const seen = await citizen(r);
    assert.equal(seen.status, 'accepted');
    assert.equal(seen.timeline.at(-1)?.type, 'takenOver');
    assert.equal(seen.timeline.at(-1)?.siteName, '光山县公共法律服务中心');
    assert.deepEqual(await timelineTypes(t, r.id, ['takenOver']), ['takenOver']);
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['actor_id', 'after'])
      .where('entity_id', '=', r.id)
      .where('action', '=', 'request.takeOver')
      .execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.actor_id, supervisor.user.id);
    const done = await stepOk(t, supervisor, r.id, 'conclude', { result: '已电话联系当事人并答复。' });
    assert.equal(done.status, 'concluded');
    assert.deepEqual((await view(supervisor, r.id)).allowedActions, [], 'concluded is final');
  } finally {
    await t.db.updateTable('staff').set({ status: 'active' }).where('username', '=', `room-${WUMING}`).execute();
  }
});

test('reassigned: sent to a site and post someone holds, where they accept it; a paused request is taken over first', async () => {
  const r = await seedSubmittedAtDesk(t, reception);
  await t.db
    .updateTable('service_requests')
    .set({ status: 'dispatched', handler_site_id: site.emptyRoom, handler_region_code: emptyVillage, handler_post: 'villageAdviser' })
    .where('id', '=', r.id)
    .execute();
  expectError(
    await step(t, supervisor, r.id, 'reassign', { siteId: site.room, post: 'reception', reason: '改派村室' }),
    422,
    'DISPATCH_POST_UNSTAFFED',
  );
  const moved = await stepOk(t, supervisor, r.id, 'reassign', { siteId: site.room, post: 'villageAdviser', reason: '改派吴明村法律顾问' });
  assert.equal(moved.status, 'dispatched');
  assert.equal(moved.handlerSite?.id, site.room);
  assert.deepEqual([...(await view(adviser, r.id)).allowedActions].sort(), ['accept', 'return', 'transfer']);
  const seen = await citizen(r);
  assert.equal(seen.timeline.at(-1)?.type, 'reassigned');
  assert.match(seen.timeline.at(-1)?.siteName ?? '', /公共法律服务室$/);
  await stepOk(t, adviser, r.id, 'accept');
  assert.equal((await citizen(r)).status, 'accepted');

  // paused, its handler gone: taken over it stays paused (the citizen is still gathering the materials)
  const p = await seedSubmittedAtDesk(t, reception);
  await t.db
    .updateTable('service_requests')
    .set({ status: 'awaitingMaterials', handler_site_id: site.station, handler_region_code: SHILI, handler_id: ids.disabled, due_at: null })
    .where('id', '=', p.id)
    .execute();
  expectError(await step(t, supervisor, p.id, 'reassign', { siteId: site.station, reason: '改派' }), 409, 'INVALID_TRANSITION');
  const held = await stepOk(t, supervisor, p.id, 'take-over', { reason: '原办理人已离职' });
  assert.equal(held.status, 'awaitingMaterials');
  assert.deepEqual(held.allowedActions, ['resume']);
});
