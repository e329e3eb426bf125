import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import type { PersonalDataCipher } from '../../security/personal-data.js';
import type { Actor } from '../auth/actor.js';
import { audit } from '../audit/audit.service.js';
import { maskPhone } from '../org/mask.js';
import { normalizePhone } from '../requests/intake.service.js';
import { idNumberProblem, maskIdNumber, normalizeIdNumber } from '../requests/id-number.js';
import { formatTrackingNo } from '../requests/tracking-no.js';
import { backfillIdHashes } from './keys.service.js';
import { requirePrivacyOfficer } from './retention.js';

/*
 * 个人信息保护法 art. 45: a citizen may read and copy the personal data held about them. A county privacy
 * officer finds it by the phone and/or the ID number (their blind indexes), states why, and gets it all — the
 * citizen's own values unmasked, since they are theirs — and nothing of anyone else: no opposing party, no
 * family member's name, no proxy on the citizen's own case, no staff names; on a case where the citizen was
 * someone's proxy, only the proxy's own details. Every export is on the audit log.
 *
 * Which records are the citizen's: those with their ID number; and those with their phone, unless they carry
 * a different ID number (a family sharing one phone: the other person's request is not theirs). Asked by the
 * phone alone, a phone whose requests carry two different ID numbers is refused: the ID number must say whose.
 */

export interface CitizenQuery {
  phone?: string | undefined;
  idNumber?: string | undefined;
  reason: string;
}

export interface CitizenRecords {
  generatedAt: string;
  query: { phoneMasked: string | null; idNumberMasked: string | null };
  requests: {
    trackingNo: string;
    serviceItem: string;
    channel: string;
    status: string;
    name: string;
    phone: string;
    idNumber: string | null;
    address: string | null;
    region: string;
    description: string;
    result: string | null;
    createdAt: string;
    concludedAt: string | null;
  }[];
  events: { trackingNo: string; at: string; type: string; note: string }[];
  legalAidCases: {
    trackingNo: string;
    caseNo: string | null;
    stage: string;
    applicantKind: string;
    matterCategory: string;
    aidForm: string;
    matterSummary: string;
    familySize: number;
    familyMembers: { relation: string; monthlyIncome: number | null }[];
    monthlyFamilyIncome: number | null;
    decision: string | null;
    decisionReason: string | null;
    decidedAt: string | null;
    closingOutcome: string | null;
    closedAt: string | null;
    appliedAt: string;
  }[];
  /** cases where the citizen applied for someone else: their own details as the proxy, nothing of the applicant */
  proxyFor: { trackingNo: string; caseNo: string | null; name: string; relation: string | null; phone: string | null; appliedAt: string }[];
  objections: {
    caseNo: string | null;
    against: string;
    grounds: string;
    filedAt: string;
    decision: string | null;
    decisionReason: string | null;
  }[];
  messages: { trackingNo: string; at: string; author: 'citizen' | 'staff'; body: string }[];
  evaluations: {
    trackingNo: string;
    grade: number;
    attitude: number;
    efficiency: number;
    competence: number;
    comment: string;
    at: string;
  }[];
  hotlineCalls: {
    startedAt: string;
    durationSeconds: number | null;
    phone: string | null;
    category: string | null;
    summary: string;
    answer: string;
    outcome: string | null;
    satisfaction: number | null;
  }[];
  attachments: {
    trackingNo: string;
    filename: string;
    contentType: string;
    size: number;
    uploadedAt: string;
    byCitizen: boolean;
    deleted: boolean;
  }[];
}

export type RecordCounts = Record<Exclude<keyof CitizenRecords, 'generatedAt' | 'query'>, number>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const num = (v: string | number | null) => (v === null ? null : Number(v));

