import { sql, type Kysely } from 'kysely';
import type { AidStage, DB, RequestStatus } from '../../db/schema.js';
import { AppError, notFound } from '../../http/errors.js';
import { can, requirePermission, scopePattern, type Actor } from '../auth/actor.js';
import { audit } from '../audit/audit.service.js';
import { maskPhone } from '../org/mask.js';
import { levelOfCode, normalizeRegionCode } from '../org/region-codes.js';
import { addCalendarDays, computeDeadline, status as dueStatus, type Pause, type Policy } from '../timelimits/rules.js';
import { dayOf, endOfDay } from '../timelimits/days.js';
import { containsPattern } from '../../db/like.js';
import { eventsOf, insertEvent } from '../requests/requests.repository.js';
import { intakeAtDesk, normalizePhone, submitPublicRequest, tellCitizen, type IntakeInput } from '../requests/intake.service.js';
import { tellAidStaff, tellOfApplication, tellProvider } from './notices.js';
import { reference, siteKey } from '../requests/reference.js';
import { requestMatches, searchTerms } from '../requests/search-terms.js';
import type { RequestDeps } from '../requests/requests.service.js';
import { SUBMISSIONS_PER_ADDRESS, SUBMISSION_WINDOW_SECONDS } from '../requests/public.service.js';
import {
  AID_ACTION_RULES,
  AID_ACTIONS,
  assessEligibility,
  clampToStatute,
  EARLY_AID_GROUNDS,
  STATUTORY_DAYS,
  TERMINATION_GROUNDS,
  type AidAction,
  type AidForm,
  type ApplicantKind,
  type EarlyAidGround,
  type Eligibility,
  type Exemption,
  type MatterCategory,
  type NoMeansTestGround,
  type TerminationGround,
} from './rules.js';
import { aidSettings, currentStandard, type AidSettings } from './settings.service.js';
import { availableDocuments } from './document-kinds.js';
import { objectedAlready, objectionWindow, windowOpen } from './objection-window.js';
import { conflictsOf, providerLoad } from './providers.service.js';

/*
 * The legal aid case behind a legal aid request, from application to archive (法律援助法 第四十一条至第五十五条).
 * The request keeps the tracking number, the receipt, the citizen's messages and the public timeline; the case
 * keeps what the law adds: the eligibility verdict, the first review, the 7-day decision, the 3-day
 * assignment, the handling and the closing. Every step is a guarded UPDATE of the case (stage + version) and
 * of its request, a timeline row, an audit row and the citizen's message, in one transaction.
 */

export interface FamilyMember {
  relation: string;
  name: string;
  monthlyIncome: number;
}

export interface AidApplicationInput extends Omit<IntakeInput, 'serviceItem'> {
  applicantKind: ApplicantKind;
  proxy?: { name: string; relation: string; phone: string } | undefined;
  matterCategory: MatterCategory;
  aidForm: AidForm;
  opposingParty?: string | undefined;
  hasAgent?: boolean | undefined;
  familyMembers?: FamilyMember[] | undefined;
  /** the applicant's own monthly income; the family's is this plus the members'. Null only with a ground or an exemption */
  monthlyIncome?: number | null | undefined;
  noMeansTest?: NoMeansTestGround | undefined;
  exemption?: Exemption | undefined;
  exemptionProof?: boolean | undefined;
  pledge?: boolean | undefined;
  limitationExpiresOn?: string | undefined;
}

/** A case with what it needs of its request and provider. */
function cases(db: Kysely<DB>) {
  return db
    .selectFrom('aid_cases as c')
    .innerJoin('service_requests as r', 'r.id', 'c.request_id')
    .leftJoin('aid_providers as p', 'p.id', 'c.provider_id')
    .leftJoin('sites as hs', 'hs.id', 'r.handler_site_id')
    .selectAll('c')
    .select([
      'r.tracking_no',
      'r.status as request_status',
      'r.requester_name',
      'r.requester_phone_enc',
      'r.requester_phone_masked',
      'r.requester_id_masked',
      'r.requester_address_enc',
      'r.received_by',
      'r.channel',
      'r.created_at as applied_at',
      'p.name as provider_name',
      'p.kind as provider_kind',
      'p.organisation as provider_organisation',
      'p.phone as provider_phone',
      'p.staff_id as provider_staff_id',
      'hs.name as handler_site_name',
    ]);
}

const isAidReader = (actor: Actor) => can(actor, 'legalAid.review') || can(actor, 'legalAid.provide') || can(actor, 'legalAid.objection');

/**
 * A case as the actor may see it. Reviewers (and the bureau) see those in their scope, legal aid personnel who
 * only provide see those assigned to them; a desk that took the application down (a village room, whose post
 * has no legal aid permission) reads that one case — `handles` false: no steps, no phone, the public timeline.
 */
async function loadCase(db: Kysely<DB>, actor: Actor, id: string) {
  if (!isAidReader(actor) && !can(actor, 'requests.intake')) throw new AppError('FORBIDDEN', { permission: 'legalAid.review' });
  const row = await cases(db)
    .where('c.id', '=', id)
    .where((eb) => eb.or([eb('c.region_code', 'like', scopePattern(actor)), eb('r.received_by', '=', actor.id)]))
    .executeTakeFirst();
  if (!row) throw notFound();
  const inScope = row.region_code.startsWith(actor.regionCode);
  const handles =
    inScope &&
    (can(actor, 'legalAid.review') ||
      can(actor, 'legalAid.objection') ||
      (can(actor, 'legalAid.provide') && row.provider_staff_id === actor.id));
  if (!handles && row.received_by !== actor.id) throw notFound();
  return { ...row, handles };
}
export type AidCaseRow = Awaited<ReturnType<typeof loadCase>>;

// ---------------------------------------------------------------------------------------------------------
// Applying

/** The family's monthly income; null when the applicant gave none (only allowed with a ground or an exemption). */
export function familyIncome(input: Pick<AidApplicationInput, 'monthlyIncome' | 'familyMembers'>): number | null {
  if (input.monthlyIncome === null || input.monthlyIncome === undefined) return null;
  return Math.round((input.monthlyIncome + (input.familyMembers ?? []).reduce((n, m) => n + m.monthlyIncome, 0)) * 100) / 100;
}

