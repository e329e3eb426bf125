import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { notFound } from '../../http/errors.js';
import type { Actor } from '../auth/actor.js';

export interface Notice {
  staffId: string;
  requestId: string | null;
  kind: string;
  /** the same key for the same staff member is one notice, however many instances try to send it */
  dedupeKey: string;
  title: string;
  body?: string;
}

/** Inserts in-app notices, skipping any already given. Returns how many were new. */
export async function notifyStaff(trx: Kysely<DB> | Transaction<DB>, notices: Notice[]): Promise<number> {
  if (!notices.length) return 0;
  const rows = await trx
    .insertInto('notifications')
    .values(
      notices.map((n) => ({
        staff_id: n.staffId,
        request_id: n.requestId,
        kind: n.kind,
        dedupe_key: n.dedupeKey,
        title: n.title,
        body: n.body ?? '',
      })),
    )
    .onConflict((oc) => oc.columns(['staff_id', 'dedupe_key']).doNothing())
    .returning('id')
    .execute();
  return rows.length;
}

/** Supervisors over a site: staff with the supervisor post at that site or at a level above it. */
export async function supervisorsOver(db: Kysely<DB> | Transaction<DB>, siteId: string): Promise<string[]> {
  const site = await db.selectFrom('sites').select('region_code').where('id', '=', siteId).executeTakeFirst();
  if (!site) return [];
  const prefixes = [site.region_code.slice(0, 6), site.region_code.slice(0, 9), site.region_code].filter((p, i, a) => a.indexOf(p) === i);
  const rows = await db
    .selectFrom('staff')
    .innerJoin('sites', 'sites.id', 'staff.site_id')
    .select('staff.id')
    .where('staff.status', '=', 'active')
    .where('sites.region_code', 'in', prefixes)
    .where((eb) => eb(eb.val('supervisor'), '=', eb.fn.any('staff.posts')))
    .execute();
  return rows.map((r) => r.id);
}

export async function listNotifications(db: Kysely<DB>, actor: Actor, unreadOnly: boolean, limit: number) {
  let q = db.selectFrom('notifications').selectAll().where('staff_id', '=', actor.id);
  if (unreadOnly) q = q.where('read_at', 'is', null);
  const [rows, unread] = await Promise.all([
    q.orderBy('id', 'desc').limit(limit).execute(),
    db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('staff_id', '=', actor.id)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    unread: Number(unread.n),
    items: rows.map((r) => ({
      id: Number(r.id),
      kind: r.kind,
      requestId: r.request_id,
      title: r.title,
      body: r.body,
      createdAt: r.created_at.toISOString(),
      readAt: r.read_at ? r.read_at.toISOString() : null,
    })),
  };
}

export async function markRead(db: Kysely<DB>, actor: Actor, id: number | 'all'): Promise<void> {
  let q = db.updateTable('notifications').set({ read_at: new Date() }).where('staff_id', '=', actor.id).where('read_at', 'is', null);
  if (id !== 'all') q = q.where('id', '=', id);
  const result = await q.executeTakeFirst();
  if (id !== 'all' && Number(result.numUpdatedRows) === 0) {
    const exists = await db
      .selectFrom('notifications')
      .select('id')
      .where('id', '=', id)
      .where('staff_id', '=', actor.id)
      .executeTakeFirst();
    if (!exists) throw notFound();
  }
}
