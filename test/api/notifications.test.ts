// New work reaches the people it is for: every step that sends work somewhere tells the person named, or the
// staff at the target site holding the target post (or its administrators), exactly once, and nobody else; the
// bell counts unread notices per menu, each person's read state is their own, a notice opens its record; and a
// county may have its staff texted as well.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type Session, type TestApp } from '../helpers/app.js';
import {
  expectError,
  seedColleague,
  seedDispatched,
  siteIdOf,
  staffIdOf,
  step,
  stepOk,
  submitPublic,
  SHILI,
  WUMING,
  ZHAIHE,
  freshAddress,
  loginAll,
} from '../helpers/requests.js';
import { seedTownAdmin } from '../helpers/factories.js';
import { scanDueStates } from '../../server/modules/requests/due-scanner.js';
import { deliverDue } from '../../server/modules/notify/outbox.js';
import type { ChannelAdapter, OutgoingMessage } from '../../server/modules/notify/adapters.js';

let t: TestApp;
let admin: Session;
let reception: Session;
let legalaid: Session;
let station: Session;
let room: Session;
let slReception: Session;
let slMediator: Session;
let liaison: Session;
let stationSite: string;
let roomSite: string;
before(async () => {
  t = await startTestApp();
  // 十里镇 station's colleagues beside the demo account (reception + legalAidDesk + mediator): one at reception
  // only, a second mediator, an administrator, a mediator who has left; a legal liaison at 吴明村's room
  await seedColleague(t, { username: 'sl-reception', kind: 'station', regionCode: SHILI, posts: ['reception'] });
  await seedColleague(t, { username: 'sl-mediator', kind: 'station', regionCode: SHILI, posts: ['mediator'] });
  await seedColleague(t, { username: 'sl-admin', kind: 'station', regionCode: SHILI, posts: ['admin'] });
  const gone = await seedColleague(t, { username: 'sl-gone', kind: 'station', regionCode: SHILI, posts: ['mediator'] });
  await t.db.updateTable('staff').set({ status: 'disabled' }).where('id', '=', gone).execute();
  await seedColleague(t, { username: 'wm-liaison', kind: 'room', regionCode: WUMING, posts: ['legalLiaison'] });
  [admin, reception, legalaid, station, room, slReception, slMediator, liaison] = await loginAll(t, [
    'admin',
    'reception',
    'legalaid',
    `station-${SHILI}`,
    `room-${WUMING}`,
    'sl-reception',
    'sl-mediator',
    'wm-liaison',
  ] as const);
  stationSite = await siteIdOf(t, 'station', SHILI);
  roomSite = await siteIdOf(t, 'room', WUMING);
});
after(() => t.close());

/** Who was told what about a record: "username kind" per notice, sorted (a notice twice shows twice). */
async function told(entityId: string, kinds?: string[]): Promise<string[]> {
  let q = t.db
    .selectFrom('notifications as n')
    .innerJoin('staff as s', 's.id', 'n.staff_id')
    .select(['s.username', 'n.kind'])
    .where((eb) => eb.or([eb('n.entity_id', '=', entityId), eb('n.request_id', '=', entityId)]));
  if (kinds) q = q.where('n.kind', 'in', kinds);
  return (await q.execute()).map((r) => `${r.username} ${r.kind}`).sort();
}
const each = (kind: string, ...usernames: string[]) => usernames.map((u) => `${u} ${kind}`).sort();

/** The active staff of a site with the post or the admin post, worked out here from the staff rows. */
async function holders(siteId: string, post: string): Promise<string[]> {
  const rows = await t.db.selectFrom('staff').select(['username', 'posts', 'status']).where('site_id', '=', siteId).execute();
  return rows
    .filter((r) => r.status === 'active' && (r.posts.includes(post) || r.posts.includes('admin')))
    .map((r) => r.username)
    .sort();
}

const inbox = async (who: Session, query = '') => {
  const res = await t.as(who, { url: `/api/v1/notifications?limit=100${query}` });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as {
    unread: number;
    unreadByCategory: Record<string, number>;
    items: {
      id: number;
      kind: string;
      category: string;
      requestId: string | null;
      target: { type: string; id: string } | null;
      link: string | null;
      readAt: string | null;
    }[];
  };
};

