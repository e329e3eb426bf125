/**
 * The shapes of the legal aid administration API (the provider pool, the hardship standard, the county's periods,
 * the objections), as the workbench's admin pages use them. `AidAdminContract` at the end fails the type check when
 * the server's schemas drift from these copies; it is type-only and never reaches a bundle.
 */
import type { Static } from 'typebox';
import type * as S from '../../../server/modules/legalaid/legalaid.schemas.js';
import type { MatterCategory as ServerMatterCategory, ProviderKind as ServerProviderKind } from '../../../server/modules/legalaid/rules.js';
import type { TimeLimitPolicy } from './types.js';

/** 申请事项 (codes; the names are common's aid.matterCategories). */
export const MATTER_CATEGORIES = [
  'labourRemuneration',
  'workInjury',
  'trafficAccident',
  'maintenance',
  'socialInsurance',
  'pension',
  'stateCompensation',
  'capacity',
  'foodDrugSafety',
  'medicalAccident',
  'environment',
  'criminalDefence',
  'criminalVictim',
  'other',
] as const;
export type MatterCategory = (typeof MATTER_CATEGORIES)[number];

export const PROVIDER_KINDS = ['lawyer', 'grassrootsWorker', 'aidStaff'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

export type AidStage =
  'firstReview' | 'review' | 'awaitingMaterials' | 'granted' | 'refused' | 'assigned' | 'closed' | 'terminated' | 'archived' | 'withdrawn';

export type DueState = 'normal' | 'dueSoon' | 'overdue';

// —— the pool ——

export interface AidProvider {
  id: string;
  /** the workbench account of this person, when they have one (they then see their assigned cases) */
  staffId: string | null;
  name: string;
  kind: ProviderKind;
  organisation: string;
  phone: string;
  matterCategories: string[];
  /** open (assigned) cases they should carry at most */
  maxLoad: number;
  /** parties they acted for before: the conflict check compares them with a case's opposing party */
  priorClients: string[];
  active: boolean;
  /** open (assigned) cases now */
  load: number;
  version: number;
  /** the linked account's names (null when none is linked) */
  staff: { username: string; displayName: string } | null;
}

export interface AidProviderBody {
  name: string;
  kind: ProviderKind;
  organisation?: string;
  phone?: string;
  staffId?: string | null;
  matterCategories: MatterCategory[];
  maxLoad?: number;
  priorClients?: string[];
  active?: boolean;
}

export type AidProviderPatch = Partial<AidProviderBody> & { version: number };

// —— the hardship standard (art. 34) and the periods ——

export type StandardBasis = 'perCapitaIncome' | 'multipleOfBase';
export type StandardBase = 'minimumLivingStandard' | 'minimumWage';

export interface HardshipStandard {
  id: string;
  /** '41' for the province, or the county's 6 digits */
  regionCode: string;
  basis: StandardBasis;
  /** yuan a month: the per-capita income line itself, or the base (低保 / minimum wage) */
  amount: number;
  baseName: StandardBase | null;
  multiple: number | null;
  effectiveFrom: string;
  effectiveTo: string | null;
  note: string;
  /** yuan per family member and month that the family's per-capita income is compared with */
  threshold: number;
}

export interface HardshipStandardBody {
  regionCode: string;
  basis: StandardBasis;
  amount: number;
  baseName?: StandardBase;
  multiple?: number;
  effectiveFrom: string;
  effectiveTo?: string;
  note?: string;
}

/**
 * Ending a standard or correcting its note; its amount only before it applies. `expected` is what the page showed:
 * the server refuses (409 VERSION_CONFLICT) when the standard changed since.
 */
export interface HardshipStandardPatch {
  expected: { effectiveTo: string | null; note: string; amount: number };
  effectiveTo?: string | null;
  note?: string;
  amount?: number;
}

export interface AidSettings {
  countyCode: string;
  materialsDays: number;
  /** days to object, from receipt of the letter; null: no period (法律援助法 第四十九条 sets none) */
  objectionDays: number | null;
  /** the provincial rule a period rests on; required with one */
  objectionBasis: string | null;
  assignmentPolicy: TimeLimitPolicy;
  objectionPolicy: TimeLimitPolicy;
  /** the town station's first review (法律援助初审) */
  firstReviewPolicy: TimeLimitPolicy;
  pledgeAllowed: boolean;
  version: number;
}

export type AidSettingsPatch = Partial<Omit<AidSettings, 'countyCode' | 'version'>> & { version: number };

// —— objections (art. 49) ——

export type ObjectionState = 'pending' | 'decided';

/** GET /legal-aid/objections: one objection with its case's numbers and applicant. */
export interface ObjectionListItem {
  id: string;
  caseId: string;
  caseNo: string | null;
  trackingNo: string;
  applicantName: string;
  phoneMasked: string;
  against: 'refusal' | 'termination';
  grounds: string;
  filedVia: 'portal' | 'desk';
  filedAt: string;
  dueAt: string;
  /** the review period's state while pending; normal once decided */
  dueState: DueState;
  decision: 'uphold' | 'correct' | null;
  decisionReason: string | null;
  decidedAt: string | null;
  /** the name of who decided */
  decidedBy: string | null;
  version: number;
}

export interface ObjectionList {
  total: number;
  page: number;
  pageSize: number;
  items: ObjectionListItem[];
}

/** The part of a case (GET /legal-aid/cases/:id) that the decision form shows: the decision objected to. */
export interface AidCaseForObjection {
  id: string;
  matterCategory: string;
  decisionReason: string | null;
  decidedAt: string | null;
  terminationGround: string | null;
  terminationReason: string | null;
  terminatedAt: string | null;
  version: number;
}

export interface ObjectionDecisionBody {
  version: number;
  decision: 'uphold' | 'correct';
  reason: string;
}

// —— compile-time contract with the server ——

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export type AidAdminContract = [
  Assert<Same<MatterCategory, ServerMatterCategory>>,
  Assert<Same<ProviderKind, ServerProviderKind>>,
  Assert<Same<AidProvider, Mutable<Static<typeof S.Provider>>>>,
  Assert<Same<AidProviderBody, Static<typeof S.ProviderBody>>>,
  Assert<Same<HardshipStandard, Static<typeof S.Standard>>>,
  Assert<Same<HardshipStandardBody, Static<typeof S.StandardBody>>>,
  Assert<Same<AidSettings, Static<typeof S.Settings>>>,
  Assert<Same<HardshipStandardPatch, Static<typeof S.StandardPatch>>>,
  Assert<Same<AidStage, Static<typeof S.Stage>>>,
  Assert<Same<ObjectionList, Static<typeof S.ObjectionList>>>,
  Assert<Same<AidCaseForObjection, Pick<Static<typeof S.AidCase>, keyof AidCaseForObjection>>>,
  Assert<Same<ObjectionDecisionBody, Static<typeof S.ObjectionDecisionBody>>>,
];
