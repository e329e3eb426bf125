import { Type } from 'typebox';
import { Text, Uuid, Version } from '../../http/schemas.js';
import { RegionCode } from '../org/org.schemas.js';
import { CHANNELS, PUBLIC_CHANNELS } from '../requests/catalogue-defaults.js';
import { CitizenView, IdNumberSchema, PhoneSchema, Policy, TimelineEvent } from '../requests/requests.schemas.js';
import {
  AID_ACTIONS,
  AID_FORM_CODES,
  APPLICANT_KINDS,
  EARLY_AID_GROUND_CODES,
  EXEMPTION_CODES,
  MATTER_CATEGORY_CODES,
  NO_MEANS_TEST_CODES,
  TERMINATION_GROUND_CODES,
} from './rules.js';
import { AID_QUEUES, ARCHIVE_CHECKLIST } from './cases.service.js';
import { AID_DOCUMENT_KINDS } from './documents.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Money = Type.Number({ minimum: 0, maximum: 10_000_000 });
/**
 * One schema with both types: the validator coerces types, and in a union it would coerce null into 0 (number
 * first) or 0 into null (null first); with a type list it coerces only when neither type matches.
 */
const MoneyOrNull = Type.Unsafe<number | null>({ type: ['number', 'null'], minimum: 0, maximum: 10_000_000 });
const Phone = PhoneSchema;
const DAY_PATTERN = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';
const Day = Type.String({ pattern: DAY_PATTERN, format: 'date' });
export const Stage = Type.Enum([
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
]);

const application = {
  name: Text(40, 1),
  phone: Phone,
  idNumber: Type.Optional(IdNumberSchema),
  address: Type.Optional(Text(200)),
  regionCode: RegionCode,
  description: Text(5000, 5),
  applicantKind: Type.Enum(APPLICANT_KINDS),
  proxy: Type.Optional(Type.Object({ name: Text(40, 1), relation: Text(20, 1), phone: Phone }, { additionalProperties: false })),
  matterCategory: Type.Enum(MATTER_CATEGORY_CODES),
  aidForm: Type.Enum(AID_FORM_CODES),
  opposingParty: Type.Optional(Text(100)),
  hasAgent: Type.Optional(Type.Boolean()),
  /** optional with a no-means-test ground or an exemption (art. 32, 42); else the family's means are needed */
  familyMembers: Type.Optional(
    Type.Array(Type.Object({ relation: Text(20, 1), name: Text(40, 1), monthlyIncome: Money }, { additionalProperties: false }), {
      maxItems: 20,
    }),
  ),
  /** the applicant's own monthly income; null (or absent) only with a no-means-test ground or an exemption */
  monthlyIncome: Type.Optional(MoneyOrNull),
  noMeansTest: Type.Optional(Type.Enum(NO_MEANS_TEST_CODES)),
  exemption: Type.Optional(Type.Enum(EXEMPTION_CODES)),
  exemptionProof: Type.Optional(Type.Boolean()),
  pledge: Type.Optional(Type.Boolean()),
  limitationExpiresOn: Type.Optional(Day),
};
export const PublicApplication = Type.Object({ ...application, channel: Type.Enum(PUBLIC_CHANNELS) }, { additionalProperties: false });
export const DeskApplication = Type.Object({ ...application, channel: Type.Enum(CHANNELS) }, { additionalProperties: false });

const Criterion = Type.Object({ code: Type.Enum(['matter', 'representation', 'hardship']), passed: Type.Boolean(), reason: Type.String() });
const Eligibility = Type.Object({
  passed: Type.Boolean(),
  criteria: Type.Array(Criterion),
  threshold: Nullable(Type.Number()),
  perCapita: Nullable(Type.Number()),
  checkedAt: Type.String(),
});
const Clock = Nullable(Type.Object({ dueAt: Type.String(), state: Type.Enum(['normal', 'dueSoon', 'overdue']) }));
const S = Type.String();
const NS = Nullable(Type.String());

