import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { startTestApp, type Session, type TestApp } from '../helpers/app.js';
import { assertError } from '../helpers/http.js';
import { seedTownAdmin } from '../helpers/factories.js';
import { multipartFile } from '../helpers/xlsx.js';
import { freshAddress, freshPhone, idNumber, SHILI, seedAccepted, stepOk, WUMING } from '../helpers/requests.js';
import { DEFAULT_MONTHS } from '../../server/modules/privacy/retention.js';
import { ANONYMISED_NAME, REMOVED_TEXT, sweepExpired } from '../../server/modules/privacy/sweep.js';

/*
 * Retention periods per record type, set per county, and the sweep that anonymises what has passed them:
 * records backdated past their period are anonymised (personal fields gone, figures kept), younger ones are
 * untouched, nothing is done twice, and each sweep that changed something leaves one audit row.
 */

let t: TestApp;
let admin: Session;
let station: Session;
let lawyer: Session;
before(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
  station = await t.login('station-411522101');
  lawyer = await t.login('lawyer');
});
after(() => t.close());

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const retention = (who: Session) => t.as(who, { url: '/api/v1/privacy/retention' });
const setMonths = (who: Session, type: string, months: number, version: number) =>
  t.as(who, { method: 'PUT', url: `/api/v1/privacy/retention/${type}`, payload: { months, version } });

test('retention periods: the defaults, a county sets its own (409 on a stale version), county level only', async () => {
  const res = await retention(admin);
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json();
  assert.equal(body.countyCode, '411522');
  const item = (type: string) => body.items.find((i: { recordType: string }) => i.recordType === type);
  assert.deepEqual(
    body.items.map((i: { recordType: string; months: number; custom: boolean }) => [i.recordType, i.months, i.custom]),
    Object.entries(DEFAULT_MONTHS).map(([k, v]) => [k, v, false]),
  );
  assert.equal(item('legalAidCase').months, 360, 'case files are archives: kept longest');
  assert.ok(body.fixed.some((f: { recordType: string }) => f.recordType === 'sessions'));

  const set = await setMonths(admin, 'legalAidCase', 48, 0);
  assert.equal(set.statusCode, 200, set.body);
  const changed = set.json().items.find((i: { recordType: string }) => i.recordType === 'legalAidCase');
  assert.deepEqual([changed.months, changed.defaultMonths, changed.custom, changed.version], [48, 360, true, 1]);
  assertError(await setMonths(admin, 'legalAidCase', 60, 0), 409, 'VERSION_CONFLICT');
  assertError(await setMonths(admin, 'legalAidCase', 0, 1), 400, 'VALIDATION_FAILED');
  assertError(await setMonths(admin, 'birthdays', 12, 0), 400, 'VALIDATION_FAILED');
  const again = await setMonths(admin, 'hotlineCall', 12, 0);
  assert.equal(again.statusCode, 200, again.body);

  const audit = await t.db
    .selectFrom('audit_log')
    .select(['before', 'after'])
    .where('action', '=', 'privacy.retention.update')
    .orderBy('id')
    .execute();
  assert.deepEqual(audit[0], { before: { months: 360, custom: false }, after: { months: 48 } });

  const town = await seedTownAdmin(t, admin, SHILI);
  assertError(await retention(town), 403, 'PRIVACY_COUNTY_LEVEL_ONLY');
  assertError(await setMonths(town, 'hotlineCall', 1, 1), 403, 'PRIVACY_COUNTY_LEVEL_ONLY');
  assertError(await retention(station), 403, 'FORBIDDEN');
  assertError(await retention(await t.login('supervisor')), 403, 'FORBIDDEN');
  assertError(await t.as(null, { url: '/api/v1/privacy/retention' }), 401, 'UNAUTHENTICATED');
  const unchanged = (await retention(admin)).json().items.find((i: { recordType: string }) => i.recordType === 'hotlineCall');
  assert.equal(unchanged.months, 12, "the town admin's change did not happen");
});

