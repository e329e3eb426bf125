import { sql, type Kysely } from 'kysely';
import type { DB, HotlineShift } from '../../db/schema.js';
import { AppError, notFound } from '../../http/errors.js';
import { can, requirePermission, type Actor } from '../auth/actor.js';
import { audit } from '../audit/audit.service.js';
import { notifyStaff } from '../notify/notifications.service.js';
import { isUniqueViolation } from '../../db/pg-errors.js';

/*
 * 12348 排班: the lawyers on duty at the county center, by day and half-day; a lawyer asks a colleague to take
 * a shift (换班), the colleague accepts or declines, and the roster changes when they accept.
 */

/** Posts that may be on the hotline roster. */
const HOTLINE_POSTS = ['dutyLawyer', 'consultationDesk'];

export interface RosterEntry {
  id: number;
  day: string;
  shift: HotlineShift;
  staff: { id: string; name: string; phone: string };
  swap: { id: number; toStaffId: string; toName: string; reason: string; requestedBy: string } | null;
}

/**
 * The county whose 12348 line the actor works on. The line, its roster and its calls are the county center's:
 * they lie outside the scope of staff at a town or village site, even of a town administrator (whose admin post
 * carries hotline.manage), as every county-wide function does.
 */
export function hotlineCounty(actor: Actor): string {
  if (actor.regionCode.length !== 6) throw new AppError('FORBIDDEN', { scope: 'county' });
  return actor.regionCode;
}

export async function listRoster(db: Kysely<DB>, actor: Actor, from: string, to: string): Promise<RosterEntry[]> {
  if (!can(actor, 'hotline.answer') && !can(actor, 'hotline.manage')) throw new AppError('FORBIDDEN', { permission: 'hotline.answer' });
  const county = hotlineCounty(actor);
  const rows = await db
    .selectFrom('hotline_roster as r')
    .innerJoin('staff as s', 's.id', 'r.staff_id')
    .leftJoin('hotline_swaps as w', (j) => j.onRef('w.roster_id', '=', 'r.id').on('w.status', '=', 'requested'))
    .leftJoin('staff as t', 't.id', 'w.to_staff_id')
    .leftJoin('staff as f', 'f.id', 'w.from_staff_id')
    .select([
      'r.id',
      sql<string>`to_char(r.day, 'YYYY-MM-DD')`.as('day'),
      'r.shift',
      's.id as staff_id',
      's.display_name',
      's.phone',
      'w.id as swap_id',
      'w.to_staff_id',
      't.display_name as to_name',
      'w.reason',
      'f.display_name as from_name',
    ])
    .where('r.county_code', '=', county)
    .where('r.day', '>=', from)
    .where('r.day', '<=', to)
    .orderBy('r.day')
    .orderBy('r.shift')
    .orderBy('s.display_name')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    day: r.day,
    shift: r.shift,
    staff: { id: r.staff_id, name: r.display_name, phone: r.phone },
    swap: r.swap_id
      ? { id: r.swap_id, toStaffId: r.to_staff_id!, toName: r.to_name ?? '', reason: r.reason ?? '', requestedBy: r.from_name ?? '' }
      : null,
  }));
}

/** The lawyers a roster may name: active staff of the county center with a hotline post. */
export async function hotlineStaff(db: Kysely<DB>, actor: Actor) {
  if (!can(actor, 'hotline.answer') && !can(actor, 'hotline.manage')) throw new AppError('FORBIDDEN', { permission: 'hotline.answer' });
  const county = hotlineCounty(actor);
  const rows = await db
    .selectFrom('staff as s')
    .innerJoin('sites as site', 'site.id', 's.site_id')
    .select(['s.id', 's.display_name', 's.phone', 's.posts'])
    .where('site.kind', '=', 'center')
    .where('site.region_code', '=', county)
    .where('s.status', '=', 'active')
    .where((eb) => eb.or(HOTLINE_POSTS.map((p) => eb(eb.val(p), '=', eb.fn.any('s.posts')))))
    .orderBy('s.display_name')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.display_name, phone: r.phone }));
}

