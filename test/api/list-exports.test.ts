import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { startTestApp, type Session, type TestApp } from '../helpers/app.js';
import { assertError } from '../helpers/http.js';
import {
  freshAddress,
  freshPhone,
  idNumber,
  loginAll,
  seedAccepted,
  seedColleague,
  seedDispatched,
  stepOk,
  WUMING,
  ZHAIHE,
  ZHAIHE_VILLAGE,
} from '../helpers/requests.js';
import { readSheet, XLSX_TYPE } from '../helpers/xlsx.js';
import { formatTrackingNo } from '../../server/modules/requests/tracking-no.js';
import { maskPhone } from '../../server/modules/org/mask.js';
import { EXPORT_CAP, listWorkbook } from '../../server/modules/exports/list-export.js';
import type { Actor } from '../../server/modules/auth/actor.js';

/*
 * 导出 Excel on every list: each export opens as a workbook with a header row and the rows its list shows for the
 * same filter, phones masked, an audit row per export, and nothing outside the caller's scope (a town's export
 * has no other town's rows).
 */

let t: TestApp;
let admin: Session;
let station: Session;
let otherStation: Session;
let lawyer: Session;
let legalAid: Session;
let supervisor: Session;
let consult: Session;
let townSupervisor: Session;

const CITIZEN = { phone: freshPhone(), id: idNumber('19700202', '315') };
const OTHER_PHONE = freshPhone();
const AID_PHONE = freshPhone();
const CALLER = freshPhone();
const PROVIDER_PHONE = '13655556666';
const SECRETS = [CITIZEN.phone, CITIZEN.id, OTHER_PHONE, AID_PHONE, CALLER, PROVIDER_PHONE];

/** about 吴明村 (十里镇), handled by the 十里镇 station; concluded and rated badly (a rectification, a follow-up) */
let rated: { id: string; trackingNo: string };
/** open in the station's queue, the citizen's phone and number also in its description */
let open: { id: string; trackingNo: string };
/** about a village of 寨河镇 */
let elsewhere: { id: string; trackingNo: string };
/** a legal aid case of 十里镇, refused, with the applicant's objection under review */
let refused: { id: string; trackingNo: string };
/** a legal aid application about a village of 寨河镇 */
let aidElsewhere: { trackingNo: string };

before(async () => {
  t = await startTestApp();
  [admin, station, otherStation, lawyer, legalAid, supervisor, consult] = await loginAll(t, [
    'admin',
    'station-411522101',
    'station-411522102',
    'lawyer',
    'legalaid',
    'supervisor',
    'consult',
  ] as const);
  await seedColleague(t, { username: 'supervisor-zhaihe', kind: 'station', regionCode: ZHAIHE, posts: ['supervisor'] });
  townSupervisor = await t.login('supervisor-zhaihe');

  const r = await seedAccepted(t, station, { name: '导出甲', phone: CITIZEN.phone, idNumber: CITIZEN.id });
  await stepOk(t, station, r.id, 'conclude', { result: `已调解，回访电话${CITIZEN.phone}` });
  const rating = await t.app.inject({
    method: 'POST',
    url: `/api/v1/public/requests/${r.trackingNo}/evaluation`,
    remoteAddress: freshAddress(),
    payload: { phone: CITIZEN.phone, grade: 1, attitude: 1, efficiency: 1, competence: 1, comment: '一直没人管' },
  });
  assert.equal(rating.statusCode, 201, rating.body);
  rated = r;
  open = await seedAccepted(t, station, {
    name: '导出乙',
    phone: CITIZEN.phone,
    description: `我的电话${CITIZEN.phone}，身份证${CITIZEN.id}，邻里纠纷`,
  });
  elsewhere = await seedDispatched(t, { name: '导出丙', phone: OTHER_PHONE, regionCode: ZHAIHE_VILLAGE });

  // legal aid: a refusal at the center with the applicant's objection, and an application of 寨河镇
  const made = await t.as(legalAid, {
    method: 'POST',
    url: '/api/v1/legal-aid/cases',
    payload: {
      name: '周海燕',
      phone: AID_PHONE,
      regionCode: WUMING,
      description: '邻居占用宅基地，多次协商无果。',
      channel: 'walk_in',
      applicantKind: 'self',
      matterCategory: 'other',
      aidForm: 'consultation',
      opposingParty: '邻居',
      familyMembers: [],
      monthlyIncome: 90_000,
    },
  });
  assert.equal(made.statusCode, 201, made.body);
  const decided = await t.as(legalAid, {
    method: 'POST',
    url: `/api/v1/legal-aid/cases/${made.json().id}/decide`,
    payload: { version: made.json().version, decision: 'refuse', reason: '不属于法律援助事项，收入高于标准' },
  });
  assert.equal(decided.statusCode, 200, decided.body);
  refused = { id: made.json().id, trackingNo: made.json().trackingNo };
  const objection = await t.app.inject({
    method: 'POST',
    url: `/api/v1/public/legal-aid/${refused.trackingNo}/objections`,
    remoteAddress: freshAddress(),
    payload: { phone: AID_PHONE, grounds: `我符合条件，请联系${AID_PHONE}` },
  });
  assert.equal(objection.statusCode, 201, objection.body);
  const applied = await t.app.inject({
    method: 'POST',
    url: '/api/v1/public/legal-aid/applications',
    remoteAddress: freshAddress(),
    payload: {
      name: '赵红梅',
      phone: OTHER_PHONE,
      regionCode: ZHAIHE_VILLAGE,
      description: '工资被拖欠半年',
      channel: 'web',
      applicantKind: 'self',
      matterCategory: 'labourRemuneration',
      aidForm: 'labourArbitration',
      noMeansTest: 'abuseVictim',
    },
  });
  assert.equal(applied.statusCode, 201, applied.body);
  aidElsewhere = { trackingNo: applied.json().trackingNo };

  const provider = await t.as(admin, {
    method: 'POST',
    url: '/api/v1/legal-aid/providers',
    payload: { name: '孙律师', kind: 'lawyer', organisation: '光山县某律师事务所', phone: PROVIDER_PHONE, matterCategories: ['other'] },
  });
  assert.equal(provider.statusCode, 201, provider.body);
  const call = await t.as(lawyer, {
    method: 'POST',
    url: '/api/v1/hotline/calls',
    payload: { startedAt: new Date().toISOString(), callerPhone: CALLER, summary: `咨询工伤，回电${CALLER}`, durationSeconds: 90 },
  });
  assert.equal(call.statusCode, 201, call.body);
});
after(() => t.close());

