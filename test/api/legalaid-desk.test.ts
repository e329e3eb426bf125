import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type Session, type TestApp } from '../helpers/app.js';
import { assertError } from '../helpers/http.js';

/* The desks: a village room files for a villager; the lists, the clocks, the documents and what handlers see. */

let t: TestApp;
let room: Session;
let otherRoom: Session;
let station: Session;
let admin: Session;
before(async () => {
  t = await startTestApp();
  room = await t.login('room-411522101203');
  otherRoom = await t.login('room-411522101204');
  station = await t.login('station-411522101');
  admin = await t.login('admin');
});
after(() => t.close());

const PHONE = '13988889999';
const PROXY = '13722223333';
const application = (more: Record<string, unknown> = {}) => ({
  name: '刘桂芝',
  phone: PHONE,
  address: '光山县十里镇某村三组18号',
  regionCode: '411522101203',
  description: '老伴去世后两个儿子都不给赡养费，本人七十八岁。',
  channel: 'walk_in',
  applicantKind: 'guardian',
  proxy: { name: '刘小红', relation: '女儿', phone: PROXY },
  matterCategory: 'maintenance',
  aidForm: 'litigationAgency',
  opposingParty: '刘大军',
  familyMembers: [],
  monthlyIncome: 300,
  ...more,
});

test('a village room files an application for a villager and gets the case as it may read it; it finds it in its list', async () => {
  const res = await t.as(room, { method: 'POST', url: '/api/v1/legal-aid/cases', payload: application() });
  assert.equal(res.statusCode, 201, res.body);
  const c = res.json();
  assert.equal(c.stage, 'firstReview');
  assert.equal(c.handles, false);
  assert.deepEqual(c.allowedActions, []);
  assert.deepEqual(c.documents, ['application', 'receipt']);
  assert.ok(
    c.timeline.every((e: { public: boolean }) => e.public),
    'the public steps only',
  );
  assert.ok(c.firstReviewClock.dueAt, "the station's first-review period runs");

  assert.equal((await t.as(room, { url: `/api/v1/legal-aid/cases/${c.id}` })).statusCode, 200);
  const list = (await t.as(room, { url: '/api/v1/legal-aid/cases?queue=all' })).json();
  assert.deepEqual(
    list.items.map((i: { id: string }) => i.id),
    [c.id],
    'the applications it took down',
  );
  assertError(await t.as(otherRoom, { url: `/api/v1/legal-aid/cases/${c.id}` }), 404, 'NOT_FOUND');
  assert.equal((await t.as(otherRoom, { url: '/api/v1/legal-aid/cases?queue=all' })).json().total, 0);
  assertError(await t.as(room, { method: 'POST', url: `/api/v1/legal-aid/cases/${c.id}/reveal-phone` }), 403, 'FORBIDDEN');
  assertError(
    await t.as(room, {
      method: 'POST',
      url: `/api/v1/legal-aid/cases/${c.id}/first-review`,
      payload: { version: c.version, opinion: 'recommendGrant', note: '' },
    }),
    403,
    'FORBIDDEN',
  );
  assertError(await t.as(room, { url: `/api/v1/legal-aid/cases/${c.id}/documents/decision` }), 409, 'INVALID_TRANSITION');
  assert.equal((await t.as(room, { url: `/api/v1/legal-aid/cases/${c.id}/documents/receipt` })).statusCode, 200);

  // the station that reviews it sees it with its steps, the address, and reveals the proxy's phone on the record
  const s = (await t.as(station, { url: `/api/v1/legal-aid/cases/${c.id}` })).json();
  assert.equal(s.handles, true);
  assert.ok(s.allowedActions.includes('firstReview'));
  assert.equal(s.applicantAddress, '光山县十里镇某村三组18号');
  assert.equal(s.proxy.phoneMasked.includes(PROXY), false);
  assert.ok(
    s.timeline.some((e: { type: string }) => e.type === 'aidApplied'),
    'the timeline comes with the case',
  );
  const revealed = await t.as(station, { method: 'POST', url: `/api/v1/legal-aid/cases/${c.id}/reveal-proxy-phone` });
  assert.equal(revealed.statusCode, 200, revealed.body);
  assert.equal(revealed.json().phone, PROXY);
  const audit = await t.db
    .selectFrom('audit_log')
    .select('action')
    .where('entity_id', '=', c.id)
    .where('action', '=', 'aidCase.revealProxyPhone')
    .execute();
  assert.equal(audit.length, 1);
  assertError(await t.as(otherRoom, { method: 'POST', url: `/api/v1/legal-aid/cases/${c.id}/reveal-proxy-phone` }), 404, 'NOT_FOUND');
});

