import type { Kysely } from 'kysely';
import type { DB, RequestStatus } from '../../db/schema.js';
import { AppError, notFound } from '../../http/errors.js';
import { can, requirePermission, scopePattern, type Actor } from '../auth/actor.js';
import { audit } from '../audit/audit.service.js';
import { notifyStaff } from '../notify/notifications.service.js';
import { addresseeOf, staffFor } from '../notify/recipients.js';
import { loadCalendar } from '../timelimits/calendar.service.js';
import { addWorkingDays } from '../timelimits/rules.js';
import { dayOf, endOfDay } from '../timelimits/days.js';
import { insertEvent } from './requests.repository.js';
import { loadScoped, type RequestDeps } from './requests.service.js';

export interface SupervisionView {
  id: string;
  requestId: string;
  trackingNo: string;
  serviceItemName: string;
  issuedBy: string;
  instruction: string;
  dueAt: string;
  status: 'open' | 'replied' | 'closed';
  reply: string | null;
  repliedAt: string | null;
  createdAt: string;
  /** what this user may do with the order now */
  allowedActions: SupervisionAction[];
}

export type SupervisionAction = 'reply' | 'close';

function scopedOrders(db: Kysely<DB>, actor: Actor) {
  const pattern = scopePattern(actor);
  return db
    .selectFrom('supervision_orders as o')
    .innerJoin('service_requests as r', 'r.id', 'o.request_id')
    .innerJoin('service_items as item', 'item.code', 'r.service_item')
    .innerJoin('staff as issuer', 'issuer.id', 'o.issued_by')
    .where((eb) =>
      eb.or([
        eb('r.region_code', 'like', pattern),
        eb('r.received_region_code', 'like', pattern),
        eb('r.handler_region_code', 'like', pattern),
      ]),
    )
    .select([
      'o.id',
      'o.request_id',
      'r.tracking_no',
      'item.name as item_name',
      'issuer.display_name as issuer_name',
      'o.instruction',
      'o.due_at',
      'o.status',
      'o.reply',
      'o.replied_at',
      'o.created_at',
      'r.handler_id',
      'r.owner_id',
      'o.issued_by',
      'r.region_code',
      'r.status as request_status',
      'r.handler_site_id',
      'r.handler_post',
      'r.received_site_id',
    ]);
}

interface Holders {
  status: string;
  handler_id: string | null;
  owner_id: string | null;
  handler_site_id: string | null;
  handler_post: string | null;
  received_site_id: string | null;
}

/**
 * Who answers for a request now: whoever it waits on (notify/recipients.ts addresseeOf: its handler; before anyone
 * accepted it, the staff at the site it waits at with the post it was sent to; at a desk, its first responder or
 * the desk's staff); its owner in any case.
 */
function holdersOf(db: Kysely<DB>, r: Holders): Promise<string[]> {
  return staffFor(db, [{ staffId: r.owner_id }, addresseeOf({ ...r, status: r.status as RequestStatus })]);
}

/** The same people as holdersOf, asked of one person without a query: may this actor answer for the request? */
export function answersFor(actor: Actor, r: Holders): boolean {
  if (r.owner_id === actor.id) return true;
  if (r.handler_id) return r.handler_id === actor.id;
  const site = r.status === 'dispatched' ? r.handler_site_id : r.owner_id ? null : r.received_site_id;
  if (!site || site !== actor.siteId) return false;
  if (r.status === 'dispatched' && r.handler_post) return actor.posts.includes(r.handler_post as never) || actor.posts.includes('admin');
  return !(actor.posts.length === 1 && actor.posts[0] === 'legalLiaison');
}

type OrderRow = Awaited<ReturnType<ReturnType<typeof scopedOrders>['executeTakeFirstOrThrow']>>;

function allowedOn(actor: Actor, o: OrderRow): SupervisionAction[] {
  const out: SupervisionAction[] = [];
  if (o.status === 'open' && answersFor(actor, { ...o, status: o.request_status })) out.push('reply');
  if (o.status !== 'closed' && can(actor, 'requests.supervise')) out.push('close');
  return out;
}

const toView = (actor: Actor, o: OrderRow): SupervisionView => ({
  id: o.id,
  requestId: o.request_id,
  trackingNo: o.tracking_no,
  serviceItemName: o.item_name,
  issuedBy: o.issuer_name,
  instruction: o.instruction,
  dueAt: o.due_at.toISOString(),
  status: o.status,
  reply: o.reply,
  repliedAt: o.replied_at ? o.replied_at.toISOString() : null,
  createdAt: o.created_at.toISOString(),
  allowedActions: allowedOn(actor, o),
});