const deskIntake = async (who: Session, body: Record<string, unknown> = {}) => {
  const res = await t.as(who, {
    method: 'POST',
    url: '/api/v1/requests',
    payload: {
      channel: 'walk_in',
      serviceItem: 'mediation',
      name: '王大妈',
      phone: '13900001111',
      regionCode: WUMING,
      description: '邻居堆放柴草引发纠纷',
      ...body,
    },
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as { id: string; version: number };
};

test('every service item submitted online reaches the staff of the post at the site it is routed to, once each', async () => {
  const items = (await t.app.inject({ url: '/api/v1/service-items' })).json() as { code: string; channels: string[] }[];
  const online = items.filter((i) => i.channels.includes('web') && i.code !== 'legalAid');
  assert.ok(online.length >= 5, `${online.length} items offered online`);
  for (const item of online) {
    const res = await submitPublic(t, { serviceItem: item.code });
    assert.equal(res.statusCode, 201, `${item.code}: ${res.body}`);
    const r = await t.db
      .selectFrom('service_requests')
      .select(['id', 'handler_site_id', 'handler_post'])
      .where('tracking_no', '=', res.json().trackingNo)
      .executeTakeFirstOrThrow();
    const expected = await holders(r.handler_site_id!, r.handler_post!);
    assert.ok(expected.length > 0, `${item.code}: someone holds ${r.handler_post} there`);
    const kind = item.code === 'consultation' ? 'newConsultation' : 'newRequest';
    assert.deepEqual(await told(r.id), each(kind, ...expected), `${item.code} → ${r.handler_post}`);
  }
});

test('a consultation from 吴明村 rings the room adviser’s bell, which opens it; the liaison there is not told', async () => {
  const res = await submitPublic(t, { serviceItem: 'consultation', description: '宅基地边界纠纷怎么处理？' });
  assert.equal(res.statusCode, 201, res.body);
  const id = (
    await t.db.selectFrom('service_requests').select('id').where('tracking_no', '=', res.json().trackingNo).executeTakeFirstOrThrow()
  ).id;
  assert.deepEqual(await told(id), each('newConsultation', `room-${WUMING}`));
  const bell = await inbox(room);
  const notice = bell.items.find((n) => n.requestId === id)!;
  assert.equal(notice.category, 'consultation');
  assert.deepEqual(notice.target, { type: 'serviceRequest', id });
  assert.equal(notice.link, `/requests/${id}`);
  assert.ok(bell.unreadByCategory.consultation! >= 1);
  // it opens: the adviser reads the request and may accept it
  const opened = await t.as(room, { url: `/api/v1/requests/${id}` });
  assert.equal(opened.statusCode, 200, opened.body);
  assert.ok(opened.json().allowedActions.includes('accept'));
  assert.equal((await inbox(liaison)).items.length, 0);
});

test('dispatch tells the post at the target site (or the person named); accepting tells nobody; transfer tells the new post; return tells the owner', async () => {
  const r = await deskIntake(reception);
  assert.deepEqual(await told(r.id), [], 'taken at a desk by its first responder: nobody else to tell');

  await stepOk(t, reception, r.id, 'dispatch', { siteId: stationSite, post: 'mediator', note: '请调解' });
  assert.deepEqual(await told(r.id), each('dispatched', 'sl-admin', 'sl-mediator', `station-${SHILI}`), 'not reception-only, not who left');
  const notice = (await inbox(slMediator)).items.find((n) => n.requestId === r.id)!;
  assert.equal(notice.link, `/requests/${r.id}`);
  assert.equal(notice.category, 'requests');

  await stepOk(t, slMediator, r.id, 'accept');
  assert.equal((await told(r.id)).length, 3, 'accepting tells nobody');

  await stepOk(t, slMediator, r.id, 'transfer', { siteId: roomSite, post: 'villageAdviser', reason: '村里就近调解' });
  assert.deepEqual(await told(r.id, ['transferred']), each('transferred', `room-${WUMING}`));

  // back to the desk: the first responder now is the mediator who accepted it
  await stepOk(t, room, r.id, 'return', { reason: '不属于本村' });
  assert.deepEqual(await told(r.id, ['returned']), each('returned', 'sl-mediator'));
});

test('a named handler alone hears of a dispatch; a public request returned goes back to the center’s desk', async () => {
  const r = await deskIntake(reception);
  await stepOk(t, reception, r.id, 'dispatch', { siteId: stationSite, post: 'mediator', handlerId: await staffIdOf(t, 'sl-mediator') });
  assert.deepEqual(await told(r.id), each('dispatched', 'sl-mediator'));

  const p = await seedDispatched(t); // routed to 十里镇's mediators, received by the center
  await stepOk(t, station, p.id, 'return', { reason: '请中心重新分流' });
  const center = await t.db
    .selectFrom('staff as s')
    .innerJoin('sites as st', 'st.id', 's.site_id')
    .select('s.username')
    .where('st.kind', '=', 'center')
    .where('s.status', '=', 'active')
    .execute();
  const handlers = center.map((s) => s.username);
  assert.deepEqual(await told(p.id, ['returned']), each('returned', ...handlers), 'every center colleague who handles requests');
});

test('a legal liaison’s intake waits on the room’s desk: the adviser is told', async () => {
  const r = await deskIntake(liaison);
  assert.deepEqual(await told(r.id), each('newRequest', `room-${WUMING}`));
});

test('due soon and overdue: the post it waits on and the supervisors, once however often the scanner runs', async () => {
  const r = await seedDispatched(t);
  const due = (await t.db.selectFrom('service_requests').select('due_at').where('id', '=', r.id).executeTakeFirstOrThrow()).due_at!;
  const later = new Date(due.getTime() + 60_000);
  await scanDueStates(t.db, later);
  await scanDueStates(t.db, later);
  const overdue = await told(r.id, ['overdue']);
  assert.deepEqual(overdue, each('overdue', 'admin', 'sl-admin', 'sl-mediator', `station-${SHILI}`, 'supervisor'));
  assert.ok(!overdue.some((x) => x.startsWith('sl-reception')));
});

test('a supervision order on a request nobody has taken reaches the post it waits on, not the rest of the site', async () => {
  const r = await seedDispatched(t);
  const res = await t.as(admin, {
    method: 'POST',
    url: `/api/v1/requests/${r.id}/supervision`,
    payload: { instruction: '请尽快受理', days: 2 },
  });
  assert.equal(res.statusCode, 201, res.body);
  assert.deepEqual(await told(r.id, ['supervision']), each('supervision', 'sl-admin', 'sl-mediator', `station-${SHILI}`));
  const notice = (await inbox(slMediator, '&category=supervision')).items.find((n) => n.requestId === r.id)!;
  assert.equal(notice.link, `/requests/${r.id}`);
});

test('legal aid: the station hears of an application, the county desk of the forward, the lawyer of the assignment', async () => {
  const lawyerId = await seedColleague(t, { username: 'wang-lawyer', kind: 'center', regionCode: '411522', posts: ['dutyLawyer'] });
  const [withAccount, withoutAccount] = await t.db
    .insertInto('aid_providers')
    .values([
      {
        county_code: '411522',
        staff_id: lawyerId,
        name: '王律师',
        kind: 'lawyer',
        phone: '13800005555',
        matter_categories: ['labourRemuneration'],
      },
      {
        county_code: '411522',
        staff_id: null,
        name: '赵律师',
        kind: 'lawyer',
        phone: '138 0000 6666',
        matter_categories: ['labourRemuneration'],
      },
    ])
    .returning('id')
    .execute();
  const applied = await t.app.inject({
    method: 'POST',
    url: '/api/v1/public/legal-aid/applications',
    remoteAddress: freshAddress(),
    payload: {
      name: '李建国',
      phone: '13922224444',
      regionCode: WUMING,
      description: '包工头拖欠工资三万二千元，多次讨要未果。',
      channel: 'web',
      applicantKind: 'self',
      matterCategory: 'labourRemuneration',
      aidForm: 'labourArbitration',
      opposingParty: '某建筑公司',
      familyMembers: [],
      monthlyIncome: 1200,
      pledge: true,
    },
  });
  assert.equal(applied.statusCode, 201, applied.body);
  const c = await t.db
    .selectFrom('aid_cases as c')
    .innerJoin('service_requests as r', 'r.id', 'c.request_id')
    .select(['c.id', 'c.request_id'])
    .where('r.tracking_no', '=', applied.json().trackingNo)
    .executeTakeFirstOrThrow();
  assert.deepEqual(await told(c.id), each('aidApplication', 'sl-admin', `station-${SHILI}`), 'the station’s legal aid desk');
  const notice = (await inbox(station, '&category=legalAid')).items.find((n) => n.target?.id === c.id)!;
  assert.deepEqual(notice.target, { type: 'aidCase', id: c.id });
  assert.equal(notice.link, `/legal-aid/${c.id}`);

  const act = async (who: Session, action: string, body: Record<string, unknown>) => {
    const current = (await t.as(who, { url: `/api/v1/legal-aid/cases/${c.id}` })).json();
    const res = await t.as(who, {
      method: 'POST',
      url: `/api/v1/legal-aid/cases/${c.id}/${action}`,
      payload: { version: current.version, ...body },
    });
    assert.equal(res.statusCode, 200, `${action}: ${res.body}`);
  };
  await act(station, 'first-review', { opinion: 'recommendGrant', note: '情况属实' });
  assert.deepEqual(
    await told(c.id, ['aidForwarded']),
    each('aidForwarded', 'admin', 'legalaid'),
    'the county’s legal aid desk, not its reception',
  );
  assert.equal(
    (await inbox(legalaid, '&category=legalAid')).items.find((n) => n.kind === 'aidForwarded' && n.target?.id === c.id)?.link,
    `/legal-aid/${c.id}`,
  );

  await act(legalaid, 'decide', { decision: 'grant', reason: '符合条件' });
  await act(legalaid, 'assign', { providerId: withAccount!.id });
  assert.deepEqual(await told(c.id, ['aidAssigned']), each('aidAssigned', 'wang-lawyer'));
  const lawyer = await t.login('wang-lawyer');
  const opened = (await inbox(lawyer)).items.find((n) => n.kind === 'aidAssigned')!;
  assert.equal(opened.link, `/legal-aid/${c.id}`);
  assert.equal(
    (await t.as(lawyer, { url: opened.link!.replace('/legal-aid/', '/api/v1/legal-aid/cases/') })).statusCode,
    200,
    'the lawyer opens it',
  );

  // a lawyer without an account: texted where the county texts its staff
  await setSms(true, []);
  const before = await outboxCount();
  await act(legalaid, 'change-provider', { providerId: withoutAccount!.id, reason: '王律师回避' });
  const texts = await t.db
    .selectFrom('outbox')
    .select(['recipient_enc', 'recipient_staff_id', 'template'])
    .where('request_id', '=', c.request_id)
    .where('template', '=', 'staffNotice')
    .execute();
  assert.equal(texts.length, 1);
  assert.equal(t.cipher.decrypt(texts[0]!.recipient_enc!), '13800006666');
  assert.equal(await outboxCount(), before + 2, 'the lawyer’s text and the citizen’s');
  await setSms(false, []);
});

test('a hotline swap tells the colleague asked, and opens the roster', async () => {
  const consult = await t.login('consult');
  const lawyer = await t.login('lawyer');
  const shift = await t.as(consult, {
    method: 'POST',
    url: '/api/v1/hotline/roster',
    payload: { day: '2031-03-03', shift: 'am', staffId: lawyer.user.id },
  });
  assert.equal(shift.statusCode, 201, shift.body);
  const swap = await t.as(lawyer, {
    method: 'POST',
    url: `/api/v1/hotline/roster/${shift.json().id}/swaps`,
    payload: { toStaffId: consult.user.id, reason: '出庭' },
  });
  assert.equal(swap.statusCode, 201, swap.body);
  const notices = (await inbox(consult, '&category=hotline')).items.filter((n) => n.target?.id === String(swap.json().id));
  assert.equal(notices.length, 1);
  assert.deepEqual(notices[0]!.target, { type: 'hotlineSwap', id: String(swap.json().id) });
  assert.equal(notices[0]!.link, '/hotline/roster');
});

test('unread counts per menu; each person’s read state is their own; a menu can be marked read at once', async () => {
  const a = await seedDispatched(t);
  const b = await seedDispatched(t);
  await t.as(admin, { method: 'POST', url: `/api/v1/requests/${b.id}/supervision`, payload: { instruction: '请尽快受理', days: 2 } });
  const mine = await inbox(slMediator);
  const total = Object.values(mine.unreadByCategory).reduce((x, y) => x + y, 0);
  assert.equal(mine.unread, total);
  assert.equal(mine.unreadByCategory.requests, mine.items.filter((n) => n.category === 'requests' && !n.readAt).length);
  assert.ok(mine.unreadByCategory.supervision! >= 1);

  const noticeA = mine.items.find((n) => n.requestId === a.id)!;
  const stationBefore = await inbox(station);
  const read = await t.as(slMediator, { method: 'POST', url: `/api/v1/notifications/${noticeA.id}/read` });
  assert.equal(read.statusCode, 204, read.body);
  const after1 = await inbox(slMediator);
  assert.equal(after1.unreadByCategory.requests, mine.unreadByCategory.requests! - 1);
  assert.ok(after1.items.find((n) => n.id === noticeA.id)!.readAt);
  const stationAfter = await inbox(station);
  assert.deepEqual(stationAfter.unreadByCategory, stationBefore.unreadByCategory, 'the colleague’s copy stays unread');
  assert.equal(stationAfter.items.find((n) => n.requestId === a.id)!.readAt, null);
  expectError(await t.as(station, { method: 'POST', url: `/api/v1/notifications/${noticeA.id}/read` }), 404, 'NOT_FOUND');

  const cleared = await t.as(slMediator, { method: 'POST', url: '/api/v1/notifications/all/read?category=requests' });
  assert.equal(cleared.statusCode, 204, cleared.body);
  const after2 = await inbox(slMediator);
  assert.equal(after2.unreadByCategory.requests, 0);
  assert.equal(after2.unreadByCategory.supervision, mine.unreadByCategory.supervision, 'other menus untouched');
  assert.equal((await inbox(slMediator, '&unread=true&category=supervision')).items.length, mine.unreadByCategory.supervision);
  expectError(
    await t.as(slMediator, { method: 'POST', url: '/api/v1/notifications/all/read?category=nonsense' }),
    400,
    'VALIDATION_FAILED',
  );
});

// --- texts to staff ----------------------------------------------------------------------------------------

async function setSms(staffSms: boolean, kinds: string[]) {
  const now = (await t.as(admin, { url: '/api/v1/notification-settings' })).json();
  const res = await t.as(admin, {
    method: 'PUT',
    url: '/api/v1/notification-settings',
    payload: { staffSms, kinds, version: now.version },
  });
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
}
const outboxCount = async () =>
  Number(
    (
      await t.db
        .selectFrom('outbox')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const staffTexts = (requestId: string) =>
  t.db
    .selectFrom('outbox as o')
    .innerJoin('staff as s', 's.id', 'o.recipient_staff_id')
    .select(['s.username', 'o.template', 'o.payload', 'o.recipient_enc', 'o.id'])
    .where('o.request_id', '=', requestId)
    .execute();

test('texts to staff: none by default; with the county’s setting on, exactly one per notice to those with a mobile; only the kinds chosen', async () => {
  const off = await seedDispatched(t);
  assert.equal((await told(off.id)).length, 3);
  assert.deepEqual(await staffTexts(off.id), [], 'off by default');

  const on = await setSms(true, []);
  assert.equal(on.staffSms, true);
  const r = await seedDispatched(t);
  const texts = await staffTexts(r.id);
  // sl-admin and sl-mediator have no phone on file: told in the workbench only
  assert.deepEqual(texts.map((x) => x.username).sort(), [`station-${SHILI}`]);
  assert.equal(texts[0]!.template, 'staffNotice');
  assert.equal(texts[0]!.recipient_enc, null, 'the phone is read when it is sent');
  assert.match((texts[0]!.payload as { title: string }).title, /新工单/);
  // a notice given again (another scanner instance) texts nobody again
  const due = (await t.db.selectFrom('service_requests').select('due_at').where('id', '=', r.id).executeTakeFirstOrThrow()).due_at!;
  await Promise.all([scanDueStates(t.db, new Date(due.getTime() + 60_000)), scanDueStates(t.db, new Date(due.getTime() + 60_000))]);
  const overdueTexts = (await staffTexts(r.id)).filter((x) => /超期/.test((x.payload as { title: string }).title));
  assert.deepEqual(
    overdueTexts.map((x) => x.username).sort(),
    ['admin', `station-${SHILI}`, 'supervisor'],
    'one per overdue notice with a phone',
  );

  // sent to the phone the staff member has now
  const sent: OutgoingMessage[] = [];
  const sms: ChannelAdapter = { send: async (m) => (sent.push(m), {}) };
  await t.db
    .updateTable('outbox')
    .set({ status: 'sent' })
    .where('recipient_staff_id', 'is', null)
    .where('status', '=', 'pending')
    .execute();
  await deliverDue(t.db, t.cipher, { sms }, 100);
  const stationPhone = (await t.db.selectFrom('staff').select('phone').where('username', '=', `station-${SHILI}`).executeTakeFirstOrThrow())
    .phone;
  assert.ok(sent.some((m) => m.recipient === stationPhone && m.id === Number(texts[0]!.id)));

  await setSms(true, ['overdue']);
  const chosen = await seedDispatched(t);
  assert.deepEqual(await staffTexts(chosen.id), [], 'a new request is not among the kinds chosen');

  await setSms(false, []);
  const offAgain = await seedDispatched(t);
  assert.deepEqual(await staffTexts(offAgain.id), []);
});

test('the setting is the county administrators’: others 403, a stale version 409, an unknown kind 400; changes are audited', async () => {
  const townAdmin = await seedTownAdmin(t, admin, ZHAIHE);
  expectError(await t.as(townAdmin, { url: '/api/v1/notification-settings' }), 403, 'FORBIDDEN');
  expectError(await t.as(reception, { url: '/api/v1/notification-settings' }), 403, 'FORBIDDEN');
  expectError(await t.as(null, { url: '/api/v1/notification-settings' }), 401, 'UNAUTHENTICATED');
  const now = (await t.as(admin, { url: '/api/v1/notification-settings' })).json();
  const put = (who: Session, payload: object) => t.as(who, { method: 'PUT', url: '/api/v1/notification-settings', payload });
  expectError(await put(townAdmin, { staffSms: true, kinds: [], version: now.version }), 403, 'FORBIDDEN');
  expectError(await put(admin, { staffSms: true, kinds: ['nonsense'], version: now.version }), 400, 'VALIDATION_FAILED');
  expectError(await put(admin, { staffSms: true, kinds: [], version: now.version + 5 }), 409, 'VERSION_CONFLICT');
  const after = (await t.as(admin, { url: '/api/v1/notification-settings' })).json();
  assert.deepEqual(after, now, 'nothing changed');
  const audited = await t.db.selectFrom('audit_log').select('action').where('action', '=', 'notify.settings.update').execute();
  assert.ok(audited.length >= 1);
});

test('a step that sends nothing anew tells nobody', async () => {
  const r = await seedDispatched(t);
  const first = (await told(r.id)).length;
  await stepOk(t, station, r.id, 'accept');
  await stepOk(t, station, r.id, 'request-materials', { items: ['身份证复印件'] });
  await stepOk(t, station, r.id, 'resume');
  await stepOk(t, station, r.id, 'conclude', { result: '已调解成功' });
  assert.equal((await told(r.id)).length, first);
  // a refused step tells nobody either
  const s = await seedDispatched(t);
  const before = (await told(s.id)).length;
  assert.notEqual((await step(t, slReception, s.id, 'accept')).statusCode, 200);
  assert.equal((await told(s.id)).length, before);
});

test('an overseer’s reassign tells the new addressees; taking a request over oneself tells nobody', async () => {
  const r = await seedDispatched(t);
  const before = (await told(r.id)).length;
  await stepOk(t, admin, r.id, 'reassign', { siteId: roomSite, post: 'villageAdviser', reason: '改由村法律顾问就近办理' });
  assert.deepEqual(await told(r.id, ['reassigned']), each('reassigned', `room-${WUMING}`));
  const notice = (await inbox(room)).items.find((n) => n.requestId === r.id && n.kind === 'reassigned')!;
  assert.equal(notice.link, `/requests/${r.id}`);
  await stepOk(t, admin, r.id, 'take-over', { reason: '由本人直接办理' });
  assert.equal((await told(r.id)).length, before + 1, 'the overseer took it on: nobody else waits on it');
});