interface Sheet {
  header: string[];
  rows: string[][];
  text: string;
  res: LightMyRequestResponse;
}

/** An export as `who`: a real workbook, its header row and the rows under it. */
async function exported(who: Session, url: string): Promise<Sheet> {
  const res = await t.as(who, { url });
  assert.equal(res.statusCode, 200, `${url}: ${res.body.slice(0, 300)}`);
  assert.equal(res.headers['content-type'], XLSX_TYPE);
  assert.match(String(res.headers['content-disposition']), /^attachment; filename\*=UTF-8''.+\.xlsx$/);
  const [header = [], ...rows] = await readSheet(res.rawPayload);
  assert.ok(header.length >= 3 && header.every((h) => h.length > 0), `a header row: ${header.join('|')}`);
  assert.equal(res.headers['x-export-rows'], String(rows.length), 'the rows the file says it holds');
  return { header, rows, text: [header, ...rows].map((r) => r.join('|')).join('\n'), res };
}

async function json<T = unknown>(who: Session, url: string): Promise<T> {
  const res = await t.as(who, { url });
  assert.equal(res.statusCode, 200, `${url}: ${res.body.slice(0, 300)}`);
  return res.json() as T;
}

const column = (sheet: Sheet, name: string) => {
  const i = sheet.header.indexOf(name);
  assert.ok(i >= 0, `a column ${name} in ${sheet.header.join('|')}`);
  return sheet.rows.map((r) => r[i] ?? '');
};

const leaked = (text: string) => SECRETS.filter((s) => text.includes(s));

/** The audit row the export wrote: who took which list, with what filter and how many rows. */
async function auditOf(who: Session, list: string) {
  const row = await t.db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', `export.${list}`)
    .where('actor_id', '=', who.user.id)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  assert.ok(row, `an audit row export.${list} for ${who.user.username}`);
  assert.equal(row.region_code, who.user.regionCode);
  return row.after as { filter: Record<string, unknown>; rows: number; total?: number };
}

