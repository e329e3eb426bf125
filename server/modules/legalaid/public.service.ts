import type { AidStage } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import { normalizeRegionCode } from '../org/region-codes.js';
import { normalizePhone } from '../requests/intake.service.js';
import { trackForCitizen } from '../requests/public.service.js';
import type { RequestDeps } from '../requests/requests.service.js';
import { normalizeTrackingNo } from '../requests/tracking-no.js';
import { dayOf } from '../timelimits/days.js';
import { STAGE_FOR_CITIZEN } from './rules.js';
import { objectedAlready, objectionWindow, windowOpen } from './objection-window.js';
import { aidSettings, currentStandard } from './settings.service.js';

/*
 * What the applicant sees of their legal aid case on the tracking page: the stage in plain words, what they
 * must do next, the dates that matter, who acts for them, and whether they may object (and until when).
 *
 * Who may look: the tracking number with the applicant's phone, as for any request, or — for a legal aid case
 * only — with the phone of the proxy who applied (a relative of a detained person, a guardian, an agent). Both
 * are compared by their blind index (HMAC), never in clear. A request that is not legal aid has no proxy, so its
 * look-up is exactly the generic one. Every try, right or wrong, is counted by the generic look-up's limit.
 */

/** The phone the generic look-up should check: the applicant's own when the one given is the proxy's. */
async function lookUpPhone(deps: RequestDeps, trackingNo: string, phone: string): Promise<string> {
  const row = await deps.db
    .selectFrom('aid_cases as c')
    .innerJoin('service_requests as r', 'r.id', 'c.request_id')
    .select(['r.requester_phone_enc', 'r.requester_phone_hash', 'c.proxy_phone_hash'])
    .where('r.tracking_no', '=', normalizeTrackingNo(trackingNo))
    .executeTakeFirst();
  if (!row?.proxy_phone_hash) return phone;
  const hash = deps.cipher.hash(normalizePhone(phone));
  return hash === row.proxy_phone_hash && hash !== row.requester_phone_hash ? deps.cipher.openOrEmpty(row.requester_phone_enc) : phone;
}

export async function aidStatusForCitizen(deps: RequestDeps, trackingNo: string, phone: string, ip: string) {
  const request = await trackForCitizen(deps, trackingNo, await lookUpPhone(deps, trackingNo, phone), ip);
  const c = await deps.db
    .selectFrom('aid_cases as c')
    .innerJoin('service_requests as r', 'r.id', 'c.request_id')
    .leftJoin('aid_providers as p', 'p.id', 'c.provider_id')
    .select([
      'c.id',
      'c.request_id',
      'c.county_code',
      'c.region_code',
      'c.stage',
      'c.case_no',
      'c.first_review_due_at',
      'c.decision_due_at',
      'c.assignment_due_at',
      'c.missing_materials',
      'c.materials_due_at',
      'c.decision_reason',
      'c.decided_at',
      'c.terminated_at',
      'c.decision_served_at',
      'c.termination_reason',
      'c.early_aid',
      'p.name as provider_name',
      'p.organisation as provider_organisation',
      'p.phone as provider_phone',
    ])
    .where('r.tracking_no', '=', request.trackingNo)
    .executeTakeFirst();
  if (!c) return { legalAid: null, request };
  const objections = await deps.db
    .selectFrom('aid_objections')
    .select(['filed_at', 'due_at', 'decision', 'decision_reason', 'decided_at', 'against_at'])
    .where('case_id', '=', c.id)
    .orderBy('filed_at', 'desc')
    .execute();
  const objection = objections[0];
  const window = await objectionWindow(deps.db, c);
  const deadline = window?.deadline ?? null;
  const stage = c.stage as AidStage;
  return {
    legalAid: {
      stage,
      status: STAGE_FOR_CITIZEN[stage].status,
      next: STAGE_FOR_CITIZEN[stage].next,
      caseNo: c.case_no,
      firstReviewDueAt: stage === 'firstReview' ? (c.first_review_due_at?.toISOString() ?? null) : null,
      // from receipt (第四十三条): the 7 days run during the station's first review as well
      decisionDueAt: stage === 'review' || stage === 'firstReview' ? (c.decision_due_at?.toISOString() ?? null) : null,
      assignmentDueAt: stage === 'granted' ? (c.assignment_due_at?.toISOString() ?? null) : null,
      missingMaterials: stage === 'awaitingMaterials' ? ((c.missing_materials as string[] | null) ?? []) : [],
      materialsDueAt: stage === 'awaitingMaterials' ? (c.materials_due_at?.toISOString() ?? null) : null,
      reason: stage === 'refused' ? c.decision_reason : stage === 'terminated' ? c.termination_reason : null,
      earlyAid: c.early_aid !== null,
      provider:
        c.provider_name && (stage === 'assigned' || stage === 'closed' || stage === 'archived')
          ? { name: c.provider_name, organisation: c.provider_organisation ?? '', phone: c.provider_phone ?? '' }
          : null,
      // once per decision (art. 49): an objection under review, or one already answered, closes the window
      // no period unless the province sets one, counted from receipt of the letter (art. 49; objection-window.ts)
      canObject: windowOpen(window) && !objectedAlready(objections, c),
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
    request,
  };
}

/**
 * The hardship standard in force today for a region (the longest region prefix), for the application form:
 * "当地标准：每人每月 X 元", and whether the county accepts a personal pledge (art. 41) instead of proof.
 */
export async function publicStandard(deps: RequestDeps, regionCode: string) {
  const code = normalizeRegionCode(regionCode);
  const [standard, settings] = await Promise.all([
    currentStandard(deps.db, code, dayOf(new Date())),
    aidSettings(deps.db, code.slice(0, 6)),
  ]);
  if (!standard) throw new AppError('AID_STANDARD_MISSING', { regionCode: code });
  return {
    regionCode: standard.regionCode,
    threshold: standard.threshold,
    basis: standard.basis,
    baseName: standard.baseName,
    multiple: standard.multiple,
    amount: standard.amount,
    effectiveFrom: standard.effectiveFrom,
    pledgeAllowed: settings.pledgeAllowed,
  };
}