export const AidCase = Type.Object({
  id: Uuid,
  requestId: Uuid,
  trackingNo: S,
  caseNo: NS,
  stage: Stage,
  stageBefore: Nullable(Stage),
  regionCode: S,
  channel: S,
  appliedAt: S,
  applicant: Type.Object({ name: S, phoneMasked: S, idNumberMasked: NS }),
  /** the applicant's address in clear for those who read the case (sealed in the row, like the phone) */
  applicantAddress: NS,
  applicantKind: Type.Enum(APPLICANT_KINDS),
  proxy: Nullable(Type.Object({ name: S, relation: S, phoneMasked: NS })),
  matterCategory: S,
  aidForm: S,
  matterSummary: S,
  opposingParty: NS,
  hasAgent: Type.Boolean(),
  familySize: Type.Integer(),
  familyMembers: Type.Array(Type.Object({ relation: S, name: S, monthlyIncome: Type.Number() })),
  monthlyFamilyIncome: Nullable(Type.Number()),
  noMeansTest: NS,
  exemption: NS,
  exemptionProof: Type.Boolean(),
  pledge: Type.Boolean(),
  limitationExpiresOn: NS,
  eligibility: Eligibility,
  overrideReason: NS,
  firstReview: Nullable(Type.Object({ opinion: S, note: S, at: S, by: S, siteName: S })),
  /** the station's first-review period (aid_settings.first_review_policy), while the case waits for it */
  firstReviewClock: Clock,
  receivedAt: NS,
  decisionClock: Clock,
  missingMaterials: Nullable(Type.Array(S)),
  materialsDueAt: NS,
  materialsClock: Clock,
  earlyAid: NS,
  decision: Nullable(Type.Enum(['grant', 'refuse'])),
  decisionReason: NS,
  decidedAt: NS,
  assignmentClock: Clock,
  provider: Nullable(Type.Object({ id: S, name: S, kind: S, organisation: S, phone: S })),
  assignedAt: NS,
  conflictOverride: NS,
  terminationGround: NS,
  terminationReason: NS,
  terminatedAt: NS,
  closingOutcome: NS,
  closingReport: NS,
  closedAt: NS,
  archiveChecklist: Nullable(Type.Array(S)),
  archivedAt: NS,
  followUp: Nullable(Type.Object({ at: S, by: S, satisfied: Type.Boolean(), note: S })),
  quality: Nullable(Type.Object({ grade: S, note: S, at: S, by: S })),
  objections: Type.Array(
    Type.Object({
      id: Uuid,
      against: Type.Enum(['refusal', 'termination']),
      grounds: S,
      filedVia: S,
      filedAt: S,
      dueAt: S,
      state: Type.Enum(['normal', 'dueSoon', 'overdue']),
      decision: Nullable(Type.Enum(['uphold', 'correct'])),
      decisionReason: NS,
      decidedAt: NS,
      version: Type.Integer(),
    }),
  ),
  /** days to object, from receipt of the letter; null: no period (第四十九条 sets none, nor has the province) */
  objectionDays: Nullable(Type.Integer()),
  /** the provincial rule the period rests on */
  objectionBasis: NS,
  /** when the applicant received the refusal or termination letter (the serve step) */
  decisionServedAt: NS,
  /** the last moment an objection to the current refusal or termination may be filed; null when no period runs or none can be */
  objectionDeadline: NS,
  /** whether an objection to the current refusal or termination may be filed now */
  canObject: Type.Boolean(),
  /** the documents the case has reached (GET …/documents/:kind answers 409 for the others) */
  documents: Type.Array(Type.Enum(AID_DOCUMENT_KINDS)),
  /** what the archive must hold: the archive step needs every item */
  archiveItems: Type.Array(Type.Enum(ARCHIVE_CHECKLIST)),
  timeline: Type.Array(TimelineEvent),
  /** false for a desk that only took the application down (a village room): it reads, it does not act */
  handles: Type.Boolean(),
  version: Type.Integer(),
  allowedActions: Type.Array(Type.Enum(AID_ACTIONS)),
});

