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

export interface AidSettings {
  countyCode: string;
  materialsDays: number;
  objectionDays: number;
  assignmentPolicy: TimeLimitPolicy;
  objectionPolicy: TimeLimitPolicy;
  /** the town station's first review (法律援助初审) */
  firstReviewPolicy: TimeLimitPolicy;
  pledgeAllowed: boolean;
  version: number;
}

export type AidSettingsPatch = Partial<Omit<AidSettings, 'countyCode' | 'version'>> & { version: number };

// —— cases and objections (what the objection queue reads) ——

export interface AidCaseListItem {
  id: string;
  caseNo: string | null;
  trackingNo: string;
  applicantName: string;
  stage: AidStage;
  matterCategory: string;
  regionCode: string;
  phoneMasked: string;
  siteName: string | null;
  providerName: string | null;
  earlyAid: boolean;
  dueAt: string | null;
  dueState: DueState;
  createdAt: string;
}

export interface AidCaseList {
  total: number;
  page: number;
  pageSize: number;
  items: AidCaseListItem[];
}

export interface AidObjection {
  id: string;
  against: 'refusal' | 'termination';
  grounds: string;
  filedVia: string;
  filedAt: string;
  dueAt: string;
  state: DueState;
  decision: 'uphold' | 'correct' | null;
  decisionReason: string | null;
  decidedAt: string | null;
  version: number;
}

/** The part of a case (GET /legal-aid/cases/:id) that the objection queue shows. */
export interface AidCaseForObjection {
  id: string;
  trackingNo: string;
  caseNo: string | null;
  stage: AidStage;
  applicant: { name: string; phoneMasked: string; idNumberMasked: string | null };
  matterCategory: string;
  decisionReason: string | null;
  decidedAt: string | null;
  terminationGround: string | null;
  terminationReason: string | null;
  terminatedAt: string | null;
  objections: AidObjection[];
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
  Assert<Same<AidStage, Static<typeof S.Stage>>>,
  Assert<Same<AidCaseList, Static<typeof S.AidCaseList>>>,
  Assert<Same<AidCaseForObjection, Pick<Static<typeof S.AidCase>, keyof AidCaseForObjection>>>,
  Assert<Same<ObjectionDecisionBody, Static<typeof S.ObjectionDecisionBody>>>,
];