test('the request ledger: the queue and query of the list, every page of it, phones and numbers masked, audited', async () => {
  const list = await json<{ items: { trackingNo: string }[]; total: number }>(station, '/api/v1/requests?queue=all&limit=200');
  const sheet = await exported(station, '/api/v1/requests/export?queue=all');
  assert.deepEqual(sheet.header.slice(0, 7), ['受理编号', '服务事项', '受理渠道', '状态', '申请人', '联系电话', '身份证号']);
  assert.equal(sheet.rows.length, list.total);
  assert.deepEqual(new Set(column(sheet, '受理编号')), new Set(list.items.map((r) => formatTrackingNo(r.trackingNo))));
  assert.deepEqual(leaked(sheet.text), [], 'no full phone or ID number, in the fields or typed into the text');
  assert.ok(column(sheet, '联系电话').includes(maskPhone(CITIZEN.phone)));
  assert.ok(
    column(sheet, '诉求内容').some((d) => d.includes(maskPhone(CITIZEN.phone))),
    'a number typed into the description, masked',
  );
  assert.ok(!sheet.text.includes(formatTrackingNo(elsewhere.trackingNo)), 'another town’s request is not in the town’s ledger');
  const audit = await auditOf(station, 'requests');
  assert.equal(audit.rows, sheet.rows.length);
  assert.equal(audit.filter.queue, 'all');

  // a query narrows it as it narrows the list
  const narrowed = await exported(station, `/api/v1/requests/export?queue=all&q=${encodeURIComponent('导出乙')}`);
  assert.deepEqual(column(narrowed, '受理编号'), [formatTrackingNo(open.trackingNo)]);
  assert.equal((await auditOf(station, 'requests')).filter.q, '导出乙');
  // the county sees both towns
  const county = await exported(admin, '/api/v1/requests/export?queue=all');
  assert.ok(county.text.includes(formatTrackingNo(elsewhere.trackingNo)) && county.text.includes(formatTrackingNo(open.trackingNo)));
  assert.deepEqual(leaked(county.text), []);
  const other = await exported(otherStation, '/api/v1/requests/export?queue=all');
  assert.ok(other.text.includes(formatTrackingNo(elsewhere.trackingNo)));
  assert.ok(!other.text.includes(formatTrackingNo(open.trackingNo)) && !other.text.includes(formatTrackingNo(rated.trackingNo)));
});

test('legal aid cases: the queue of the list, names and phones masked as it shows them, within the town', async () => {
  const list = await json<{ items: { trackingNo: string }[]; total: number }>(admin, '/api/v1/legal-aid/cases?queue=all&pageSize=100');
  const county = await exported(admin, '/api/v1/legal-aid/cases/export?queue=all');
  assert.equal(county.rows.length, list.total);
  assert.deepEqual(new Set(column(county, '受理编号')), new Set(list.items.map((c) => formatTrackingNo(c.trackingNo))));
  assert.ok(column(county, '申请人').includes('周*燕'), 'the name masked as on the list');
  assert.ok(column(county, '联系电话').includes(maskPhone(AID_PHONE)));
  assert.deepEqual(leaked(county.text), []);
  assert.equal((await auditOf(admin, 'aidCases')).rows, county.rows.length);

  const town = await exported(station, '/api/v1/legal-aid/cases/export?queue=all');
  assert.ok(town.text.includes(formatTrackingNo(refused.trackingNo)), 'the 十里镇 case');
  assert.ok(!town.text.includes(formatTrackingNo(aidElsewhere.trackingNo)), 'not 寨河镇’s');
  const stage = await exported(admin, '/api/v1/legal-aid/cases/export?queue=all&stage=refused');
  assert.deepEqual(new Set(column(stage, '办理阶段')), new Set(['决定不予援助']));
});

test('objections: the tab shown, the applicant’s phone masked in the fields and the grounds; a town supervisor sees only their town', async () => {
  const list = await json<{ total: number }>(supervisor, '/api/v1/legal-aid/objections?state=pending&pageSize=100');
  const sheet = await exported(supervisor, '/api/v1/legal-aid/objections/export?state=pending');
  assert.equal(sheet.rows.length, list.total);
  assert.ok(column(sheet, '受理编号').includes(formatTrackingNo(refused.trackingNo)));
  assert.ok(column(sheet, '异议理由').some((g) => g.includes(maskPhone(AID_PHONE))));
  assert.deepEqual(leaked(sheet.text), []);
  assert.equal((await auditOf(supervisor, 'aidObjections')).filter.state, 'pending');
  const decided = await exported(supervisor, '/api/v1/legal-aid/objections/export?state=decided');
  assert.ok(!decided.text.includes(formatTrackingNo(refused.trackingNo)));
  const town = await exported(townSupervisor, '/api/v1/legal-aid/objections/export?state=pending');
  assert.ok(!town.text.includes(formatTrackingNo(refused.trackingNo)), 'another town’s objection');
  assertError(await t.as(otherStation, { url: '/api/v1/legal-aid/objections/export' }), 403, 'FORBIDDEN');
});

