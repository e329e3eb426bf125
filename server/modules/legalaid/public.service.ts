import type { AidStage } from '../../db/schema.js';
import { findForCitizen } from '../requests/public.service.js';
import type { RequestDeps } from '../requests/requests.service.js';
import { STAGE_FOR_CITIZEN } from './rules.js';
import { objectionDeadline } from './objections.service.js';

/**
 * What the applicant sees of their legal aid case on the tracking page: the stage in plain words, what they
 * must do next, the dates that matter, who acts for them, and whether they may object (and until when).
 */
export async function aidStatusForCitizen(deps: RequestDeps, trackingNo: string, phone: string, ip: string) {
  const request = await findForCitizen(deps, trackingNo, phone, ip);
  const c = await deps.db
    .selectFrom('aid_cases as c')
    .leftJoin('aid_providers as p', 'p.id', 'c.provider_id')
    .select([
      'c.id',
      'c.request_id',
      'c.county_code',
      'c.region_code',
      'c.stage',
      'c.case_no',
      'c.decision_due_at',
      'c.assignment_due_at',
      'c.missing_materials',
      'c.materials_due_at',
      'c.decision_reason',
      'c.decided_at',
      'c.terminated_at',
      'c.termination_reason',
      'c.early_aid',
      'p.name as provider_name',
      'p.organisation as provider_organisation',
      'p.phone as provider_phone',
    ])
    .where('c.request_id', '=', request.id)
    .executeTakeFirst();
  if (!c) return { legalAid: null };
  const objection = await deps.db
    .selectFrom('aid_objections')
    .select(['filed_at', 'due_at', 'decision', 'decision_reason', 'decided_at'])
    .where('case_id', '=', c.id)
    .orderBy('filed_at', 'desc')
    .executeTakeFirst();
  const deadline = await objectionDeadline(deps.db, c);
  const pending = objection && !objection.decision;
  const stage = c.stage as AidStage;
  return {
    legalAid: {
      stage,
      status: STAGE_FOR_CITIZEN[stage].status,
      next: STAGE_FOR_CITIZEN[stage].next,
      caseNo: c.case_no,
      decisionDueAt: stage === 'review' ? (c.decision_due_at?.toISOString() ?? null) : null,
      assignmentDueAt: stage === 'granted' ? (c.assignment_due_at?.toISOString() ?? null) : null,
      missingMaterials: stage === 'awaitingMaterials' ? ((c.missing_materials as string[] | null) ?? []) : [],
      materialsDueAt: stage === 'awaitingMaterials' ? (c.materials_due_at?.toISOString() ?? null) : null,
      reason: stage === 'refused' ? c.decision_reason : stage === 'terminated' ? c.termination_reason : null,
      earlyAid: c.early_aid !== null,
      provider:
        c.provider_name && (stage === 'assigned' || stage === 'closed' || stage === 'archived')
          ? { name: c.provider_name, organisation: c.provider_organisation ?? '', phone: c.provider_phone ?? '' }
          : null,
      canObject: Boolean(deadline && deadline.getTime() > Date.now() && !pending),
      objectionDeadline: deadline?.toISOString() ?? null,
      objection: objection
        ? {
            filedAt: objection.filed_at.toISOString(),
            dueAt: objection.due_at.toISOString(),
            decision: objection.decision,
            decisionReason: objection.decision_reason,
            decidedAt: objection.decided_at?.toISOString() ?? null,
          }
        : null,
    },
  };
}