/** 督办: a supervisor orders the people handling a request to act, by a deadline counted in working days. */
export async function superviseRequest(deps: RequestDeps, actor: Actor, requestId: string, input: { instruction: string; days: number }) {
  const row = await loadScoped(deps, actor, requestId);
  requirePermission(actor, 'requests.supervise');
  if (row.status === 'concluded' || row.status === 'withdrawn') throw new AppError('INVALID_TRANSITION', { status: row.status });
  const calendar = await loadCalendar(deps.db);
  const dueAt = endOfDay(addWorkingDays(calendar, dayOf(new Date()), input.days));
  const people = await holdersOf(deps.db, row);
  const id = await deps.db.transaction().execute(async (trx) => {
    const order = await trx
      .insertInto('supervision_orders')
      .values({ request_id: requestId, issued_by: actor.id, instruction: input.instruction, due_at: dueAt })
      .returning('id')
      .executeTakeFirstOrThrow();
    await insertEvent(trx, {
      requestId,
      actor,
      type: 'supervised',
      from: null,
      to: null,
      note: input.instruction,
      public: false,
      data: { dueAt: dueAt.toISOString() },
    });
    await notifyStaff(
      trx,
      people.map((staffId) => ({
        staffId,
        requestId,
        kind: 'supervision',
        dedupeKey: `supervision:${order.id}`,
        title: `【督办】${row.service_item_name} ${row.tracking_no}`,
        body: input.instruction,
      })),
    );
    await audit(trx, actor, {
      action: 'request.supervise',
      entityType: 'serviceRequest',
      entityId: requestId,
      regionCode: row.region_code,
      after: { orderId: order.id, instruction: input.instruction },
    });
    return order.id;
  });
  return getOrder(deps.db, actor, id);
}

export async function getOrder(db: Kysely<DB>, actor: Actor, id: string): Promise<SupervisionView> {
  const row = await scopedOrders(db, actor).where('o.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  return toView(actor, row);
}

export async function listOrders(
  db: Kysely<DB>,
  actor: Actor,
  filter: { status?: 'open' | 'replied' | 'closed' | undefined; requestId?: string | undefined },
) {
  requirePermission(actor, 'org.read');
  let q = scopedOrders(db, actor);
  if (filter.status) q = q.where('o.status', '=', filter.status);
  if (filter.requestId) q = q.where('o.request_id', '=', filter.requestId);
  return (await q.orderBy('o.created_at', 'desc').limit(200).execute()).map((o) => toView(actor, o));
}

/** The handler answers the order; the supervisor who issued it is told. */
export async function replyToOrder(db: Kysely<DB>, actor: Actor, id: string, reply: string) {
  const row = await scopedOrders(db, actor).where('o.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  if (!allowedOn(actor, row).includes('reply')) {
    if (row.status !== 'open') throw new AppError('INVALID_TRANSITION', { status: row.status });
    throw new AppError('FORBIDDEN');
  }
  await db.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable('supervision_orders')
      .set({ status: 'replied', reply, replied_by: actor.id, replied_at: new Date() })
      .where('id', '=', id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) throw new AppError('INVALID_TRANSITION', { status: row.status });
    await insertEvent(trx, {
      requestId: row.request_id,
      actor,
      type: 'supervisionReplied',
      from: null,
      to: null,
      note: reply,
      public: false,
    });
    await notifyStaff(trx, [
      {
        staffId: row.issued_by,
        requestId: row.request_id,
        kind: 'supervisionReply',
        dedupeKey: `supervisionReply:${id}`,
        title: `【督办回复】${row.tracking_no}`,
        body: reply,
      },
    ]);
    await audit(trx, actor, {
      action: 'supervision.reply',
      entityType: 'supervisionOrder',
      entityId: id,
      regionCode: row.region_code,
      after: { reply },
    });
  });
  return getOrder(db, actor, id);
}

export async function closeOrder(db: Kysely<DB>, actor: Actor, id: string) {
  const row = await scopedOrders(db, actor).where('o.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  requirePermission(actor, 'requests.supervise');
  const done = await db
    .updateTable('supervision_orders')
    .set({ status: 'closed' })
    .where('id', '=', id)
    .where('status', '!=', 'closed')
    .executeTakeFirst();
  if (Number(done.numUpdatedRows) !== 1) throw new AppError('INVALID_TRANSITION', { status: row.status });
  await audit(db, actor, { action: 'supervision.close', entityType: 'supervisionOrder', entityId: id, regionCode: row.region_code });
  return getOrder(db, actor, id);
}