test('list items carry the masked phone and the handling site; search by part of a name or number; filter by matter and stage', async () => {
  const a = (await t.as(station, { method: 'POST', url: '/api/v1/legal-aid/cases', payload: application({ name: '欧阳春花' }) })).json();
  const b = (
    await t.as(station, {
      method: 'POST',
      url: '/api/v1/legal-aid/cases',
      payload: application({
        name: '欧阳秋月',
        matterCategory: 'workInjury',
        aidForm: 'labourArbitration',
        proxy: undefined,
        applicantKind: 'self',
      }),
    })
  ).json();
  const list = (await t.as(station, { url: '/api/v1/legal-aid/cases?queue=all&search=欧阳' })).json();
  assert.deepEqual(list.items.map((i: { id: string }) => i.id).sort(), [a.id, b.id].sort());
  const item = list.items.find((i: { id: string }) => i.id === a.id);
  assert.equal(item.phoneMasked.includes(PHONE), false);
  assert.match(item.phoneMasked, /^139\*+9999$|^139.*9999$/);
  assert.equal(item.siteName, '十里镇公共法律服务工作站');
  assert.ok(item.dueAt, 'first review has a due date in the queue');

  const part = a.trackingNo.slice(2, 9);
  const byNumber = (await t.as(station, { url: `/api/v1/legal-aid/cases?queue=all&search=${part}` })).json();
  assert.ok(
    byNumber.items.some((i: { id: string }) => i.id === a.id),
    'part of the tracking number',
  );
  const injury = (await t.as(station, { url: '/api/v1/legal-aid/cases?queue=all&search=欧阳&matterCategory=workInjury' })).json();
  assert.deepEqual(
    injury.items.map((i: { id: string }) => i.id),
    [b.id],
  );
  const review = (await t.as(station, { url: '/api/v1/legal-aid/cases?queue=all&search=欧阳&stage=review' })).json();
  assert.equal(review.total, 0);
  assertError(await t.as(station, { url: '/api/v1/legal-aid/cases?matterCategory=nope' }), 400, 'VALIDATION_FAILED');
  const percent = await t.as(station, { url: '/api/v1/legal-aid/cases?queue=all&search=%25' });
  assert.equal(percent.json().total, 0, 'a % is taken literally');
});

test('the first-review period is the county setting (3 working days by default), editable; due soon and overdue show in the queue', async () => {
  const settings = (await t.as(admin, { url: '/api/v1/legal-aid/settings' })).json();
  assert.deepEqual(settings.firstReviewPolicy, { unit: 'working', days: 3, dueSoonDays: 1 });
  const patched = await t.as(admin, {
    method: 'PATCH',
    url: '/api/v1/legal-aid/settings',
    payload: { version: settings.version, firstReviewPolicy: { unit: 'working', days: 0, dueSoonDays: 1 } },
  });
  assert.equal(patched.statusCode, 200, patched.body);
  assert.equal(patched.json().firstReviewPolicy.days, 0);
  const c = (await t.as(station, { method: 'POST', url: '/api/v1/legal-aid/cases', payload: application({ name: '今日到期' }) })).json();
  assert.equal(c.firstReviewClock.state === 'normal', false, 'due today: due soon (or overdue after hours)');
  await t.db
    .updateTable('aid_cases')
    .set({ first_review_due_at: new Date(Date.now() - 86_400_000) })
    .where('id', '=', c.id)
    .execute();
  const item = (await t.as(station, { url: '/api/v1/legal-aid/cases?queue=firstReview&search=今日到期' })).json().items[0];
  assert.equal(item.dueState, 'overdue');
  const back = await t.as(admin, {
    method: 'PATCH',
    url: '/api/v1/legal-aid/settings',
    payload: { version: patched.json().version, firstReviewPolicy: { unit: 'working', days: 3, dueSoonDays: 1 } },
  });
  assert.equal(back.statusCode, 200);
  assertError(
    await t.as(admin, {
      method: 'PATCH',
      url: '/api/v1/legal-aid/settings',
      payload: { version: back.json().version, firstReviewPolicy: { unit: 'fortnight', days: 3, dueSoonDays: 1 } },
    }),
    400,
    'VALIDATION_FAILED',
  );

  // the materials deadline has its own state; the case lists its documents and the archive's items
  let m = (await t.as(station, { method: 'POST', url: '/api/v1/legal-aid/cases', payload: application({ name: '补材料' }) })).json();
  m = (
    await t.as(station, {
      method: 'POST',
      url: `/api/v1/legal-aid/cases/${m.id}/request-materials`,
      payload: { version: m.version, items: ['户口簿'] },
    })
  ).json();
  assert.equal(m.materialsClock.state, 'normal');
  assert.ok(m.documents.includes('materialsNotice'));
  assert.equal(m.archiveItems.length, 8);
  assert.equal(m.firstReviewClock, null, 'paused while waiting for materials');
  m = (
    await t.as(station, { method: 'POST', url: `/api/v1/legal-aid/cases/${m.id}/materials-received`, payload: { version: m.version } })
  ).json();
  assert.equal(m.stage, 'firstReview');
  assert.ok(m.firstReviewClock.dueAt, 'a fresh first-review period');
});
