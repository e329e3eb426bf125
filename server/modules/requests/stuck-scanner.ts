import { sql, type Kysely } from 'kysely';
import type { DB, RequestStatus } from '../../db/schema.js';
import { notifyStaff, supervisorsOver } from '../notify/notifications.service.js';
import { insertEvent } from './requests.repository.js';
import { HANDLING_POSTS } from '../auth/permissions.js';

export interface StuckReport {
  /** open requests nobody at their site can act on */
  stuck: number;
  /** notices newly given about them */
  notices: number;
}

interface StuckRow {
  id: string;
  tracking_no: string;
  status: RequestStatus;
  version: number;
  site_id: string | null;
  item_name: string;
}

/**
 * Open requests that nobody where they wait can act on, by the rules of workflow.ts: on a desk, its first
 * responder (or, with none, anyone at the receiving site) is gone; sent to a site, nobody active there has the
 * post (or is an administrator there), or the person named left or moved; taken on, its handler was disabled.
 * Only those who oversee the site could move it now (take over, reassign). Legal aid applications follow their
 * case's steps and are left out.
 */
async function findStuck(db: Kysely<DB>): Promise<StuckRow[]> {
  const handling = sql.val([...HANDLING_POSTS]);
  const { rows } = await sql<StuckRow>`
    select r.id, r.tracking_no, r.status, r.version, coalesce(r.handler_site_id, r.received_site_id) as site_id,
           item.name as item_name
      from service_requests r
      join service_items item on item.code = r.service_item
     where r.status in ('submitted', 'dispatched', 'accepted', 'awaitingMaterials')
       and not exists (select 1 from aid_cases a where a.request_id = r.id)
       and not exists (
         select 1 from staff s
          where s.status = 'active' and s.posts && ${handling}::text[]
            and case r.status
                  when 'submitted' then
                    case when r.owner_id is not null then s.id = r.owner_id else s.site_id = r.received_site_id end
                  when 'dispatched' then
                    s.site_id = r.handler_site_id and case
                      when r.handler_id is not null then s.id = r.handler_id
                      else r.handler_post is null or r.handler_post = any(s.posts) or 'admin' = any(s.posts)
                    end
                  else s.id = r.handler_id
                end)
     order by r.created_at`.execute(db);
  return rows;
}

/** Those told of a stuck request: the supervisors over its site, or failing any, the administrators over it. */
async function overseersOf(db: Kysely<DB>, siteId: string): Promise<string[]> {
  const supervisors = await supervisorsOver(db, siteId);
  if (supervisors.length) return supervisors;
  const rows = await db
    .selectFrom('staff')
    .innerJoin('sites', 'sites.id', 'staff.site_id')
    .select('staff.id')
    .where('staff.status', '=', 'active')
    .where((eb) => eb(eb.val('admin'), '=', eb.fn.any('staff.posts')))
    .where(
      'sites.region_code',
      'in',
      db
        .selectFrom('sites as s')
        .select(sql<string>`unnest(array[left(s.region_code, 6), left(s.region_code, 9), s.region_code])`.as('code'))
        .where('s.id', '=', siteId),
    )
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Flags open requests that nobody at their site can act on and tells those who oversee the site: one notice per
 * request, state and version (the dedupe key), so the flag is raised once for each way a request gets stuck,
 * however many instances scan; the timeline gets an internal `stuck` line with the first notice. Called by the
 * time-limit scanner's job (server/jobs.ts).
 */
export async function scanStuck(db: Kysely<DB>): Promise<StuckReport> {
  const stuck = await findStuck(db);
  const report: StuckReport = { stuck: stuck.length, notices: 0 };
  for (const r of stuck) {
    if (!r.site_id) continue;
    const people = await overseersOf(db, r.site_id);
    if (!people.length) continue;
    const key = `stuck:${r.id}:${r.status}:${r.version}`;
    await db.transaction().execute(async (trx) => {
      const given = await notifyStaff(
        trx,
        people.map((staffId) => ({
          staffId,
          requestId: r.id,
          kind: 'stuck',
          dedupeKey: key,
          title: `【无人可办】${r.item_name} ${r.tracking_no}`,
          body: '该工单所在站点没有在岗人员能够办理，请接管或改派。',
        })),
      );
      report.notices += given;
      if (!given) return;
      const flagged = await trx
        .selectFrom('request_events')
        .select('id')
        .where('request_id', '=', r.id)
        .where('type', '=', 'stuck')
        .where(sql<string>`data->>'key'`, '=', key)
        .executeTakeFirst();
      if (!flagged)
        await insertEvent(trx, { requestId: r.id, actor: null, type: 'stuck', from: null, to: null, public: false, data: { key } });
    });
  }
  return report;
}
