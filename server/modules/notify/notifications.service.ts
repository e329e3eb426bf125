import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { notFound } from '../../http/errors.js';
import type { Actor } from '../auth/actor.js';
import { CATEGORIES, categoryOf, linkOf, type Category, type Target } from './kinds.js';

export interface Notice {
  staffId: string;
  requestId: string | null;
  /** one of kinds.ts NOTICE_KINDS (another counts under `other`) */
  kind: string;
  /** the same key for the same staff member is one notice, however many instances try to send it */
  dedupeKey: string;
  title: string;
  body?: string;
  /** the menu it counts under; by default its kind's (kinds.ts) */
  category?: Category;
  /** the record it opens; by default the request it is about */
  target?: Target | null;
}

/** A staff member's phone that can take a text. */
const MOBILE_SQL = `'^1[3-9][0-9]{9}$'`;

/**
 * The texts to staff for the notices just written (`notices`: rows of staff_id, request_id, kind, title), where
 * their county has turned staff texts on (notify_settings), for the kinds it chose: one outbox row per notice
 * to a staff member with a mobile phone. The phone is read when the text is sent (outbox.recipient_staff_id).
 */
export function staffTextsSql(notices: string): string {
  return `insert into outbox (request_id, channel, recipient_staff_id, template, payload)
    select n.request_id, 'sms', n.staff_id, 'staffNotice', jsonb_build_object('title', left(n.title, 35))
      from ${notices} n
      join staff s on s.id = n.staff_id
      join sites st on st.id = s.site_id
      join notify_settings ns on ns.county_code = left(st.region_code, 6)
     where ns.staff_sms and (cardinality(ns.kinds) = 0 or n.kind = any(ns.kinds)) and s.phone ~ ${MOBILE_SQL}`;
}

/**
 * Inserts in-app notices, skipping any already given, and queues a text for each new one where the staff
 * member's county texts its staff; in the caller's transaction. Returns how many notices were new.
 */
export async function notifyStaff(trx: Kysely<DB> | Transaction<DB>, notices: Notice[]): Promise<number> {
  if (!notices.length) return 0;
  const rows = notices.map((n) => {
    const target = n.target === undefined ? (n.requestId ? { type: 'serviceRequest' as const, id: n.requestId } : null) : n.target;
    return {
      staff_id: n.staffId,
      request_id: n.requestId,
      kind: n.kind,
      category: n.category ?? categoryOf(n.kind),
      entity_type: target?.type ?? null,
      entity_id: target?.id ?? null,
      dedupe_key: n.dedupeKey,
      title: n.title,
      body: n.body ?? '',
    };
  });
  const { rows: counts } = await trx.executeQuery<{ notices: number }>(
    CompiledQuery.raw(
      `with n as (
         insert into notifications (staff_id, request_id, kind, category, entity_type, entity_id, dedupe_key, title, body)
         select x.staff_id, x.request_id, x.kind, x.category, x.entity_type, x.entity_id, x.dedupe_key, x.title, x.body
           from rows from (jsonb_to_recordset($1::jsonb) as (staff_id uuid, request_id uuid, kind text, category text,
                  entity_type text, entity_id text, dedupe_key text, title text, body text)) with ordinality
                as x (staff_id, request_id, kind, category, entity_type, entity_id, dedupe_key, title, body, i)
          order by x.i
         on conflict (staff_id, dedupe_key) do nothing
         returning staff_id, request_id, kind, title
       ), t as (${staffTextsSql('n')})
       select count(*)::int as notices from n`,
      [JSON.stringify(rows)],
    ),
  );
  return Number(counts[0]?.notices ?? 0);
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

export interface NoticeFilter {
  unread?: boolean | undefined;
  category?: Category | undefined;
  limit: number;
}

/** The person's own notices, newest first, with their unread counts in all and per menu. */
export async function listNotifications(db: Kysely<DB>, actor: Actor, filter: NoticeFilter) {
  let q = db.selectFrom('notifications').selectAll().where('staff_id', '=', actor.id);
  if (filter.unread) q = q.where('read_at', 'is', null);
  if (filter.category) q = q.where('category', '=', filter.category);
  const [rows, unread] = await Promise.all([
    q.orderBy('id', 'desc').limit(filter.limit).execute(),
    db
      .selectFrom('notifications')
      .select((eb) => ['category', eb.fn.countAll<number>().as('n')])
      .where('staff_id', '=', actor.id)
      .where('read_at', 'is', null)
      .groupBy('category')
      .execute(),
  ]);
  const byCategory = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
  for (const u of unread) byCategory[u.category] = Number(u.n);
  return {
    unread: Object.values(byCategory).reduce((a, b) => a + b, 0),
    unreadByCategory: byCategory,
    items: rows.map((r) => {
      const target = r.entity_type && r.entity_id ? { type: r.entity_type, id: r.entity_id } : null;
      return {
        id: Number(r.id),
        kind: r.kind,
        category: r.category,
        requestId: r.request_id,
        target,
        link: linkOf(target),
        title: r.title,
        body: r.body,
        createdAt: r.created_at.toISOString(),
        readAt: r.read_at ? r.read_at.toISOString() : null,
      };
    }),
  };
}

/** Marks one of the person's notices read, or all of them (of one menu, if given); nobody else's read state changes. */
export async function markRead(db: Kysely<DB>, actor: Actor, id: number | 'all', category?: Category): Promise<void> {
  let q = db.updateTable('notifications').set({ read_at: new Date() }).where('staff_id', '=', actor.id).where('read_at', 'is', null);
  if (id !== 'all') q = q.where('id', '=', id);
  else if (category) q = q.where('category', '=', category);
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