/** Without a no-means-test ground (art. 32) or an exemption (art. 42) the family's means must be stated (art. 41). */
function requireMeans(input: AidApplicationInput) {
  if (input.noMeansTest || input.exemption) return;
  if (input.monthlyIncome === null || input.monthlyIncome === undefined)
    throw new AppError('AID_MEANS_REQUIRED', { field: 'monthlyIncome' });
}

async function eligibilityFor(
  db: Kysely<DB>,
  regionCode: string,
  facts: Parameters<typeof assessEligibility>[0],
  at = new Date(),
): Promise<Eligibility> {
  const [standard, settings] = await Promise.all([currentStandard(db, regionCode, dayOf(at)), aidSettings(db, regionCode.slice(0, 6))]);
  return assessEligibility(facts, standard, settings.pledgeAllowed, at);
}

/** The case row written with the request, in its transaction. */
function caseWriter(
  deps: RequestDeps,
  input: AidApplicationInput,
  stage: AidStage,
  dates: { receivedAt: Date | null; decisionDueAt: Date | null; firstReviewDueAt: Date | null },
) {
  return async (trx: Kysely<DB>, created: { id: string }) => {
    const regionCode = normalizeRegionCode(input.regionCode);
    const members = input.familyMembers ?? [];
    const facts = {
      matterCategory: input.matterCategory,
      hasAgent: input.hasAgent ?? false,
      familySize: members.length + 1,
      monthlyFamilyIncome: familyIncome(input),
      noMeansTest: input.noMeansTest ?? null,
      exemption: input.exemption ?? null,
      exemptionProof: input.exemptionProof ?? false,
      pledge: input.pledge ?? false,
    };
    const eligibility = await eligibilityFor(trx, regionCode, facts);
    const proxyPhone = input.proxy ? normalizePhone(input.proxy.phone) : null;
    await trx
      .insertInto('aid_cases')
      .values({
        request_id: created.id,
        county_code: regionCode.slice(0, 6),
        region_code: regionCode,
        stage,
        applicant_kind: input.applicantKind,
        proxy_name: input.proxy?.name.trim() ?? null,
        proxy_relation: input.proxy?.relation.trim() ?? null,
        proxy_phone_enc: proxyPhone ? deps.cipher.encrypt(proxyPhone) : null,
        proxy_phone_masked: proxyPhone ? maskPhone(proxyPhone) : null,
        proxy_phone_hash: proxyPhone ? deps.cipher.hash(proxyPhone) : null,
        matter_category: input.matterCategory,
        aid_form: input.aidForm,
        matter_summary: input.description.trim(),
        opposing_party: input.opposingParty?.trim() || null,
        has_agent: facts.hasAgent,
        family_size: facts.familySize,
        family_members: JSON.stringify(members.map((m) => ({ ...m, name: m.name.trim(), relation: m.relation.trim() }))),
        monthly_family_income: facts.monthlyFamilyIncome,
        no_means_test: facts.noMeansTest,
        exemption: facts.exemption,
        exemption_proof: facts.exemptionProof,
        pledge: facts.pledge,
        limitation_expires_on: input.limitationExpiresOn ?? null,
        eligibility: JSON.stringify(eligibility),
        received_at: dates.receivedAt,
        decision_due_at: dates.decisionDueAt,
        first_review_due_at: stage === 'firstReview' ? dates.firstReviewDueAt : null,
      })
      .execute();
    // the application is the citizen's opening line (and its receipt text): the request's own opening rows,
    // written as the request was taken in, become the office's record only
    await trx
      .updateTable('request_events')
      .set({ public: false })
      .where('request_id', '=', created.id)
      .where('type', 'in', ['submitted', 'dispatched'])
      .execute();
    await insertEvent(trx, {
      requestId: created.id,
      actor: null,
      type: 'aidApplied',
      from: null,
      to: null,
      data: { stage, eligible: eligibility.passed },
    });
  };
}

type Ref = Awaited<ReturnType<typeof reference>>;

/** The decision period (art. 43): the legalAid service item's policy, as admins set it in the catalogue. */
export function decisionPolicy(ref: Ref): Policy {
  const item = ref.items.get('legalAid');
  if (!item) throw new AppError('SERVICE_ITEM_UNAVAILABLE', { serviceItem: 'legalAid' });
  // seven calendar days at most (第四十三条), whatever an older release let the catalogue store
  return clampToStatute(item.timeLimit, STATUTORY_DAYS.decision);
}

/**
 * When a period ends. The reference snapshot is read before any transaction opens: on PGlite a snapshot
 * reload through `db` inside one would wait for the transaction's own connection.
 */
export function dueFrom(ref: Ref, policy: Policy, from: Date, pauses: Pause[] = []): Date | null {
  return computeDeadline(ref.calendar, policy, from, pauses).dueAt;
}

/** A portal application: it goes to the town station of the region for first review (the routing rules say so). */
export async function applyFromPublic(deps: RequestDeps, input: AidApplicationInput, ip: string) {
  requireMeans(input);
  const now = new Date();
  // a matter of the county as a whole goes straight to the center; a town's or a village's to its station first
  const regionCode = normalizeRegionCode(input.regionCode);
  const stage: AidStage = levelOfCode(regionCode) === 'county' ? 'review' : 'firstReview';
  const ref = await reference(deps.db);
  const settings = await aidSettings(deps.db, regionCode.slice(0, 6));
  // 第四十三条 counts from the day the legal aid agency receives the application: one submitted online is received
  // today, wherever its first review is done (the station's review runs inside the 7 days)
  const decisionDue = dueFrom(ref, decisionPolicy(ref), now);
  const { id: _id, ...answer } = await submitPublicRequest(
    deps,
    { ...input, serviceItem: 'legalAid' },
    { key: `submit:${ip}`, max: SUBMISSIONS_PER_ADDRESS, windowSeconds: SUBMISSION_WINDOW_SECONDS },
    async (trx, created) => {
      await caseWriter(deps, input, stage, {
        receivedAt: now,
        decisionDueAt: decisionDue,
        firstReviewDueAt: dueFrom(ref, settings.firstReviewPolicy, now),
      })(trx, created);
      await tellOfApplication(trx, null, created.id);
    },
  );
  return answer;
}

/**
 * An application taken at a village room, a town station or the center. A room passes it to its town station;
 * a station reviews it itself; the center decides. Its 7 days (第四十三条) start now, wherever it was taken: a
 * station is the center's own 工作站 (第十三条), and a room takes it down for the station the same day.
 */
