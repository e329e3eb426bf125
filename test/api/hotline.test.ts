import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type Session, type TestApp } from '../helpers/app.js';
import { assertError } from '../helpers/http.js';
import { TEST_HOTLINE_SECRET } from '../helpers/db.js';
import { sign } from '../../server/modules/hotline/calls.service.js';

/*
 * The 12348 hotline: the duty roster and swaps, calls opened by the telephony system's signed events and
 * completed by the lawyer, a call turned into a service request, and the month's figures per lawyer.
 */

let t: TestApp;
let consult: Session; // 中心法律咨询: manages the roster
let lawyer: Session; // 12348值班律师
let legalAid: Session;
before(async () => {
  t = await startTestApp();
  consult = await t.login('consult');
  lawyer = await t.login('lawyer');
  legalAid = await t.login('legalaid');
});
after(() => t.close());

const event = (body: object, signature: string | null = sign(TEST_HOTLINE_SECRET, JSON.stringify(body))) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/hotline/events',
    headers: { 'content-type': 'application/json', ...(signature ? { 'x-legalhub-signature': signature } : {}) },
    payload: JSON.stringify(body),
  });

test('the roster: a manager puts lawyers on shifts; a lawyer asks a colleague to swap, the colleague accepts, the shift is theirs', async () => {
  const staff = (await t.as(consult, { url: '/api/v1/hotline/staff' })).json() as { id: string; name: string }[];
  const lawyerId = staff.find((s) => s.name === '12348值班律师')!.id;
  const consultId = staff.find((s) => s.name === '中心法律咨询')!.id;
  const add = (who: Session, body: object) => t.as(who, { method: 'POST', url: '/api/v1/hotline/roster', payload: body });
  const shift = await add(consult, { day: '2026-12-01', shift: 'am', staffId: lawyerId });
  assert.equal(shift.statusCode, 201, shift.body);
  assertError(await add(consult, { day: '2026-12-01', shift: 'am', staffId: lawyerId }), 409, 'HOTLINE_ROSTER_CONFLICT');
  assertError(await add(legalAid, { day: '2026-12-02', shift: 'am', staffId: lawyerId }), 403, 'FORBIDDEN');
  const station = (await t.login('station-411522101')).user.id;
  assertError(await add(consult, { day: '2026-12-02', shift: 'am', staffId: station }), 422, 'HOTLINE_STAFF_INVALID');
  assertError(await add(consult, { day: '2026-13-01', shift: 'am', staffId: lawyerId }), 400, 'VALIDATION_FAILED');

  const swap = await t.as(lawyer, {
    method: 'POST',
    url: `/api/v1/hotline/roster/${shift.json().id}/swaps`,
    payload: { toStaffId: consultId, reason: '当天要出庭' },
  });
  assert.equal(swap.statusCode, 201, swap.body);
  const listed = (await t.as(consult, { url: '/api/v1/hotline/roster?from=2026-12-01&to=2026-12-07' })).json();
  assert.equal(listed[0].swap.reason, '当天要出庭');
  assert.equal(listed[0].day, '2026-12-01', 'a day as the calendar writes it, on both engines');
  assertError(await t.as(lawyer, { method: 'POST', url: `/api/v1/hotline/swaps/${swap.json().id}/accept` }), 403, 'FORBIDDEN');
  const accepted = await t.as(consult, { method: 'POST', url: `/api/v1/hotline/swaps/${swap.json().id}/accept` });
  assert.equal(accepted.statusCode, 204, accepted.body);
  const swapTitle = (await t.as(consult, { url: '/api/v1/notifications?limit=50' }))
    .json()
    .items.find((x: { kind: string }) => x.kind === 'hotlineSwap');
  assert.match(swapTitle.title, /2026-12-01 上午/);
  const after = (await t.as(consult, { url: '/api/v1/hotline/roster?from=2026-12-01&to=2026-12-01' })).json();
  assert.deepEqual(
    after.map((e: { staff: { name: string }; swap: unknown }) => [e.staff.name, e.swap]),
    [['中心法律咨询', null]],
  );
  // a swap asked for and withdrawn before the answer
  const pm = await add(consult, { day: '2026-12-02', shift: 'pm', staffId: lawyerId });
  const asked = await t.as(lawyer, {
    method: 'POST',
    url: `/api/v1/hotline/roster/${pm.json().id}/swaps`,
    payload: { toStaffId: consultId, reason: '临时有事' },
  });
  assertError(await t.as(legalAid, { method: 'POST', url: `/api/v1/hotline/swaps/${asked.json().id}/cancel` }), 403, 'FORBIDDEN');
  assert.equal((await t.as(lawyer, { method: 'POST', url: `/api/v1/hotline/swaps/${asked.json().id}/cancel` })).statusCode, 204);
  assertError(await t.as(consult, { method: 'POST', url: `/api/v1/hotline/swaps/${asked.json().id}/accept` }), 422, 'HOTLINE_SWAP_INVALID');
  const told = (await t.as(lawyer, { url: '/api/v1/notifications?limit=50' })).json().items as { kind: string; title: string }[];
  assert.ok(
    told.some((n) => n.kind === 'hotlineSwap' && n.title.includes('已同意')),
    JSON.stringify(told),
  );
});

