import { sql } from 'kysely';
import { AppError, notFound } from '../../http/errors.js';
import { requirePermission, scopePattern, type Actor } from '../auth/actor.js';
import { audit } from '../audit/audit.service.js';
import { hit } from '../auth/rate-limit.js';
import { SUBMISSIONS_PER_ADDRESS, SUBMISSION_WINDOW_SECONDS } from '../requests/public.service.js';
import { insertEvent } from '../requests/requests.repository.js';
import { tellCitizen, normalizePhone } from '../requests/intake.service.js';
import { reference } from '../requests/reference.js';
import type { RequestDeps } from '../requests/requests.service.js';
import { normalizeTrackingNo } from '../requests/tracking-no.js';
import { aidSettings } from './settings.service.js';
import { decisionObjectable, objectedAlready, objectionWindow, windowOpen, type Decided } from './objection-window.js';
import { decisionPolicy, dueFrom, getCase, loadCase } from './cases.service.js';

/*
 * 异议 (art. 49): an applicant refused, or a recipient whose aid was terminated, may object to the justice
 * bureau — at any time, unless a provincial rule sets a period counted from receipt of the letter (objection-window.ts); the bureau decides within its period (5 days by default) to uphold the
 * decision or order it corrected, and the applicant is told.
 */

async function file(
  deps: RequestDeps,
  c: Decided & { id: string; request_id: string; region_code: string; tracking_no: string; requester_phone_enc: string | null },
  grounds: string,
  via: 'portal' | 'desk',
  actor: Actor | null,
) {
  if (c.stage !== 'refused' && c.stage !== 'terminated') throw new AppError('AID_OBJECTION_NOT_ALLOWED', { stage: c.stage });
  const settings = await aidSettings(deps.db, c.county_code);
  // art. 49 sets no period: only a provincial one, counted from receipt of the letter, can close the window
  const window = await objectionWindow(deps.db, c, settings);
  const now = new Date();
  if (!windowOpen(window, now))
    throw new AppError('AID_OBJECTION_PERIOD_OVER', { deadline: window?.deadline?.toISOString(), basis: settings.objectionBasis });
  const dueAt = dueFrom(await reference(deps.db), settings.objectionPolicy, now)!;
  const against = decisionObjectable(c)!;
  const earlier = await deps.db
    .selectFrom('aid_objections')
    .select(['against_at', 'filed_at', 'decision'])
    .where('case_id', '=', c.id)
    .execute();
  // once per decision (art. 49): the bureau's answer is final for this refusal or termination
  if (objectedAlready(earlier, c)) throw objectedError(earlier, c);
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('aid_objections')
      .values({
        case_id: c.id,
        against: c.stage === 'refused' ? 'refusal' : 'termination',
        grounds: grounds.trim(),
        filed_via: via,
        due_at: dueAt,
        against_at: against,
      })
      // two at once: the open-objection index or the once-per-decision index refuses the second
      .onConflict((oc) => oc.doNothing())
      .returning(['id', 'due_at'])
      .executeTakeFirst();
    if (!row) throw new AppError('AID_OBJECTION_NOT_ALLOWED', { reason: 'one is under review' });
    await insertEvent(trx, {
      requestId: c.request_id,
      actor,
      type: 'aidObjectionFiled',
      from: null,
      to: null,
      note: grounds.trim(),
      data: { dueAt: dueAt.toISOString() },
    });
    await audit(
      trx,
      actor,
      {
        action: 'aidObjection.file',
        entityType: 'aidObjection',
        entityId: row.id,
        regionCode: c.region_code,
        after: { caseId: c.id, via },
      },
      actor ? undefined : { ip: '', requestId: '', username: 'citizen' },
    );
    return { id: row.id, dueAt: row.due_at.toISOString() };
  });
}

function objectedError(earlier: readonly { against_at: Date | null; decision: string | null }[], c: Decided) {
  const at = decisionObjectable(c)?.getTime();
  const pending = earlier.some((o) => o.decision === null && (o.against_at === null || o.against_at.getTime() === at));
  return pending
    ? new AppError('AID_OBJECTION_NOT_ALLOWED', { reason: 'one is under review' })
    : new AppError('AID_OBJECTION_ALREADY_DECIDED', { decidedAgainst: c.stage === 'refused' ? 'refusal' : 'termination' });
}

/** The applicant objects from the tracking page, with the tracking number and the phone given with it. */
export async function objectFromPublic(deps: RequestDeps, trackingNo: string, phone: string, grounds: string, ip: string) {
  if ((await hit(deps.db, `objection:${ip}`, SUBMISSION_WINDOW_SECONDS)) > SUBMISSIONS_PER_ADDRESS) {
    throw new AppError('RATE_LIMITED', { retryAfterSeconds: SUBMISSION_WINDOW_SECONDS });
  }
  const c = await deps.db
    .selectFrom('aid_cases as c')
    .innerJoin('service_requests as r', 'r.id', 'c.request_id')
    .select([
      'c.id',
      'c.request_id',
      'c.county_code',
      'c.region_code',
      'c.stage',
      'c.decided_at',
      'c.terminated_at',
      'c.decision_served_at',
      'r.tracking_no',
      'r.requester_phone_enc',
      'r.requester_phone_hash',
      'c.proxy_phone_hash',
    ])
    .where('r.tracking_no', '=', normalizeTrackingNo(trackingNo))
    .executeTakeFirst();
  // the applicant's phone, or the proxy's who applied for them (see public.service.ts)
  const hash = deps.cipher.hash(normalizePhone(phone));
  if (!c || (c.requester_phone_hash !== hash && c.proxy_phone_hash !== hash)) throw notFound();
  return file(deps, c, grounds, 'portal', null);
}