export async function applyAtDesk(deps: RequestDeps, actor: Actor, input: AidApplicationInput) {
  requirePermission(actor, 'requests.intake');
  requireMeans(input);
  const now = new Date();
  const atCenter = actor.siteKind === 'center';
  const stage: AidStage = atCenter ? 'review' : 'firstReview';
  const ref = await reference(deps.db);
  const decisionDue = dueFrom(ref, decisionPolicy(ref), now);
  const settings = await aidSettings(deps.db, input.regionCode.slice(0, 6));
  const station = ref.sites.get(siteKey('station', input.regionCode.slice(0, 9)));
  const handler = atCenter ? ref.sites.get(siteKey('center', input.regionCode.slice(0, 6))) : station;
  if (!handler) throw new AppError('ROUTING_RULE_MISSING', { serviceItem: 'legalAid', regionCode: input.regionCode });
  const view = await intakeAtDesk(deps, actor, { ...input, serviceItem: 'legalAid' }, async (trx, created) => {
    await caseWriter(deps, input, stage, {
      receivedAt: now,
      decisionDueAt: decisionDue,
      firstReviewDueAt: dueFrom(ref, settings.firstReviewPolicy, now),
    })(trx, created);
    await trx
      .updateTable('service_requests')
      .set({
        status: atCenter ? 'accepted' : 'dispatched',
        handler_site_id: handler.id,
        handler_region_code: handler.regionCode,
        handler_post: 'legalAidDesk',
        dispatched_at: now,
        accepted_at: atCenter ? now : null,
        handler_id: atCenter && can(actor, 'legalAid.review') ? actor.id : null,
        due_at: decisionDue,
        version: sql`version + 1`,
      })
      .where('id', '=', created.id)
      .execute();
    await tellOfApplication(trx, actor, created.id);
  });
  const row = await deps.db.selectFrom('aid_cases').select('id').where('request_id', '=', view.id).executeTakeFirstOrThrow();
  // a village room's adviser reads the case they took down (loadCase lets its receiver in), without its steps
  return getCase(deps, actor, row.id);
}

// ---------------------------------------------------------------------------------------------------------
// Reading

export function allowedAidActions(
  actor: Actor,
  c: Pick<AidCaseRow, 'stage' | 'provider_staff_id' | 'early_aid' | 'decision' | 'handles'>,
): AidAction[] {
  if (!c.handles) return [];
  return AID_ACTIONS.filter((action) => {
    const rule = AID_ACTION_RULES[action];
    if (!rule.stages.includes(c.stage)) return false;
    // assignment before a decision only under early aid (art. 44), which may come from receipt on
    if (action === 'assign' && (c.stage === 'review' || c.stage === 'firstReview') && !c.early_aid) return false;
    if (action === 'earlyAid' && c.early_aid) return false;
    const reviewer = can(actor, 'legalAid.review');
    switch (rule.level) {
      case 'station':
        return reviewer && actor.siteKind === 'station';
      case 'center':
        return reviewer && actor.siteKind === 'center';
      case 'either':
        return reviewer && (actor.siteKind === 'center' || (actor.siteKind === 'station' && c.stage !== 'review'));
      case 'provider':
        return (reviewer && actor.siteKind === 'center') || (can(actor, 'legalAid.provide') && c.provider_staff_id === actor.id);
    }
  });
}

function clock(calendar: Awaited<ReturnType<typeof reference>>['calendar'], at: Date | null, now: Date, policy: { dueSoonDays: number }) {
  if (!at) return null;
  return { dueAt: at.toISOString(), state: dueStatus(calendar, now, at, policy) };
}

/** Due soon this many days before a materials deadline: the applicant needs a few days to gather papers. */
export const MATERIALS_DUE_SOON_DAYS = 3;

/** The period each stage runs against, for its clock and its due-soon warning. */
export function stagePolicy(ref: Ref, settings: AidSettings, stage: AidStage): { dueSoonDays: number } {
  switch (stage) {
    case 'firstReview':
      return settings.firstReviewPolicy;
    case 'review':
      return ref.items.get('legalAid')?.timeLimit ?? { dueSoonDays: 0 };
    case 'granted':
      return settings.assignmentPolicy;
    case 'awaitingMaterials':
      return { dueSoonDays: MATERIALS_DUE_SOON_DAYS };
    default:
      return { dueSoonDays: 0 };
  }
}

