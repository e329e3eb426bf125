import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { reference } from '../requests/reference.js';
import { computeDeadline } from '../timelimits/rules.js';
import { aidSettings, type AidSettings } from './settings.service.js';

/*
 * 异议 (法律援助法 第四十九条): "申请人、受援人对法律援助机构不予法律援助、终止法律援助的决定有异议的，可以向设立该法律援助
 * 机构的司法行政部门提出". The Law sets no period for objecting. A period applies only where the province's rule
 * sets one (aid_settings.objection_days with its basis, objection_basis), and it runs from the applicant's receipt
 * of the refusal or termination letter (aid_cases.decision_served_at, recorded with the `serve` step from the
 * signed acknowledgement). Until receipt is recorded no period runs, so no objection is refused as late: a period
 * counted from receipt cannot be shown to have ended without it (see README.md).
 *
 * Once per decision: the bureau's answer settles it; after "uphold" the same decision cannot be objected to
 * again. A "correct" sends the case back; a new refusal or termination made after it is a new decision (a new
 * decided_at / terminated_at) and opens a new window. aid_objections.against_at holds the time of the decision
 * objected to, and a unique index on (case_id, against_at) makes "once" hold under races too.
 */

export interface Decided {
  county_code: string;
  stage: string;
  decided_at: Date | null;
  terminated_at: Date | null;
  /** when the applicant received the letter (0012): a period for objecting runs from it */
  decision_served_at: Date | null;
}

/** The refusal's or the termination's time: what an objection filed now would be against. */
export function decisionObjectable(c: Pick<Decided, 'stage' | 'decided_at' | 'terminated_at'>): Date | null {
  return c.stage === 'refused' ? c.decided_at : c.stage === 'terminated' ? c.terminated_at : null;
}

/** Whether there is a decision to object to, and until when: deadline null while no period runs. */
export interface ObjectionWindow {
  deadline: Date | null;
  /** why there is no deadline: no provincial period, or the letter's receipt not yet recorded */
  openBecause: 'noPeriod' | 'notServed' | null;
}

/** The window for objecting to the current refusal or termination; null when there is none to object to. */
export async function objectionWindow(db: Kysely<DB>, c: Decided, settings?: AidSettings): Promise<ObjectionWindow | null> {
  if (!decisionObjectable(c)) return null;
  const { objectionDays } = settings ?? (await aidSettings(db, c.county_code));
  if (objectionDays === null) return { deadline: null, openBecause: 'noPeriod' };
  if (!c.decision_served_at) return { deadline: null, openBecause: 'notServed' };
  // counted from the day after receipt, the last day rolled past a holiday (民法典 第二百零一条、第二百零三条)
  const due = computeDeadline(
    (await reference(db)).calendar,
    { unit: 'calendar', days: objectionDays, dueSoonDays: 0 },
    c.decision_served_at,
  );
  return { deadline: due.dueAt, openBecause: null };
}

/** Whether the window is open now: a decision to object to, and its period (if any) not over. */
export const windowOpen = (w: ObjectionWindow | null, now = new Date()): boolean =>
  w !== null && (w.deadline === null || now.getTime() < w.deadline.getTime());

/** Whether the current decision has had its objection (under review, or decided). */
export function objectedAlready(
  objections: readonly { against_at: Date | null; filed_at: Date; decision: string | null }[],
  c: Pick<Decided, 'stage' | 'decided_at' | 'terminated_at'>,
): boolean {
  const from = decisionObjectable(c);
  if (!from) return false;
  return objections.some((o) =>
    // rows from before 0006 have no against_at: one filed after the decision and not corrected is against it
    o.against_at ? o.against_at.getTime() === from.getTime() : o.filed_at.getTime() >= from.getTime() && o.decision !== 'correct',
  );
}
