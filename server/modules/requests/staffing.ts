import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, SiteKind } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import { scopePattern, type Actor } from '../auth/actor.js';
import { HANDLING_POSTS, type Post } from '../auth/permissions.js';

/** Posts a request can be sent to: those who handle matters (an administrator acts for any post, per workflow.isAddressee). */
export const ADDRESSABLE_POSTS: readonly Post[] = HANDLING_POSTS.filter((p) => p !== 'admin');

/** Who at a site can take a request sent there: the posts its active handling staff hold. */
export interface Staffing {
  /** the addressable posts held by active staff who handle requests */
  posts: Post[];
  /** someone there holds the admin post (and so may act on a request sent to any post there) */
  admin: boolean;
  /** anyone there handles requests at all */
  anyone: boolean;
}

const EMPTY: Staffing = { posts: [], admin: false, anyone: false };

/** The staffing of each site named (a site with nobody active who handles requests is absent or `anyone: false`). */
export async function staffingOf(db: Kysely<DB> | Transaction<DB>, siteIds: readonly string[]): Promise<Map<string, Staffing>> {
  const out = new Map<string, Staffing>();
  if (!siteIds.length) return out;
  const rows = await db
    .selectFrom('staff')
    .select(['site_id', 'posts'])
    .where('status', '=', 'active')
    .where('site_id', 'in', [...new Set(siteIds)])
    .where(sql<boolean>`posts && ${sql.val([...HANDLING_POSTS])}::text[]`)
    .execute();
  for (const r of rows) {
    const s = out.get(r.site_id) ?? { posts: [], admin: false, anyone: true };
    for (const p of r.posts) {
      if (p === 'admin') s.admin = true;
      else if ((ADDRESSABLE_POSTS as readonly string[]).includes(p) && !s.posts.includes(p as Post)) s.posts.push(p as Post);
    }
    out.set(r.site_id, s);
  }
  for (const s of out.values()) s.posts = ADDRESSABLE_POSTS.filter((p) => s.posts.includes(p));
  return out;
}

/** Whether someone at a site so staffed can take a request sent to `post` (null: to anyone there), as workflow.isAddressee says. */
export function canBeTaken(s: Staffing | undefined, post: string | null): boolean {
  const staffing = s ?? EMPTY;
  if (!staffing.anyone) return false;
  return post === null || staffing.admin || (staffing.posts as readonly string[]).includes(post);
}

/**
 * The post a dispatch or transfer leaves on the request, refusing one that nobody at the site could take.
 * `requested` is the post the sender chose; when they chose none the request keeps the post it had, if the new
 * site staffs it, and is otherwise open to anyone handling requests there.
 */
export async function staffedPost(
  db: Kysely<DB> | Transaction<DB>,
  siteId: string,
  requested: string | undefined,
  previous: string | null,
): Promise<string | null> {
  const staffing = (await staffingOf(db, [siteId])).get(siteId);
  if (requested !== undefined) {
    if (!canBeTaken(staffing, requested)) throw new AppError('DISPATCH_POST_UNSTAFFED', { siteId, post: requested });
    return requested;
  }
  if (previous !== null && canBeTaken(staffing, previous)) return previous;
  if (!canBeTaken(staffing, null)) throw new AppError('DISPATCH_POST_UNSTAFFED', { siteId, post: null });
  return null;
}

/** A person a request is sent to by name: active at that site and handling requests. */
export async function requireHandlerAt(db: Kysely<DB> | Transaction<DB>, siteId: string, handlerId: string): Promise<void> {
  const person = await db
    .selectFrom('staff')
    .select('id')
    .where('id', '=', handlerId)
    .where('site_id', '=', siteId)
    .where('status', '=', 'active')
    .where(sql<boolean>`posts && ${sql.val([...HANDLING_POSTS])}::text[]`)
    .executeTakeFirst();
  if (!person) throw new AppError('DISPATCH_TARGET_INVALID', { handlerId });
}

export interface DispatchTarget {
  id: string;
  name: string;
  kind: SiteKind;
  regionCode: string;
  /** the town of a village room (rooms of different towns can share a name) or of a station */
  townName: string | null;
  /** the posts a request can be sent to there: those its active staff hold */
  posts: Post[];
  /** someone there handles requests; a site without anyone cannot be sent anything */
  staffed: boolean;
}

/**
 * Where the actor can send a request: every site of their area (for the county center, the whole county), and
 * the county's center and town stations, so that a station can hand a matter up or to the town it belongs to.
 * Each with the posts its staff really hold, so that nothing is sent where nobody can take it.
 */
export async function dispatchTargets(db: Kysely<DB>, actor: Actor): Promise<DispatchTarget[]> {
  const county = actor.regionCode.slice(0, 6);
  const sites = await db
    .selectFrom('sites')
    .innerJoin('regions as r', 'r.code', 'sites.region_code')
    .leftJoin('regions as parent', 'parent.code', 'r.parent_code')
    .select(['sites.id', 'sites.name', 'sites.kind', 'sites.region_code', 'r.name as own_name', 'parent.name as parent_name'])
    .where((eb) =>
      eb.or([
        eb('sites.region_code', 'like', scopePattern(actor)),
        eb.and([eb('sites.kind', 'in', ['center', 'station']), eb('sites.region_code', 'like', `${county}%`)]),
      ]),
    )
    .orderBy(sql`case sites.kind when 'center' then 0 when 'station' then 1 else 2 end`)
    .orderBy('sites.region_code')
    .execute();
  const staffing = await staffingOf(
    db,
    sites.map((s) => s.id),
  );
  return sites.map((s) => {
    const st = staffing.get(s.id);
    return {
      id: s.id,
      name: s.name,
      kind: s.kind,
      regionCode: s.region_code,
      townName: s.kind === 'station' ? s.own_name : s.kind === 'room' ? s.parent_name : null,
      posts: st?.posts ?? [],
      staffed: st?.anyone ?? false,
    };
  });
}