export const AidCaseList = Type.Object({
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  items: Type.Array(
    Type.Object({
      id: Uuid,
      caseNo: NS,
      trackingNo: S,
      applicantName: S,
      phoneMasked: S,
      /** the site handling it now (the station in first review, then the center) */
      siteName: NS,
      stage: Stage,
      matterCategory: S,
      regionCode: S,
      providerName: NS,
      earlyAid: Type.Boolean(),
      dueAt: NS,
      dueState: Type.Enum(['normal', 'dueSoon', 'overdue']),
      createdAt: S,
    }),
  ),
});
export const AidCaseQuery = Type.Object({
  queue: Type.Optional(Type.Enum(AID_QUEUES)),
  /** part of the applicant's name, the tracking number or the case number */
  search: Type.Optional(Text(40)),
  matterCategory: Type.Optional(Type.Enum(MATTER_CATEGORY_CODES)),
  stage: Type.Optional(Stage),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});

const v = { version: Version };
const Reason = Text(2000, 2);
/** The body of each step (one route per step, so each has its own schema in the API document). */
export const AID_ACTION_BODIES = {
  firstReview: Type.Object(
    { ...v, opinion: Type.Enum(['recommendGrant', 'recommendRefuse']), note: Text(2000) },
    { additionalProperties: false },
  ),
  requestMaterials: Type.Object(
    { ...v, items: Type.Array(Text(200, 1), { minItems: 1, maxItems: 30 }), note: Type.Optional(Text(2000)) },
    { additionalProperties: false },
  ),
  materialsReceived: Type.Object({ ...v, note: Type.Optional(Text(2000)) }, { additionalProperties: false }),
  withdraw: Type.Object({ ...v, reason: Reason }, { additionalProperties: false }),
  reassess: Type.Object(
    {
      ...v,
      monthlyFamilyIncome: Type.Optional(Money),
      familySize: Type.Optional(Type.Integer({ minimum: 1, maximum: 30 })),
      hasAgent: Type.Optional(Type.Boolean()),
      noMeansTest: Type.Optional(Nullable(Type.Enum(NO_MEANS_TEST_CODES))),
      exemption: Type.Optional(Nullable(Type.Enum(EXEMPTION_CODES))),
      exemptionProof: Type.Optional(Type.Boolean()),
      pledge: Type.Optional(Type.Boolean()),
      note: Type.Optional(Text(2000)),
    },
    { additionalProperties: false },
  ),
  earlyAid: Type.Object({ ...v, ground: Type.Enum(EARLY_AID_GROUND_CODES), note: Reason }, { additionalProperties: false }),
  decide: Type.Object(
    { ...v, decision: Type.Enum(['grant', 'refuse']), reason: Reason, overrideReason: Type.Optional(Text(2000)) },
    { additionalProperties: false },
  ),
  assign: Type.Object(
    { ...v, providerId: Uuid, conflictOverride: Type.Optional(Text(2000)), note: Type.Optional(Text(2000)) },
    { additionalProperties: false },
  ),
  changeProvider: Type.Object(
    { ...v, providerId: Uuid, reason: Reason, conflictOverride: Type.Optional(Text(2000)) },
    { additionalProperties: false },
  ),
  progress: Type.Object({ ...v, note: Text(5000, 2) }, { additionalProperties: false }),
  terminate: Type.Object({ ...v, ground: Type.Enum(TERMINATION_GROUND_CODES), reason: Reason }, { additionalProperties: false }),
  /** the day the applicant signed for the refusal or termination letter (Beijing time) */
  serve: Type.Object({ ...v, servedOn: Day, note: Type.Optional(Text(2000)) }, { additionalProperties: false }),
  close: Type.Object({ ...v, outcome: Text(500, 2), report: Text(10000, 10) }, { additionalProperties: false }),
  archive: Type.Object({ ...v, checklist: Type.Array(Type.Enum(ARCHIVE_CHECKLIST), { maxItems: 20 }) }, { additionalProperties: false }),
  followUp: Type.Object({ ...v, satisfied: Type.Boolean(), note: Text(2000) }, { additionalProperties: false }),
  rateQuality: Type.Object(
    { ...v, grade: Type.Enum(['excellent', 'qualified', 'unqualified']), note: Text(2000) },
    { additionalProperties: false },
  ),
} as const;

