import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { can, scopePattern, type Actor } from '../auth/actor.js';
import { answersFor } from '../requests/supervision.service.js';
import { dayOf } from '../timelimits/days.js';
import { aidFigures, objectionFigures } from './aid-queues.js';
import { dueRequests, requestFigures } from './request-queues.js';
import { currentMonth, leadsSite, siteFigures } from './site-figures.js';
import { DUE_ITEMS, type SupervisionItem, type TodoQueue, type TodoView } from './todo.types.js';

export { TODO_QUEUES, type DueItem, type SupervisionItem, type TodoQueue, type TodoView } from './todo.types.js';

/*
 * 首页待办: for the signed-in person, the queues that wait for them (with counts, each the filter of a list), what
 * is due soon or overdue among their own work, the supervision orders addressed to them or issued by them, their
 * unread notices, their 12348 shifts today, and for those who lead a site its figures for the month. A handful of
 * aggregate statements, each scoped to the person's region subtree like the lists it points to.
 */

async function supervisionFigures(db: Kysely<DB>, actor: Actor) {
  const pattern = scopePattern(actor);
  const rows = await db
    .selectFrom('supervision_orders as o')
    .innerJoin('service_requests as r', 'r.id', 'o.request_id')
    .innerJoin('service_items as item', 'item.code', 'r.service_item')
    .where((eb) =>
      eb.or([
        eb('r.region_code', 'like', pattern),
        eb('r.received_region_code', 'like', pattern),
        eb('r.handler_region_code', 'like', pattern),
      ]),
    )
    .where((eb) =>
      eb.or([
        eb.and([eb('o.issued_by', '=', actor.id), eb('o.status', 'in', ['open', 'replied'])]),
        eb.and([
          eb('o.status', '=', 'open'),
          // the candidates answersFor decides among: the request's people and sites that are mine
          eb.or([
            eb('r.owner_id', '=', actor.id),
            eb('r.handler_id', '=', actor.id),
            eb('r.handler_site_id', '=', actor.siteId),
            eb('r.received_site_id', '=', actor.siteId),
          ]),
        ]),
      ]),
    )
    .select([
      'o.id',
      'o.request_id',
      'o.issued_by',
      'o.instruction',
      'o.due_at',
      'o.status',
      'r.tracking_no',
      'item.name as item_name',
      'r.status as request_status',
      'r.owner_id',
      'r.handler_id',
      'r.handler_site_id',
      'r.handler_post',
      'r.received_site_id',
    ])
    .orderBy('o.due_at')
    .limit(100)
    .execute();
  const items: SupervisionItem[] = [];
  for (const o of rows) {
    const addressed = o.status === 'open' && answersFor(actor, { ...o, status: o.request_status });
    const issued = o.issued_by === actor.id;
    if (!addressed && !issued) continue;
    items.push({
      id: o.id,
      requestId: o.request_id,
      trackingNo: o.tracking_no,
      serviceItemName: o.item_name,
      instruction: o.instruction,
      dueAt: o.due_at.toISOString(),
      status: o.status as 'open' | 'replied',
      role: addressed ? 'addressed' : 'issued',
    });
  }
  return {
    toReply: items.filter((i) => i.role === 'addressed').length,
    issuedOpen: items.filter((i) => i.role === 'issued').length,
    items: items.slice(0, DUE_ITEMS),
  };
}

async function unreadNotices(db: Kysely<DB>, actor: Actor): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('staff_id', '=', actor.id)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The 12348 line is the county center's: my shifts today, and my calls whose record is still open. */
async function hotlineFigures(db: Kysely<DB>, actor: Actor) {
  if (actor.regionCode.length !== 6 || (!can(actor, 'hotline.answer') && !can(actor, 'hotline.manage'))) return null;
  const [shifts, open] = await Promise.all([
    db
      .selectFrom('hotline_roster')
      .select('shift')
      .where('county_code', '=', actor.regionCode)
      .where('staff_id', '=', actor.id)
      .where('day', '=', dayOf(new Date()))
      .orderBy('shift')
      .execute(),
    can(actor, 'hotline.answer')
      ? db
          .selectFrom('hotline_calls')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('county_code', '=', actor.regionCode)
          .where('staff_id', '=', actor.id)
          .where('outcome', 'is', null)
          .executeTakeFirstOrThrow()
      : Promise.resolve(null),
  ]);
  return { today: shifts.map((s) => s.shift as 'am' | 'pm'), openCalls: open === null ? null : Number(open.n) };
}

async function openRectifications(db: Kysely<DB>, actor: Actor): Promise<number> {
  const row = await db
    .selectFrom('rectifications as x')
    .innerJoin('sites as s', 's.id', 'x.site_id')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('s.region_code', 'like', scopePattern(actor))
    .where('x.site_id', '=', actor.siteId)
    .where('x.status', '=', 'open')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function todoFor(db: Kysely<DB>, actor: Actor, month = currentMonth()): Promise<TodoView> {
  const handles = can(actor, 'requests.handle');
  const [requests, due, aid, objections, supervision, unread, hotline, rectifications, site] = await Promise.all([
    handles ? requestFigures(db, actor) : null,
    handles ? dueRequests(db, actor) : [],
    aidFigures(db, actor),
    can(actor, 'legalAid.objection') ? objectionFigures(db, actor) : null,
    supervisionFigures(db, actor),
    unreadNotices(db, actor),
    hotlineFigures(db, actor),
    handles ? openRectifications(db, actor) : null,
    leadsSite(actor) ? siteFigures(db, actor, month) : null,
  ]);
  const queues: { key: TodoQueue; count: number }[] = [];
  if (requests)
    queues.push(
      { key: 'requestsAtDesk', count: Number(requests.at_desk) },
      { key: 'requestsToAccept', count: Number(requests.to_accept) },
      { key: 'requestsInHand', count: Number(requests.in_hand) },
      { key: 'requestsPaused', count: Number(requests.paused) },
      { key: 'consultations', count: Number(requests.consultations) },
    );
  queues.push(...aid.queues);
  if (objections) queues.push({ key: 'aidObjections', count: objections.count });
  if (hotline?.openCalls !== null && hotline?.openCalls !== undefined) queues.push({ key: 'hotlineOpenCalls', count: hotline.openCalls });
  if (rectifications !== null) queues.push({ key: 'rectifications', count: rectifications });

  const dueItems = [...due, ...aid.due, ...(objections?.due ?? [])].sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  const extra = (state: 'dueSoon' | 'overdue') => [...aid.due, ...(objections?.due ?? [])].filter((d) => d.dueState === state).length;
  return {
    queues,
    due: {
      dueSoon: Number(requests?.due_soon ?? 0) + extra('dueSoon'),
      overdue: Number(requests?.overdue ?? 0) + extra('overdue'),
      items: dueItems.slice(0, DUE_ITEMS),
    },
    supervision,
    notifications: { unread },
    hotline: hotline && { today: hotline.today },
    site,
  };
}
