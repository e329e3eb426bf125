import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { startTestApp, type Session, type TestApp } from '../helpers/app.js';
import { assertError } from '../helpers/http.js';
import { seedTownAdmin } from '../helpers/factories.js';
import { multipartFile } from '../helpers/xlsx.js';
import { freshAddress, freshPhone, idNumber, SHILI, seedAccepted, seedSubmittedAtDesk, stepOk, WUMING } from '../helpers/requests.js';

/*
 * 个人信息保护法 art. 45: everything held about one citizen, found by phone and/or ID number, for a county
 * privacy officer with a stated reason — the citizen's own values unmasked, nothing of anyone else — and the
 * export on the audit log. Citizen X has requests, a legal aid case, a rating, messages, an attachment, a call,
 * and applied for someone else as a proxy; citizen Y shares X's phone for one request.
 */

let t: TestApp;
let admin: Session;
let station: Session;
let reception: Session;
before(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
  station = await t.login('station-411522101');
  reception = await t.login('reception');
  await seedCitizens();
});
after(() => t.close());

const X = { name: '张桂兰', phone: freshPhone(), id: idNumber('19600214', '482'), address: '十里镇吴明村五组7号' };
const Y = { name: '李春生', phone: freshPhone(), id: idNumber('19750808', '131') };
const OTHERS = ['刘有财', '张小军', '王秀英', '陈建设'] as const; // opposing party, family member, the applicant X acted for, her opposing party
const xTracking: string[] = [];
const yTracking: string[] = [];
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

async function applyForAid(payload: object) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/public/legal-aid/applications',
    remoteAddress: freshAddress(),
    payload: {
      regionCode: WUMING,
      channel: 'web',
      matterCategory: 'maintenance',
      aidForm: 'litigationAgency',
      noMeansTest: 'abuseVictim',
      ...payload,
    },
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().trackingNo as string;
}

async function seedCitizens() {
  // X: a mediation with her ID number and address, handled, rated, with a message and an attachment
  const mediation = await seedAccepted(t, station, {
    name: X.name,
    phone: X.phone,
    idNumber: X.id,
    address: X.address,
    description: '邻居占用我家宅基地，协商不成',
  });
  const { payload, headers } = multipartFile(PDF, { filename: 'zhaijidi-deed.pdf', contentType: 'application/pdf' });
  assert.equal(
    (await t.as(station, { method: 'POST', url: `/api/v1/requests/${mediation.id}/attachments`, payload, headers })).statusCode,
    201,
  );
  await stepOk(t, station, mediation.id, 'conclude', { result: '经调解双方达成协议，界线已重新确认' });
  const rated = await t.app.inject({
    method: 'POST',
    url: `/api/v1/public/requests/${mediation.trackingNo}/evaluation`,
    remoteAddress: freshAddress(),
    payload: { phone: X.phone, grade: 4, attitude: 5, efficiency: 4, competence: 4, comment: '调解员很耐心' },
  });
  assert.equal(rated.statusCode, 201, rated.body);
  await t.db
    .insertInto('consultation_messages')
    .values({ request_id: mediation.id, author: 'citizen', staff_id: null, body: '对方不履行协议怎么办？' })
    .execute();
  xTracking.push(mediation.trackingNo);
  // X at the desk with her phone only (no ID number recorded): hers too
  const desk = await seedSubmittedAtDesk(t, reception, {
    name: X.name,
    phone: X.phone,
    serviceItem: 'consultation',
    description: '咨询赡养费标准',
  });
  xTracking.push(desk.trackingNo);
  // X's own legal aid application, naming the other side and a family member
  xTracking.push(
    await applyForAid({
      name: X.name,
      phone: X.phone,
      idNumber: X.id,
      applicantKind: 'self',
      description: '儿子不支付赡养费',
      opposingParty: OTHERS[0],
      familyMembers: [{ relation: '儿子', name: OTHERS[1], monthlyIncome: 3000 }],
    }),
  );
  // X applied for someone else: only her own part (as the proxy) is hers
  await applyForAid({
    name: OTHERS[2],
    phone: freshPhone(),
    idNumber: idNumber('19880101', '222'),
    applicantKind: 'relativeOfDetained',
    proxy: { name: X.name, relation: '母亲', phone: X.phone },
    description: '王秀英被羁押，申请刑事辩护',
    opposingParty: OTHERS[3],
  });
  // a 12348 call from X's phone
  const lawyer = await t.login('lawyer');
  const call = await t.as(lawyer, {
    method: 'POST',
    url: '/api/v1/hotline/calls',
    payload: {
      startedAt: new Date().toISOString(),
      callerPhone: X.phone,
      summary: '咨询农村宅基地确权',
      outcome: 'answered',
      durationSeconds: 240,
    },
  });
  assert.equal(call.statusCode, 201, call.body);

  // Y: her own request, and one made with X's phone (they are neighbours sharing a phone) but Y's ID number
  yTracking.push(
    (await seedAccepted(t, station, { name: Y.name, phone: Y.phone, idNumber: Y.id, description: '土地承包合同纠纷' })).trackingNo,
  );
  yTracking.push(
    (await seedAccepted(t, station, { name: Y.name, phone: X.phone, idNumber: Y.id, description: '邻居借款不还的纠纷' })).trackingNo,
  );
}

