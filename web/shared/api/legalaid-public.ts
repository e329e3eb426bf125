/**
 * The public legal aid API as the portal reads it: the application a citizen sends, what the tracking page
 * shows of the case, and the objection. Written out here so that no server code reaches a bundle; the
 * `Contract` at the end fails the type check when the server's schemas drift (type imports are erased).
 */
import type { Static } from 'typebox';
import type * as S from '../../../server/modules/legalaid/legalaid.schemas.js';
import type * as R from '../../../server/modules/legalaid/rules.js';
import type { CitizenView, PublicChannel } from './types.js';

export type AidStage =
  'firstReview' | 'review' | 'awaitingMaterials' | 'granted' | 'refused' | 'assigned' | 'closed' | 'terminated' | 'archived' | 'withdrawn';

export const APPLICANT_KINDS = ['self', 'guardian', 'relativeOfDetained', 'agent'] as const;
export type ApplicantKind = (typeof APPLICANT_KINDS)[number];

/** 申请事项, in the order the portal offers them (the most common in a rural county first). */
export const MATTER_CATEGORIES = [
  'labourRemuneration',
  'workInjury',
  'maintenance',
  'trafficAccident',
  'medicalAccident',
  'socialInsurance',
  'pension',
  'foodDrugSafety',
  'environment',
  'stateCompensation',
  'capacity',
  'criminalDefence',
  'criminalVictim',
  'other',
] as const;
export type MatterCategory = (typeof MATTER_CATEGORIES)[number];

export const AID_FORMS = [
  'litigationAgency',
  'labourArbitration',
  'documentDrafting',
  'consultation',
  'criminalDefence',
  'dutyLawyer',
  'other',
] as const;
export type AidForm = (typeof AID_FORMS)[number];

/** 不受经济困难条件限制 (art. 32) */
export const NO_MEANS_TEST = ['heroMartyrRelative', 'goodSamaritan', 'retrialAcquittal', 'abuseVictim'] as const;
export type NoMeansTestGround = (typeof NO_MEANS_TEST)[number];

/** 免予核查经济困难状况, with proof later (art. 42) */
export const EXEMPTIONS = ['noIncomeVulnerable', 'assistanceRecipient', 'migrantWorker'] as const;
export type Exemption = (typeof EXEMPTIONS)[number];

export interface AidFamilyMember {
  relation: string;
  name: string;
  monthlyIncome: number;
}

/** POST /public/legal-aid/applications */
export interface AidApplication {
  channel: PublicChannel;
  name: string;
  phone: string;
  idNumber?: string;
  address?: string;
  regionCode: string;
  description: string;
  applicantKind: ApplicantKind;
  proxy?: { name: string; relation: string; phone: string };
  matterCategory: MatterCategory;
  aidForm: AidForm;
  opposingParty?: string;
  hasAgent?: boolean;
  familyMembers?: AidFamilyMember[];
  /** the applicant's own monthly income (yuan); the family's is this plus the members'. Null with a ground or an exemption */
  monthlyIncome?: number | null;
  noMeansTest?: NoMeansTestGround;
  exemption?: Exemption;
  exemptionProof?: boolean;
  pledge?: boolean;
  /** YYYY-MM-DD */
  limitationExpiresOn?: string;
}

export interface AidObjectionStatus {
  filedAt: string;
  dueAt: string;
  decision: 'uphold' | 'correct' | null;
  decisionReason: string | null;
  decidedAt: string | null;
}

/** GET /public/legal-aid/:trackingNo?phone=… (`status` and `next` are the server's Chinese: the portal shows its own words by stage) */
export interface CitizenAidStatus {
  stage: AidStage;
  status: string;
  next: string;
  caseNo: string | null;
  /** while the town station reviews it: the end of its first-review period */
  firstReviewDueAt: string | null;
  decisionDueAt: string | null;
  assignmentDueAt: string | null;
  missingMaterials: string[];
  materialsDueAt: string | null;
  reason: string | null;
  earlyAid: boolean;
  provider: { name: string; organisation: string; phone: string } | null;
  canObject: boolean;
  objectionDeadline: string | null;
  objection: AidObjectionStatus | null;
}

export interface CitizenAid {
  legalAid: CitizenAidStatus | null;
  /** the request's own view: a proxy (whose phone the request does not know) reads it from here */
  request: CitizenView | null;
}

/** GET /public/legal-aid/standard?regionCode=… */
export interface AidStandardForForm {
  regionCode: string;
  threshold: number;
  basis: 'perCapitaIncome' | 'multipleOfBase';
  baseName: 'minimumLivingStandard' | 'minimumWage' | null;
  multiple: number | null;
  amount: number;
  effectiveFrom: string;
  pledgeAllowed: boolean;
}

/** POST /public/legal-aid/:trackingNo/objections */
export interface AidObjectionInput {
  phone: string;
  grounds: string;
}

export interface AidObjectionReceipt {
  id: string;
  dueAt: string;
}

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;

export type Contract = [
  Assert<Same<AidStage, Static<typeof S.Stage>>>,
  Assert<Same<ApplicantKind, R.ApplicantKind>>,
  Assert<Same<MatterCategory, R.MatterCategory>>,
  Assert<Same<AidForm, R.AidForm>>,
  Assert<Same<NoMeansTestGround, R.NoMeansTestGround>>,
  Assert<Same<Exemption, R.Exemption>>,
  Assert<Same<AidApplication, Static<typeof S.PublicApplication>>>,
  Assert<Same<CitizenAid, Static<typeof S.CitizenAid>>>,
  Assert<Same<AidObjectionInput, Static<typeof S.ObjectionBody>>>,
  Assert<Same<AidStandardForForm, Static<typeof S.PublicStandard>>>,
];
