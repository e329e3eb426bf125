/**
 * The legal aid case API as the workbench uses it (server/modules/legalaid/legalaid.schemas.ts). The bottom of
 * this file checks these copies against the server's schemas at compile time; nothing of that reaches a bundle.
 */
import type { Static } from 'typebox';
import type { AID_QUEUES as ServerQueues, ARCHIVE_CHECKLIST as ServerChecklist } from '../../../server/modules/legalaid/cases.service.js';
import type { AID_DOCUMENT_KINDS as ServerDocumentKinds } from '../../../server/modules/legalaid/documents.js';
import type * as S from '../../../server/modules/legalaid/legalaid.schemas.js';
import type * as Rules from '../../../server/modules/legalaid/rules.js';
import type { Channel } from '../labels.js';
import type { TimelineEvent } from './types.js';

export const AID_STAGES = [
  'firstReview',
  'review',
  'awaitingMaterials',
  'granted',
  'refused',
  'assigned',
  'closed',
  'terminated',
  'archived',
  'withdrawn',
] as const;
export type AidStage = (typeof AID_STAGES)[number];

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

/** In the order the buttons show: the step that moves the case on first. */
export const AID_ACTIONS = [
  'firstReview',
  'decide',
  'assign',
  'progress',
  'close',
  'archive',
  'materialsReceived',
  'requestMaterials',
  'reassess',
  'earlyAid',
  'changeProvider',
  'followUp',
  'rateQuality',
  'terminate',
  'serve',
  'withdraw',
] as const;
export type AidAction = (typeof AID_ACTIONS)[number];