let serial = 0;
/** A concluded request with everything hanging from it, concluded `monthsAgo` months ago. */
async function concludedRequest(monthsAgo: number, name: string) {
  const phone = freshPhone();
  const id = idNumber('19700707', String(300 + serial++));
  const r = await seedAccepted(t, station, {
    name,
    phone,
    idNumber: id,
    address: '十里镇吴明村三组18号',
    description: `${name}与邻居因宅基地界线发生纠纷，家住十里镇吴明村三组18号，电话${phone}`,
  });
  const { payload, headers } = multipartFile(PDF, { filename: '身份证复印件.pdf', contentType: 'application/pdf' });
  const attached = await t.as(station, { method: 'POST', url: `/api/v1/requests/${r.id}/attachments`, payload, headers });
  assert.equal(attached.statusCode, 201, attached.body);
  await stepOk(t, station, r.id, 'conclude', { result: `经调解，${name}与邻居达成协议` });
  const rated = await t.app.inject({
    method: 'POST',
    url: `/api/v1/public/requests/${r.trackingNo}/evaluation`,
    remoteAddress: freshAddress(),
    payload: { phone, grade: 5, attitude: 5, efficiency: 4, competence: 5, comment: `我是${name}，调解员很耐心` },
  });
  assert.equal(rated.statusCode, 201, rated.body);
  await t.db
    .insertInto('consultation_messages')
    .values({ request_id: r.id, author: 'citizen', staff_id: null, body: `${name}追问：对方不履行怎么办？我的电话${phone}` })
    .execute();
  await sql`update service_requests set concluded_at = now() - make_interval(months => ${monthsAgo}), updated_at = now() - make_interval(months => ${monthsAgo}) where id = ${r.id}`.execute(
    t.db,
  );
  await sql`update outbox set status = 'sent', created_at = now() - make_interval(months => ${monthsAgo}) where request_id = ${r.id}`.execute(
    t.db,
  );
  return { ...r, phone, idNumber: id, attachmentId: attached.json().id as string };
}

/** A legal aid case that ended (`stage`), its last change `monthsAgo` months ago. */
async function endedCase(monthsAgo: number, stage: 'archived' | 'refused') {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/public/legal-aid/applications',
    remoteAddress: freshAddress(),
    payload: {
      name: '陈秀梅',
      phone: freshPhone(),
      idNumber: idNumber('19850315', '246'),
      regionCode: WUMING,
      description: '陈秀梅被拖欠工资三个月，对方是刘老板',
      channel: 'web',
      applicantKind: 'relativeOfDetained',
      proxy: { name: '陈建国', relation: '父亲', phone: freshPhone() },
      opposingParty: '刘有财',
      matterCategory: 'labourRemuneration',
      aidForm: 'litigationAgency',
      noMeansTest: 'abuseVictim',
      familyMembers: [{ relation: '儿子', name: '陈小明', monthlyIncome: 0 }],
    },
  });
  assert.equal(res.statusCode, 201, res.body);
  const { trackingNo } = res.json();
  const r = await t.db.selectFrom('service_requests').select('id').where('tracking_no', '=', trackingNo).executeTakeFirstOrThrow();
  await sql`update aid_cases set stage = ${stage}, matter_summary = '陈秀梅被刘有财拖欠工资，陈建国代为申请',
    updated_at = now() - make_interval(months => ${monthsAgo}) where request_id = ${r.id}`.execute(t.db);
  await sql`update service_requests set status = 'concluded', concluded_at = now() - make_interval(months => ${monthsAgo}) where id = ${r.id}`.execute(
    t.db,
  );
  return r.id;
}

async function call(monthsAgo: number) {
  const res = await t.as(lawyer, {
    method: 'POST',
    url: '/api/v1/hotline/calls',
    payload: {
      startedAt: new Date().toISOString(),
      callerPhone: freshPhone(),
      summary: '来电人张桂兰，电话13912345678，咨询赡养费',
      outcome: 'answered',
      satisfaction: 4,
      durationSeconds: 300,
    },
  });
  assert.equal(res.statusCode, 201, res.body);
  await sql`update hotline_calls set started_at = now() - make_interval(months => ${monthsAgo}) where id = ${res.json().id}`.execute(t.db);
  return res.json().id as number;
}