export async function getCase(deps: RequestDeps, actor: Actor, id: string) {
  const c = await loadCase(deps.db, actor, id);
  const [objections, ref, settings, events] = await Promise.all([
    deps.db.selectFrom('aid_objections').selectAll().where('case_id', '=', id).orderBy('filed_at').execute(),
    reference(deps.db),
    aidSettings(deps.db, c.county_code),
    eventsOf(deps.db, c.request_id),
  ]);
  const window = await objectionWindow(deps.db, c, settings);
  const now = new Date();
  const view = {
    id: c.id,
    requestId: c.request_id,
    trackingNo: c.tracking_no,
    caseNo: c.case_no,
    stage: c.stage,
    stageBefore: c.stage_before,
    regionCode: c.region_code,
    channel: c.channel,
    appliedAt: c.applied_at.toISOString(),
    applicant: { name: c.requester_name, phoneMasked: c.requester_phone_masked, idNumberMasked: c.requester_id_masked },
    applicantAddress: c.requester_address_enc ? deps.cipher.decrypt(c.requester_address_enc) : null,
    applicantKind: c.applicant_kind,
    proxy: c.proxy_name ? { name: c.proxy_name, relation: c.proxy_relation ?? '', phoneMasked: c.proxy_phone_masked } : null,
    matterCategory: c.matter_category,
    aidForm: c.aid_form,
    matterSummary: c.matter_summary,
    opposingParty: c.opposing_party,
    hasAgent: c.has_agent,
    familySize: c.family_size,
    familyMembers: c.family_members as FamilyMember[],
    monthlyFamilyIncome: c.monthly_family_income === null ? null : Number(c.monthly_family_income),
    noMeansTest: c.no_means_test,
    exemption: c.exemption,
    exemptionProof: c.exemption_proof,
    pledge: c.pledge,
    limitationExpiresOn: c.limitation_expires_on,
    eligibility: c.eligibility as Eligibility,
    overrideReason: c.override_reason,
    firstReview: c.first_review as { opinion: string; note: string; at: string; by: string; siteName: string } | null,
    firstReviewClock: c.stage === 'firstReview' ? clock(ref.calendar, c.first_review_due_at, now, settings.firstReviewPolicy) : null,
    receivedAt: c.received_at?.toISOString() ?? null,
    decisionClock: clock(ref.calendar, c.decision_due_at, now, ref.items.get('legalAid')?.timeLimit ?? { dueSoonDays: 0 }),
    missingMaterials: (c.missing_materials as string[] | null) ?? null,
    materialsDueAt: c.materials_due_at?.toISOString() ?? null,
    materialsClock:
      c.stage === 'awaitingMaterials' ? clock(ref.calendar, c.materials_due_at, now, { dueSoonDays: MATERIALS_DUE_SOON_DAYS }) : null,
    earlyAid: c.early_aid,
    decision: c.decision,
    decisionReason: c.decision_reason,
    decidedAt: c.decided_at?.toISOString() ?? null,
    assignmentClock: c.stage === 'granted' ? clock(ref.calendar, c.assignment_due_at, now, settings.assignmentPolicy) : null,
    provider: c.provider_id
      ? {
          id: c.provider_id,
          name: c.provider_name!,
          kind: c.provider_kind!,
          organisation: c.provider_organisation ?? '',
          phone: c.provider_phone ?? '',
        }
      : null,
    assignedAt: c.assigned_at?.toISOString() ?? null,
    conflictOverride: c.conflict_override,
    terminationGround: c.termination_ground,
    terminationReason: c.termination_reason,
    terminatedAt: c.terminated_at?.toISOString() ?? null,
    closingOutcome: c.closing_outcome,
    closingReport: c.closing_report,
    closedAt: c.closed_at?.toISOString() ?? null,
    archiveChecklist: (c.archive_checklist as string[] | null) ?? null,
    archivedAt: c.archived_at?.toISOString() ?? null,
    followUp: c.follow_up as { at: string; by: string; satisfied: boolean; note: string } | null,
    quality: c.quality as { grade: string; note: string; at: string; by: string } | null,
    objections: objections.map((o) => ({
      id: o.id,
      against: o.against,
      grounds: o.grounds,
      filedVia: o.filed_via,
      filedAt: o.filed_at.toISOString(),
      dueAt: o.due_at.toISOString(),
      state: o.decision ? 'normal' : dueStatus(ref.calendar, now, o.due_at, settings.objectionPolicy),
      decision: o.decision,
      decisionReason: o.decision_reason,
      decidedAt: o.decided_at?.toISOString() ?? null,
      version: o.version,
    })),
    // 第四十九条 sets no period; a provincial one (with its basis) runs from receipt of the letter
    objectionDays: settings.objectionDays,
    objectionBasis: settings.objectionBasis,
    decisionServedAt: c.decision_served_at?.toISOString() ?? null,
    objectionDeadline: window?.deadline && !objectedAlready(objections, c) ? window.deadline.toISOString() : null,
    canObject: windowOpen(window, now) && !objectedAlready(objections, c),
    archiveItems: [...ARCHIVE_CHECKLIST],
    // the receiving desk reads what the applicant reads: the public steps, without the internal notes
    timeline: events
      .filter((e) => c.handles || e.public)
      .map((e) => ({
        id: Number(e.id),
        at: e.at.toISOString(),
        type: e.type,
        actorName: e.actor_name,
        fromStatus: e.from_status,
        toStatus: e.to_status,
        note: e.note,
        data: e.data ?? null,
        public: e.public,
      })),
    handles: c.handles,
    version: c.version,
    allowedActions: allowedAidActions(actor, c),
  };
  return { ...view, documents: availableDocuments(view, c.handles) };
}
export type AidCaseView = Awaited<ReturnType<typeof getCase>>;

export const AID_QUEUES = [
  'open',
  'firstReview',
  'review',
  'awaitingMaterials',
  'granted',
  'assigned',
  'mine',
  'closed',
  'done',
  'objections',
  'all',
] as const;
export type AidQueue = (typeof AID_QUEUES)[number];

export interface AidCaseFilter {
  queue?: AidQueue | undefined;
  search?: string | undefined;
  matterCategory?: MatterCategory | undefined;
  stage?: AidStage | undefined;
  page?: number | undefined;
  pageSize?: number | undefined;
}