test('the legal aid pool: the page’s filters, the lawyer’s phone masked in the file', async () => {
  const sheet = await exported(legalAid, '/api/v1/legal-aid/providers/export');
  const pool = await json<{ name: string; active: boolean }[]>(legalAid, '/api/v1/legal-aid/providers?includeInactive=true');
  assert.deepEqual(new Set(column(sheet, '姓名')), new Set(pool.filter((p) => p.active).map((p) => p.name)));
  assert.ok(column(sheet, '联系电话').includes(maskPhone(PROVIDER_PHONE)));
  assert.deepEqual(leaked(sheet.text), []);
  const narrowed = await exported(legalAid, `/api/v1/legal-aid/providers/export?q=${encodeURIComponent('孙')}&kind=lawyer&matter=other`);
  assert.deepEqual(column(narrowed, '姓名'), ['孙律师']);
  assert.deepEqual((await auditOf(legalAid, 'aidProviders')).filter, { q: '孙', kind: 'lawyer', matter: 'other', active: 'active' });
});

test('12348 calls: the days asked, the caller’s number masked in the field and the summary; the county center’s only', async () => {
  const day = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const sheet = await exported(lawyer, `/api/v1/hotline/calls/export?from=${day}&to=${day}`);
  assert.ok(column(sheet, '来电号码').includes(maskPhone(CALLER)));
  assert.ok(column(sheet, '来电内容').some((s) => s.includes(maskPhone(CALLER))));
  assert.deepEqual(leaked(sheet.text), []);
  assert.equal((await auditOf(lawyer, 'hotlineCalls')).filter.from, day);
  assertError(await t.as(station, { url: `/api/v1/hotline/calls/export?from=${day}&to=${day}` }), 403, 'FORBIDDEN');
});

test('sites and staff: the tree and query of the list, staff phones masked, within the town', async () => {
  const sites = await exported(station, '/api/v1/sites/export');
  const list = await json<{ total: number; items: { name: string }[] }>(station, '/api/v1/sites?scope=mine&limit=2000');
  assert.equal(sites.rows.length, list.total);
  assert.ok(
    column(sites, '区划代码').every((code) => code.startsWith('411522101')),
    'only 十里镇’s sites',
  );
  const rooms = await exported(admin, '/api/v1/sites/export?kind=room&regionCode=411522102');
  assert.ok(rooms.rows.length > 0 && column(rooms, '区划代码').every((c) => c.startsWith('411522102') && c.length === 12));
  assert.equal((await auditOf(admin, 'sites')).filter.regionCode, '411522102');

  const staff = await exported(station, '/api/v1/staff/export');
  const people = await json<{ total: number; items: { username: string }[] }>(station, '/api/v1/staff?limit=500');
  assert.equal(staff.rows.length, people.total);
  assert.deepEqual(new Set(column(staff, '用户名')), new Set(people.items.map((s) => s.username)));
  const phones = await t.db
    .selectFrom('staff')
    .select('phone')
    .where(
      'username',
      'in',
      people.items.map((s) => s.username),
    )
    .where('phone', '!=', '')
    .execute();
  assert.ok(phones.length > 0);
  for (const { phone } of phones) assert.ok(!staff.text.includes(phone), `${phone} in full`);
  assert.ok(column(staff, '联系电话').every((p) => p === '' || p.includes('****')));
  assert.ok(!column(staff, '用户名').includes('station-411522102'), 'not another town’s staff');
  assert.ok(
    column(staff, '岗位').some((p) => p.includes('调解员')),
    'posts in words',
  );
});

test('the audit log: the query of the list, within the scope of the reader', async () => {
  const list = await json<{ total: number }>(admin, '/api/v1/audit?action=export.requests&limit=200');
  const sheet = await exported(admin, '/api/v1/audit/export?action=export.requests');
  assert.equal(sheet.rows.length, list.total);
  assert.ok(column(sheet, '操作').every((a) => a === 'export.requests'));
  assert.deepEqual(leaked(sheet.text), []);
  const all = await exported(supervisor, '/api/v1/audit/export');
  assert.deepEqual(leaked(all.text), [], 'nothing in full in the snapshots either');
  assert.equal((await auditOf(admin, 'audit')).filter.action, 'export.requests');
  const town = await exported(townSupervisor, '/api/v1/audit/export');
  assert.ok(
    column(town, '区划代码').every((code) => code.startsWith(ZHAIHE)),
    'the town’s rows only',
  );
});

