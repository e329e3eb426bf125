import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { reference } from '../requests/reference.js';
import { computeDeadline } from '../timelimits/rules.js';
import { aidSettings, type AidSettings } from './settings.service.js';

/*
 * 异议的期限与次数 (art. 49): an objection may be filed within the county's period from the refusal or the
 * termination, once for that decision. The bureau's answer settles it: after "uphold" the same decision cannot be
 * objected to again. A "correct" sends the case back; a new refusal or termination made after it is a new
 * decision (a new decided_at / terminated_at) and opens a new window. aid_objections.against_at holds the time
 * of the decision objected to, and a unique index on (case_id, against_at) makes "once" hold under races too.
 */

export interface Decided {
  county_code: string;
  stage: string;
  decided_at: Date | null;
  terminated_at: Date | null;
}

/** The refusal's or the termination's time: what an objection filed now would be against. */
export function decisionObjectable(c: Decided): Date | null {
  return c.stage === 'refused' ? c.decided_at : c.stage === 'terminated' ? c.terminated_at : null;
}

/** The last moment an objection may be filed: the county's period from the decision, rolled past holidays. */
export async function objectionDeadline(db: Kysely<DB>, c: Decided, settings?: AidSettings): Promise<Date | null> {
  const from = decisionObjectable(c);
  if (!from) return null;
  const { objectionDays } = settings ?? (await aidSettings(db, c.county_code));
  return computeDeadline((await reference(db)).calendar, { unit: 'calendar', days: objectionDays, dueSoonDays: 0 }, from).dueAt;
}

/** Whether the current decision has had its objection (under review, or decided). */
export function objectedAlready(
  objections: readonly { against_at: Date | null; filed_at: Date; decision: string | null }[],
  c: Decided,
): boolean {
  const from = decisionObjectable(c);
  if (!from) return false;
  return objections.some((o) =>
    // rows from before 0006 have no against_at: one filed after the decision and not corrected is against it
    o.against_at ? o.against_at.getTime() === from.getTime() : o.filed_at.getTime() >= from.getTime() && o.decision !== 'correct',
  );
}