const exportOf = (who: Session, body: object) =>
  t.as(who, { method: 'POST', url: '/api/v1/privacy/citizen-export', payload: { reason: '本人到窗口申请查阅复制个人信息', ...body } });

test("X's export holds all X's records across modules, unmasked, and none of Y's or anyone else's", async () => {
  const res = await exportOf(admin, { phone: X.phone, idNumber: X.id, format: 'json' });
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(res.headers['cache-control'], 'no-store');
  const r = res.json();
  const tracking = (no: string) => no.replace(/-/g, '');
  assert.deepEqual(
    r.requests.map((x: { trackingNo: string }) => tracking(x.trackingNo)).sort(),
    [...xTracking].sort(),
    'her three requests, not Y’s',
  );
  const mediation = r.requests.find((x: { description: string }) => x.description.includes('宅基地'));
  assert.deepEqual(
    [mediation.name, mediation.phone, mediation.idNumber, mediation.address],
    [X.name, X.phone, X.id, X.address],
    'her own values, unmasked',
  );
  assert.equal(r.requests.find((x: { description: string }) => x.description === '咨询赡养费标准').idNumber, null);
  assert.ok(r.events.length >= 4, 'the public timeline of her requests');
  assert.ok(r.events.every((e: { trackingNo: string }) => xTracking.includes(tracking(e.trackingNo))));
  assert.equal(r.legalAidCases.length, 1);
  assert.deepEqual(
    r.legalAidCases[0].familyMembers,
    [{ relation: '儿子', monthlyIncome: 3000 }],
    "the family's relation and income, not the son's name",
  );
  assert.equal(r.proxyFor.length, 1);
  assert.deepEqual([r.proxyFor[0].name, r.proxyFor[0].relation, r.proxyFor[0].phone], [X.name, '母亲', X.phone]);
  assert.equal(r.messages.length, 1);
  assert.equal(r.evaluations.length, 1);
  assert.equal(r.evaluations[0].comment, '调解员很耐心');
  assert.equal(r.hotlineCalls.length, 1);
  assert.equal(r.hotlineCalls[0].phone, X.phone);
  assert.equal(r.attachments.length, 1);
  assert.equal(r.attachments[0].filename, 'zhaijidi-deed.pdf');

  const text = JSON.stringify(r);
  for (const other of [Y.name, Y.phone, Y.id, ...OTHERS, ...yTracking, '邻居借款不还的纠纷', '土地承包合同纠纷'])
    assert.ok(!text.includes(other), `nothing of other people: ${other}`);

  // the .xlsx: a sheet per record type, the same records
  const file = await exportOf(admin, { phone: X.phone, idNumber: X.id });
  assert.equal(file.statusCode, 200);
  assert.match(String(file.headers['content-type']), /spreadsheetml/);
  assert.match(String(file.headers['content-disposition']), /attachment/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
  assert.deepEqual(
    wb.worksheets.map((w) => w.name),
    ['说明', '服务申请', '办理过程', '法律援助', '代为申请', '异议', '咨询往来', '服务评价', '12348来电', '材料附件'],
  );
  const cells = (name: string) => {
    const out: string[] = [];
    wb.getWorksheet(name)!.eachRow((row) =>
      out.push(
        (row.values as unknown[])
          .slice(1)
          .map((v) => String(v ?? ''))
          .join('|'),
      ),
    );
    return out;
  };
  assert.equal(cells('服务申请').length, 1 + 3);
  assert.ok(cells('服务申请').some((row) => row.includes(X.id) && row.includes(X.phone) && row.includes(X.address)));
  assert.ok(cells('12348来电')[1]!.includes(X.phone));
  const all = wb.worksheets.flatMap((w) => cells(w.name)).join('\n');
  for (const other of [Y.phone, Y.id, Y.name, ...OTHERS]) assert.ok(!all.includes(other), `not in the workbook: ${other}`);
});

test('the export is on the audit log with its reason and figures, without the numbers in full', async () => {
  const before = await t.db.selectFrom('audit_log').select('id').where('action', '=', 'privacy.citizenExport').execute();
  const res = await exportOf(admin, { idNumber: X.id, reason: '公安机关协查函（2026）12号', format: 'json' });
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(res.json().requests.length, 2, 'by the ID number alone: the two requests that carry it');
  const rows = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'privacy.citizenExport').orderBy('id').execute();
  assert.equal(rows.length, before.length + 1);
  const row = rows.at(-1)!;
  assert.equal(row.actor_username, 'admin');
  assert.equal(row.entity_type, 'citizen');
  assert.equal(row.entity_id, t.cipher.hash(X.id), 'the blind index names her: repeated exports line up');
  const after = row.after as { reason: string; counts: Record<string, number>; by: { idNumberMasked: string } };
  assert.equal(after.reason, '公安机关协查函（2026）12号');
  assert.equal(after.counts.requests, 2);
  assert.equal(after.by.idNumberMasked, `${X.id.slice(0, 4)}**********${X.id.slice(-4)}`);
  assert.ok(!JSON.stringify(row).includes(X.id) && !JSON.stringify(row).includes(X.phone));
  // the audit search shows it to the county
  const listed = (await t.as(admin, { url: '/api/v1/audit?action=privacy.citizenExport' })).json();
  assert.ok(listed.items.length >= 1);
});

