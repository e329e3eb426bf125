import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import type { Session, TestApp } from './app.js';
import type { SiteKind } from '../../server/db/schema.js';
import type { Post } from '../../server/modules/auth/permissions.js';
import { idNumberCheckChar } from '../../server/modules/requests/id-number.js';

/** 吴明村 of 十里镇, the demo county's village the examples use. */
export const WUMING = '411522101203';
export const SHILI = '411522101';
/** 寨河镇, a town that is not 十里镇, and one of its villages. */
export const ZHAIHE = '411522102';
export const ZHAIHE_VILLAGE = '411522102201';

/** A made-up resident ID number for the demo county with a correct GB 11643 check character. */
export function idNumber(birth = '19900101', order = '123'): string {
  const first17 = `411522${birth}${order}`;
  return first17 + idNumberCheckChar(first17);
}

let phones = 0;
/** A mobile number no other request of this process uses, so a test can find its own messages. */
export function freshPhone(): string {
  phones++;
  return `139${String(process.pid % 1000).padStart(3, '0')}${String(phones).padStart(5, '0')}`;
}

let addresses = 0;
/** A client address used once, so the per-address limits only meet the tests aimed at them. */
export function freshAddress(): string {
  addresses++;
  return `10.77.${(addresses >> 8) & 255}.${addresses & 255}`;
}

