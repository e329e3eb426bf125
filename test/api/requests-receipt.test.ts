import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type Session, type TestApp } from '../helpers/app.js';
import { loadCalendar } from '../../server/modules/timelimits/calendar.service.js';
import { dayOf } from '../../server/modules/timelimits/days.js';
import { addCalendarDays } from '../../server/modules/timelimits/rules.js';
import { expectError, seedDispatched, seedSubmittedAtDesk, siteIdOf, stepOk, SHILI, ZHAIHE, loginAll } from '../helpers/requests.js';

let t: TestApp;
let reception: Session;
let station: Session;
let otherStation: Session;
let centerName: string;
before(async () => {
  t = await startTestApp();
  [reception, station, otherStation] = await loginAll(t, ['reception', `station-${SHILI}`, `station-${ZHAIHE}`] as const);
  centerName = (await t.db.selectFrom('sites').select('name').where('kind', '=', 'center').executeTakeFirstOrThrow()).name;
});
after(() => t.close());

interface Receipt {
  trackingNo: string;
  trackingNoFormatted: string;
  serviceItemName: string;
  requesterName: string;
  requesterPhone: string;
  receivedSiteName: string;
  receivedByName: string;
  dueAt: string | null;
  lastDay: string | null;
  timeLimit: { unit: string; days: number };
  trackUrl: string;
  qrSvg: string;
}
const receipt = async (who: Session, id: string) => {
  const res = await t.as(who, { url: `/api/v1/requests/${id}/receipt` });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as Receipt;
};

test('a desk receipt: the formatted tracking number, who took it where, the last day of the limit and a QR code of the tracking page', async () => {
  const r = await seedSubmittedAtDesk(t, reception, { serviceItem: 'legalAid', name: '张三', phone: '13912348888' });
  const slip = await receipt(reception, r.id);

  assert.equal(slip.trackingNo, r.trackingNo);
  assert.equal(slip.trackingNoFormatted, `${r.trackingNo.slice(0, 6)}-${r.trackingNo.slice(6, 10)}-${r.trackingNo.slice(10)}`);
  assert.equal(slip.serviceItemName, '法律援助');
  assert.equal(slip.requesterName, '张三');
  assert.equal(slip.requesterPhone, '139****8888', 'a receipt lies on counters: the phone is masked');
  assert.equal(slip.receivedSiteName, centerName);
  assert.equal(slip.receivedByName, '中心综合接待');

  const expectedLastDay = addCalendarDays(await loadCalendar(t.db), dayOf(new Date(r.view.startedAt)), 7);
  assert.equal(slip.lastDay, expectedLastDay, 'legal aid: 7 calendar days, rolled past rest days');
  assert.equal(slip.dueAt, r.view.dueAt);
  assert.deepEqual([slip.timeLimit.unit, slip.timeLimit.days], ['calendar', 7], 'the limit itself is printed next to its last day');
  assert.equal(slip.lastDay, dayOf(new Date(Date.parse(slip.dueAt!) - 1)), 'the period ends at 24:00 of the last day');

  assert.ok(slip.qrSvg.startsWith('<svg'), slip.qrSvg.slice(0, 40));
  assert.ok(slip.qrSvg.trimEnd().endsWith('</svg>'));
  assert.match(slip.trackUrl, /^https?:\/\/[^/]+\/track\?no=/);
  assert.ok(slip.trackUrl.includes(r.trackingNo), 'the code opens this request’s tracking page');
  assert.ok(
    !slip.trackUrl.includes('13912348888') && !slip.trackUrl.includes('8888'),
    'the phone is asked on the page, never put in the code',
  );
  assert.ok(!slip.qrSvg.includes('13912348888'));
});

test('the number as printed on the receipt (dashes, lower case) finds the request on the tracking page', async () => {
  const r = await seedSubmittedAtDesk(t, reception);
  const printed = (await receipt(reception, r.id)).trackingNoFormatted;
  const res = await t.app.inject({ url: `/api/v1/public/requests/${printed.toLowerCase()}?phone=${r.phone}` });
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(res.json().trackingNo, r.trackingNo);
});

test('a receipt printed again after the request moved on still names the person who took it', async () => {
  const r = await seedSubmittedAtDesk(t, reception);
  await stepOk(t, reception, r.id, 'dispatch', { siteId: await siteIdOf(t, 'station', SHILI), post: 'mediator' });
  await stepOk(t, station, r.id, 'accept');
  const again = await receipt(station, r.id);
  assert.equal(again.receivedSiteName, centerName);
  assert.equal(
    again.receivedByName,
    '中心综合接待',
    'receipt.service.ts names the current owner (owner_id passes to the handler on acceptance), not received_by',
  );
});

test('an online request’s receipt names the county center as the desk and no person', async () => {
  const r = await seedDispatched(t);
  const online = await receipt(station, r.id);
  assert.equal(online.receivedSiteName, centerName);
  assert.equal(online.receivedByName, '');
  await stepOk(t, station, r.id, 'accept');
  assert.equal((await receipt(station, r.id)).receivedByName, '', 'accepting it does not make the handler its receiver');
});

test('another town cannot print the receipt: 404', async () => {
  const r = await seedDispatched(t);
  expectError(await t.as(otherStation, { url: `/api/v1/requests/${r.id}/receipt` }), 404, 'NOT_FOUND');
  expectError(await t.app.inject({ url: `/api/v1/requests/${r.id}/receipt` }), 401, 'UNAUTHENTICATED');
});
