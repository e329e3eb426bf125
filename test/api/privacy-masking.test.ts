import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { startTestApp, type Session, type TestApp } from '../helpers/app.js';
import { freshAddress, freshPhone, idNumber, loginAll, seedAccepted, stepOk, WUMING } from '../helpers/requests.js';

/*
 * Masking in lists and exports: a citizen's phone and ID number, a proxy's phone, a caller's number and a legal
 * aid lawyer's phone go through every list, export and the audit log (whose before/after snapshots can never be
 * removed). None of them may show in full there — not even to the person handling the request, who sees the
 * full phone on the request's own page (audited reveals aside).
 */

let t: TestApp;
let admin: Session;
let station: Session;
let lawyer: Session;
let legalAid: Session;
let consult: Session;

const CITIZEN = { phone: freshPhone(), id: idNumber('19620909', '517') };
const PROXY_PHONE = freshPhone();
const CALLER = freshPhone();
const PROVIDER_PHONE = '13677778888';
const SECRETS = [CITIZEN.phone, CITIZEN.id, PROXY_PHONE, CALLER];

before(async () => {
  t = await startTestApp();
  [admin, station, lawyer, legalAid, consult] = await loginAll(t, ['admin', 'station-411522101', 'lawyer', 'legalaid', 'consult'] as const);
  // a mediation the station handles (so its lists are the handler's), concluded and rated badly (a rectification
  // and a follow-up call come of it), and supervised
  const r = await seedAccepted(t, station, { phone: CITIZEN.phone, idNumber: CITIZEN.id, address: '十里镇吴明村一组1号' });
  const order = await t.as(admin, {
    method: 'POST',
    url: `/api/v1/requests/${r.id}/supervision`,
    payload: { instruction: '请尽快办理', days: 3 },
  });
  assert.equal(order.statusCode, 201, order.body);
  await stepOk(t, station, r.id, 'conclude', { result: '已调解' });
  const rated = await t.app.inject({
    method: 'POST',
    url: `/api/v1/public/requests/${r.trackingNo}/evaluation`,
    remoteAddress: freshAddress(),
    payload: { phone: CITIZEN.phone, grade: 1, attitude: 1, efficiency: 1, competence: 1, comment: '太慢' },
  });
  assert.equal(rated.statusCode, 201, rated.body);
  // a second one still open in the station's queue
  await seedAccepted(t, station, { phone: CITIZEN.phone, idNumber: CITIZEN.id });
  // a legal aid application by a proxy, with the applicant's ID number
  const aid = await t.app.inject({
    method: 'POST',
    url: '/api/v1/public/legal-aid/applications',
    remoteAddress: freshAddress(),
    payload: {
      name: '陈秀梅',
      phone: CITIZEN.phone,
      idNumber: CITIZEN.id,
      regionCode: WUMING,
      description: '丈夫被羁押，申请刑事辩护',
      channel: 'web',
      applicantKind: 'relativeOfDetained',
      proxy: { name: '陈建国', relation: '父亲', phone: PROXY_PHONE },
      matterCategory: 'criminalDefence',
      aidForm: 'criminalDefence',
      noMeansTest: 'abuseVictim',
    },
  });
  assert.equal(aid.statusCode, 201, aid.body);
  // a 12348 call, logged and turned into a request
  const call = await t.as(lawyer, {
    method: 'POST',
    url: '/api/v1/hotline/calls',
    payload: { startedAt: new Date().toISOString(), callerPhone: CALLER, summary: '咨询工伤认定', durationSeconds: 120 },
  });
  assert.equal(call.statusCode, 201, call.body);
  const made = await t.as(lawyer, {
    method: 'POST',
    url: `/api/v1/hotline/calls/${call.json().id}/request`,
    payload: {
      version: call.json().version,
      serviceItem: 'mediation',
      name: '刘大哥',
      regionCode: WUMING,
      description: '工伤赔偿协商不成',
    },
  });
  assert.equal(made.statusCode, 200, made.body);
  // a consultation answered and drafted as a Q&A (the draft is anonymised)
  const c = await seedAccepted(t, lawyer, {
    serviceItem: 'consultation',
    regionCode: '411522',
    phone: CITIZEN.phone,
    idNumber: CITIZEN.id,
    description: `我的电话${CITIZEN.phone}，身份证${CITIZEN.id}，被拖欠工资怎么办？`,
  });
  await stepOk(t, lawyer, c.id, 'conclude', { result: '可以向劳动监察大队投诉，或申请劳动仲裁。' });
  assert.equal((await t.as(lawyer, { method: 'POST', url: `/api/v1/requests/${c.id}/knowledge-draft` })).statusCode, 201);
  // a legal aid lawyer with a phone, created and changed (the audit log keeps both snapshots)
  const provider = await t.as(admin, {
    method: 'POST',
    url: '/api/v1/legal-aid/providers',
    payload: {
      name: '周律师',
      kind: 'lawyer',
      organisation: '光山县某律师事务所',
      phone: PROVIDER_PHONE,
      matterCategories: ['labourRemuneration'],
    },
  });
  assert.equal(provider.statusCode, 201, provider.body);
  const changed = await t.as(admin, {
    method: 'PATCH',
    url: `/api/v1/legal-aid/providers/${provider.json().id}`,
    payload: { version: provider.json().version, phone: '13677779999' },
  });
  assert.equal(changed.statusCode, 200, changed.body);
});
after(() => t.close());