export const MATTER_CATEGORIES = [
  'labourRemuneration',
  'workInjury',
  'trafficAccident',
  'maintenance',
  'socialInsurance',
  'pension',
  'medicalAccident',
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
  'consultation',
  'documentDrafting',
  'litigationAgency',
  'labourArbitration',
  'criminalDefence',
  'dutyLawyer',
  'other',
] as const;
export type AidForm = (typeof AID_FORMS)[number];
export const NO_MEANS_TEST = ['heroMartyrRelative', 'goodSamaritan', 'retrialAcquittal', 'abuseVictim'] as const;
export type NoMeansTest = (typeof NO_MEANS_TEST)[number];
export const EXEMPTIONS = ['noIncomeVulnerable', 'assistanceRecipient', 'migrantWorker'] as const;
export type Exemption = (typeof EXEMPTIONS)[number];
export const TERMINATION_GROUNDS = [
  'deception',
  'concealment',
  'unlawfulUse',
  'meansChanged',
  'proceedingsEnded',
  'ownLawyer',
  'recipientRequest',
  'otherStatutory',
] as const;
export type TerminationGround = (typeof TERMINATION_GROUNDS)[number];
export const EARLY_AID_GROUNDS = ['limitationExpiring', 'urgentPreservation', 'otherStatutory'] as const;
export type EarlyAidGround = (typeof EARLY_AID_GROUNDS)[number];
export const APPLICANT_KINDS = ['self', 'guardian', 'relativeOfDetained', 'agent'] as const;
export type ApplicantKind = (typeof APPLICANT_KINDS)[number];
export const PROVIDER_KINDS = ['lawyer', 'grassrootsWorker', 'aidStaff'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

/** What an archive must hold: every box is ticked before the case is archived. */
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
export type ArchiveItem = (typeof ARCHIVE_CHECKLIST)[number];

export const AID_DOCUMENT_KINDS = [
  'application',
  'receipt',
  'materialsNotice',
  'decision',
  'assignmentNotice',
  'terminationDecision',
  'closingReport',
] as const;
export type AidDocumentKind = (typeof AID_DOCUMENT_KINDS)[number];

export type DueState = 'normal' | 'dueSoon' | 'overdue';
export interface Clock {
  dueAt: string;
  state: DueState;
}

export interface Criterion {
  code: 'matter' | 'representation' | 'hardship';
  passed: boolean;
  reason: string;
}

export interface Eligibility {
  passed: boolean;
  criteria: Criterion[];
  threshold: number | null;
  perCapita: number | null;
  checkedAt: string;
}

export interface FamilyMember {
  relation: string;
  name: string;
  monthlyIncome: number;
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

export interface AidCase {
  id: string;
  requestId: string;
  trackingNo: string;
  caseNo: string | null;
  stage: AidStage;
  stageBefore: AidStage | null;
  regionCode: string;
  channel: string;
  appliedAt: string;
  applicant: { name: string; phoneMasked: string; idNumberMasked: string | null };
  applicantAddress: string | null;
  applicantKind: ApplicantKind;
  proxy: { name: string; relation: string; phoneMasked: string | null } | null;
  matterCategory: string;
  aidForm: string;
  matterSummary: string;
  opposingParty: string | null;
  hasAgent: boolean;
  familySize: number;
  familyMembers: FamilyMember[];
  monthlyFamilyIncome: number | null;
  noMeansTest: string | null;
  exemption: string | null;
  exemptionProof: boolean;
  pledge: boolean;
  limitationExpiresOn: string | null;
  eligibility: Eligibility;
  overrideReason: string | null;
  firstReview: { opinion: string; note: string; at: string; by: string; siteName: string } | null;
  firstReviewClock: Clock | null;
  receivedAt: string | null;
  decisionClock: Clock | null;
  missingMaterials: string[] | null;
  materialsDueAt: string | null;
  materialsClock: Clock | null;
  earlyAid: string | null;
  decision: 'grant' | 'refuse' | null;
  decisionReason: string | null;
  decidedAt: string | null;
  assignmentClock: Clock | null;
  provider: { id: string; name: string; kind: string; organisation: string; phone: string } | null;
  assignedAt: string | null;
  conflictOverride: string | null;
  terminationGround: string | null;
  terminationReason: string | null;
  terminatedAt: string | null;
  closingOutcome: string | null;
  closingReport: string | null;
  closedAt: string | null;
  archiveChecklist: string[] | null;
  archivedAt: string | null;
  followUp: { at: string; by: string; satisfied: boolean; note: string } | null;
  quality: { grade: string; note: string; at: string; by: string } | null;
  objections: AidObjection[];
  /** null: no period for objecting (第四十九条 sets none, nor has the province) */
  objectionDays: number | null;
  objectionBasis: string | null;
  /** when the applicant received the refusal or termination letter */
  decisionServedAt: string | null;
  objectionDeadline: string | null;
  canObject: boolean;
  documents: AidDocumentKind[];
  archiveItems: ArchiveItem[];
  timeline: TimelineEvent[];
  /** false for the desk that only took the application down: it reads, it does not act */
  handles: boolean;
  version: number;
  allowedActions: AidAction[];
}

export interface AidCaseListItem {
  id: string;
  caseNo: string | null;
  trackingNo: string;
  applicantName: string;
  phoneMasked: string;
  siteName: string | null;
  stage: AidStage;
  matterCategory: string;
  regionCode: string;
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

export interface AidProvider {
  id: string;
  staffId: string | null;
  name: string;
  kind: ProviderKind;
  organisation: string;
  phone: string;
  matterCategories: string[];
  maxLoad: number;
  priorClients: string[];
  active: boolean;
  load: number;
  version: number;
}

export interface AidSuggestion extends AidProvider {
  fits: boolean;
  conflicts: string[];
  score: number;
}

export interface HardshipStandard {
  id: string;
  regionCode: string;
  basis: 'perCapitaIncome' | 'multipleOfBase';
  amount: number;
  baseName: 'minimumLivingStandard' | 'minimumWage' | null;
  multiple: number | null;
  effectiveFrom: string;
  effectiveTo: string | null;
  note: string;
  threshold: number;
}

export interface AidSettings {
  countyCode: string;
  materialsDays: number;
  objectionDays: number | null;
  objectionBasis: string | null;
  pledgeAllowed: boolean;
  version: number;
}

/** POST /legal-aid/cases: an application taken at a desk. */
export interface AidDeskApplication {
  channel: Channel;
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
  familyMembers?: FamilyMember[];
  /** null with a no-means-test ground or an exemption */
  monthlyIncome?: number | null;
  noMeansTest?: NoMeansTest;
  exemption?: Exemption;
  exemptionProof?: boolean;
  pledge?: boolean;
  limitationExpiresOn?: string;
}

/** GET /public/legal-aid/standard?regionCode=: the standard in force today, for the desk form too */
export interface AidPublicStandard {
  regionCode: string;
  threshold: number;
  basis: 'perCapitaIncome' | 'multipleOfBase';
  baseName: 'minimumLivingStandard' | 'minimumWage' | null;
  multiple: number | null;
  amount: number;
  effectiveFrom: string;
  pledgeAllowed: boolean;
}

/** The URL segment of a step under /legal-aid/cases/:id/ (changeProvider → change-provider). */
export const actionPath = (action: AidAction) => action.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`);

// --- compile-time contract with the server ------------------------------------------------------------------
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
type Members<T extends readonly unknown[]> = T[number];

export type AidContract = [
  Assert<Same<AidStage, Static<typeof S.Stage>>>,
  Assert<Same<AidQueue, Members<typeof ServerQueues>>>,
  Assert<Same<AidAction, Rules.AidAction>>,
  Assert<Same<MatterCategory, Rules.MatterCategory>>,
  Assert<Same<AidForm, Rules.AidForm>>,
  Assert<Same<NoMeansTest, Rules.NoMeansTestGround>>,
  Assert<Same<Exemption, Rules.Exemption>>,
  Assert<Same<TerminationGround, Rules.TerminationGround>>,
  Assert<Same<EarlyAidGround, Rules.EarlyAidGround>>,
  Assert<Same<ApplicantKind, Rules.ApplicantKind>>,
  Assert<Same<ProviderKind, Rules.ProviderKind>>,
  Assert<Same<ArchiveItem, Members<typeof ServerChecklist>>>,
  Assert<Same<AidDocumentKind, Members<typeof ServerDocumentKinds>>>,
  Assert<Same<AidCase, Static<typeof S.AidCase>>>,
  Assert<Same<AidCaseList, Static<typeof S.AidCaseList>>>,
  Assert<Same<AidSuggestion, Static<typeof S.Suggestion>>>,
  Assert<Same<HardshipStandard, Static<typeof S.Standard>>>,
  Assert<Same<AidPublicStandard, Static<typeof S.PublicStandard>>>,
  Assert<Same<AidDeskApplication, Static<typeof S.DeskApplication>>>,
];