/** Finds the citizen's records, writes the audit row, and returns them. */
export async function citizenRecords(db: Kysely<DB>, cipher: PersonalDataCipher, actor: Actor, q: CitizenQuery): Promise<CitizenRecords> {
  const county = requirePrivacyOfficer(actor);
  const phone = q.phone?.trim() ? normalizePhone(q.phone) : null;
  const idNumber = q.idNumber?.trim() ? normalizeIdNumber(q.idNumber) : null;
  if (!phone && !idNumber) throw new AppError('VALIDATION_FAILED', [{ field: 'body', problem: 'give the phone, the ID number, or both' }]);
  if (idNumber) {
    const problem = idNumberProblem(idNumber);
    if (problem) throw new AppError('ID_NUMBER_INVALID', { problem });
  }
  const phoneHash = phone ? cipher.hash(phone) : null;
  const idHash = idNumber ? cipher.hash(idNumber) : null;
  // rows sealed before the ID number had its blind index: filled in now, so that none is missed or mistaken
  while ((await backfillIdHashes(db, cipher, 1000)) > 0);

  const requests = await db
    .selectFrom('service_requests as r')
    .innerJoin('service_items as item', 'item.code', 'r.service_item')
    .innerJoin('regions as region', 'region.code', 'r.region_code')
    .select([
      'r.id',
      'r.tracking_no',
      'item.name as item_name',
      'r.channel',
      'r.status',
      'r.requester_name',
      'r.requester_phone_enc',
      'r.requester_id_enc',
      'r.requester_address_enc',
      'region.name as region_name',
      'r.description',
      'r.result',
      'r.created_at',
      'r.concluded_at',
    ])
    .where('r.county_code', '=', county)
    .where((eb) =>
      eb.or([
        ...(idHash ? [eb('r.requester_id_hash', '=', idHash)] : []),
        ...(phoneHash
          ? [
              eb.and([
                eb('r.requester_phone_hash', '=', phoneHash),
                ...(idHash ? [eb.or([eb('r.requester_id_hash', 'is', null), eb('r.requester_id_hash', '=', idHash)])] : []),
              ]),
            ]
          : []),
      ]),
    )
    .orderBy('r.created_at')
    .execute();
  if (!idHash) {
    const people = new Set(
      (
        await db
          .selectFrom('service_requests')
          .select('requester_id_hash')
          .where('requester_phone_hash', '=', phoneHash)
          .where('requester_id_hash', 'is not', null)
          .where('county_code', '=', county)
          .execute()
      ).map((r) => r.requester_id_hash),
    );
    if (people.size > 1) throw new AppError('PRIVACY_CITIZEN_AMBIGUOUS');
  }
  const ids = requests.map((r) => r.id);
  const trackingOf = new Map(requests.map((r) => [r.id, formatTrackingNo(r.tracking_no)]));
  const none = ['00000000-0000-0000-0000-000000000000'];
  const mine = ids.length ? ids : none;

  const [events, cases, proxyCases, messages, evaluations, attachments, calls] = await Promise.all([
    db
      .selectFrom('request_events')
      .select(['request_id', 'at', 'type', 'note'])
      .where('request_id', 'in', mine)
      .where('public', '=', true)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('aid_cases as a')
      .select([
        'a.id',
        'a.request_id',
        'a.case_no',
        'a.stage',
        'a.applicant_kind',
        'a.matter_category',
        'a.aid_form',
        'a.matter_summary',
        'a.family_size',
        'a.family_members',
        'a.monthly_family_income',
        'a.decision',
        'a.decision_reason',
        'a.decided_at',
        'a.closing_outcome',
        'a.closed_at',
        'a.created_at',
      ])
      .where('a.request_id', 'in', mine)
      .orderBy('a.created_at')
      .execute(),
    phoneHash
      ? db
          .selectFrom('aid_cases as a')
          .innerJoin('service_requests as r', 'r.id', 'a.request_id')
          .select(['r.tracking_no', 'a.case_no', 'a.proxy_name', 'a.proxy_relation', 'a.proxy_phone_enc', 'a.created_at'])
          .where('a.county_code', '=', county)
          .where('a.proxy_phone_hash', '=', phoneHash)
          // their own case (the phone is also the applicant's) is already above
          .where('a.request_id', 'not in', mine)
          .orderBy('a.created_at')
          .execute()
      : Promise.resolve([]),
    db
      .selectFrom('consultation_messages')
      .select(['request_id', 'created_at', 'author', 'body'])
      .where('request_id', 'in', mine)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('evaluations')
      .select(['request_id', 'grade', 'attitude', 'efficiency', 'competence', 'comment', 'created_at'])
      .where('request_id', 'in', mine)
      .execute(),
    db
      .selectFrom('request_attachments')
      .select(['request_id', 'filename', 'content_type', 'size', 'created_at', 'by_citizen', 'purged_at'])
      .where('request_id', 'in', mine)
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('hotline_calls')
      .select([
        'started_at',
        'duration_seconds',
        'caller_phone_enc',
        'caller_phone_hash',
        'category',
        'summary',
        'answer',
        'outcome',
        'satisfaction',
      ])
      .where('county_code', '=', county)
      .where((eb) => eb.or([eb('request_id', 'in', mine), ...(phoneHash ? [eb('caller_phone_hash', '=', phoneHash)] : [])]))
      .orderBy('started_at')
      .execute(),
  ]);
  const caseIds = cases.map((c) => c.id);
  const objections = caseIds.length
    ? await db
        .selectFrom('aid_objections as o')
        .innerJoin('aid_cases as a', 'a.id', 'o.case_id')
        .select(['a.case_no', 'o.against', 'o.grounds', 'o.filed_at', 'o.decision', 'o.decision_reason'])
        .where('o.case_id', 'in', caseIds)
        .orderBy('o.filed_at')
        .execute()
    : [];

  const open = (v: string | null) => (v ? cipher.decrypt(v) : null);
  const records: CitizenRecords = {
    generatedAt: new Date().toISOString(),
    query: { phoneMasked: phone ? maskPhone(phone) : null, idNumberMasked: idNumber ? maskIdNumber(idNumber) : null },
    requests: requests.map((r) => ({
      trackingNo: formatTrackingNo(r.tracking_no),
      serviceItem: r.item_name,
      channel: r.channel,
      status: r.status,
      name: r.requester_name,
      phone: open(r.requester_phone_enc) ?? '',
      idNumber: open(r.requester_id_enc),
      address: open(r.requester_address_enc),
      region: r.region_name,
      description: r.description,
      result: r.result,
      createdAt: r.created_at.toISOString(),
      concludedAt: iso(r.concluded_at),
    })),
    events: events.map((e) => ({ trackingNo: trackingOf.get(e.request_id)!, at: e.at.toISOString(), type: e.type, note: e.note })),
    legalAidCases: cases.map((c) => ({
      trackingNo: trackingOf.get(c.request_id)!,
      caseNo: c.case_no,
      stage: c.stage,
      applicantKind: c.applicant_kind,
      matterCategory: c.matter_category,
      aidForm: c.aid_form,
      matterSummary: c.matter_summary,
      familySize: c.family_size,
      // the members' names are theirs, not the citizen's
      familyMembers: ((c.family_members as { relation?: string; monthlyIncome?: number }[] | null) ?? []).map((m) => ({
        relation: m.relation ?? '',
        monthlyIncome: m.monthlyIncome ?? null,
      })),
      monthlyFamilyIncome: num(c.monthly_family_income),
      decision: c.decision,
      decisionReason: c.decision_reason,
      decidedAt: iso(c.decided_at),
      closingOutcome: c.closing_outcome,
      closedAt: iso(c.closed_at),
      appliedAt: c.created_at.toISOString(),
    })),
    proxyFor: proxyCases.map((p) => ({
      trackingNo: formatTrackingNo(p.tracking_no),
      caseNo: p.case_no,
      name: p.proxy_name ?? '',
      relation: p.proxy_relation,
      phone: open(p.proxy_phone_enc),
      appliedAt: p.created_at.toISOString(),
    })),
    objections: objections.map((o) => ({
      caseNo: o.case_no,
      against: o.against,
      grounds: o.grounds,
      filedAt: o.filed_at.toISOString(),
      decision: o.decision,
      decisionReason: o.decision_reason,
    })),
    messages: messages.map((m) => ({
      trackingNo: trackingOf.get(m.request_id)!,
      at: m.created_at.toISOString(),
      author: m.author,
      body: m.body,
    })),
    evaluations: evaluations.map((e) => ({
      trackingNo: trackingOf.get(e.request_id)!,
      grade: e.grade,
      attitude: e.attitude,
      efficiency: e.efficiency,
      competence: e.competence,
      comment: e.comment,
      at: e.created_at.toISOString(),
    })),
    hotlineCalls: calls.map((c) => ({
      startedAt: c.started_at.toISOString(),
      durationSeconds: c.duration_seconds,
      // a call linked to their request from another number is the citizen's call, but that number may not be
      phone:
        c.caller_phone_hash && c.caller_phone_hash === phoneHash ? open(c.caller_phone_enc) : c.caller_phone_enc ? '（其他号码）' : null,
      category: c.category,
      summary: c.summary,
      answer: c.answer,
      outcome: c.outcome,
      satisfaction: c.satisfaction,
    })),
    attachments: attachments.map((a) => ({
      trackingNo: trackingOf.get(a.request_id)!,
      filename: a.filename,
      contentType: a.content_type,
      size: a.size,
      uploadedAt: a.created_at.toISOString(),
      byCitizen: a.by_citizen,
      deleted: a.purged_at !== null,
    })),
  };
  await audit(db, actor, {
    action: 'privacy.citizenExport',
    entityType: 'citizen',
    // the blind index names the citizen without their number: repeated exports for one person line up
    entityId: (idHash ?? phoneHash)!,
    regionCode: county,
    after: { reason: q.reason.trim(), by: records.query, counts: countsOf(records) },
  });
  return records;
}

export function countsOf(r: CitizenRecords): RecordCounts {
  return {
    requests: r.requests.length,
    events: r.events.length,
    legalAidCases: r.legalAidCases.length,
    proxyFor: r.proxyFor.length,
    objections: r.objections.length,
    messages: r.messages.length,
    evaluations: r.evaluations.length,
    hotlineCalls: r.hotlineCalls.length,
    attachments: r.attachments.length,
  };
}
