import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { AppError, notFound } from '../../http/errors.js';
import { requirePermission, scopePattern, type Actor } from '../auth/actor.js';
import { audit } from '../audit/audit.service.js';

/** Rectifications (差评整改) of the sites in the actor's scope (the page shows 200; an export takes more). */
export async function listRectifications(db: Kysely<DB>, actor: Actor, status?: 'open' | 'done', limit = 200) {
  requirePermission(actor, 'org.read');
  let q = db
    .selectFrom('rectifications as x')
    .innerJoin('service_requests as r', 'r.id', 'x.request_id')
    .innerJoin('service_items as item', 'item.code', 'r.service_item')
    .innerJoin('evaluations as e', 'e.request_id', 'x.request_id')
    .leftJoin('sites as s', 's.id', 'x.site_id')
    .leftJoin('staff as st', 'st.id', 'x.staff_id')
    .where('s.region_code', 'like', scopePattern(actor))
    .select([
      'x.id',
      'x.request_id',
      'r.tracking_no',
      'item.name as item_name',
      'e.grade',
      'e.comment',
      's.name as site_name',
      'st.display_name as staff_name',
      'x.due_at',
      'x.status',
      'x.measures',
      'x.done_at',
    ]);
  if (status) q = q.where('x.status', '=', status);
  const rows = await q.orderBy('x.due_at').limit(limit).execute();
  return rows.map((r) => ({
    id: r.id,
    requestId: r.request_id,
    trackingNo: r.tracking_no,
    serviceItemName: r.item_name,
    grade: r.grade,
    comment: r.comment,
    siteName: r.site_name ?? '',
    staffName: r.staff_name,
    dueAt: r.due_at.toISOString(),
    status: r.status,
    measures: r.measures,
    doneAt: r.done_at ? r.done_at.toISOString() : null,
  }));
}

/** The site records what it changed; supervisors and the site's own handlers may close it. */
export async function completeRectification(db: Kysely<DB>, actor: Actor, id: string, measures: string) {
  requirePermission(actor, 'requests.handle');
  const row = await db
    .selectFrom('rectifications as x')
    .innerJoin('sites as s', 's.id', 'x.site_id')
    .select(['x.id', 'x.status', 's.region_code', 'x.request_id'])
    .where('x.id', '=', id)
    .where('s.region_code', 'like', scopePattern(actor))
    .executeTakeFirst();
  if (!row) throw notFound();
  await db.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable('rectifications')
      .set({ status: 'done', measures, done_by: actor.id, done_at: new Date() })
      .where('id', '=', id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) throw new AppError('INVALID_TRANSITION', { status: row.status });
    await audit(trx, actor, {
      action: 'rectification.complete',
      entityType: 'rectification',
      entityId: id,
      regionCode: row.region_code,
      after: { measures },
    });
  });
}

/** Follow-up calls (回访) planned after bad ratings, for the sites in scope (200 on the page; an export takes more). */
export async function listFollowUps(db: Kysely<DB>, actor: Actor, status?: 'planned' | 'done', limit = 200) {
  requirePermission(actor, 'org.read');
  let q = db
    .selectFrom('follow_up_calls as f')
    .innerJoin('service_requests as r', 'r.id', 'f.request_id')
    .innerJoin('service_items as item', 'item.code', 'r.service_item')
    .where((eb) =>
      eb.or([eb('r.handler_region_code', 'like', scopePattern(actor)), eb('r.received_region_code', 'like', scopePattern(actor))]),
    )
    .select([
      'f.id',
      'f.request_id',
      'r.tracking_no',
      'item.name as item_name',
      'r.requester_name',
      'r.requester_phone_masked',
      'f.status',
      'f.outcome',
      'f.satisfied',
      'f.note',
      'f.called_at',
    ]);
  if (status) q = q.where('f.status', '=', status);
  const rows = await q.orderBy('f.created_at').limit(limit).execute();
  return rows.map((r) => ({
    id: r.id,
    requestId: r.request_id,
    trackingNo: r.tracking_no,
    serviceItemName: r.item_name,
    requesterName: r.requester_name,
    requesterPhone: r.requester_phone_masked,
    status: r.status,
    outcome: r.outcome,
    satisfied: r.satisfied,
    note: r.note,
    calledAt: r.called_at ? r.called_at.toISOString() : null,
  }));
}

export async function recordFollowUp(
  db: Kysely<DB>,
  actor: Actor,
  id: string,
  input: { outcome: 'reached' | 'unreachable' | 'declined'; satisfied?: boolean | undefined; note?: string | undefined },
) {
  requirePermission(actor, 'requests.handle');
  const row = await db
    .selectFrom('follow_up_calls as f')
    .innerJoin('service_requests as r', 'r.id', 'f.request_id')
    .select(['f.id', 'r.region_code'])
    .where('f.id', '=', id)
    .where((eb) =>
      eb.or([eb('r.handler_region_code', 'like', scopePattern(actor)), eb('r.received_region_code', 'like', scopePattern(actor))]),
    )
    .executeTakeFirst();
  if (!row) throw notFound();
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('follow_up_calls')
      .set({
        status: 'done',
        outcome: input.outcome,
        satisfied: input.satisfied ?? null,
        note: input.note ?? '',
        called_by: actor.id,
        called_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    await audit(trx, actor, {
      action: 'followUp.record',
      entityType: 'followUpCall',
      entityId: id,
      regionCode: row.region_code,
      after: input,
    });
  });
}

/** Ratings per staff member or per site in scope: count, average grade, share satisfied (4–5), bad ratings (1–2). */
export async function evaluationStats(db: Kysely<DB>, actor: Actor, by: 'staff' | 'site', from?: string, to?: string) {
  requirePermission(actor, 'org.read');
  let q = db
    .selectFrom('evaluations as e')
    .innerJoin('sites as s', 's.id', 'e.handler_site_id')
    .leftJoin('staff as st', 'st.id', 'e.handler_id')
    .where('s.region_code', 'like', scopePattern(actor));
  if (from) q = q.where('e.created_at', '>=', new Date(from));
  if (to) q = q.where('e.created_at', '<', new Date(to));
  const rows = await (
    by === 'site'
      ? q.select(['s.id as key', 's.name as name'])
      : q.select([sql<string>`coalesce(st.id::text, '')`.as('key'), sql<string>`coalesce(st.display_name, '')`.as('name')])
  )
    .select([
      sql<number>`count(*)::int`.as('count'),
      sql<number>`round(avg(e.grade)::numeric, 2)::float8`.as('average'),
      sql<number>`count(*) filter (where e.grade >= 4)::int`.as('satisfied'),
      sql<number>`count(*) filter (where e.grade <= 2)::int`.as('bad'),
    ])
    .groupBy(by === 'site' ? ['s.id', 's.name'] : ['st.id', 'st.display_name'])
    .orderBy('count', 'desc')
    .execute();
  return rows.map((r) => ({
    key: r.key,
    name: r.name,
    count: r.count,
    average: Number(r.average),
    satisfiedRate: r.count ? r.satisfied / r.count : 0,
    bad: r.bad,
  }));
}