/** A desk records the objection the applicant brings in person or by letter. */
export async function objectAtDesk(deps: RequestDeps, actor: Actor, caseId: string, grounds: string) {
  requirePermission(actor, 'legalAid.review');
  const c = await loadCase(deps.db, actor, caseId);
  await file(deps, c, grounds, 'desk', actor);
  return getCase(deps, actor, caseId);
}

/**
 * The bureau decides: uphold, or order the center to correct — a refusal goes back to review with a new
 * decision period, a termination is lifted and the aid goes on.
 */
export async function decideObjection(
  deps: RequestDeps,
  actor: Actor,
  objectionId: string,
  version: number,
  decision: 'uphold' | 'correct',
  reason: string,
) {
  requirePermission(actor, 'legalAid.objection');
  const o = await deps.db
    .selectFrom('aid_objections as o')
    .innerJoin('aid_cases as c', 'c.id', 'o.case_id')
    .innerJoin('service_requests as r', 'r.id', 'c.request_id')
    .select([
      'o.id',
      'o.version',
      'o.decision',
      'o.against',
      'c.id as case_id',
      'c.version as case_version',
      'c.region_code',
      'c.request_id',
      'c.provider_id',
      'r.tracking_no',
      'r.requester_phone_enc',
    ])
    .where('o.id', '=', objectionId)
    .where('c.region_code', 'like', scopePattern(actor))
    .executeTakeFirst();
  if (!o) throw notFound();
  if (o.decision) throw new AppError('INVALID_TRANSITION', { reason: 'already decided' });
  if (o.version !== version) throw new AppError('VERSION_CONFLICT');
  const now = new Date();
  const ref = await reference(deps.db);
  await deps.db.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable('aid_objections')
      .set({ decision, decision_reason: reason.trim(), decided_at: now, decided_by: actor.id, version: sql`version + 1` })
      .where('id', '=', objectionId)
      .where('version', '=', version)
      .where('decision', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!done) throw new AppError('VERSION_CONFLICT');
    if (decision === 'correct') {
      if (o.against === 'refusal') {
        // the center decides again, within a new period from the bureau's order
        const decisionDue = dueFrom(ref, decisionPolicy(ref), now);
        await trx
          .updateTable('aid_cases')
          .set({
            stage: 'review',
            decision: null,
            decision_reason: null,
            decided_at: null,
            decision_served_at: null,
            received_at: now,
            decision_pauses: '[]',
            decision_due_at: decisionDue,
            version: sql`version + 1`,
            updated_at: now,
          })
          .where('id', '=', o.case_id)
          .execute();
        await trx
          .updateTable('service_requests')
          .set({
            status: 'accepted',
            due_at: decisionDue,
            due_state: 'normal',
            concluded_at: null,
            result: null,
            version: sql`version + 1`,
          })
          .where('id', '=', o.request_id)
          .execute();
      } else {
        await trx
          .updateTable('aid_cases')
          .set({
            stage: o.provider_id ? 'assigned' : 'granted',
            termination_ground: null,
            termination_reason: null,
            terminated_at: null,
            decision_served_at: null,
            version: sql`version + 1`,
            updated_at: now,
          })
          .where('id', '=', o.case_id)
          .execute();
        await trx
          .updateTable('service_requests')
          .set({ status: 'accepted', concluded_at: null, result: null, version: sql`version + 1` })
          .where('id', '=', o.request_id)
          .execute();
      }
    }
    await insertEvent(trx, {
      requestId: o.request_id,
      actor,
      type: 'aidObjectionDecided',
      from: null,
      to: null,
      note: reason.trim(),
      data: { decision },
    });
    await audit(trx, actor, {
      action: 'aidObjection.decide',
      entityType: 'aidObjection',
      entityId: objectionId,
      regionCode: o.region_code,
      after: { decision },
    });
    const phone = deps.cipher.openOrEmpty(o.requester_phone_enc);
    await tellCitizen(
      deps,
      trx,
      {
        id: o.request_id,
        trackingNo: o.tracking_no,
        phone,
        itemName: '法律援助',
        status: decision === 'correct' ? 'accepted' : 'concluded',
      },
      'aidObjectionDecided',
      {
        decision: decision === 'uphold' ? '维持原决定' : '责令改正',
      },
    );
  });
  return getCase(deps, actor, o.case_id);
}
