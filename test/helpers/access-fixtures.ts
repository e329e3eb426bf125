import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import type { Session, TestApp } from './app.js';
import { TEST_HOTLINE_SECRET } from './db.js';
import type { AccessRule, Caller, RecordKind, Target } from './access-rules.js';
import { freshAddress, idNumber, siteIdOf, staffIdOf } from './requests.js';
import { multipartFile } from './xlsx.js';
import { permissionsOf, type Permission, type Post } from '../../server/modules/auth/permissions.js';
import { sign } from '../../server/modules/hotline/calls.service.js';
import { importLaws } from '../../server/modules/knowledge/library.js';
import { formatTrackingNo } from '../../server/modules/requests/tracking-no.js';

/*
 * The world the access matrix (test/api/access-matrix.test.ts) runs in: one account per post, placed where
 * people with that post work (the county center, the station of town A 十里镇, the room of its village 吴明村),
 * and for every kind of record one in town A (or the county, or the caller's own) and one outside it — in town B
 * 寨河镇, in another county, or someone else's. Made through the API wherever the API makes them.
 */

let t: TestApp;
let demoAdmin: Session;
let identities: Identity[];
let fixtures: Fixtures;
const fx: Record<string, string> = {};
let counter = 0;
export const unique = () => ++counter;

export const COUNTY = '411522';
const TOWN_A = '411522101'; // 十里镇
export const VILLAGE_A = '411522101203'; // 吴明村
const VILLAGE_B = '411522102201'; // a village of 寨河镇
const OTHER_COUNTY = '411521'; // 罗山县: records of another county, for the county's own kinds
const PASSWORD = 'Matrix-pass-2026';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

export interface Identity extends Caller {
  label: string;
  posts: Post[];
  permissions: Permission[];
  session: Session;
}

/** A fixture: a target and what decides whether it is in a caller's scope. */
export interface Fixture extends Target {
  /** the region codes it belongs to (any one in the caller's subtree puts it in scope); null: the whole county's */
  regions: string[] | null;
  /** for a notification: its owner */
  owner?: string;
  /** for a citizen's look-up: whether the phone sent is the record's own */
  ownPhone?: boolean;
  /** the table row(s) to compare before and after a refused call */
  row: () => Promise<unknown>;
  version?: () => Promise<number>;
}

/** Per kind: the in-scope fixture (town A, the county, or the caller's own) and the out-of-scope one. */
export type Fixtures = Record<RecordKind, { a: Fixture | ((who: Identity | null) => Fixture); b?: Fixture }>;

// --- the identities: one per post, where people with that post work -------------------------------------------
const IDENTITIES: { username: string; label: string; site: 'center' | 'stationA' | 'roomA'; posts: Post[] }[] = [
  { username: 'mx-admin', label: 'admin@county', site: 'center', posts: ['admin'] },
  { username: 'mx-supervisor', label: 'supervisor@county', site: 'center', posts: ['supervisor'] },
  { username: 'mx-reception', label: 'reception@county', site: 'center', posts: ['reception'] },
  { username: 'mx-consult', label: 'consultationDesk@county', site: 'center', posts: ['consultationDesk'] },
  { username: 'mx-legalaid', label: 'legalAidDesk@county', site: 'center', posts: ['legalAidDesk'] },
  { username: 'mx-lawyer', label: 'dutyLawyer@county', site: 'center', posts: ['dutyLawyer'] },
  { username: 'mx-town-admin', label: 'admin@townA', site: 'stationA', posts: ['admin'] },
  { username: 'mx-town-reception', label: 'reception@townA', site: 'stationA', posts: ['reception'] },
  { username: 'mx-town-legalaid', label: 'legalAidDesk@townA', site: 'stationA', posts: ['legalAidDesk'] },
  { username: 'mx-mediator', label: 'mediator@townA', site: 'stationA', posts: ['mediator'] },
  { username: 'mx-adviser', label: 'villageAdviser@villageA', site: 'roomA', posts: ['villageAdviser'] },
  { username: 'mx-liaison', label: 'legalLiaison@villageA', site: 'roomA', posts: ['legalLiaison'] },
];

const ident = (username: string) => identities.find((i) => i.username === username)!;

