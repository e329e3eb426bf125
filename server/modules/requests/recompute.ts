import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { loadCalendar } from '../timelimits/calendar.service.js';
import { endOfDay, parseDay, startOfDay } from '../timelimits/days.js';
import { computeDeadline, status as dueStatus, type Pause, type Policy } from '../timelimits/rules.js';
import { insertEvent } from './requests.repository.js';

type StoredPause = { from: string; to?: string | null };

/**
 * After an administrator changes a day of the calendar, the open requests whose period spans that day get
 * their due date computed again (due dates are stored, not recomputed on read). A paused request is left for
 * its resume, which computes its date anyway.
 */
export async function recomputeDueDates(db: Kysely<DB>, dayText: string, now = new Date()): Promise<number> {
  const day = parseDay(dayText);
  if (!day) return 0;
  const calendar = await loadCalendar(db); // fresh: the cached one may predate the edit
  const open = await db
    .selectFrom('service_requests')
    .select(['id', 'time_limit', 'started_at', 'pauses', 'due_at', 'due_state'])
    .where('status', 'in', ['submitted', 'dispatched', 'accepted'])
    .where('started_at', '<', endOfDay(day))
    .where('due_at', '>=', startOfDay(day))
    .execute();
  let changed = 0;
  for (const r of open) {
    const pauses: Pause[] = ((r.pauses as StoredPause[] | null) ?? []).map((p) => ({
      from: new Date(p.from),
      to: p.to ? new Date(p.to) : null,
    }));
    const policy = r.time_limit as Policy;
    const { dueAt } = computeDeadline(calendar, policy, r.started_at, pauses);
    if (!dueAt || dueAt.getTime() === r.due_at?.getTime()) continue;
    await db.transaction().execute(async (trx) => {
      const moved = await trx
        .updateTable('service_requests')
        .set({ due_at: dueAt, due_state: dueStatus(calendar, now, dueAt, policy) })
        .where('id', '=', r.id)
        .where('due_at', '=', r.due_at!)
        .executeTakeFirst();
      if (Number(moved.numUpdatedRows) !== 1) return;
      changed++;
      await insertEvent(trx, {
        requestId: r.id,
        actor: null,
        type: 'dueDateChanged',
        from: null,
        to: null,
        public: false,
        data: { from: r.due_at!.toISOString(), to: dueAt.toISOString(), day },
      });
    });
  }
  return changed;
}