export async function listCases(deps: RequestDeps, actor: Actor, q: AidCaseFilter) {
  if (!isAidReader(actor)) requirePermission(actor, 'requests.intake');
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  let query = deps.db
    .selectFrom('aid_cases as c')
    .innerJoin('service_requests as r', 'r.id', 'c.request_id')
    .leftJoin('aid_providers as p', 'p.id', 'c.provider_id')
    .leftJoin('sites as hs', 'hs.id', 'r.handler_site_id');
  // a desk without a legal aid post (a village room) lists the applications it took down
  if (!isAidReader(actor)) query = query.where('r.received_by', '=', actor.id);
  else {
    query = query.where('c.region_code', 'like', scopePattern(actor));
    if (!can(actor, 'legalAid.review') && !can(actor, 'legalAid.objection')) query = query.where('p.staff_id', '=', actor.id);
  }
  const queue = q.queue ?? 'open';
  if (queue === 'open') query = query.where('c.stage', 'not in', ['archived', 'withdrawn', 'refused', 'terminated']);
  else if (queue === 'done') query = query.where('c.stage', 'in', ['archived', 'withdrawn', 'refused', 'terminated']);
  else if (queue === 'mine') query = query.where('p.staff_id', '=', actor.id).where('c.stage', '=', 'assigned');
  else if (queue === 'objections')
    query = query.where((eb) =>
      eb.exists(eb.selectFrom('aid_objections as o').select('o.id').whereRef('o.case_id', '=', 'c.id').where('o.decision', 'is', null)),
    );
  else if (queue !== 'all') query = query.where('c.stage', '=', queue);
  if (q.stage) query = query.where('c.stage', '=', q.stage);
  if (q.matterCategory) query = query.where('c.matter_category', '=', q.matterCategory);
  if (q.search?.trim()) {
    // read as the requests list reads it: the tracking number as printed, the full phone (the applicant's or
    // the proxy's) or ID number through the blind indexes, the case number, the applicant's name
    const terms = searchTerms(q.search, deps.cipher);
    const like = containsPattern(terms.text);
    query = query.where((eb) =>
      eb.or([
        ...requestMatches(terms),
        ...(terms.phoneHash ? [eb('c.proxy_phone_hash', '=', terms.phoneHash)] : []),
        eb('c.case_no', 'like', like),
        eb('r.requester_name', 'like', like),
      ]),
    );
  }
  const [{ total }, rows, ref] = await Promise.all([
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    query
      .select([
        'c.id',
        'c.case_no',
        'c.county_code',
        'c.stage',
        'c.matter_category',
        'c.region_code',
        'c.first_review_due_at',
        'c.decision_due_at',
        'c.assignment_due_at',
        'c.materials_due_at',
        'c.early_aid',
        'c.created_at',
        'r.tracking_no',
        'r.requester_name',
        'r.requester_phone_masked',
        'hs.name as site_name',
        'p.name as provider_name',
      ])
      .orderBy('c.created_at', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    reference(deps.db),
  ]);
  const counties = [...new Set(rows.map((c) => c.county_code))];
  const settingsOf = new Map(await Promise.all(counties.map(async (k) => [k, await aidSettings(deps.db, k)] as const)));
  const now = new Date();
  return {
    total: Number(total),
    page,
    pageSize,
    items: rows.map((c) => {
      const dueAt =
        c.stage === 'firstReview'
          ? c.first_review_due_at
          : c.stage === 'review'
            ? c.decision_due_at
            : c.stage === 'granted'
              ? c.assignment_due_at
              : c.stage === 'awaitingMaterials'
                ? c.materials_due_at
                : null;
      return {
        id: c.id,
        caseNo: c.case_no,
        trackingNo: c.tracking_no,
        applicantName: c.requester_name,
        phoneMasked: c.requester_phone_masked,
        siteName: c.site_name,
        stage: c.stage,
        matterCategory: c.matter_category,
        regionCode: c.region_code,
        providerName: c.provider_name,
        earlyAid: c.early_aid !== null,
        dueAt: dueAt?.toISOString() ?? null,
        dueState: dueAt ? dueStatus(ref.calendar, now, dueAt, stagePolicy(ref, settingsOf.get(c.county_code)!, c.stage)) : 'normal',
        createdAt: c.created_at.toISOString(),
      };
    }),
  };
}

/** The applicant's phone in full, for the staff acting on the case; every view is audited. */
export async function revealApplicantPhone(deps: RequestDeps, actor: Actor, id: string) {
  const c = await loadCase(deps.db, actor, id);
  if (!c.handles) throw new AppError('FORBIDDEN', { permission: 'legalAid.review' });
  // anonymised after its retention period: nothing left to show
  if (!c.requester_phone_enc) throw notFound();
  await audit(deps.db, actor, { action: 'aidCase.revealPhone', entityType: 'aidCase', entityId: id, regionCode: c.region_code });
  return { phone: deps.cipher.decrypt(c.requester_phone_enc) };
}

/** The proxy's phone in full (the relative who applied for a detained person, a guardian, an agent); audited likewise. */
export async function revealProxyPhone(deps: RequestDeps, actor: Actor, id: string) {
  const c = await loadCase(deps.db, actor, id);
  if (!c.handles) throw new AppError('FORBIDDEN', { permission: 'legalAid.review' });
  if (!c.proxy_phone_enc) throw notFound();
  await audit(deps.db, actor, { action: 'aidCase.revealProxyPhone', entityType: 'aidCase', entityId: id, regionCode: c.region_code });
  return { phone: deps.cipher.decrypt(c.proxy_phone_enc) };
}

// ---------------------------------------------------------------------------------------------------------
// Acting

export type AidActionInput =
  | { action: 'firstReview'; opinion: 'recommendGrant' | 'recommendRefuse'; note: string }
  | { action: 'requestMaterials'; items: string[]; note?: string | undefined }
  | { action: 'materialsReceived'; note?: string | undefined }
  | { action: 'withdraw'; reason: string }
  | {
      action: 'reassess';
      monthlyFamilyIncome?: number | undefined;
      familySize?: number | undefined;
      hasAgent?: boolean | undefined;
      noMeansTest?: NoMeansTestGround | null | undefined;
      exemption?: Exemption | null | undefined;
      exemptionProof?: boolean | undefined;
      pledge?: boolean | undefined;
      note?: string | undefined;
    }
  | { action: 'earlyAid'; ground: EarlyAidGround; note: string }
  | { action: 'decide'; decision: 'grant' | 'refuse'; reason: string; overrideReason?: string | undefined }
  | { action: 'assign'; providerId: string; conflictOverride?: string | undefined; note?: string | undefined }
  | { action: 'changeProvider'; providerId: string; reason: string; conflictOverride?: string | undefined }
  | { action: 'serve'; servedOn: string; note?: string | undefined }
  | { action: 'progress'; note: string }
  | { action: 'terminate'; ground: TerminationGround; reason: string }
  | { action: 'close'; outcome: string; report: string }
  | { action: 'archive'; checklist: string[] }
  | { action: 'followUp'; satisfied: boolean; note: string }
  | { action: 'rateQuality'; grade: 'excellent' | 'qualified' | 'unqualified'; note: string };

/** What an archive must hold (案卷归档): every box ticked before the case is archived. */
export const ARCHIVE_CHECKLIST = [
  'application',
  'identity',
  'hardshipProof',
  'decision',
  'assignmentNotice',
  'caseMaterials',
  'legalDocuments',
  'closingReport',
] as const;

interface Step {
  case: Record<string, unknown>;
  stage?: AidStage;
  request?: {
    status?: RequestStatus;
    due_at?: Date | null;
    result?: string | null;
    handler_site_id?: string;
    handler_region_code?: string;
    handler_post?: string;
    handler_id?: string | null;
  };
  event: { type: string; note?: string; data?: unknown; public?: boolean };
  /** the SMS template telling the citizen, if this step is news for them */
  tell?: string;
  tellExtra?: Record<string, string>;
}

type StoredPause = { from: string; to?: string | null };
const toPauses = (stored: unknown): Pause[] =>
  ((stored as StoredPause[] | null) ?? []).map((p) => ({ from: new Date(p.from), to: p.to ? new Date(p.to) : null }));

async function nextCaseNo(trx: Kysely<DB>, ref: Ref, countyCode: string, now: Date): Promise<string> {
  const year = Number(dayOf(now).slice(0, 4));
  const row = await trx
    .insertInto('aid_case_numbers')
    .values({ county_code: countyCode, year, last: 1 })
    .onConflict((oc) => oc.columns(['county_code', 'year']).doUpdateSet({ last: sql`aid_case_numbers.last + 1` }))
    .returning('last')
    .executeTakeFirstOrThrow();
  const center = ref.sites.get(siteKey('center', countyCode));
  const short = (center?.name ?? '').slice(0, 2) || '法';
  return `${short}援〔${year}〕${row.last}号`;
}

async function stepFor(trx: Kysely<DB>, ref: Ref, actor: Actor, c: AidCaseRow, input: AidActionInput, now: Date): Promise<Step> {
  const settings = await aidSettings(trx, c.county_code);
  switch (input.action) {
    case 'firstReview': {
      const center = ref.sites.get(siteKey('center', c.county_code));
      if (!center) throw new AppError('ROUTING_RULE_MISSING', { serviceItem: 'legalAid' });
      // the 7 days (第四十三条) have run since receipt at the station or online; a case received before this rule
      // (no received_at) starts them now
      const received = c.received_at ?? now;
      const decisionDue = c.received_at ? c.decision_due_at : dueFrom(ref, decisionPolicy(ref), now);
      return {
        case: {
          first_review: JSON.stringify({
            opinion: input.opinion,
            note: input.note,
            at: now.toISOString(),
            by: actor.displayName,
            siteName: actor.siteName,
          }),
          received_at: received,
          decision_due_at: decisionDue,
          first_review_due_at: null,
        },
        stage: 'review',
        request: {
          status: 'accepted',
          handler_site_id: center.id,
          handler_region_code: center.regionCode,
          handler_post: 'legalAidDesk',
          handler_id: null,
          due_at: decisionDue,
        },
        event: { type: 'aidForwarded', note: input.note, data: { siteName: center.name, opinion: input.opinion } },
        tell: 'aidForwarded',
      };
    }
    case 'requestMaterials': {
      const materialsDue = endOfDay(addCalendarDays(ref.calendar, dayOf(now), settings.materialsDays));
      const pauses = [...((c.decision_pauses as StoredPause[] | null) ?? []), ...(c.decision_due_at ? [{ from: now.toISOString() }] : [])];
      return {
        case: {
          stage_before: c.stage,
          missing_materials: JSON.stringify(input.items),
          materials_due_at: materialsDue,
          decision_pauses: JSON.stringify(pauses),
          decision_due_at: null,
          // the station's period starts afresh once the materials are in
          first_review_due_at: null,
        },
        stage: 'awaitingMaterials',
        request: { status: 'awaitingMaterials', due_at: materialsDue },
        event: { type: 'materialsRequested', note: input.note ?? '', data: { items: input.items, dueAt: materialsDue.toISOString() } },
        tell: 'materialsRequested',
        tellExtra: { items: input.items.join('、'), date: dayOf(materialsDue) },
      };
    }
    case 'materialsReceived': {
      const stored = (c.decision_pauses as StoredPause[] | null) ?? [];
      const last = stored.at(-1);
      const resumed = last && !last.to ? [...stored.slice(0, -1), { ...last, to: now.toISOString() }] : stored;
      const back = c.stage_before ?? 'review';
      // the decision period runs from receipt in first review too: it resumes with the days left
      const decisionDue = c.received_at ? dueFrom(ref, decisionPolicy(ref), c.received_at, toPauses(resumed)) : null;
      return {
        case: {
          stage_before: null,
          missing_materials: null,
          materials_due_at: null,
          decision_pauses: JSON.stringify(resumed),
          decision_due_at: decisionDue,
          first_review_due_at: back === 'firstReview' ? dueFrom(ref, settings.firstReviewPolicy, now) : null,
        },
        stage: back,
        request: { status: back === 'review' ? 'accepted' : 'dispatched', due_at: decisionDue },
        event: { type: 'materialsReceived', note: input.note ?? '' },
        tell: 'requestResumed',
      };
    }
    case 'withdraw':
      return {
        case: { materials_due_at: null, decision_due_at: null, first_review_due_at: null },
        stage: 'withdrawn',
        request: { status: 'withdrawn', due_at: null, result: input.reason },
        event: { type: 'aidWithdrawn', note: input.reason },
        tell: 'aidWithdrawn',
      };
    case 'reassess': {
      const facts = {
        matterCategory: c.matter_category as MatterCategory,
        hasAgent: input.hasAgent ?? c.has_agent,
        familySize: input.familySize ?? c.family_size,
        monthlyFamilyIncome: input.monthlyFamilyIncome ?? (c.monthly_family_income === null ? null : Number(c.monthly_family_income)),
        noMeansTest: input.noMeansTest === undefined ? (c.no_means_test as NoMeansTestGround | null) : input.noMeansTest,
        exemption: input.exemption === undefined ? (c.exemption as Exemption | null) : input.exemption,
        exemptionProof: input.exemptionProof ?? c.exemption_proof,
        pledge: input.pledge ?? c.pledge,
      };
      const eligibility = await eligibilityFor(trx, c.region_code, facts, now);
      return {
        case: {
          has_agent: facts.hasAgent,
          family_size: facts.familySize,
          monthly_family_income: facts.monthlyFamilyIncome,
          no_means_test: facts.noMeansTest,
          exemption: facts.exemption,
          exemption_proof: facts.exemptionProof,
          pledge: facts.pledge,
          eligibility: JSON.stringify(eligibility),
        },
        event: { type: 'aidReassessed', note: input.note ?? '', data: { eligible: eligibility.passed }, public: false },
      };
    }
    case 'earlyAid':
      if (input.ground === 'limitationExpiring' && c.limitation_expires_on) {
        // art. 44 (1): fewer than seven days to the limitation date
        const left = (Date.parse(c.limitation_expires_on) - Date.parse(dayOf(now))) / 86_400_000;
        if (left >= 7) throw new AppError('AID_EARLY_AID_NOT_URGENT', { limitationExpiresOn: c.limitation_expires_on, daysLeft: left });
      }
      return {
        case: { early_aid: input.ground, early_aid_at: now },
        event: { type: 'aidEarlyAid', note: input.note, data: { ground: input.ground, label: EARLY_AID_GROUNDS[input.ground] } },
        tell: 'aidEarlyAid',
      };
    case 'decide': {
      const eligibility = c.eligibility as Eligibility;
      if (input.decision === 'grant' && !eligibility.passed && !input.overrideReason?.trim()) {
        throw new AppError('AID_OVERRIDE_REASON_REQUIRED', { criteria: eligibility.criteria.filter((k) => !k.passed).map((k) => k.code) });
      }
      if (input.decision === 'grant') {
        const caseNo = c.case_no ?? (await nextCaseNo(trx, ref, c.county_code, now));
        const assignmentDue = dueFrom(ref, settings.assignmentPolicy, now);
        const assigned = c.provider_id !== null;
        return {
          case: {
            decision: 'grant',
            decision_reason: input.reason,
            override_reason: input.overrideReason?.trim() || null,
            decided_at: now,
            decided_by: actor.id,
            decision_due_at: null,
            case_no: caseNo,
            assignment_due_at: assigned ? null : assignmentDue,
          },
          stage: assigned ? 'assigned' : 'granted',
          request: { status: 'accepted', due_at: assigned ? null : assignmentDue },
          event: { type: 'aidGranted', note: input.reason, data: { caseNo } },
          tell: 'aidGranted',
        };
      }
      return {
        case: {
          decision: 'refuse',
          decision_reason: input.reason,
          decided_at: now,
          decided_by: actor.id,
          decision_due_at: null,
          decision_served_at: null,
          provider_id: null,
        },
        stage: 'refused',
        request: { status: 'concluded', due_at: null, result: `不予法律援助：${input.reason}` },
        event: { type: 'aidRefused', note: input.reason, data: { objectionDays: settings.objectionDays } },
        tell: 'aidRefused',
        tellExtra: objectionTell(settings),
      };
    }
    case 'assign':
    case 'changeProvider': {
      const provider = await trx
        .selectFrom('aid_providers')
        .select(['id', 'name', 'active', 'county_code', 'max_load'])
        .where('id', '=', input.providerId)
        .executeTakeFirst();
      if (!provider || !provider.active || provider.county_code !== c.county_code)
        throw new AppError('AID_PROVIDER_INVALID', { providerId: input.providerId });
      if (input.action === 'changeProvider' && provider.id === c.provider_id)
        throw new AppError('AID_PROVIDER_INVALID', { reason: 'same provider' });
      const conflicts = await conflictsOf(trx, provider.id, c.opposing_party, c.id);
      if (conflicts.length && !input.conflictOverride?.trim()) throw new AppError('AID_CONFLICT_OF_INTEREST', { conflicts });
      // early aid from receipt (第四十四条): a case still in first review passes to the center with its provider
      const center = c.stage === 'firstReview' ? ref.sites.get(siteKey('center', c.county_code)) : undefined;
      return {
        case: {
          provider_id: provider.id,
          assigned_at: now,
          assignment_due_at: null,
          conflict_override: conflicts.length ? input.conflictOverride!.trim() : null,
          ...(c.stage === 'firstReview' ? { first_review_due_at: null } : {}),
        },
        stage: 'assigned',
        request: {
          due_at: null,
          ...(center
            ? {
                status: 'accepted' as const,
                handler_site_id: center.id,
                handler_region_code: center.regionCode,
                handler_post: 'legalAidDesk',
              }
            : {}),
        },
        event:
          input.action === 'assign'
            ? {
                type: 'aidAssigned',
                note: input.note ?? '',
                data: { providerName: provider.name, load: await providerLoad(trx, provider.id) },
              }
            : { type: 'aidProviderChanged', note: input.reason, data: { providerName: provider.name } },
        tell: 'aidAssigned',
        tellExtra: { provider: provider.name },
      };
    }
    case 'serve': {
      // the date the applicant (or recipient) signed for the refusal or termination letter: a provincial period for
      // objecting runs from it (第四十九条 sets none; objection-window.ts). Not before the decision, not in the future.
      const decidedAt = c.stage === 'refused' ? c.decided_at : c.terminated_at;
      const servedAt = new Date(`${input.servedOn}T00:00:00+08:00`);
      if (!decidedAt || input.servedOn < dayOf(decidedAt) || input.servedOn > dayOf(now))
        throw new AppError('AID_SERVICE_DATE_INVALID', { servedOn: input.servedOn, decidedOn: decidedAt ? dayOf(decidedAt) : null });
      return {
        case: { decision_served_at: servedAt },
        event: { type: 'aidDecisionServed', note: input.note ?? '', data: { servedOn: input.servedOn }, public: false },
      };
    }
    case 'progress':
      return { case: {}, event: { type: 'aidProgress', note: input.note, public: false } };
    case 'terminate':
      return {
        case: {
          termination_ground: input.ground,
          termination_reason: input.reason,
          terminated_at: now,
          decision_served_at: null,
          assignment_due_at: null,
        },
        stage: 'terminated',
        request: { status: 'concluded', due_at: null, result: `终止法律援助：${TERMINATION_GROUNDS[input.ground]}` },
        event: { type: 'aidTerminated', note: input.reason, data: { ground: input.ground, objectionDays: settings.objectionDays } },
        tell: 'aidTerminated',
        tellExtra: objectionTell(settings),
      };
    case 'close':
      // the citizen's close-out: the request is concluded here (one line, one text, and the rating opens);
      // archiving the file afterwards is the center's own business
      return {
        case: { closing_outcome: input.outcome, closing_report: input.report, closed_at: now },
        stage: 'closed',
        request: { status: 'concluded', due_at: null, result: `法律援助已办结：${input.outcome}` },
        event: { type: 'aidClosed', note: input.outcome },
        tell: 'aidClosed',
      };
    case 'archive': {
      const missing = ARCHIVE_CHECKLIST.filter((k) => !input.checklist.includes(k));
      if (missing.length) throw new AppError('AID_ARCHIVE_INCOMPLETE', { missing });
      return {
        case: { archive_checklist: JSON.stringify(input.checklist), archived_at: now },
        stage: 'archived',
        // the close concluded the request; a case closed before the close did so is concluded here, with no text
        ...(c.request_status === 'concluded'
          ? {}
          : { request: { status: 'concluded' as const, due_at: null, result: `法律援助已办结：${c.closing_outcome ?? ''}` } }),
        event: { type: 'aidArchived', note: '', public: false },
      };
    }
    case 'followUp':
      return {
        case: { follow_up: JSON.stringify({ at: now.toISOString(), by: actor.displayName, satisfied: input.satisfied, note: input.note }) },
        event: { type: 'aidFollowUp', note: input.note, data: { satisfied: input.satisfied }, public: false },
      };
    case 'rateQuality':
      return {
        case: { quality: JSON.stringify({ grade: input.grade, note: input.note, at: now.toISOString(), by: actor.displayName }) },
        event: { type: 'aidQualityRated', note: input.note, data: { grade: input.grade }, public: false },
      };
  }
}

/** What the refusal's or termination's text says of objecting: the period and its basis, or none (第四十九条). */
function objectionTell(settings: AidSettings): Record<string, string> {
  return settings.objectionDays === null
    ? { days: '', basis: '' }
    : { days: String(settings.objectionDays), basis: settings.objectionBasis ?? '' };
}

/** Writes a step: the case (guarded by stage and version), its request, the timeline, the audit, the citizen's message. */
async function applyStep(
  deps: RequestDeps,
  trx: Kysely<DB>,
  actor: Actor | null,
  c: Omit<AidCaseRow, 'handles'>,
  version: number,
  step: Step,
  action: string,
) {
  const updated = await trx
    .updateTable('aid_cases')
    .set({ ...step.case, ...(step.stage ? { stage: step.stage } : {}), version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', c.id)
    .where('version', '=', version)
    .where('stage', '=', c.stage)
    .returning('version')
    .executeTakeFirst();
  if (!updated) throw new AppError('VERSION_CONFLICT');
  if (step.request) {
    await trx
      .updateTable('service_requests')
      .set({
        ...step.request,
        ...(step.request.status === 'concluded' || step.request.status === 'withdrawn' ? { concluded_at: new Date() } : {}),
        ...(step.request.due_at !== undefined ? { due_state: 'normal' as const } : {}),
        version: sql`version + 1`,
        updated_at: sql`now()`,
      })
      .where('id', '=', c.request_id)
      .execute();
  }
  await insertEvent(trx, {
    requestId: c.request_id,
    actor,
    type: step.event.type,
    from: c.stage,
    to: step.stage ?? c.stage,
    ...(step.event.note !== undefined ? { note: step.event.note } : {}),
    data: step.event.data ?? null,
    ...(step.event.public !== undefined ? { public: step.event.public } : {}),
  });
  await audit(trx, actor, {
    action: `aidCase.${action}`,
    entityType: 'aidCase',
    entityId: c.id,
    regionCode: c.region_code,
    before: { stage: c.stage, version },
    after: { stage: step.stage ?? c.stage, ...(step.event.data && typeof step.event.data === 'object' ? (step.event.data as object) : {}) },
  });
  if (step.tell) {
    const phone = deps.cipher.openOrEmpty(c.requester_phone_enc);
    const status = (step.request?.status ?? c.request_status) as RequestStatus;
    await tellCitizen(
      deps,
      trx,
      { id: c.request_id, trackingNo: c.tracking_no, phone, itemName: '法律援助', status },
      step.tell,
      step.tellExtra ?? {},
    );
  }
}

/** The new work a step makes: a station's forward reaches the county's legal aid desk, an assignment the provider. */
async function tellOfStep(deps: RequestDeps, trx: Kysely<DB>, actor: Actor, c: AidCaseRow, input: AidActionInput, step: Step) {
  const ref = { caseId: c.id, requestId: c.request_id, label: c.case_no ?? c.tracking_no };
  if (input.action === 'firstReview' && step.request?.handler_site_id) {
    await tellAidStaff(trx, actor, ref, {
      kind: 'aidForwarded',
      to: { siteId: step.request.handler_site_id, post: step.request.handler_post },
      step: c.version + 1,
      body: `${actor.siteName}：${input.note}`.slice(0, 200),
    });
  } else if (input.action === 'assign' || input.action === 'changeProvider') {
    await tellProvider(deps, trx, actor, { ...ref, countyCode: c.county_code, version: c.version }, input.providerId);
  }
}

export async function actOnCase(deps: RequestDeps, actor: Actor, id: string, version: number, input: AidActionInput) {
  const c = await loadCase(deps.db, actor, id);
  if (!AID_ACTION_RULES[input.action].stages.includes(c.stage))
    throw new AppError('INVALID_TRANSITION', { stage: c.stage, action: input.action });
  if (!allowedAidActions(actor, c).includes(input.action)) throw new AppError('FORBIDDEN', { action: input.action });
  if (c.version !== version) throw new AppError('VERSION_CONFLICT');
  const now = new Date();
  const ref = await reference(deps.db);
  await deps.db.transaction().execute(async (trx) => {
    const step = await stepFor(trx, ref, actor, c, input, now);
    await applyStep(deps, trx, actor, c, version, step, input.action);
    await tellOfStep(deps, trx, actor, c, input, step);
  });
  return getCase(deps, actor, id);
}

/**
 * 视为撤回 (art. 43 para. 2): an application whose materials did not come within the county's period is deemed
 * withdrawn. Run by the scanner; the guarded update makes two instances harmless.
 */
export async function withdrawLapsed(deps: RequestDeps, now = new Date()): Promise<number> {
  const lapsed = await cases(deps.db).where('c.stage', '=', 'awaitingMaterials').where('c.materials_due_at', '<', now).limit(200).execute();
  let n = 0;
  for (const c of lapsed) {
    try {
      await deps.db.transaction().execute((trx) =>
        applyStep(
          deps,
          trx,
          null,
          c,
          c.version,
          {
            case: { materials_due_at: null },
            stage: 'withdrawn',
            request: { status: 'withdrawn', due_at: null, result: '逾期未补充材料，视为撤回申请' },
            event: { type: 'aidDeemedWithdrawn', note: '逾期未按要求补充材料，视为撤回申请（法律援助法第四十三条第二款）' },
            tell: 'aidWithdrawn',
          },
          'deemedWithdrawn',
        ),
      );
      n++;
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'VERSION_CONFLICT')) throw error;
    }
  }
  return n;
}

export { loadCase };