async function ok(res: LightMyRequestResponse, what: string, status = [200, 201, 202, 204]) {
  assert.ok(status.includes(res.statusCode), `${what}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  return res.statusCode === 204 ? null : (res.json() as Record<string, unknown>);
}

const post = (who: Session | null, url: string, payload?: unknown) =>
  t.as(who, { method: 'POST', url, remoteAddress: freshAddress(), ...(payload !== undefined && { payload: payload as object }) });

// --- records ---------------------------------------------------------------------------------------------------
const requestRow = (id: string) => async () => ({
  request: await t.db.selectFrom('service_requests').selectAll().where('id', '=', id).executeTakeFirst(),
  events: await t.db.selectFrom('request_events').select('id').where('request_id', '=', id).execute(),
  attachments: await t.db.selectFrom('request_attachments').select(['id', 'filename']).where('request_id', '=', id).execute(),
  orders: await t.db.selectFrom('supervision_orders').selectAll().where('request_id', '=', id).execute(),
  messages: await t.db.selectFrom('consultation_messages').select('id').where('request_id', '=', id).execute(),
  evaluation: await t.db.selectFrom('evaluations').selectAll().where('request_id', '=', id).executeTakeFirst(),
  drafts: await t.db.selectFrom('kb_entries').select('id').where('from_request_id', '=', id).execute(),
  outbox: await t.db.selectFrom('outbox').select('id').where('request_id', '=', id).execute(),
  rectifications: await t.db.selectFrom('rectifications').selectAll().where('request_id', '=', id).execute(),
  followUps: await t.db.selectFrom('follow_up_calls').selectAll().where('request_id', '=', id).execute(),
});
type Versioned = 'service_requests' | 'aid_cases' | 'aid_objections' | 'aid_providers' | 'sites' | 'staff' | 'kb_entries' | 'hotline_calls';
const versionOf = (table: Versioned, id: string | number) => async () => {
  const { rows } = await sql<{ version: number }>`select version from ${sql.table(table)} where id = ${id}`.execute(t.db);
  return Number(rows[0]!.version);
};

interface RequestFacts {
  id: string;
  trackingNo: string;
  phone: string;
}

async function regionsOfRequest(id: string): Promise<string[]> {
  const r = await t.db
    .selectFrom('service_requests')
    .select(['region_code', 'received_region_code', 'handler_region_code'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return [r.region_code, r.received_region_code, r.handler_region_code].filter((c): c is string => !!c);
}

function requestFixture(kind: RecordKind, r: RequestFacts, regions: string[]): Fixture {
  return {
    kind,
    params: { id: r.id },
    markers: [r.id, r.trackingNo, formatTrackingNo(r.trackingNo)],
    regions,
    row: requestRow(r.id),
    version: versionOf('service_requests', r.id),
    phone: r.phone,
  };
}

/** The citizen's look-up: A with its own phone; B with A's phone (another citizen's number). */
function trackingFixtures(kind: RecordKind, a: RequestFacts, b: RequestFacts) {
  const base = (r: RequestFacts, own: boolean): Fixture => ({
    kind,
    params: { trackingNo: r.trackingNo },
    markers: [r.id, r.trackingNo],
    regions: null,
    ownPhone: own,
    phone: a.phone,
    row: requestRow(r.id),
  });
  return { a: base(a, true), b: base(b, false) };
}

let phones = 0;
const phone = () => `1390${String(process.pid % 10000).padStart(4, '0')}${String(++phones).padStart(3, '0')}`;

async function submitPublic(serviceItem: string, regionCode: string, extra: Record<string, unknown> = {}): Promise<RequestFacts> {
  const p = phone();
  const res = await post(null, '/api/v1/public/requests', {
    serviceItem,
    name: '矩阵群众',
    phone: p,
    regionCode,
    description: '邻居在我家门口堆放柴草，协商不成',
    channel: 'web',
    ...extra,
  });
  const body = (await ok(res, `submit ${serviceItem}`))!;
  const row = await t.db
    .selectFrom('service_requests')
    .select('id')
    .where('tracking_no', '=', String(body.trackingNo))
    .executeTakeFirstOrThrow();
  return { id: row.id, trackingNo: String(body.trackingNo), phone: p };
}

async function deskRequest(who: Session, regionCode: string): Promise<RequestFacts> {
  const p = phone();
  const res = await post(who, '/api/v1/requests', {
    serviceItem: 'mediation',
    name: '矩阵来访人',
    phone: p,
    regionCode,
    description: '窗口来访：邻里纠纷',
    channel: 'walk_in',
  });
  const body = (await ok(res, 'desk intake'))!;
  return { id: String(body.id), trackingNo: String(body.trackingNo), phone: p };
}

const step = async (who: Session, id: string, path: string, payload: object = {}) =>
  ok(await post(who, `/api/v1/requests/${id}/${path}`, payload), `${path} ${id}`);

/** An open consultation answered and concluded at its village room, then rated 非常不满意. */
async function ratedConsultation(regionCode: string, adviser: Session): Promise<RequestFacts> {
  const r = await submitPublic('consultation', regionCode, { description: '老板拖欠工资三个月，怎么办？' });
  await step(adviser, r.id, 'accept');
  await step(adviser, r.id, 'conclude', { result: '可向劳动监察大队投诉或申请劳动仲裁。' });
  await ok(
    await post(null, `/api/v1/public/requests/${r.trackingNo}/evaluation`, {
      phone: r.phone,
      grade: 1,
      attitude: 1,
      efficiency: 1,
      competence: 1,
      comment: '答复太简单',
    }),
    'rate',
  );
  return r;
}

async function aidApplication(regionCode: string): Promise<{ caseId: string } & RequestFacts> {
  const p = phone();
  const res = await post(null, '/api/v1/public/legal-aid/applications', {
    name: '王小军',
    phone: p,
    regionCode,
    description: '儿子被刑事拘留，请求指派辩护律师',
    applicantKind: 'relativeOfDetained',
    proxy: { name: '王大海', relation: '父亲', phone: phone() },
    matterCategory: 'criminalDefence',
    aidForm: 'criminalDefence',
    monthlyIncome: 800,
    familyMembers: [],
    channel: 'web',
  });
  const body = (await ok(res, 'aid application'))!;
  const row = await t.db
    .selectFrom('aid_cases as c')
    .innerJoin('service_requests as r', 'r.id', 'c.request_id')
    .select(['c.id', 'r.id as request_id'])
    .where('r.tracking_no', '=', String(body.trackingNo))
    .executeTakeFirstOrThrow();
  return { caseId: row.id, id: row.request_id, trackingNo: String(body.trackingNo), phone: p };
}

/** A case taken at the county center's desk (stage review), optionally granted. */
async function deskCase(regionCode: string, grant = false) {
  const center = await t.login('legalaid');
  const p = phone();
  const res = await post(center, '/api/v1/legal-aid/cases', {
    name: '周海燕',
    phone: p,
    regionCode,
    description: '邻居占用宅基地，多次协商无果。',
    channel: 'walk_in',
    applicantKind: 'self',
    matterCategory: grant ? 'labourRemuneration' : 'other',
    aidForm: grant ? 'labourArbitration' : 'consultation',
    opposingParty: `邻居${unique()}`,
    familyMembers: [],
    monthlyIncome: grant ? 500 : 90_000,
  });
  const c = (await ok(res, 'desk case'))! as { id: string; version: number; trackingNo: string; requestId?: string };
  return { center, c, phone: p };
}

function aidFixture(kind: RecordKind, caseId: string, requestId: string, trackingNo: string, regionCode: string): Fixture {
  return {
    kind,
    params: { id: caseId },
    markers: [caseId, requestId, trackingNo, formatTrackingNo(trackingNo)],
    regions: [regionCode],
    version: versionOf('aid_cases', caseId),
    row: async () => ({
      aidCase: await t.db.selectFrom('aid_cases').selectAll().where('id', '=', caseId).executeTakeFirst(),
      objections: await t.db.selectFrom('aid_objections').selectAll().where('case_id', '=', caseId).execute(),
      request: await requestRow(requestId)(),
    }),
  };
}

async function refusedCaseWithObjection(regionCode: string) {
  const { center, c, phone: p } = await deskCase(regionCode);
  await ok(
    await post(center, `/api/v1/legal-aid/cases/${c.id}/decide`, { version: c.version, decision: 'refuse', reason: '收入高于当地标准' }),
    'refuse',
  );
  await ok(
    await post(null, `/api/v1/public/legal-aid/${c.trackingNo}/objections`, { phone: p, grounds: '我认为符合条件，请求复查' }),
    'object',
  );
  const o = await t.db.selectFrom('aid_objections').select(['id']).where('case_id', '=', c.id).executeTakeFirstOrThrow();
  const r = await t.db.selectFrom('aid_cases').select('request_id').where('id', '=', c.id).executeTakeFirstOrThrow();
  return { caseId: c.id, objectionId: o.id, requestId: r.request_id, trackingNo: c.trackingNo, phone: p };
}

const rosterRow = (id: number) => async () => ({
  roster: await t.db.selectFrom('hotline_roster').selectAll().where('id', '=', id).executeTakeFirst(),
  swaps: await t.db.selectFrom('hotline_swaps').selectAll().where('roster_id', '=', id).execute(),
});

async function rosterSlot(staffId: string, day = dayAfter(100 + unique())): Promise<number> {
  const res = await post(demoAdmin, '/api/v1/hotline/roster', { day, shift: 'am', staffId });
  return Number((await ok(res, 'roster'))!.id);
}

async function swapOn(rosterId: number): Promise<number> {
  const res = await post(ident('mx-lawyer').session, `/api/v1/hotline/roster/${rosterId}/swaps`, {
    toStaffId: fx.consultId,
    reason: '家中有事',
  });
  return Number((await ok(res, 'swap'))!.id);
}

const dayAfter = (n: number) => new Date(Date.UTC(2031, 0, 6) + n * 86_400_000).toISOString().slice(0, 10);

function swapFixture(id: number, regions: string[]): Fixture {
  return {
    kind: 'swap',
    params: { id: String(id) },
    markers: [],
    numericIds: [id],
    regions,
    row: async () => {
      const swap = await t.db.selectFrom('hotline_swaps').selectAll().where('id', '=', id).executeTakeFirst();
      return { swap, roster: swap ? await rosterRow(swap.roster_id)() : null };
    },
  };
}

async function standardFixture(effectiveFrom: string): Promise<Fixture> {
  const res = await post(demoAdmin, '/api/v1/legal-aid/standards', {
    regionCode: COUNTY,
    basis: 'perCapitaIncome',
    amount: 1500,
    effectiveFrom,
  });
  const s = (await ok(res, 'standard'))! as { id: string; effectiveTo: string | null; note: string; amount: number };
  return {
    kind: 'standard',
    params: { id: s.id },
    markers: [s.id],
    regions: [COUNTY],
    data: { effectiveTo: s.effectiveTo, note: s.note, amount: s.amount },
    row: () => t.db.selectFrom('aid_hardship_standards').selectAll().where('id', '=', s.id).executeTakeFirst(),
  };
}

async function calendarDayFixture(date: string): Promise<Fixture> {
  await ok(
    await t.as(demoAdmin, { method: 'PUT', url: `/api/v1/calendar/${date}`, payload: { kind: 'holiday', name: '矩阵测试' } }),
    'day',
  );
  return {
    kind: 'calendarDay',
    params: { date },
    markers: [],
    regions: null,
    row: () => t.db.selectFrom('calendar_days').selectAll().where('date', '=', date).executeTakeFirst(),
  };
}

/** A record of its own for one in-scope cell, in the state the step needs. */
export async function freshTarget(kind: RecordKind, stage: AccessRule['fresh']): Promise<Fixture> {
  switch (kind) {
    case 'calendarDay':
      return calendarDayFixture(dayAfter(500 + unique()));
    case 'standard':
      return standardFixture(dayAfter(900 + unique()));
    case 'roster': {
      const id = await rosterSlot(fx.lawyerId!);
      return { kind, params: { id: String(id) }, markers: [], numericIds: [id], regions: [COUNTY], row: rosterRow(id) };
    }
    case 'swap':
      return swapFixture(await swapOn(await rosterSlot(fx.lawyerId!)), [COUNTY]);
    case 'call':
      return callFixture(await signedEvent({ type: 'call.started', callId: `mx-call-${unique()}`, at: new Date().toISOString() }), COUNTY);
    case 'request': {
      const r =
        stage === 'submitted' ? await deskRequest(ident('mx-reception').session, VILLAGE_A) : await submitPublic('mediation', VILLAGE_A);
      if (stage === 'accepted' || stage === 'awaitingMaterials') await step(ident('mx-mediator').session, r.id, 'accept');
      if (stage === 'awaitingMaterials') await step(ident('mx-mediator').session, r.id, 'request-materials', { items: ['收入证明'] });
      return requestFixture(kind, r, await regionsOfRequest(r.id));
    }
    case 'aidCase': {
      const { center, c } = await deskCase(VILLAGE_A, stage === 'granted');
      if (stage === 'granted')
        await ok(
          await post(center, `/api/v1/legal-aid/cases/${c.id}/decide`, {
            version: c.version,
            decision: 'grant',
            reason: '符合条件',
            overrideReason: '经核实确有困难',
          }),
          'grant',
        );
      const r = await t.db.selectFrom('aid_cases').select('request_id').where('id', '=', c.id).executeTakeFirstOrThrow();
      return aidFixture(kind, c.id, r.request_id, c.trackingNo, VILLAGE_A);
    }
    default:
      throw new Error(`no fresh ${kind}`);
  }
}

async function buildFixtures(): Promise<Fixtures> {
  const db = t.db;
  const siteA = fx.roomSiteA!;
  const siteB = await siteIdOf(t, 'room', VILLAGE_B);
  const region = async (code: string): Promise<Fixture> => {
    const r = await db.selectFrom('regions').select(['name']).where('code', '=', code).executeTakeFirstOrThrow();
    return {
      kind: 'region',
      params: { code },
      markers: [],
      regions: [code],
      data: { name: r.name },
      row: () => db.selectFrom('regions').selectAll().where('code', '=', code).executeTakeFirst(),
    };
  };
  const site = (id: string, code: string): Fixture => ({
    kind: 'site',
    params: { id },
    markers: [id],
    regions: [code],
    version: versionOf('sites', id),
    row: () => db.selectFrom('sites').selectAll().where('id', '=', id).executeTakeFirst(),
  });
  const staff = async (username: string, code: string): Promise<Fixture> => {
    const id = await staffIdOf(t, username);
    return {
      kind: 'staff',
      params: { id },
      markers: [id, username],
      regions: [code],
      version: versionOf('staff', id),
      row: () => db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst(),
    };
  };

  // requests: open ones on the portal, sent on to the town station's mediator
  const reqA = await submitPublic('mediation', VILLAGE_A, { idNumber: idNumber('19800101', '321') });
  const reqB = await submitPublic('mediation', VILLAGE_B, { idNumber: idNumber('19800101', '322') });
  const roomB = await t.login(`room-${VILLAGE_B}`);
  const consultA = await ratedConsultation(VILLAGE_A, ident('mx-adviser').session);
  const consultB = await ratedConsultation(VILLAGE_B, roomB);

  const supervisor = await t.login('supervisor');
  const order = async (requestId: string) =>
    String(
      (await ok(await post(supervisor, `/api/v1/requests/${requestId}/supervision`, { instruction: '请尽快办理', days: 5 }), 'supervise'))!
        .id,
    );
  const orderA = await order(reqA.id);
  const orderB = await order(reqB.id);
  const attach = async (requestId: string) => {
    const { payload, headers } = multipartFile(PDF, { filename: '材料.pdf', contentType: 'application/pdf' });
    return String(
      (await ok(await t.as(demoAdmin, { method: 'POST', url: `/api/v1/requests/${requestId}/attachments`, payload, headers }), 'attach'))!
        .id,
    );
  };
  const attachmentA = await attach(reqA.id);
  const attachmentB = await attach(reqB.id);

  const aidA = await aidApplication(VILLAGE_A);
  const aidB = await aidApplication(VILLAGE_B);
  const refusedA = await refusedCaseWithObjection(VILLAGE_A);
  const refusedB = await refusedCaseWithObjection(VILLAGE_B);

  // the county's pool and standard, and another county's (no one here may touch those)
  const pool = await db
    .selectFrom('aid_providers')
    .select('id')
    .where('county_code', '=', COUNTY)
    .where('active', '=', true)
    .orderBy('name')
    .limit(2)
    .execute();
  const providerA = pool[0]!;
  fx.providerId = providerA.id;
  fx.otherProviderId = pool[1]!.id;
  const providerB = await db
    .insertInto('aid_providers')
    .values({
      county_code: OTHER_COUNTY,
      staff_id: null,
      name: '外县律师',
      kind: 'lawyer',
      matter_categories: ['labourRemuneration'],
      prior_clients: [],
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const provider = (id: string, code: string): Fixture => ({
    kind: 'provider',
    params: { id },
    markers: [id],
    regions: [code],
    version: versionOf('aid_providers', id),
    row: () => db.selectFrom('aid_providers').selectAll().where('id', '=', id).executeTakeFirst(),
  });
  const standardA = await standardFixture('2030-01-01');
  const standardB = await db
    .insertInto('aid_hardship_standards')
    .values({
      region_code: OTHER_COUNTY,
      basis: 'perCapitaIncome',
      amount: 1500,
      base_name: null,
      multiple: null,
      effective_from: '2030-01-01',
      effective_to: null,
      created_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  // the library: one law of two articles, a published Q&A and a draft
  await importLaws(db, [
    { law: '矩阵测试条例', article: '第一条', number: 1, text: '为了检验访问控制，制定本条例。', category: '行政法规', version: '2026' },
    { law: '矩阵测试条例', article: '第二条', number: 2, text: '本条例自公布之日起施行。', category: '行政法规', version: '2026' },
  ]);
  const law = await db.selectFrom('laws').select('id').where('name', '=', '矩阵测试条例').executeTakeFirstOrThrow();
  const article = await db.selectFrom('law_articles').select('id').where('law_id', '=', law.id).orderBy('seq').executeTakeFirstOrThrow();
  const entry = async (publish: boolean) => {
    const created = (await ok(
      await post(demoAdmin, '/api/v1/knowledge/admin/entries', {
        kind: 'qa',
        title: `农民工被拖欠工资怎么办（${unique()}）`,
        body: '可以向劳动保障监察机构投诉，也可以申请劳动仲裁。',
      }),
      'entry',
    ))! as { id: number; version: number };
    if (publish)
      await ok(await post(demoAdmin, `/api/v1/knowledge/admin/entries/${created.id}/publish`, { version: created.version }), 'publish');
    return created.id;
  };
  const publishedEntry = await entry(true);
  const draftEntry = await entry(false);

  // the 12348 line: a shift of the duty lawyer, a swap they asked for, an unassigned call (from the telephony
  // system); another county's of each
  const rosterA = await rosterSlot(fx.lawyerId!, dayAfter(1));
  const swapA = await swapOn(await rosterSlot(fx.lawyerId!));
  const rosterB = await db
    .insertInto('hotline_roster')
    .values({ county_code: OTHER_COUNTY, day: dayAfter(3), shift: 'pm', staff_id: fx.lawyerId! })
    .returning('id')
    .executeTakeFirstOrThrow();
  const rosterB2 = await db
    .insertInto('hotline_roster')
    .values({ county_code: OTHER_COUNTY, day: dayAfter(4), shift: 'pm', staff_id: fx.lawyerId! })
    .returning('id')
    .executeTakeFirstOrThrow();
  const swapB = await db
    .insertInto('hotline_swaps')
    .values({ roster_id: rosterB2.id, from_staff_id: fx.lawyerId!, to_staff_id: fx.consultId!, reason: '外县换班' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const callA = await signedEvent({ type: 'call.started', callId: `mx-call-${unique()}`, at: new Date().toISOString() });
  const callB = await db
    .insertInto('hotline_calls')
    .values({
      county_code: OTHER_COUNTY,
      started_at: new Date(),
      summary: '外县来电',
      external_id: null,
      ended_at: null,
      duration_seconds: null,
      caller_phone_enc: null,
      caller_phone_hash: null,
      staff_id: null,
      category: null,
      outcome: null,
      transferred_to: null,
      request_id: null,
      satisfaction: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  // notices: one for each identity, and one of someone else's
  const notice = async (staffId: string) =>
    (
      await db
        .insertInto('notifications')
        .values({
          staff_id: staffId,
          request_id: null,
          kind: 'matrix',
          dedupe_key: `matrix:${staffId}`,
          title: '矩阵测试通知',
          read_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const notices = new Map<string, number>();
  for (const i of identities) notices.set(i.id, await notice(i.id));
  const othersNotice = await notice(await staffIdOf(t, 'admin'));
  const noticeFixture = (id: number, owner: string): Fixture => ({
    kind: 'notification',
    params: { id: String(id) },
    markers: [],
    numericIds: [id],
    regions: null,
    owner,
    row: () => db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst(),
  });
  const demoAdminId = await staffIdOf(t, 'admin');

  const rectification = async (requestId: string): Promise<Fixture> => {
    const x = await db
      .selectFrom('rectifications as x')
      .innerJoin('sites as s', 's.id', 'x.site_id')
      .select(['x.id', 's.region_code'])
      .where('x.request_id', '=', requestId)
      .executeTakeFirstOrThrow();
    return {
      kind: 'rectification',
      params: { id: x.id },
      markers: [x.id],
      regions: [x.region_code],
      row: () => db.selectFrom('rectifications').selectAll().where('id', '=', x.id).executeTakeFirst(),
    };
  };
  const followUp = async (requestId: string): Promise<Fixture> => {
    const f = await db.selectFrom('follow_up_calls').select('id').where('request_id', '=', requestId).executeTakeFirstOrThrow();
    const r = await db
      .selectFrom('service_requests')
      .select(['handler_region_code', 'received_region_code'])
      .where('id', '=', requestId)
      .executeTakeFirstOrThrow();
    return {
      kind: 'followUp',
      params: { id: f.id },
      markers: [f.id],
      regions: [r.handler_region_code, r.received_region_code].filter((c): c is string => !!c),
      row: () => db.selectFrom('follow_up_calls').selectAll().where('id', '=', f.id).executeTakeFirst(),
    };
  };
  const ratedSite = async (requestId: string): Promise<Fixture> => {
    const r = await db
      .selectFrom('service_requests as r')
      .innerJoin('sites as s', 's.id', 'r.handler_site_id')
      .select(['s.id', 's.region_code'])
      .where('r.id', '=', requestId)
      .executeTakeFirstOrThrow();
    return { kind: 'ratedSite', params: {}, markers: [r.id], regions: [r.region_code], row: async () => null };
  };
  const unscoped = (
    kind: RecordKind,
    params: Record<string, string>,
    row: () => Promise<unknown>,
    version?: () => Promise<number>,
  ): Fixture => ({
    kind,
    params,
    markers: [],
    regions: null,
    row,
    ...(version && { version }),
  });

  const withData = (f: Fixture, data: Record<string, unknown>): Fixture => ({ ...f, data });
  const aTracking = trackingFixtures('tracking', reqA, reqB);
  const cTracking = trackingFixtures('consultationTracking', consultA, consultB);
  const refusedFacts = (r: typeof refusedA): RequestFacts => ({ id: r.requestId, trackingNo: r.trackingNo, phone: r.phone });
  const aidTracking = trackingFixtures('aidTracking', refusedFacts(refusedA), refusedFacts(refusedB));
  const objection = (r: typeof refusedA, code: string): Fixture => ({
    kind: 'objection',
    params: { id: r.objectionId },
    markers: [r.objectionId],
    regions: [code],
    version: async () =>
      Number((await db.selectFrom('aid_objections').select('version').where('id', '=', r.objectionId).executeTakeFirstOrThrow()).version),
    row: async () => ({
      objection: await db.selectFrom('aid_objections').selectAll().where('id', '=', r.objectionId).executeTakeFirst(),
      aidCase: await db.selectFrom('aid_cases').selectAll().where('id', '=', r.caseId).executeTakeFirst(),
    }),
  });
  const attachment = (r: RequestFacts, attachmentId: string, regions: string[]): Fixture => ({
    ...requestFixture('attachment', r, regions),
    params: { id: r.id, attachmentId },
    markers: [attachmentId],
  });
  const supervision = (id: string, r: RequestFacts, regions: string[]): Fixture => ({
    kind: 'supervision',
    params: { id },
    markers: [id],
    regions,
    row: async () => ({
      order: await db.selectFrom('supervision_orders').selectAll().where('id', '=', id).executeTakeFirst(),
      request: await requestRow(r.id)(),
    }),
  });
  const reqARegions = await regionsOfRequest(reqA.id);
  const reqBRegions = await regionsOfRequest(reqB.id);

  return {
    region: { a: await region(VILLAGE_A), b: await region(VILLAGE_B) },
    site: { a: site(siteA, VILLAGE_A), b: site(siteB, VILLAGE_B) },
    staff: { a: await staff(`room-${VILLAGE_A}`, VILLAGE_A), b: await staff(`room-${VILLAGE_B}`, VILLAGE_B) },
    serviceItem: {
      a: withData(
        unscoped(
          'serviceItem',
          { code: 'mediation' },
          () => db.selectFrom('service_items').selectAll().where('code', '=', 'mediation').executeTakeFirst(),
          async () =>
            Number(
              (await db.selectFrom('service_items').select('version').where('code', '=', 'mediation').executeTakeFirstOrThrow()).version,
            ),
        ),
        { name: (await db.selectFrom('service_items').select('name').where('code', '=', 'mediation').executeTakeFirstOrThrow()).name },
      ),
    },
    calendarDay: { a: await calendarDayFixture('2031-05-06') },
    request: { a: requestFixture('request', reqA, reqARegions), b: requestFixture('request', reqB, reqBRegions) },
    consultation: {
      a: requestFixture('consultation', consultA, await regionsOfRequest(consultA.id)),
      b: requestFixture('consultation', consultB, await regionsOfRequest(consultB.id)),
    },
    tracking: aTracking,
    consultationTracking: cTracking,
    aidTracking,
    supervision: { a: supervision(orderA, reqA, reqARegions), b: supervision(orderB, reqB, reqBRegions) },
    attachment: { a: attachment(reqA, attachmentA, reqARegions), b: attachment(reqB, attachmentB, reqBRegions) },
    aidCase: {
      a: aidFixture('aidCase', aidA.caseId, aidA.id, aidA.trackingNo, VILLAGE_A),
      b: aidFixture('aidCase', aidB.caseId, aidB.id, aidB.trackingNo, VILLAGE_B),
    },
    refusedCase: {
      a: aidFixture('refusedCase', refusedA.caseId, refusedA.requestId, refusedA.trackingNo, VILLAGE_A),
      b: aidFixture('refusedCase', refusedB.caseId, refusedB.requestId, refusedB.trackingNo, VILLAGE_B),
    },
    objection: { a: objection(refusedA, VILLAGE_A), b: objection(refusedB, VILLAGE_B) },
    provider: { a: provider(providerA.id, COUNTY), b: provider(providerB.id, OTHER_COUNTY) },
    standard: {
      a: standardA,
      b: {
        kind: 'standard',
        params: { id: standardB.id },
        markers: [standardB.id],
        regions: [OTHER_COUNTY],
        data: { effectiveTo: null, note: '', amount: 1500 },
        row: () => db.selectFrom('aid_hardship_standards').selectAll().where('id', '=', standardB.id).executeTakeFirst(),
      },
    },
    law: {
      a: unscoped('law', { id: String(law.id) }, () => db.selectFrom('laws').selectAll().where('id', '=', law.id).executeTakeFirst()),
    },
    article: {
      a: unscoped('article', { id: String(article.id) }, () =>
        db.selectFrom('law_articles').selectAll().where('id', '=', article.id).executeTakeFirst(),
      ),
    },
    entry: {
      a: unscoped('entry', { id: String(publishedEntry) }, () =>
        db.selectFrom('kb_entries').selectAll().where('id', '=', publishedEntry).executeTakeFirst(),
      ),
    },
    kbEntry: {
      a: unscoped(
        'kbEntry',
        { id: String(draftEntry) },
        () => db.selectFrom('kb_entries').selectAll().where('id', '=', draftEntry).executeTakeFirst(),
        versionOf('kb_entries', draftEntry),
      ),
    },
    roster: {
      a: {
        kind: 'roster',
        params: { id: String(rosterA) },
        markers: [],
        numericIds: [rosterA],
        regions: [COUNTY],
        row: rosterRow(rosterA),
      },
      b: {
        kind: 'roster',
        params: { id: String(rosterB.id) },
        markers: [],
        numericIds: [rosterB.id],
        regions: [OTHER_COUNTY],
        row: rosterRow(rosterB.id),
      },
    },
    swap: { a: swapFixture(swapA, [COUNTY]), b: swapFixture(swapB.id, [OTHER_COUNTY]) },
    call: { a: callFixture(callA, COUNTY), b: callFixture(callB.id, OTHER_COUNTY) },
    notification: {
      a: (who) => noticeFixture(who ? notices.get(who.id)! : othersNotice, who?.id ?? demoAdminId),
      b: noticeFixture(othersNotice, demoAdminId),
    },
    rectification: { a: await rectification(consultA.id), b: await rectification(consultB.id) },
    followUp: { a: await followUp(consultA.id), b: await followUp(consultB.id) },
    ratedSite: { a: await ratedSite(consultA.id), b: await ratedSite(consultB.id) },
  };
}

function callFixture(id: number, code: string): Fixture {
  return {
    kind: 'call',
    params: { id: String(id) },
    markers: [],
    numericIds: [id],
    regions: [code],
    version: versionOf('hotline_calls', id),
    row: () => t.db.selectFrom('hotline_calls').selectAll().where('id', '=', id).executeTakeFirst(),
  };
}

export async function signedEvent(body: object): Promise<number> {
  const raw = JSON.stringify(body);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/hotline/events',
    payload: raw,
    headers: { 'content-type': 'application/json', 'x-legalhub-signature': sign(TEST_HOTLINE_SECRET, raw) },
  });
  return Number((await ok(res, 'event', [202]))!.id);
}

export function inScope(f: Fixture, who: Identity): boolean {
  if (f.owner !== undefined) return f.owner === who.id;
  if (!f.regions) return true;
  return f.regions.some((r) => r.startsWith(who.regionCode));
}

/** Each fixture once (a notification: the one of someone none of the identities is), for before/after checks. */
export function everyFixture(): { label: string; fixture: Fixture }[] {
  return (Object.keys(fixtures) as RecordKind[]).flatMap((kind) =>
    (['a', 'b'] as const).flatMap((side) => {
      const fixture = fixtureFor(kind, side, null);
      return fixture ? [{ label: `${kind} ${side === 'a' ? 'in town A / the county' : 'out of scope'}`, fixture }] : [];
    }),
  );
}

export function fixtureFor(kind: RecordKind, side: 'a' | 'b', who: Identity | null): Fixture | undefined {
  const entry = fixtures[kind];
  const f = side === 'a' ? entry.a : entry.b;
  return typeof f === 'function' ? f(who) : f;
}

export interface MatrixWorld {
  /** the demo county's administrator, who makes the fixtures */
  demoAdmin: Session;
  identities: Identity[];
  /** named ids the rules' bodies use */
  fx: Readonly<Record<string, string>>;
}

/** Signs the identities in and makes every fixture, on the app given. */
export async function buildMatrixWorld(app: TestApp): Promise<MatrixWorld> {
  t = app;
  demoAdmin = await t.login('admin');
  fx.villageA = VILLAGE_A;
  fx.roomSiteA = await siteIdOf(t, 'room', VILLAGE_A);
  fx.stationSiteA = await siteIdOf(t, 'station', TOWN_A);
  const sites = { center: await siteIdOf(t, 'center', COUNTY), stationA: fx.stationSiteA, roomA: fx.roomSiteA };
  const regionOf = { center: COUNTY, stationA: TOWN_A, roomA: VILLAGE_A };
  identities = [];
  for (const spec of IDENTITIES) {
    const created = await post(demoAdmin, '/api/v1/staff', {
      username: spec.username,
      displayName: spec.label,
      phone: '',
      siteId: sites[spec.site],
      posts: spec.posts,
      password: PASSWORD,
    });
    const body = (await ok(created, `create ${spec.username}`))! as { staff: { id: string } };
    identities.push({
      id: body.staff.id,
      username: spec.username,
      password: PASSWORD,
      regionCode: regionOf[spec.site],
      siteId: sites[spec.site],
      label: spec.label,
      posts: spec.posts,
      permissions: permissionsOf(spec.posts),
      session: await t.login(spec.username, PASSWORD),
    });
  }
  await ok(
    await post(demoAdmin, '/api/v1/staff', {
      username: 'mx-login',
      displayName: '登录用',
      phone: '',
      siteId: sites.center,
      posts: ['reception'],
      password: PASSWORD,
    }),
    'login account',
  );
  fx.loginUsername = 'mx-login';
  fx.loginPassword = PASSWORD;
  fx.lawyerId = ident('mx-lawyer').id;
  fx.consultId = ident('mx-consult').id;
  fixtures = await buildFixtures();
  return { demoAdmin, identities, fx };
}