const requestOf = (id: string) => t.db.selectFrom('service_requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

test('the sweep anonymises what passed its period and only that; figures stay; never twice; one audit row per sweep', async () => {
  // the county's periods from the first test: legalAidCase 48 months, hotlineCall 12; the rest the defaults
  const old = await concludedRequest(40, '王桂兰'); // request (36) expired
  const young = await concludedRequest(2, '赵春花'); // nothing expired
  const middle = await concludedRequest(18, '孙秀英'); // only its attachment (12) expired
  const open = await seedAccepted(t, station, { name: '周大爷' });
  await sql`update service_requests set created_at = now() - interval '6 years', updated_at = now() - interval '6 years' where id = ${open.id}`.execute(
    t.db,
  );
  const oldCase = await endedCase(60, 'archived'); // past the county's 48 months
  const youngCase = await endedCase(36, 'refused'); // within them (the default 360 would keep both)
  const oldCall = await call(14); // past the county's 12 months
  const youngCall = await call(6);
  const sms = await t.db.selectFrom('outbox').select('id').where('request_id', 'in', [old.id, middle.id]).execute();
  assert.ok(sms.length >= 4, 'each had its SMS: received, concluded');

  const counts = await sweepExpired(t.db, t.cipher);
  assert.deepEqual(counts, {
    request: 1, // old (its message and attachment go with it, not counted again)
    consultationMessage: 0, // middle's is within 36 months
    legalAidCase: 1,
    hotlineCall: 1,
    attachment: 1, // middle's
    outbox: sms.length, // old's and middle's, sent more than 3 months ago; young's stay
  });
  const audits = await t.db
    .selectFrom('audit_log')
    .select(['actor_username', 'after'])
    .where('action', '=', 'privacy.retentionSweep')
    .execute();
  assert.deepEqual(audits, [{ actor_username: 'system', after: counts }]);

  // what the sweep did, row by row
  const o = await requestOf(old.id);
  assert.equal(o.requester_name, ANONYMISED_NAME);
  assert.deepEqual(
    [
      o.requester_phone_enc,
      o.requester_phone_hash,
      o.requester_id_enc,
      o.requester_id_masked,
      o.requester_id_hash,
      o.requester_address_enc,
    ],
    [null, null, null, null, null, null],
  );
  assert.equal(o.requester_phone_masked, '');
  assert.ok(o.anonymised_at);
  assert.ok(!o.description.includes('王桂兰') && !o.description.includes(old.phone) && !o.description.includes('三组18号'), o.description);
  assert.ok(o.description.includes('宅基地'), 'the matter itself stays readable');
  assert.ok(!o.result!.includes('王桂兰'));
  assert.deepEqual([o.status, o.service_item, o.channel, o.region_code], ['concluded', 'mediation', 'web', WUMING], 'the figures stay');
  const rating = await t.db.selectFrom('evaluations').selectAll().where('request_id', '=', old.id).executeTakeFirstOrThrow();
  assert.deepEqual([rating.grade, rating.efficiency], [5, 4], 'ratings stay');
  assert.ok(!rating.comment.includes('王桂兰'));
  const message = await t.db.selectFrom('consultation_messages').selectAll().where('request_id', '=', old.id).executeTakeFirstOrThrow();
  assert.ok(!message.body.includes('王桂兰') && !message.body.includes(old.phone) && message.anonymised_at, message.body);
  const file = await t.db.selectFrom('request_attachments').selectAll().where('id', '=', old.attachmentId).executeTakeFirstOrThrow();
  assert.equal(file.data.length, 0, 'the bytes are gone');
  assert.equal(file.size, PDF.length, 'its size stays for the figures');
  assert.ok(file.purged_at);
  const raw = await sql<{ row: string }>`select row_to_json(r)::text as row from service_requests r where id = ${old.id}`.execute(t.db);
  assert.ok(!raw.rows[0]!.row.includes('王桂兰'));

  const y = await requestOf(young.id);
  assert.equal(y.requester_name, '赵春花');
  assert.equal(y.anonymised_at, null);
  assert.equal(t.cipher.decrypt(y.requester_phone_enc!), young.phone);
  const m = await requestOf(middle.id);
  assert.equal(m.requester_name, '孙秀英', 'the request itself is within its 36 months');
  const mFile = await t.db.selectFrom('request_attachments').selectAll().where('request_id', '=', middle.id).executeTakeFirstOrThrow();
  assert.ok(mFile.purged_at, 'but its attachment (12 months) is deleted');
  assert.equal((await requestOf(open.id)).anonymised_at, null, 'a request still being handled is never anonymised, however old');

  const c = await t.db.selectFrom('aid_cases').selectAll().where('request_id', '=', oldCase).executeTakeFirstOrThrow();
  assert.deepEqual([c.proxy_name, c.proxy_phone_enc, c.proxy_phone_hash, c.opposing_party], [ANONYMISED_NAME, null, null, ANONYMISED_NAME]);
  assert.deepEqual(c.family_members, [{ relation: '儿子', name: ANONYMISED_NAME, monthlyIncome: 0 }]);
  assert.ok(!/陈秀梅|刘有财|陈建国/.test(c.matter_summary), c.matter_summary);
  assert.deepEqual([c.stage, c.matter_category, c.aid_form], ['archived', 'labourRemuneration', 'litigationAgency']);
  assert.equal((await requestOf(oldCase)).requester_name, ANONYMISED_NAME, "the case's request goes with it");
  const yc = await t.db.selectFrom('aid_cases').selectAll().where('request_id', '=', youngCase).executeTakeFirstOrThrow();
  assert.equal(yc.proxy_name, '陈建国');
  assert.equal(yc.anonymised_at, null);

  const calls = await t.db.selectFrom('hotline_calls').selectAll().where('id', 'in', [oldCall, youngCall]).orderBy('id').execute();
  assert.deepEqual([calls[0]!.caller_phone_enc, calls[0]!.caller_phone_hash, calls[0]!.caller_phone_masked], [null, null, '']);
  assert.equal(calls[0]!.summary, REMOVED_TEXT, 'the caller’s own account (no name known to look for) goes entirely');
  assert.deepEqual([calls[0]!.outcome, calls[0]!.duration_seconds, calls[0]!.satisfaction], ['answered', 300, 4]);
  assert.ok(calls[1]!.caller_phone_enc, 'the younger call keeps its number');

  // the anonymised request still opens for staff, and the citizen's look-up and the attachment are gone
  const view = await t.as(station, { url: `/api/v1/requests/${old.id}` });
  assert.equal(view.statusCode, 200, view.body);
  assert.equal(view.json().requesterName, ANONYMISED_NAME);
  const look = await t.app.inject({ url: `/api/v1/public/requests/${old.trackingNo}?phone=${old.phone}`, remoteAddress: freshAddress() });
  assert.equal(look.statusCode, 404);
  assertError(await t.as(station, { url: `/api/v1/requests/${old.id}/attachments/${old.attachmentId}` }), 404, 'NOT_FOUND');
});

test('figures per type from one sweep; two instances sweeping at once do each record once', async () => {
  const requests = await Promise.all([concludedRequest(50, '钱多多'), concludedRequest(45, '李四海')]);
  const calls = await Promise.all([call(20), call(30), call(13)]);
  await endedCase(49, 'refused');
  const [a, b] = await Promise.all([sweepExpired(t.db, t.cipher, { batchSize: 1 }), sweepExpired(t.db, t.cipher, { batchSize: 1 })]);
  const sum = (k: keyof typeof a) => a[k] + b[k];
  assert.equal(sum('request'), 2);
  assert.equal(sum('legalAidCase'), 1);
  assert.equal(sum('hotlineCall'), calls.length);
  // a request takes its messages and attachments with it; an instance sweeping messages or attachments at the
  // same moment may take them first (on PostgreSQL, where the two really run at once): either way, once each
  assert.ok(sum('attachment') <= 2 && sum('consultationMessage') <= 2);
  const ids = requests.map((r) => r.id);
  const messages = await t.db
    .selectFrom('consultation_messages')
    .select(['anonymised_at', 'body'])
    .where('request_id', 'in', ids)
    .execute();
  assert.equal(messages.length, 2);
  assert.ok(messages.every((m) => m.anonymised_at && !/钱多多|李四海/.test(m.body)));
  const files = await t.db.selectFrom('request_attachments').select('purged_at').where('request_id', 'in', ids).execute();
  assert.ok(files.length === 2 && files.every((f) => f.purged_at));
  assert.ok(sum('outbox') >= 2, 'their SMS rows (sent, older than 3 months) are deleted');
  const left = await t.db
    .selectFrom('outbox')
    .select('id')
    .where(
      'request_id',
      'in',
      requests.map((r) => r.id),
    )
    .execute();
  assert.equal(left.length, 0);
  const rows = await t.db.selectFrom('audit_log').select(['after']).where('action', '=', 'privacy.retentionSweep').orderBy('id').execute();
  const logged = rows.slice(-2).map((r) => r.after as Record<string, number>);
  assert.equal(
    logged.reduce((n, x) => n + (x.request ?? 0), 0),
    2,
    'the audit rows carry the figures',
  );

  const again = await sweepExpired(t.db, t.cipher);
  assert.deepEqual(Object.values(again), [0, 0, 0, 0, 0, 0], 'nothing runs twice');
  const after = await t.db.selectFrom('audit_log').select('id').where('action', '=', 'privacy.retentionSweep').execute();
  assert.equal(after.length, rows.length, 'a sweep that changed nothing writes no audit row');
});
