import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { loadCalendar } from '../timelimits/calendar.service.js';
import { status as dueStatus, type Policy, type TimeStatus } from '../timelimits/rules.js';
import { notifyStaff, supervisorsOver } from '../notify/notifications.service.js';
import { addresseeOf, staffFor } from '../notify/recipients.js';
import { insertEvent } from './requests.repository.js';
import { dayOf } from '../timelimits/days.js';

/** The calendar day a due instant closes (a period ends at 24:00 Beijing time, the next day's first instant). */
export const lastDayOf = (due: Date) => dayOf(new Date(due.getTime() - 1));

const RANK: Record<TimeStatus, number> = { normal: 0, dueSoon: 1, overdue: 2 };
const OPEN = ['submitted', 'dispatched', 'accepted'] as const;

export interface ScanReport {
  checked: number;
  changed: number;
  notices: number;
}

/**
 * Marks open requests due soon or overdue and tells the person responsible and the supervisors over their
 * site. Safe with several instances: a request's state moves only by an UPDATE that names the state it
 * moves from, so one instance wins each change, and a notice's unique key keeps it to one per person.
 */
export async function scanDueStates(db: Kysely<DB>, now = new Date()): Promise<ScanReport> {
  const calendar = await loadCalendar(db);
  const candidates = await db
    .selectFrom('service_requests as r')
    .innerJoin('service_items as item', 'item.code', 'r.service_item')
    .leftJoin('aid_cases as aid', 'aid.request_id', 'r.id')
    .select([
      'r.id',
      'r.tracking_no',
      'r.due_at',
      'r.due_state',
      'r.time_limit',
      'r.status',
      'r.handler_id',
      'r.owner_id',
      'r.handler_site_id',
      'r.handler_post',
      'r.received_site_id',
      'aid.id as aid_case_id',
      'r.region_code',
      'item.name as item_name',
    ])
    .where('r.status', 'in', OPEN)
    .where('r.due_at', 'is not', null)
    .where('r.due_state', '!=', 'overdue')
    // nothing due more than 60 days out can be due soon today
    .where('r.due_at', '<', sql<Date>`${now}::timestamptz + interval '60 days'`)
    .execute();
  const report: ScanReport = { checked: candidates.length, changed: 0, notices: 0 };
  for (const r of candidates) {
    const next = dueStatus(calendar, now, r.due_at!, r.time_limit as Policy);
    if (RANK[next] <= RANK[r.due_state]) continue;
    await db.transaction().execute(async (trx) => {
      const moved = await trx
        .updateTable('service_requests')
        .set({ due_state: next })
        .where('id', '=', r.id)
        .where('due_state', '=', r.due_state)
        // to the millisecond, as the driver read it: a due date set in SQL (now() + …) carries microseconds
        .where(sql<Date>`date_trunc('milliseconds', due_at)`, '=', r.due_at!)
        .executeTakeFirst();
      if (Number(moved.numUpdatedRows) !== 1) return; // another instance got there first
      report.changed++;
      await insertEvent(trx, {
        requestId: r.id,
        actor: null,
        type: next,
        from: null,
        to: null,
        public: false,
        data: { dueAt: r.due_at!.toISOString() },
      });
      // whoever it waits on (the handler, or the post at the site it was sent to, or the desk), and the supervisors
      const site = r.handler_site_id ?? r.received_site_id;
      const people = new Set<string>([...(await staffFor(trx, addresseeOf(r))), ...(site ? await supervisorsOver(trx, site) : [])]);
      const title = next === 'overdue' ? `【超期】${r.item_name} ${r.tracking_no}` : `【临期】${r.item_name} ${r.tracking_no}`;
      report.notices += await notifyStaff(
        trx,
        [...people].map((staffId) => ({
          staffId,
          requestId: r.id,
          kind: next,
          // a legal aid request's clock is its case's: the notice opens the case
          ...(r.aid_case_id ? { category: 'legalAid' as const, target: { type: 'aidCase' as const, id: r.aid_case_id } } : {}),
          dedupeKey: `${next}:${r.id}:${r.due_at!.toISOString()}`,
          title,
          body: `办理期限：${lastDayOf(r.due_at!)} 24:00 前`,
        })),
      );
    });
  }
  return report;
}