test('feedback: rectifications, follow-up calls and the rating figures, masked and within the town', async () => {
  const rect = await exported(station, '/api/v1/rectifications/export?status=open');
  assert.deepEqual(column(rect, '受理编号'), [formatTrackingNo(rated.trackingNo)]);
  assert.ok(!(await exported(otherStation, '/api/v1/rectifications/export')).text.includes(formatTrackingNo(rated.trackingNo)));
  assert.equal((await auditOf(station, 'rectifications')).filter.status, 'open');

  const follow = await exported(station, '/api/v1/follow-up-calls/export');
  assert.ok(column(follow, '受理编号').includes(formatTrackingNo(rated.trackingNo)));
  assert.ok(column(follow, '联系电话').includes(maskPhone(CITIZEN.phone)));
  assert.deepEqual(leaked(follow.text), []);
  assert.ok(!(await exported(otherStation, '/api/v1/follow-up-calls/export')).text.includes(formatTrackingNo(rated.trackingNo)));

  const stats = await exported(station, '/api/v1/evaluations/stats/export?by=site');
  const shown = await json<{ name: string }[]>(station, '/api/v1/evaluations/stats?by=site');
  assert.deepEqual(
    column(stats, '站点'),
    shown.map((s) => s.name),
  );
  assert.ok(column(stats, '站点').some((n) => n.includes('十里')));
  assert.ok(!(await exported(otherStation, '/api/v1/evaluations/stats/export?by=site')).text.includes('十里'));
});

test('Q&A and guides, and the service catalogue: the list’s filter, audited', async () => {
  const list = await json<{ total: number }>(consult, '/api/v1/knowledge/admin/entries?status=draft&kind=qa');
  const sheet = await exported(consult, '/api/v1/knowledge/admin/entries/export?status=draft&kind=qa');
  assert.equal(sheet.rows.length, Math.min(list.total, EXPORT_CAP));
  assert.ok(column(sheet, '状态').every((s) => s === '草稿'));
  assert.deepEqual((await auditOf(consult, 'knowledgeEntries')).filter, { status: 'draft', kind: 'qa' });
  assertError(await t.as(station, { url: '/api/v1/knowledge/admin/entries/export' }), 403, 'FORBIDDEN');

  const items = await exported(station, '/api/v1/service-items/export');
  const catalogue = await json<{ name: string }[]>(station, '/api/v1/service-items');
  assert.deepEqual(
    column(items, '事项名称'),
    catalogue.map((i) => i.name),
  );
  assertError(await t.as(station, { url: '/api/v1/service-items/export?includeInactive=true' }), 403, 'FORBIDDEN');
});

test('nobody signed in gets 401 from every export, and those without the list’s permission 403', async () => {
  for (const url of [
    '/api/v1/requests/export',
    '/api/v1/legal-aid/cases/export',
    '/api/v1/sites/export',
    '/api/v1/staff/export',
    '/api/v1/audit/export',
    '/api/v1/rectifications/export',
  ])
    assertError(await t.app.inject({ url }), 401, 'UNAUTHENTICATED');
  const room = await t.login(`room-${WUMING}`);
  assertError(await t.as(room, { url: '/api/v1/audit/export' }), 403, 'FORBIDDEN');
  assertError(await t.as(room, { url: '/api/v1/legal-aid/providers/export' }), 403, 'FORBIDDEN');
});

test('a filter larger than the cap: the first rows, a line saying so, and the headers the workbench reads', async () => {
  const actor: Actor = {
    id: admin.user.id,
    username: 'admin',
    displayName: '系统管理员',
    siteId: admin.user.siteId,
    siteName: '',
    siteKind: 'center',
    regionCode: admin.user.regionCode,
    posts: ['admin'],
    permissions: [],
    ip: '127.0.0.1',
    requestId: 'cap-test',
  };
  const rows = [
    { no: 'A', phone: CITIZEN.phone },
    { no: 'B', phone: '' },
  ];
  const file = await listWorkbook(t.db, actor, {
    list: 'capTest',
    title: '上限测试',
    columns: [
      { header: '编号', value: (r) => r.no },
      { header: '电话', value: (r) => r.phone },
    ],
    rows,
    total: 12_345,
    filter: { q: 'x' },
  });
  assert.equal(file.capped, true);
  const [header, ...body] = await readSheet(file.body);
  assert.deepEqual(header, ['编号', '电话']);
  assert.equal(body.length, 3);
  assert.match(body[2]![0]!, /共 12345 条，本表导出前 2 条/);
  assert.equal(body[0]![1], maskPhone(CITIZEN.phone), 'a bare phone in a cell is masked too');
  const res = await t.as(station, { url: '/api/v1/requests/export?queue=all' });
  assert.equal(res.headers['x-export-capped'], '0');
  assert.ok(Number(res.headers['x-export-total']) >= 2);
});
