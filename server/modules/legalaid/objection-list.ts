import { requirePermission, scopePattern, type Actor } from '../auth/actor.js';
import { status as dueStatus } from '../timelimits/rules.js';
import { reference } from '../requests/reference.js';
import type { RequestDeps } from '../requests/requests.service.js';
import { aidSettings } from './settings.service.js';

export interface ObjectionFilter {
  state?: 'pending' | 'decided' | undefined;
  page?: number | undefined;
  pageSize?: number | undefined;
}

/**
 * The bureau's objections (art. 49) in its area: those under review, nearest review deadline first, and those
 * decided, latest first. An objection stays listed as decided whatever became of its case afterwards.
 */
export async function listObjections(deps: RequestDeps, actor: Actor, q: ObjectionFilter) {
  requirePermission(actor, 'legalAid.objection');
  const state = q.state ?? 'pending';
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const query = deps.db
    .selectFrom('aid_objections as o')
    .innerJoin('aid_cases as c', 'c.id', 'o.case_id')
    .innerJoin('service_requests as r', 'r.id', 'c.request_id')
    .where('c.region_code', 'like', scopePattern(actor))
    .where('o.decision', state === 'pending' ? 'is' : 'is not', null);
  const ordered =
    state === 'pending' ? query.orderBy('o.due_at').orderBy('o.filed_at') : query.orderBy('o.decided_at', 'desc').orderBy('o.id');
  const [{ total }, rows, ref] = await Promise.all([
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    ordered
      .leftJoin('staff as s', 's.id', 'o.decided_by')
      .select([
        'o.id',
        'o.case_id',
        'o.against',
        'o.grounds',
        'o.filed_via',
        'o.filed_at',
        'o.due_at',
        'o.decision',
        'o.decision_reason',
        'o.decided_at',
        'o.version',
        's.display_name as decided_by_name',
        'c.case_no',
        'c.county_code',
        'r.tracking_no',
        'r.requester_name',
        'r.requester_phone_masked',
      ])
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    reference(deps.db),
  ]);
  const counties = [...new Set(rows.map((o) => o.county_code))];
  const settingsOf = new Map(await Promise.all(counties.map(async (k) => [k, await aidSettings(deps.db, k)] as const)));
  const now = new Date();
  return {
    total: Number(total),
    page,
    pageSize,
    items: rows.map((o) => ({
      id: o.id,
      caseId: o.case_id,
      caseNo: o.case_no,
      trackingNo: o.tracking_no,
      applicantName: o.requester_name,
      phoneMasked: o.requester_phone_masked,
      against: o.against,
      grounds: o.grounds,
      filedVia: o.filed_via,
      filedAt: o.filed_at.toISOString(),
      dueAt: o.due_at.toISOString(),
      dueState: o.decision ? ('normal' as const) : dueStatus(ref.calendar, now, o.due_at, settingsOf.get(o.county_code)!.objectionPolicy),
      decision: o.decision,
      decisionReason: o.decision_reason,
      decidedAt: o.decided_at?.toISOString() ?? null,
      decidedBy: o.decided_by_name,
      version: o.version,
    })),
  };
}
