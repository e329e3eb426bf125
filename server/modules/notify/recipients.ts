import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import type { DB, RequestStatus } from '../../db/schema.js';
import { HANDLING_POSTS } from '../auth/permissions.js';

/**
 * Who a piece of work is for, the same way the workflow decides who may act on it (requests/workflow.ts): the
 * person named, if any (and still active); else every active staff member at the site holding the post, or the
 * site's administrators; with no post, everyone at the site who handles requests.
 */
export interface Addressee {
  siteId?: string | null | undefined;
  post?: string | null | undefined;
  staffId?: string | null | undefined;
}

/**
 * The condition on `staff` row `s` for an addressee given as SQL expressions (parameters or columns), for the
 * statements that resolve addressees themselves (the public intake is one statement). `staffFor` runs the same.
 */
export function addresseeSql(s: string, person: string, site: string, post: string): string {
  const named = `(select p.site_id from staff p where p.id = ${person}::uuid and p.status = 'active')`;
  // the site first (staff_site_idx): the named person's, or the one given
  return `(${s}.site_id = coalesce(${named}, ${site}::uuid) and ${s}.status = 'active' and case
    when exists ${named} then ${s}.id = ${person}::uuid
    else (${post}::text is null and ${s}.posts && '{${HANDLING_POSTS.join(',')}}'::text[])
      or ${post}::text = any(${s}.posts) or 'admin' = any(${s}.posts)
    end)`;
}

/** The staff ids of these addressees, but for `except` (the person who just sent the work on, say). */
export async function staffFor(
  db: Kysely<DB> | Transaction<DB>,
  addressees: Addressee | null | (Addressee | null)[],
  except: (string | null | undefined)[] = [],
): Promise<string[]> {
  const list = [addressees]
    .flat()
    .filter((a): a is Addressee => Boolean(a && (a.staffId || a.siteId)))
    .map((a) => ({ person: a.staffId ?? null, site: a.siteId ?? null, post: a.post ?? null }));
  if (!list.length) return [];
  const { rows } = await db.executeQuery<{ id: string }>(
    CompiledQuery.raw(
      `select distinct s.id from staff s, jsonb_to_recordset($1::jsonb) as a (person uuid, site uuid, post text)
        where ${addresseeSql('s', 'a.person', 'a.site', 'a.post')} and not (s.id = any($2::uuid[]))
        order by s.id`,
      [JSON.stringify(list), except.filter((x): x is string => Boolean(x))],
    ),
  );
  return rows.map((r) => r.id);
}

/** A request as far as who holds it. */
export interface Holding {
  status: RequestStatus;
  owner_id: string | null;
  received_site_id: string | null;
  handler_site_id: string | null;
  handler_post: string | null;
  handler_id: string | null;
}

/**
 * Whom a request waits on in its state: on a desk, its first responder (or any staff of the receiving site);
 * sent to a site, the person named or the post there; taken on, its handler. Nobody once it is done.
 */
export function addresseeOf(r: Holding): Addressee | null {
  switch (r.status) {
    case 'submitted':
      return { staffId: r.owner_id, siteId: r.received_site_id, post: null };
    case 'dispatched':
      return { staffId: r.handler_id, siteId: r.handler_site_id, post: r.handler_post };
    case 'accepted':
    case 'awaitingMaterials':
      // a legal aid request is accepted at the desk that reviews it before a person is named
      return r.handler_id ? { staffId: r.handler_id } : r.handler_site_id ? { siteId: r.handler_site_id, post: r.handler_post } : null;
    default:
      return null;
  }
}

export const sameAddressee = (a: Addressee | null, b: Addressee | null) =>
  (a?.staffId ?? null) === (b?.staffId ?? null) && (a?.siteId ?? null) === (b?.siteId ?? null) && (a?.post ?? null) === (b?.post ?? null);