const providerProperties = {
  id: Uuid,
  staffId: Nullable(Uuid),
  name: S,
  kind: Type.Enum(['lawyer', 'grassrootsWorker', 'aidStaff']),
  organisation: S,
  phone: S,
  matterCategories: Type.Array(S),
  maxLoad: Type.Integer(),
  priorClients: Type.Array(S),
  active: Type.Boolean(),
  load: Type.Integer(),
  version: Type.Integer(),
};
export const Provider = Type.Object({
  ...providerProperties,
  /** the linked workbench account, so that the pool's readers need no staff look-up (org.read) to name it */
  staff: Nullable(Type.Object({ username: S, displayName: S })),
});
export const Suggestion = Type.Object({ ...providerProperties, fits: Type.Boolean(), conflicts: Type.Array(S), score: Type.Number() });
/**
 * A staff phone (mobile or landline, org.schemas.ts `Phone`), or the 12348 public legal service line with or
 * without the area code: the center's duty desk is reached there. Spaces around it are trimmed.
 */
export const ProviderPhone = Type.String({
  maxLength: 30,
  pattern: '^\\s*(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8}|(0[0-9]{2,3}-?)?12348)?\\s*$',
  description: 'mobile or landline (or 12348), may be empty',
});
const providerFields = {
  name: Text(40, 1),
  kind: Type.Enum(['lawyer', 'grassrootsWorker', 'aidStaff']),
  organisation: Type.Optional(Text(100)),
  phone: Type.Optional(ProviderPhone),
  staffId: Type.Optional(Nullable(Uuid)),
  matterCategories: Type.Array(Type.Enum(MATTER_CATEGORY_CODES), { maxItems: 20 }),
  maxLoad: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  priorClients: Type.Optional(Type.Array(Text(100, 1), { maxItems: 200 })),
  active: Type.Optional(Type.Boolean()),
};
export const ProviderBody = Type.Object(providerFields, { additionalProperties: false });
export const ProviderPatch = Type.Object(
  {
    version: Version,
    ...Object.fromEntries(Object.entries(providerFields).map(([k, s]) => [k, Type.Optional(s)])),
  } as typeof providerFields & { version: typeof Version },
  { additionalProperties: false },
);

export const Standard = Type.Object({
  id: Uuid,
  regionCode: S,
  basis: Type.Enum(['perCapitaIncome', 'multipleOfBase']),
  amount: Type.Number(),
  baseName: Nullable(Type.Enum(['minimumLivingStandard', 'minimumWage'])),
  multiple: Nullable(Type.Number()),
  effectiveFrom: S,
  effectiveTo: NS,
  note: S,
  threshold: Type.Number(),
});
export const StandardBody = Type.Object(
  {
    regionCode: Type.String({ pattern: '^[0-9]{2}$|^[0-9]{6}$' }),
    basis: Type.Enum(['perCapitaIncome', 'multipleOfBase']),
    amount: Type.Number({ exclusiveMinimum: 0, maximum: 1_000_000 }),
    baseName: Type.Optional(Type.Enum(['minimumLivingStandard', 'minimumWage'])),
    multiple: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 20 })),
    effectiveFrom: Day,
    effectiveTo: Type.Optional(Day),
    note: Type.Optional(Text(500)),
  },
  { additionalProperties: false },
);
/** A day or null (one schema with both types, for the reason given at MoneyOrNull). */
const DayOrNull = Type.Unsafe<string | null>({ type: ['string', 'null'], pattern: DAY_PATTERN, format: 'date' });
/**
 * Ending a standard or correcting its note (its amount only before it applies). The table keeps no version, so the
 * edit names what the editor saw (`expected`) and the UPDATE is guarded by it: a change in between answers 409.
 */