export async function siteIdOf(t: TestApp, kind: SiteKind, regionCode: string): Promise<string> {
  const row = await t.db
    .selectFrom('sites')
    .select('id')
    .where('kind', '=', kind)
    .where('region_code', '=', regionCode)
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function staffIdOf(t: TestApp, username: string): Promise<string> {
  const row = await t.db.selectFrom('staff').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  return row.id;
}

/**
 * A colleague the demo county lacks (a town supervisor, a legal liaison…), stored straight into the
 * database with the demo password, so the test can sign in as them at once.
 */
export async function seedColleague(
  t: TestApp,
  input: { username: string; kind: SiteKind; regionCode: string; posts: Post[]; displayName?: string },
): Promise<string> {
  const { password_hash } = await t.db
    .selectFrom('staff')
    .select('password_hash')
    .where('username', '=', 'admin')
    .executeTakeFirstOrThrow();
  const row = await t.db
    .insertInto('staff')
    .values({
      username: input.username,
      display_name: input.displayName ?? input.username,
      site_id: await siteIdOf(t, input.kind, input.regionCode),
      posts: input.posts,
      password_hash,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** What the database holds of a request, read past every service: for "the row is unchanged" checks. */
export function requestRow(t: TestApp, id: string) {
  return t.db
    .selectFrom('service_requests')
    .select([
      'status',
      'version',
      'owner_id',
      'handler_id',
      'handler_site_id',
      'handler_post',
      'started_at',
      'due_at',
      'due_state',
      'pauses',
      'updated_at',
    ])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

export interface RequestBody {
  serviceItem?: string;
  name?: string;
  phone?: string;
  regionCode?: string;
  description?: string;
  channel?: string;
  idNumber?: string;
  address?: string;
}

const defaults = (body: RequestBody) => ({
  serviceItem: 'mediation',
  name: '王大妈',
  phone: freshPhone(),
  regionCode: WUMING,
  description: '邻居在我家门口堆放柴草，协商不成',
  ...body,
});

/** A citizen's submission on the portal (no session), from an address of its own unless one is given. */
export function submitPublic(t: TestApp, body: RequestBody = {}, remoteAddress = freshAddress()): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/public/requests',
    remoteAddress,
    payload: { channel: 'web', ...defaults(body) },
  });
}

/** A step of the workflow (`accept`, `request-materials` …) as that session. */
export function step(t: TestApp, who: Session, id: string, path: string, payload: object = {}): Promise<LightMyRequestResponse> {
  return t.as(who, { method: 'POST', url: `/api/v1/requests/${id}/${path}`, payload });
}

export async function stepOk(t: TestApp, who: Session, id: string, path: string, payload: object = {}) {
  const res = await step(t, who, id, path, payload);
  assert.equal(res.statusCode, 200, `${path}: ${res.body}`);
  return res.json() as RequestView;
}

export interface RequestView {
  id: string;
  trackingNo: string;
  status: string;
  serviceItem: string;
  requesterPhone: string;
  requesterIdNumber: string | null;
  regionCode: string;
  owner: { id: string; name: string } | null;
  handler: { id: string; name: string } | null;
  handlerSite: { id: string; name: string } | null;
  receivedSite: { id: string; name: string } | null;
  handlerPost: string | null;
  dueAt: string | null;
  dueState: string;
  startedAt: string;
  version: number;
  allowedActions: string[];
}

export interface Seeded {
  id: string;
  trackingNo: string;
  phone: string;
}

/** Taken at a desk by `who` (status submitted, `who` its first responder). */
export async function seedSubmittedAtDesk(t: TestApp, who: Session, body: RequestBody = {}): Promise<Seeded & { view: RequestView }> {
  const payload = { channel: 'walk_in', ...defaults(body) };
  const res = await t.as(who, { method: 'POST', url: '/api/v1/requests', payload });
  assert.equal(res.statusCode, 201, res.body);
  const view = res.json() as RequestView;
  return { id: view.id, trackingNo: view.trackingNo, phone: payload.phone, view };
}

/** Submitted on the portal and routed on at once (status dispatched, nobody has taken it yet). */
export async function seedDispatched(t: TestApp, body: RequestBody = {}): Promise<Seeded & { dueAt: string | null }> {
  const payload = defaults(body);
  const res = await submitPublic(t, payload);
  assert.equal(res.statusCode, 201, res.body);
  const { trackingNo, dueAt } = res.json() as { trackingNo: string; dueAt: string | null };
  const row = await t.db.selectFrom('service_requests').select('id').where('tracking_no', '=', trackingNo).executeTakeFirstOrThrow();
  return { id: row.id, trackingNo, phone: payload.phone, dueAt };
}

/** Submitted on the portal and accepted by `handler` at the site it was routed to. */
export async function seedAccepted(t: TestApp, handler: Session, body: RequestBody = {}) {
  const r = await seedDispatched(t, body);
  const view = await stepOk(t, handler, r.id, 'accept');
  return { ...r, view };
}

/** Submitted on the portal, accepted and concluded by `handler`. */
export async function seedConcluded(t: TestApp, handler: Session, body: RequestBody = {}) {
  const r = await seedAccepted(t, handler, body);
  const view = await stepOk(t, handler, r.id, 'conclude', { result: '已答复，当事人表示满意。' });
  return { ...r, view };
}

export interface Notice {
  id: number;
  kind: string;
  category: string;
  requestId: string | null;
  target: { type: string; id: string } | null;
  link: string | null;
  title: string;
  body: string;
  readAt: string | null;
}

/** The notices `who` sees in the workbench about one request (of one menu, if given). */
export async function noticesAbout(t: TestApp, who: Session, requestId: string, category?: string): Promise<Notice[]> {
  const res = await t.as(who, { url: '/api/v1/notifications?limit=100' });
  assert.equal(res.statusCode, 200, res.body);
  return (res.json().items as Notice[]).filter((n) => n.requestId === requestId && (!category || n.category === category));
}

export async function timelineTypes(t: TestApp, id: string, types?: string[]): Promise<string[]> {
  let q = t.db.selectFrom('request_events').select('type').where('request_id', '=', id).orderBy('id');
  if (types) q = q.where('type', 'in', types);
  return (await q.execute()).map((e) => e.type);
}

const CJK = /[\u4e00-\u9fff]/;

/** Asserts an error answer: its status, its stable code and the Chinese/English message pair. */
export function expectError(res: LightMyRequestResponse, status: number, code: string) {
  assert.equal(res.statusCode, status, `expected ${status} ${code}, got ${res.statusCode} ${res.body.slice(0, 300)}`);
  const body = res.json() as { code: string; message: string; messageEn: string; details?: unknown };
  assert.equal(body.code, code);
  assert.match(body.message, CJK, 'a Chinese message');
  assert.ok(body.messageEn && !CJK.test(body.messageEn), 'an English message');
  return body;
}

/** Signs them all in at once; the sessions come back in the order of the names. */
export async function loginAll<const N extends readonly string[]>(t: TestApp, names: N): Promise<{ [K in keyof N]: Session }> {
  return (await Promise.all(names.map((n) => t.login(n)))) as { [K in keyof N]: Session };
}