async function requireHotlineStaff(db: Kysely<DB>, actor: Actor, staffId: string) {
  const ok = (await hotlineStaff(db, actor)).find((s) => s.id === staffId);
  if (!ok) throw new AppError('HOTLINE_STAFF_INVALID', { staffId });
  return ok;
}

export async function addToRoster(db: Kysely<DB>, actor: Actor, input: { day: string; shift: HotlineShift; staffId: string }) {
  requirePermission(actor, 'hotline.manage');
  await requireHotlineStaff(db, actor, input.staffId);
  const county = hotlineCounty(actor);
  try {
    const row = await db.transaction().execute(async (trx) => {
      const r = await trx
        .insertInto('hotline_roster')
        .values({ county_code: county, day: input.day, shift: input.shift, staff_id: input.staffId })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit(trx, actor, {
        action: 'hotline.roster.add',
        entityType: 'hotlineRoster',
        entityId: String(r.id),
        regionCode: county,
        after: input,
      });
      return r;
    });
    return (await listRoster(db, actor, input.day, input.day)).find((e) => e.id === row.id)!;
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('HOTLINE_ROSTER_CONFLICT', input);
    throw error;
  }
}

export async function removeFromRoster(db: Kysely<DB>, actor: Actor, id: number) {
  requirePermission(actor, 'hotline.manage');
  const county = hotlineCounty(actor);
  const row = await db
    .selectFrom('hotline_roster')
    .select(['id', 'shift', 'staff_id', sql<string>`to_char(day, 'YYYY-MM-DD')`.as('day')])
    .where('id', '=', id)
    .where('county_code', '=', county)
    .executeTakeFirst();
  if (!row) throw notFound();
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('hotline_roster').where('id', '=', id).execute();
    await audit(trx, actor, {
      action: 'hotline.roster.remove',
      entityType: 'hotlineRoster',
      entityId: String(id),
      regionCode: county,
      before: { day: row.day, shift: row.shift, staffId: row.staff_id },
    });
  });
}

/** 换班: the lawyer on the shift (or a manager) asks a colleague to take it. */
export async function requestSwap(db: Kysely<DB>, actor: Actor, rosterId: number, input: { toStaffId: string; reason: string }) {
  const county = hotlineCounty(actor);
  const row = await db
    .selectFrom('hotline_roster')
    .select(['id', 'shift', 'staff_id', sql<string>`to_char(day, 'YYYY-MM-DD')`.as('day')])
    .where('id', '=', rosterId)
    .where('county_code', '=', county)
    .executeTakeFirst();
  if (!row) throw notFound();
  if (row.staff_id !== actor.id && !can(actor, 'hotline.manage')) throw new AppError('FORBIDDEN');
  if (input.toStaffId === row.staff_id) throw new AppError('HOTLINE_SWAP_INVALID', { reason: 'same person' });
  await requireHotlineStaff(db, actor, input.toStaffId);
  try {
    const swap = await db.transaction().execute(async (trx) => {
      const s = await trx
        .insertInto('hotline_swaps')
        .values({ roster_id: rosterId, from_staff_id: row.staff_id, to_staff_id: input.toStaffId, reason: input.reason })
        .returning('id')
        .executeTakeFirstOrThrow();
      await notifyStaff(trx, [
        {
          staffId: input.toStaffId,
          requestId: null,
          kind: 'hotlineSwap',
          target: { type: 'hotlineSwap', id: String(s.id) },
          dedupeKey: `swap:${s.id}`,
          title: `【换班】${row.day} ${row.shift === 'am' ? '上午' : '下午'} 12348 值班`,
          body: input.reason,
        },
      ]);
      await audit(trx, actor, {
        action: 'hotline.swap.request',
        entityType: 'hotlineSwap',
        entityId: String(s.id),
        regionCode: county,
        after: input,
      });
      return s;
    });
    return swap.id;
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('HOTLINE_SWAP_INVALID', { reason: 'a swap is already asked for this shift' });
    throw error;
  }
}