test('a request stored before the ID number had its blind index is still found by the ID number', async () => {
  await sql`update service_requests set requester_id_hash = null where requester_id_enc is not null`.execute(t.db);
  const res = await exportOf(admin, { idNumber: X.id, format: 'json' });
  assert.equal(res.json().requests.length, 2);
  const missing = await t.db
    .selectFrom('service_requests')
    .select('id')
    .where('requester_id_enc', 'is not', null)
    .where('requester_id_hash', 'is', null)
    .execute();
  assert.equal(missing.length, 0, 'filled in for every row');
});

test('by the phone alone: refused when the phone was given for two people; fine for a phone of one', async () => {
  assertError(await exportOf(admin, { phone: X.phone }), 422, 'PRIVACY_CITIZEN_AMBIGUOUS');
  const y = await exportOf(admin, { phone: Y.phone, format: 'json' });
  assert.equal(y.statusCode, 200, y.body);
  assert.equal(y.json().requests.length, 1);
  assert.ok(!JSON.stringify(y.json()).includes(X.name));
});

test('who may export: a county privacy officer; not a town admin, a desk, or anyone signed out; the input is checked', async () => {
  const town = await seedTownAdmin(t, admin, SHILI);
  const count = async () =>
    (await t.db.selectFrom('audit_log').select('id').where('action', '=', 'privacy.citizenExport').execute()).length;
  const before = await count();
  assertError(await exportOf(town, { phone: Y.phone, format: 'json' }), 403, 'PRIVACY_COUNTY_LEVEL_ONLY');
  assertError(await exportOf(reception, { phone: Y.phone, format: 'json' }), 403, 'FORBIDDEN');
  assertError(await exportOf(await t.login('supervisor'), { phone: Y.phone, format: 'json' }), 403, 'FORBIDDEN');
  assertError(
    await t.as(null, { method: 'POST', url: '/api/v1/privacy/citizen-export', payload: { phone: Y.phone, reason: '本人申请查阅' } }),
    401,
    'UNAUTHENTICATED',
  );
  assertError(await exportOf(admin, { format: 'json' }), 400, 'VALIDATION_FAILED');
  assertError(await exportOf(admin, { phone: Y.phone, reason: '' }), 400, 'VALIDATION_FAILED');
  assertError(await exportOf(admin, { idNumber: `${X.id.slice(0, 17)}${X.id.endsWith('0') ? '1' : '0'}` }), 422, 'ID_NUMBER_INVALID');
  assert.equal(await count(), before, 'nothing refused was exported or logged');
});