test('signed events open and close calls; unsigned or forged ones are refused and change nothing', async () => {
  const started = { type: 'call.started', callId: 'pbx-1001', at: '2026-11-20T09:15:00+08:00', caller: '13911112222', agent: 'lawyer' };
  assertError(await event(started, null), 401, 'HOTLINE_SIGNATURE_INVALID');
  assertError(await event(started, 't=1,v1=00'), 401, 'HOTLINE_SIGNATURE_INVALID');
  assertError(await event(started, sign('another-secret-of-enough-length', JSON.stringify(started))), 401, 'HOTLINE_SIGNATURE_INVALID');
  assert.equal((await t.db.selectFrom('hotline_calls').select('id').where('external_id', '=', 'pbx-1001').execute()).length, 0);

  const opened = await event(started);
  assert.equal(opened.statusCode, 202, opened.body);
  assert.equal((await event(started)).json().id, opened.json().id, 'the same call once');
  const ended = await event({
    type: 'call.ended',
    callId: 'pbx-1001',
    at: '2026-11-20T09:21:30+08:00',
    answered: true,
    durationSeconds: 390,
  });
  assert.equal(ended.statusCode, 202);
  const call = (await t.as(lawyer, { url: `/api/v1/hotline/calls/${opened.json().id}` })).json();
  assert.equal(call.callerPhone, '139****2222', 'the number is masked');
  assert.equal(call.durationSeconds, 390);
  assert.equal(call.staff.name, '12348值班律师');
  assert.equal(call.outcome, null, 'answered: the lawyer says how it ended');
  const row = await t.db.selectFrom('hotline_calls').select(['caller_phone_enc']).where('id', '=', call.id).executeTakeFirstOrThrow();
  assert.ok(!row.caller_phone_enc!.includes('13911112222'), 'sealed at rest');

  const done = await t.as(lawyer, {
    method: 'PATCH',
    url: `/api/v1/hotline/calls/${call.id}`,
    payload: {
      version: call.version,
      category: 'labour',
      summary: '工地欠薪三个月',
      answer: '告知可申请劳动仲裁并申请法律援助',
      outcome: 'answered',
      satisfaction: 5,
    },
  });
  assert.equal(done.statusCode, 200, done.body);
  assert.equal(done.json().durationSeconds, 390, 'the telephony system’s duration kept');
  assertError(
    await t.as(lawyer, {
      method: 'PATCH',
      url: `/api/v1/hotline/calls/${call.id}`,
      payload: { version: done.json().version, outcome: 'transferred' },
    }),
    400,
    'VALIDATION_FAILED',
  );

  // nobody picked up
  await event({ type: 'call.started', callId: 'pbx-1002', at: '2026-11-20T12:30:00+08:00', caller: '13911112222', agent: 'lawyer' });
  await event({ type: 'call.ended', callId: 'pbx-1002', at: '2026-11-20T12:31:00+08:00', answered: false, durationSeconds: 0 });
  const missed = (await t.as(lawyer, { url: '/api/v1/hotline/calls?from=2026-11-20&to=2026-11-20&outcome=missed' })).json().items;
  assert.equal(missed.length, 1);
  assert.equal(missed[0].repeatCaller, true, 'the same number rang before');
});

test('a call that needs more becomes a service request on the hotline channel, linked both ways', async () => {
  const logged = await t.as(lawyer, {
    method: 'POST',
    url: '/api/v1/hotline/calls',
    payload: {
      startedAt: '2026-11-21T10:00:00+08:00',
      durationSeconds: 600,
      callerPhone: '13933334444',
      summary: '邻里宅基地纠纷，要求调解',
    },
  });
  assert.equal(logged.statusCode, 201, logged.body);
  const call = logged.json();
  const made = await t.as(lawyer, {
    method: 'POST',
    url: `/api/v1/hotline/calls/${call.id}/request`,
    payload: {
      version: call.version,
      serviceItem: 'mediation',
      name: '陈大爷',
      regionCode: '411522101203',
      description: '与邻居宅基地界线纠纷，要求村调委会调解',
    },
  });
  assert.equal(made.statusCode, 200, made.body);
  const linked = made.json();
  assert.equal(linked.outcome, 'request');
  assert.ok(linked.trackingNo);
  const request = await t.db
    .selectFrom('service_requests')
    .select(['channel', 'service_item', 'requester_phone_masked'])
    .where('id', '=', linked.requestId)
    .executeTakeFirstOrThrow();
  assert.deepEqual(request, { channel: 'hotline', service_item: 'mediation', requester_phone_masked: '139****4444' });
  assertError(
    await t.as(lawyer, {
      method: 'POST',
      url: `/api/v1/hotline/calls/${call.id}/request`,
      payload: { version: linked.version, serviceItem: 'mediation', name: '陈大爷', regionCode: '411522101203', description: '再转一次' },
    }),
    409,
    'VERSION_CONFLICT',
  );
});

test('the month’s figures per lawyer: calls, answer rate, handling time, satisfaction; managers only', async () => {
  const figures = await t.as(consult, { url: '/api/v1/hotline/figures?month=2026-11' });
  assert.equal(figures.statusCode, 200, figures.body);
  const body = figures.json();
  const mine = body.people.find((p: { staff: { name: string } | null }) => p.staff?.name === '12348值班律师');
  assert.equal(mine.calls, 3);
  assert.equal(mine.answered, 2, 'answered + turned into a request');
  assert.equal(mine.missed, 1);
  assert.equal(mine.answerRate, 0.667);
  assert.equal(mine.averageHandlingSeconds, 495);
  assert.equal(mine.satisfaction, 5);
  assert.equal(body.total.calls, 3);
  assertError(await t.as(legalAid, { url: '/api/v1/hotline/figures?month=2026-11' }), 403, 'FORBIDDEN');
  assertError(await t.as(consult, { url: '/api/v1/hotline/figures?month=2026-13' }), 400, 'VALIDATION_FAILED');
});