/** The colleague answers; on acceptance the shift becomes theirs (unless they already hold that shift). */
export async function answerSwap(db: Kysely<DB>, actor: Actor, swapId: number, accept: boolean) {
  const county = hotlineCounty(actor);
  const swap = await db
    .selectFrom('hotline_swaps as w')
    .innerJoin('hotline_roster as r', 'r.id', 'w.roster_id')
    .select([
      'w.id',
      'w.to_staff_id',
      'w.from_staff_id',
      'w.status',
      'r.id as roster_id',
      'r.county_code',
      sql<string>`to_char(r.day, 'YYYY-MM-DD')`.as('day'),
      'r.shift',
    ])
    .where('w.id', '=', swapId)
    .executeTakeFirst();
  if (!swap || swap.county_code !== county) throw notFound();
  if (swap.to_staff_id !== actor.id) throw new AppError('FORBIDDEN');
  if (swap.status !== 'requested') throw new AppError('HOTLINE_SWAP_INVALID', { status: swap.status });
  try {
    await db.transaction().execute(async (trx) => {
      const done = await trx
        .updateTable('hotline_swaps')
        .set({ status: accept ? 'accepted' : 'declined', decided_at: new Date() })
        .where('id', '=', swapId)
        .where('status', '=', 'requested')
        .executeTakeFirst();
      if (Number(done.numUpdatedRows) !== 1) throw new AppError('HOTLINE_SWAP_INVALID', { status: 'decided' });
      if (accept) await trx.updateTable('hotline_roster').set({ staff_id: actor.id }).where('id', '=', swap.roster_id).execute();
      await notifyStaff(trx, [
        {
          staffId: swap.from_staff_id,
          requestId: null,
          kind: 'hotlineSwap',
          target: { type: 'hotlineSwap', id: String(swapId) },
          dedupeKey: `swapAnswer:${swapId}`,
          title: `【换班${accept ? '已同意' : '被婉拒'}】${swap.day} ${swap.shift === 'am' ? '上午' : '下午'}`,
          body: actor.displayName,
        },
      ]);
      await audit(trx, actor, {
        action: accept ? 'hotline.swap.accept' : 'hotline.swap.decline',
        entityType: 'hotlineSwap',
        entityId: String(swapId),
        regionCode: swap.county_code,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('HOTLINE_ROSTER_CONFLICT', { day: swap.day, shift: swap.shift });
    throw error;
  }
}

/** Who is on duty at a moment (Beijing time): the morning shift until 12:00, then the afternoon's. */
export async function onDuty(db: Kysely<DB>, county: string, at = new Date()): Promise<{ id: string; name: string }[]> {
  const local = new Date(at.getTime() + 8 * 3600_000);
  const day = local.toISOString().slice(0, 10);
  const shift: HotlineShift = local.getUTCHours() < 12 ? 'am' : 'pm';
  const rows = await db
    .selectFrom('hotline_roster as r')
    .innerJoin('staff as s', 's.id', 'r.staff_id')
    .select(['s.id', 's.display_name'])
    .where('r.county_code', '=', county)
    .where('r.day', '=', day)
    .where('r.shift', '=', shift)
    .orderBy(sql`s.display_name`)
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.display_name }));
}

/** The lawyer who asked (or a manager) withdraws a swap not yet answered. */
export async function cancelSwap(db: Kysely<DB>, actor: Actor, swapId: number) {
  const county = hotlineCounty(actor);
  const swap = await db
    .selectFrom('hotline_swaps as w')
    .innerJoin('hotline_roster as r', 'r.id', 'w.roster_id')
    .select(['w.id', 'w.from_staff_id', 'w.status', 'r.county_code'])
    .where('w.id', '=', swapId)
    .executeTakeFirst();
  if (!swap || swap.county_code !== county) throw notFound();
  if (swap.from_staff_id !== actor.id && !can(actor, 'hotline.manage')) throw new AppError('FORBIDDEN');
  await db.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable('hotline_swaps')
      .set({ status: 'cancelled', decided_at: new Date() })
      .where('id', '=', swapId)
      .where('status', '=', 'requested')
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) throw new AppError('HOTLINE_SWAP_INVALID', { status: swap.status });
    await audit(trx, actor, {
      action: 'hotline.swap.cancel',
      entityType: 'hotlineSwap',
      entityId: String(swapId),
      regionCode: swap.county_code,
    });
  });
}