export const StandardPatch = Type.Object(
  {
    expected: Type.Object(
      { effectiveTo: DayOrNull, note: Type.String({ maxLength: 500 }), amount: Type.Number() },
      { additionalProperties: false },
    ),
    effectiveTo: Type.Optional(DayOrNull),
    note: Type.Optional(Text(500)),
    amount: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1_000_000 })),
  },
  { additionalProperties: false },
);
export const Settings = Type.Object({
  countyCode: S,
  materialsDays: Type.Integer(),
  /** null: no period for objecting (第四十九条 sets none); a period rests on objectionBasis */
  objectionDays: Nullable(Type.Integer()),
  objectionBasis: NS,
  assignmentPolicy: Policy,
  objectionPolicy: Policy,
  firstReviewPolicy: Policy,
  pledgeAllowed: Type.Boolean(),
  version: Type.Integer(),
});
export const SettingsPatch = Type.Object(
  {
    version: Type.Integer({ minimum: 0, maximum: 2_147_483_647 }),
    materialsDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 90 })),
    objectionDays: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 90 }))),
    /** the provincial rule (name and article) a period for objecting rests on; required with a period */
    objectionBasis: Type.Optional(Nullable(Text(500, 2))),
    assignmentPolicy: Type.Optional(Policy),
    objectionPolicy: Type.Optional(Policy),
    firstReviewPolicy: Type.Optional(Policy),
    pledgeAllowed: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const CitizenAid = Type.Object({
  legalAid: Nullable(
    Type.Object({
      stage: Stage,
      status: S,
      next: S,
      caseNo: NS,
      /** while the town station reviews it: the end of its first-review period */
      firstReviewDueAt: NS,
      decisionDueAt: NS,
      assignmentDueAt: NS,
      missingMaterials: Type.Array(S),
      materialsDueAt: NS,
      reason: NS,
      earlyAid: Type.Boolean(),
      provider: Nullable(Type.Object({ name: S, organisation: S, phone: S })),
      canObject: Type.Boolean(),
      objectionDeadline: NS,
      objection: Nullable(
        Type.Object({ filedAt: S, dueAt: S, decision: Nullable(Type.Enum(['uphold', 'correct'])), decisionReason: NS, decidedAt: NS }),
      ),
    }),
  ),
  /** the request's own view (status, public timeline, rating): a proxy, whose phone the request does not know, reads it here */
  request: Nullable(CitizenView),
});
/** GET /public/legal-aid/standard: the hardship standard in force today for a region, for the application form */
export const PublicStandard = Type.Object({
  regionCode: S,
  threshold: Type.Number(),
  basis: Type.Enum(['perCapitaIncome', 'multipleOfBase']),
  baseName: Nullable(Type.Enum(['minimumLivingStandard', 'minimumWage'])),
  multiple: Nullable(Type.Number()),
  amount: Type.Number(),
  effectiveFrom: S,
  pledgeAllowed: Type.Boolean(),
});
export const StandardQuery = Type.Object({ regionCode: RegionCode });
/** A phone shown in full (the applicant's or the proxy's), after the audit row is written. */
export const RevealedPhone = Type.Object({ phone: Type.String() });
export const ObjectionBody = Type.Object(
  { phone: Type.String({ minLength: 5, maxLength: 20 }), grounds: Text(5000, 5) },
  { additionalProperties: false },
);
export const DeskObjectionBody = Type.Object({ grounds: Text(5000, 5) }, { additionalProperties: false });
export const ObjectionDecisionBody = Type.Object(
  { version: Version, decision: Type.Enum(['uphold', 'correct']), reason: Text(2000, 2) },
  { additionalProperties: false },
);
export const ObjectionListQuery = Type.Object({
  /** pending: nearest review deadline first; decided: latest decision first */
  state: Type.Optional(Type.Enum(['pending', 'decided'], { default: 'pending' })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});
export const ObjectionList = Type.Object({
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  items: Type.Array(
    Type.Object({
      id: Uuid,
      caseId: Uuid,
      caseNo: NS,
      trackingNo: S,
      /** as the case list gives them: the name, the phone masked */
      applicantName: S,
      phoneMasked: S,
      against: Type.Enum(['refusal', 'termination']),
      grounds: S,
      filedVia: Type.Enum(['portal', 'desk']),
      filedAt: S,
      dueAt: S,
      /** the review period's state while pending; normal once decided */
      dueState: Type.Enum(['normal', 'dueSoon', 'overdue']),
      decision: Nullable(Type.Enum(['uphold', 'correct'])),
      decisionReason: NS,
      decidedAt: NS,
      /** the name of who decided */
      decidedBy: NS,
      version: Type.Integer(),
    }),
  ),
});
export const DocumentParams = Type.Object({ id: Uuid, kind: Type.Enum(AID_DOCUMENT_KINDS) });