/** The full values found in a text. */
const leaked = (text: string, secrets = SECRETS) => secrets.filter((s) => text.includes(s));

async function json(who: Session, url: string) {
  const res = await t.as(who, { url });
  assert.equal(res.statusCode, 200, `${url}: ${res.body.slice(0, 300)}`);
  return res.body;
}

test('the request lists show phones and ID numbers masked, to the handler too', async () => {
  for (const [who, url] of [
    [station, '/api/v1/requests?queue=mine&limit=200'],
    [station, '/api/v1/requests?queue=all&limit=200'],
    [station, '/api/v1/requests?queue=concluded&limit=200'],
    [lawyer, '/api/v1/requests?queue=all&limit=200'],
    [admin, '/api/v1/requests?queue=all&limit=200'],
  ] as const) {
    const body = await json(who, url);
    assert.ok(body.includes('139'), `${url} lists the fixtures`);
    assert.deepEqual(leaked(body), [], `${url} as ${who.user.username}`);
  }
  // the request's own page still shows the handler the full phone (that is where it is needed)
  const mine = JSON.parse(await json(station, '/api/v1/requests?queue=mine&limit=200')).items[0];
  assert.match(mine.requesterPhone, /^\d{3}\*{4}\d{4}$/);
  const page = JSON.parse(await json(station, `/api/v1/requests/${mine.id}`));
  assert.equal(page.requesterPhone, CITIZEN.phone);
});

test('the ledger export (.xlsx) masks them for everyone', async () => {
  for (const who of [station, admin]) {
    const res = await t.as(who, { url: '/api/v1/requests/export?queue=all' });
    assert.equal(res.statusCode, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const cells: string[] = [];
    wb.worksheets[0]!.eachRow((row) => cells.push((row.values as unknown[]).join('|')));
    assert.ok(cells.length > 2);
    assert.deepEqual(leaked(cells.join('\n')), [], `export as ${who.user.username}`);
  }
});

test('legal aid, hotline, feedback, supervision, knowledge drafts and notifications: masked', async () => {
  for (const [who, url] of [
    [legalAid, '/api/v1/legal-aid/cases?queue=all'],
    [station, '/api/v1/legal-aid/cases?queue=all'],
    [admin, '/api/v1/legal-aid/objections'],
    [lawyer, '/api/v1/hotline/calls?from=2020-01-01&to=2100-01-01'],
    [consult, '/api/v1/hotline/calls?from=2020-01-01&to=2100-01-01'],
    [admin, '/api/v1/follow-up-calls'],
    [admin, '/api/v1/rectifications'],
    [admin, '/api/v1/supervision'],
    [station, '/api/v1/supervision'],
    [consult, '/api/v1/knowledge/admin/entries?origin=consultation'],
    [station, '/api/v1/notifications?limit=100'],
    [admin, '/api/v1/notifications?limit=100'],
  ] as const) {
    assert.deepEqual(leaked(await json(who, url)), [], `${url} as ${who.user.username}`);
  }
  const calls = JSON.parse(await json(lawyer, '/api/v1/hotline/calls?from=2020-01-01&to=2100-01-01'));
  assert.ok(calls.items.some((c: { callerPhone: string }) => c.callerPhone === `${CALLER.slice(0, 3)}****${CALLER.slice(-4)}`));
  const drafts = JSON.parse(await json(consult, '/api/v1/knowledge/admin/entries?origin=consultation'));
  assert.ok(drafts.items.length >= 1, 'the draft is listed');
});

test('the audit log: no before/after snapshot holds a full phone or ID number', async () => {
  const res = JSON.parse(await json(admin, '/api/v1/audit?limit=500'));
  const actions = new Set(res.items.map((i: { action: string }) => i.action));
  for (const a of ['aidProvider.create', 'aidProvider.update', 'knowledge.draftFromConsultation', 'request.supervise', 'hotline.call.log'])
    assert.ok(actions.has(a), `${a} is on the log: ${[...actions].join(', ')}`);
  const snapshots = JSON.stringify(res.items.map((i: { before: unknown; after: unknown }) => [i.before, i.after]));
  assert.deepEqual(leaked(snapshots, [...SECRETS, PROVIDER_PHONE, '13677779999']), []);
  assert.ok(snapshots.includes('136****8888') && snapshots.includes('136****9999'), "the provider's change is logged, masked");
});
