import { AppError } from '../../http/errors.js';
import { can, type Actor } from '../auth/actor.js';
import { audit } from '../audit/audit.service.js';
import { formatTrackingNo } from '../requests/tracking-no.js';
import type { RequestDeps } from '../requests/requests.service.js';
import { reference, siteKey } from '../requests/reference.js';
import { getCase, type AidCaseView } from './cases.service.js';
import { printsInFull } from './document-kinds.js';
import { aidDocumentTitle, renderAidDocument, type AidDocumentData, type AidDocumentKind } from './documents.js';
import {
  AID_FORMS,
  MATTER_CATEGORIES,
  PROVIDER_KINDS,
  TERMINATION_GROUNDS,
  type AidForm,
  type MatterCategory,
  type ProviderKind,
  type TerminationGround,
} from './rules.js';

const CRITERION_LABELS = { matter: '申请事项', representation: '未委托代理人', hardship: '经济困难条件' } as const;
const RELATION_LABELS: Record<string, string> = {
  self: '本人',
  guardian: '监护人',
  relativeOfDetained: '被羁押人的近亲属',
  agent: '委托代理人',
};

/**
 * The phone and ID numbers as entered, for the file copy: only to whom may see them anyway — the case's handlers
 * (who may reveal the phone), the desk that took the application down (it typed them in; the request shows them
 * to its first responder), and holders of personal.reveal. Null when this reader gets the masked forms, or the
 * values are gone (anonymised after their retention period).
 */
async function fullNumbers(deps: RequestDeps, actor: Actor, c: AidCaseView, kind: AidDocumentKind) {
  if (!printsInFull(kind)) return null;
  const sealed = await deps.db
    .selectFrom('aid_cases as c')
    .innerJoin('service_requests as r', 'r.id', 'c.request_id')
    .select(['r.requester_phone_enc', 'r.requester_id_enc', 'r.received_by', 'c.proxy_phone_enc'])
    .where('c.id', '=', c.id)
    .executeTakeFirstOrThrow();
  if (!c.handles && sealed.received_by !== actor.id && !can(actor, 'personal.reveal')) return null;
  const open = (enc: string | null) => (enc ? deps.cipher.decrypt(enc) : null);
  return { phone: open(sealed.requester_phone_enc), idNumber: open(sealed.requester_id_enc), proxyPhone: open(sealed.proxy_phone_enc) };
}

/**
 * The document filled from the case (no retyping); its download is audited, and a copy that prints the phone or
 * ID number in full is also on the record as a view of personal data (personal.view, naming the fields).
 */
export async function documentFor(deps: RequestDeps, actor: Actor, id: string, kind: AidDocumentKind) {
  const c = await getCase(deps, actor, id);
  // the case view lists what it has reached (document-kinds.ts); a receiving desk gets the application and receipt
  if (!c.documents.includes(kind)) throw new AppError('INVALID_TRANSITION', { reason: `no ${kind} yet`, stage: c.stage });
  const full = await fullNumbers(deps, actor, c, kind);
  const ref = await reference(deps.db);
  const center = ref.sites.get(siteKey('center', c.regionCode.slice(0, 6)));
  const county = (center?.name ?? '').replace(/公共法律服务中心$/, '');
  const members = c.familyMembers;
  const data: AidDocumentData = {
    caseNo: c.caseNo ?? '（待编号）',
    trackingNo: formatTrackingNo(c.trackingNo),
    centerName: `${county}法律援助中心`,
    bureauName: `${county}司法局`,
    issuedAt: new Date(),
    applicant: {
      name: c.applicant.name,
      idNumber: full?.idNumber ?? c.applicant.idNumberMasked,
      phone: full?.phone ?? c.applicant.phoneMasked,
      address: c.applicantAddress,
    },
    proxy: c.proxy
      ? {
          name: c.proxy.name,
          relationLabel: c.proxy.relation || RELATION_LABELS[c.applicantKind] || '',
          phone: full?.proxyPhone ?? c.proxy.phoneMasked,
        }
      : null,
    matter: {
      categoryLabel: MATTER_CATEGORIES[c.matterCategory as MatterCategory] ?? c.matterCategory,
      summary: c.matterSummary,
      opposingParty: c.opposingParty,
    },
    family: {
      size: c.familySize,
      members,
      monthlyIncomePerCapita:
        c.eligibility.perCapita ?? (c.monthlyFamilyIncome === null ? null : Math.round((c.monthlyFamilyIncome / c.familySize) * 100) / 100),
    },
    eligibility: {
      criteria: c.eligibility.criteria.map((k) => ({ label: CRITERION_LABELS[k.code], passed: k.passed, reason: k.reason })),
      overrideReason: c.overrideReason,
      pledge: c.pledge,
    },
    receivedAt: c.receivedAt ? new Date(c.receivedAt) : new Date(c.appliedAt),
    receivedBy: c.firstReview?.siteName ?? center?.name ?? null,
    missingMaterials: c.missingMaterials ?? [],
    materialsDueAt: c.materialsDueAt ? new Date(c.materialsDueAt) : null,
    decision: c.decision
      ? {
          granted: c.decision === 'grant',
          reasons: c.decisionReason ?? '',
          decidedAt: new Date(c.decidedAt!),
          earlyAid: c.earlyAid !== null,
          formLabel: AID_FORMS[c.aidForm as AidForm] ?? null,
        }
      : null,
    provider: c.provider
      ? {
          name: c.provider.name,
          kindLabel: PROVIDER_KINDS[c.provider.kind as ProviderKind] ?? c.provider.kind,
          organisation: c.provider.organisation || null,
          phone: c.provider.phone || null,
          assignedAt: new Date(c.assignedAt!),
        }
      : null,
    termination: c.terminationGround
      ? {
          groundLabel: TERMINATION_GROUNDS[c.terminationGround as TerminationGround],
          reason: c.terminationReason ?? '',
          decidedAt: new Date(c.terminatedAt!),
        }
      : null,
    closing: c.closedAt ? { report: c.closingReport ?? '', outcome: c.closingOutcome ?? '', closedAt: new Date(c.closedAt) } : null,
    objectionDays: c.objectionDays,
    objectionBasis: c.objectionBasis,
    trackUrl: deps.publicUrl ? `${deps.publicUrl.replace(/\/$/, '')}/track?no=${c.trackingNo}` : null,
  };
  const buffer = await renderAidDocument(kind, data);
  await audit(deps.db, actor, {
    action: 'aidCase.document',
    entityType: 'aidCase',
    entityId: id,
    regionCode: c.regionCode,
    after: { kind },
  });
  const shown = full
    ? (['phone', 'idNumber', 'proxyPhone'] as const).filter((field) => full[field] !== null && (field !== 'proxyPhone' || c.proxy))
    : [];
  if (shown.length)
    await audit(deps.db, actor, {
      action: 'personal.view',
      entityType: 'aidCase',
      entityId: id,
      regionCode: c.regionCode,
      after: { document: kind, fields: shown },
    });
  return { filename: `${aidDocumentTitle(kind, data)}-${data.trackingNo}.docx`, data: buffer };
}
