import type { Permission } from '../../server/modules/auth/permissions.js';
import { ARCHIVE_CHECKLIST } from '../../server/modules/legalaid/cases.service.js';

/*
 * Who may call each operation of the OpenAPI document, and on which records: the table the access matrix
 * (test/api/access-matrix.test.ts) checks every endpoint × every post × an in-scope and an out-of-scope record
 * against. One entry per operation, keyed "METHOD /api/v1/path/{param}"; the matrix fails when an operation has
 * no entry or an entry names an operation that is gone, so a new endpoint cannot skip it.
 *
 * An entry says, in the order the code makes them, the checks a caller passes:
 *   - { any: [...] }            the caller holds one of these permissions, else 403 FORBIDDEN
 *   - { any: [...], deny: 404 } the same, but the code answers 404: it hides that the record exists from people
 *                               who may look at records of the kind but not at this one (a legal aid case is
 *                               seen by reviewers only; a desk that did not take it down is not told it exists)
 *   - 'scope'                   the record lies in the caller's scope (their site's region subtree; for the
 *                               county's own records the county center; for a notification its owner), else
 *                               404 NOT_FOUND — and the record is left exactly as it was
 *   - 'county'                  the caller works at the county center (a county-wide function), else 403
 *                               FORBIDDEN ({ county: CODE }: the same, answered with a code of its own)
 * Public operations are open to anyone (a citizen's look-up "scope" is the tracking number with its own phone:
 * another citizen's number is 404). A caller who passes every check gets a 2xx or one of the `business` codes
 * (a state, version or workflow rule about that record: never a 401, a 404 or a 403 naming a permission).
 */

export type Check = { any: readonly Permission[]; deny?: 403 | 404 } | 'scope' | 'county' | { county: string };

/** What the path's id refers to: each kind has an in-scope fixture (town A, or the county) and an out-of-scope one. */
export type RecordKind =
  | 'region'
  | 'site'
  | 'staff'
  | 'serviceItem'
  | 'calendarDay'
  /** a citizen's request, open (submitted on the portal, sent to the town station) */
  | 'request'
  /** an online consultation, answered and concluded, then rated 非常不满意 (so it has a rectification and a follow-up) */
  | 'consultation'
  /** the tracking number of `request` (with the requester's phone) */
  | 'tracking'
  /** the tracking number of `consultation` */
  | 'consultationTracking'
  /** the tracking number of `refusedCase` */
  | 'aidTracking'
  | 'supervision'
  | 'attachment'
  /** a legal aid application at its first review (applied for by a relative: it has a proxy's phone) */
  | 'aidCase'
  /** a legal aid case refused by the center, with the applicant's objection under review */
  | 'refusedCase'
  | 'objection'
  | 'provider'
  | 'standard'
  | 'law'
  | 'article'
  /** a published Q&A, as citizens read it */
  | 'entry'
  /** a Q&A in the editors' workbench */
  | 'kbEntry'
  | 'roster'
  | 'swap'
  | 'call'
  | 'notification'
  | 'rectification'
  | 'followUp'
  /** the ratings of a site, in the evaluation figures (lists only) */
  | 'ratedSite';

/** A record the matrix points an operation at. */
export interface Target {
  kind: RecordKind;
  /** path parameters */
  params: Record<string, string>;
  /** strings that show the record is in an answer (its ids, tracking number…) */
  markers: string[];
  /** numeric ids, found only under an `id`/`…Id` key of an answer */
  numericIds?: number[];
  /** the requester's phone where a citizen's look-up needs one */
  phone?: string;
  /** whatever else a body needs (a region's name, a standard's values…) */
  data?: Record<string, unknown>;
}

/** An identity the matrix signs in as (null: nobody). */
export interface Caller {
  id: string;
  username: string;
  password: string;
  regionCode: string;
  siteId: string;
}

export interface CellContext {
  who: Caller | null;
  target?: Target | undefined;
  /** named fixture ids: sites, staff, providers, days (see the matrix's setup) */
  fx: Readonly<Record<string, string>>;
  /** a GET as the county administrator, for values a body must echo (a settings version, a standard's values) */
  adminGet(url: string): Promise<unknown>;
  /** a value no other cell of this run uses */
  unique(): number;
}

export interface AccessRule {
  /** a second way to call the same operation (another query), when it changes who may call it */
  label?: string;
  who: 'public' | 'staff' | 'signature';
  checks?: readonly Check[];
  record?: RecordKind;
  /** extra path parameters that are not records (a document kind…) */
  params?: Record<string, string>;
  query?: (c: CellContext) => Record<string, string>;
  /** the JSON body, merged over an example of the documented schema (`version` is filled in from the target) */
  body?: (c: CellContext) => unknown;
  /** a file upload instead of JSON */
  upload?: 'pdf' | 'staffWorkbook';
  /** codes a caller who passes every check may meet (a record's state, its version, the workflow's rules) */
  business?: readonly string[];
  /** each in-scope cell gets a record of its own: destructive calls, and steps that need the record in a state
   *  of its own (the state named: a request's `submitted`, `accepted`…, a legal aid case's `review`, `granted`) */
  fresh?: true | 'submitted' | 'dispatched' | 'accepted' | 'awaitingMaterials' | 'review' | 'granted';
  /** the call ends or replaces the caller's session (the matrix signs them in again) */
  endsSession?: true;
  /** a list: records of these kinds outside the caller's scope never appear in it */
  lists?: readonly RecordKind[];
  /** the list is a page of something larger (the audit log): the county administrator's copy need not hold every fixture */
  partialList?: true;
  /** why no identity of the matrix gets a 2xx (so the figure of operations reached says what it covers) */
  noSuccess?: string;
}

const need = (...any: Permission[]): Check => ({ any });
const hidden = (...any: Permission[]): Check => ({ any, deny: 404 });

/** requests.service requireRequestReader: a desk that takes requests, or staff who read the organisation */
const READER = need('requests.intake', 'org.read');
/** a request seen through loadScoped: the scope is its region, the site that received it or the one handling it */
const REQUEST: Check[] = [READER, 'scope'];
/** cases.service loadCase: reviewers and the bureau see cases in scope; others who may take applications or
 *  provide aid learn nothing of a case that is not theirs (404) */
const AID_CASE: Check[] = [
  need('legalAid.review', 'legalAid.provide', 'legalAid.objection', 'requests.intake'),
  'scope',
  hidden('legalAid.review', 'legalAid.objection'),
];
const HOTLINE = need('hotline.answer', 'hotline.manage');
/** privacy/retention.ts requirePrivacyOfficer: the county's administrators only */
const PRIVACY_COUNTY: Check = { county: 'PRIVACY_COUNTY_LEVEL_ONLY' };

/** The workflow decides who of those allowed acts on a record now (the handler, the desk holding it…). */
const REQUEST_STEP = ['INVALID_TRANSITION', 'FORBIDDEN', 'VERSION_CONFLICT', 'DISPATCH_TARGET_INVALID', 'DISPATCH_POST_UNSTAFFED'] as const;
const AID_STEP = [
  'INVALID_TRANSITION',
  'FORBIDDEN',
  'VERSION_CONFLICT',
  'AID_OVERRIDE_REASON_REQUIRED',
  'AID_EARLY_AID_NOT_URGENT',
  'AID_PROVIDER_INVALID',
  'AID_CONFLICT_OF_INTEREST',
  'AID_ARCHIVE_INCOMPLETE',
  'AID_MEANS_REQUIRED',
  'AID_SERVICE_DATE_INVALID',
] as const;
const KB_STEP = ['KB_ENTRY_STATE', 'VERSION_CONFLICT', 'KB_PERSONAL_DATA'] as const;

const day = (offset: number) => new Date(Date.UTC(2031, 0, 6) + offset * 86_400_000).toISOString().slice(0, 10);
const daysFromNow = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const today = () => daysFromNow(0);

const staffStep: AccessRule = {
  who: 'staff',
  record: 'staff',
  checks: [need('org.read'), 'scope', need('org.manage')],
};

const aidStep = (body?: AccessRule['body'], fresh?: AccessRule['fresh']): AccessRule => ({
  who: 'staff',
  record: 'aidCase',
  checks: AID_CASE,
  business: AID_STEP,
  ...(body && { body }),
  ...(fresh && { fresh }),
});

const kbMove: AccessRule = {
  who: 'staff',
  record: 'kbEntry',
  checks: [need('knowledge.edit', 'knowledge.publish')],
  business: ['FORBIDDEN', ...KB_STEP],
};

const publicCitizen = (record: RecordKind, extra: Partial<AccessRule> = {}): AccessRule => ({
  who: 'public',
  record,
  checks: ['scope'],
  query: (c) => ({ phone: c.target!.phone! }),
  ...extra,
});

export const ACCESS_RULES: Record<string, AccessRule | AccessRule[]> = {
  // --- auth ------------------------------------------------------------------------------------------------
  'POST /api/v1/auth/login': {
    who: 'public',
    body: (c) => ({ username: c.fx.loginUsername, password: c.fx.loginPassword }),
    // signing in replaces the session the browser came with
    endsSession: true,
  },
  'POST /api/v1/auth/logout': { who: 'public', endsSession: true },
  'GET /api/v1/me': { who: 'staff' },
  'POST /api/v1/me/password': {
    who: 'staff',
    // the current password again as the new one: checked, refused, nothing changed
    body: (c) => ({ currentPassword: c.who?.password ?? 'x', newPassword: c.who?.password ?? 'x' }),
    business: ['PASSWORD_REUSED'],
    noSuccess: 'a real change would leave the matrix without the password it signs in with',
  },
  'GET /api/v1/posts': { who: 'public' },

  // --- org -------------------------------------------------------------------------------------------------
  'GET /api/v1/regions/tree': { who: 'public' },
  'GET /api/v1/regions/{code}': { who: 'public', record: 'region' },
  'PATCH /api/v1/regions/{code}': {
    who: 'staff',
    record: 'region',
    // regions.service updateRegion: the code's scope first, then the permission
    checks: ['scope', need('org.manage')],
    body: (c) => ({ name: c.target!.data!.name }),
  },
  'GET /api/v1/sites': [
    { who: 'public', query: () => ({ limit: '2000' }) },
    {
      label: 'scope=mine',
      who: 'staff',
      checks: [need('org.read')],
      query: () => ({ scope: 'mine', limit: '2000' }),
      lists: ['site'],
    },
  ],
  'GET /api/v1/sites/{id}': [
    { who: 'public', record: 'site' },
    // sites.service getSite with an actor: the scope alone (a liaison sees their own room)
    { label: 'scope=mine', who: 'staff', record: 'site', checks: ['scope'], query: () => ({ scope: 'mine' }) },
  ],
  'PATCH /api/v1/sites/{id}': {
    who: 'staff',
    record: 'site',
    checks: ['scope', need('org.manage')],
    body: () => ({ openingHours: '周一至周五 8:30-12:00 14:30-17:30' }),
    business: ['VERSION_CONFLICT'],
  },
  'GET /api/v1/staff': { who: 'staff', checks: [need('org.read')], query: () => ({ limit: '500' }), lists: ['staff'] },
  'POST /api/v1/staff': {
    who: 'staff',
    checks: [need('org.manage')],
    body: (c) => ({
      username: `mx-new-${c.unique()}`,
      displayName: '矩阵新同事',
      phone: '',
      siteId: c.fx.roomSiteA,
      posts: ['villageAdviser'],
      password: 'Matrix-pass-2026',
    }),
  },
  'GET /api/v1/staff/{id}': { who: 'staff', record: 'staff', checks: [need('org.read'), 'scope'] },
  'PATCH /api/v1/staff/{id}': {
    who: 'staff',
    record: 'staff',
    checks: [need('org.manage'), 'scope'],
    body: () => ({ displayName: '吴明村法律顾问' }),
    business: ['VERSION_CONFLICT'],
  },
  // staff.service revealStaffPhone: the scoped load comes before the permission
  'GET /api/v1/staff/{id}/phone': { who: 'staff', record: 'staff', checks: ['scope', need('personal.reveal')] },
  'POST /api/v1/staff/{id}/disable': staffStep,
  'POST /api/v1/staff/{id}/enable': staffStep,
  'POST /api/v1/staff/{id}/unlock': staffStep,
  'POST /api/v1/staff/{id}/reset-password': staffStep,
  'GET /api/v1/staff/import-template': { who: 'staff', checks: [need('org.manage')] },
  'POST /api/v1/staff/import': { who: 'staff', checks: [need('org.manage')], upload: 'staffWorkbook', business: ['STAFF_IMPORT_INVALID'] },

  // --- audit, calendar, catalogue --------------------------------------------------------------------------
  'GET /api/v1/audit': {
    who: 'staff',
    checks: [need('audit.read')],
    query: () => ({ limit: '200' }),
    lists: ['request', 'consultation', 'staff', 'site', 'aidCase', 'refusedCase', 'supervision', 'provider', 'standard'],
    partialList: true,
  },
  'GET /api/v1/calendar': { who: 'public', query: () => ({ year: '2026' }) },
  'GET /api/v1/calendar/years': { who: 'public' },
  'GET /api/v1/calendar/working-days': { who: 'public', query: () => ({ from: '2026-03-02', days: '5', unit: 'working' }) },
  'PUT /api/v1/calendar/{date}': {
    who: 'staff',
    record: 'calendarDay',
    checks: [need('org.manage'), 'county'],
    body: () => ({ kind: 'holiday', name: '矩阵测试假日' }),
  },
  'DELETE /api/v1/calendar/{date}': { who: 'staff', record: 'calendarDay', checks: [need('org.manage'), 'county'], fresh: true },
  'GET /api/v1/service-items': [
    { who: 'public' },
    { label: 'includeInactive', who: 'staff', checks: [need('org.manage')], query: () => ({ includeInactive: 'true' }) },
  ],
  'GET /api/v1/service-items/{code}': { who: 'public', record: 'serviceItem' },
  'PATCH /api/v1/service-items/{code}': {
    who: 'staff',
    record: 'serviceItem',
    checks: [need('org.manage'), 'county'],
    body: (c) => ({ name: c.target!.data!.name }),
    business: ['VERSION_CONFLICT'],
  },

  // --- requests: the citizen -------------------------------------------------------------------------------
  'POST /api/v1/public/requests': {
    who: 'public',
    body: (c) => ({
      serviceItem: 'mediation',
      name: '矩阵群众',
      phone: `1370000${String(c.unique()).padStart(4, '0')}`,
      regionCode: c.fx.villageA,
      description: '邻里纠纷，请求调解',
      channel: 'web',
    }),
  },
  'GET /api/v1/public/requests/{trackingNo}': publicCitizen('tracking'),
  'POST /api/v1/public/requests/{trackingNo}/evaluation': publicCitizen('consultationTracking', {
    query: undefined,
    body: (c) => ({ phone: c.target!.phone!, grade: 5, attitude: 5, efficiency: 5, competence: 5 }),
    // the fixture was rated while it was made (一次评价)
    business: ['EVALUATION_EXISTS'],
    noSuccess: 'the consultation fixture is rated once, in the setup, to open its rectification',
  }),
  'POST /api/v1/public/requests/{trackingNo}/attachments': publicCitizen('tracking', { upload: 'pdf', business: ['ATTACHMENT_LIMIT'] }),
  'GET /api/v1/public/requests/{trackingNo}/receipt': publicCitizen('tracking'),
  'POST /api/v1/public/requests/{trackingNo}/resend': publicCitizen('tracking', {
    query: undefined,
    body: (c) => ({ phone: c.target!.phone! }),
    // three texts a day for one request: the matrix asks more often than that
    business: ['RESEND_LIMIT'],
  }),

  // --- requests: the workbench -----------------------------------------------------------------------------
  'GET /api/v1/requests': {
    who: 'staff',
    checks: [READER],
    query: () => ({ queue: 'all', limit: '200' }),
    lists: ['request', 'consultation', 'aidCase', 'refusedCase'],
  },
  'POST /api/v1/requests': {
    who: 'staff',
    checks: [need('requests.intake')],
    body: (c) => ({
      serviceItem: 'mediation',
      name: '矩阵来访人',
      phone: `1370001${String(c.unique()).padStart(4, '0')}`,
      regionCode: c.fx.villageA,
      description: '窗口来访：邻里纠纷',
      channel: 'walk_in',
    }),
  },
  'GET /api/v1/requests/export': {
    who: 'staff',
    checks: [READER],
    query: () => ({ queue: 'all' }),
    lists: ['request', 'consultation', 'aidCase', 'refusedCase'],
  },
  'GET /api/v1/requests/{id}': { who: 'staff', record: 'request', checks: REQUEST },
  'GET /api/v1/requests/{id}/timeline': { who: 'staff', record: 'request', checks: REQUEST },
  // the handlers see the ID number, and those with personal.reveal; everyone else in scope is refused
  'GET /api/v1/requests/{id}/id-number': { who: 'staff', record: 'request', checks: REQUEST, business: ['FORBIDDEN'] },
  'GET /api/v1/requests/{id}/receipt': { who: 'staff', record: 'request', checks: REQUEST },
  ...Object.fromEntries(
    (
      [
        ['dispatch', 'submitted', (c: CellContext) => ({ siteId: c.fx.stationSiteA, post: 'mediator' })],
        // the fixture itself: accepted by the town's mediator, it stays in the town for the steps after
        ['accept', undefined, () => ({ note: '已接收' })],
        ['return', 'dispatched', () => ({ reason: '不属于本站办理范围' })],
        ['transfer', 'accepted', (c: CellContext) => ({ siteId: c.fx.roomSiteA, reason: '转村调解' })],
        ['request-materials', 'accepted', () => ({ items: ['身份证复印件'] })],
        ['resume', 'awaitingMaterials', () => ({ note: '材料已补齐' })],
        ['conclude', 'accepted', () => ({ result: '经调解双方达成协议' })],
      ] as const
    ).map(([path, fresh, body]): [string, AccessRule] => [
      `POST /api/v1/requests/{id}/${path}`,
      // transitions.act: the permission, then the scoped load, then the workflow
      {
        who: 'staff',
        record: 'request',
        checks: [need('requests.handle'), ...REQUEST],
        body,
        business: REQUEST_STEP,
        ...(fresh && { fresh }),
      },
    ]),
  ),
  // an administrator's or supervisor's way out when nobody else can move a request: the permission first, then
  // the scoped load, then the workflow (only those over the site holding it, and only if they have no step of their own)
  'POST /api/v1/requests/{id}/take-over': {
    who: 'staff',
    record: 'request',
    checks: [need('requests.supervise'), ...REQUEST],
    body: () => ({ reason: '原办理人员已调离，由本人接管' }),
    business: REQUEST_STEP,
    fresh: 'dispatched',
  },
  'POST /api/v1/requests/{id}/reassign': {
    who: 'staff',
    record: 'request',
    checks: [need('requests.supervise'), ...REQUEST],
    body: (c) => ({ siteId: c.fx.roomSiteA, post: 'villageAdviser', reason: '改由村法律顾问办理' }),
    business: REQUEST_STEP,
    fresh: 'dispatched',
  },
  // the sites a request can be sent to, with the posts staffed there (the center and the county's stations
  // are listed to every town and village, as the public site directory lists them)
  'GET /api/v1/requests/dispatch-targets': { who: 'staff', checks: [need('requests.handle')] },
  'POST /api/v1/requests/{id}/supervision': {
    who: 'staff',
    record: 'request',
    checks: [...REQUEST, need('requests.supervise')],
    body: () => ({ instruction: '请于期限内办结并回复', days: 3 }),
    business: ['INVALID_TRANSITION'],
  },
  'GET /api/v1/supervision': { who: 'staff', checks: [need('org.read')], lists: ['supervision', 'request'] },
  // those answering for the request reply, whatever their post (the order is theirs)
  'POST /api/v1/supervision/{id}/reply': {
    who: 'staff',
    record: 'supervision',
    checks: ['scope'],
    body: () => ({ reply: '已按督办要求办理' }),
    business: ['FORBIDDEN', 'INVALID_TRANSITION'],
  },
  'POST /api/v1/supervision/{id}/close': {
    who: 'staff',
    record: 'supervision',
    checks: ['scope', need('requests.supervise')],
    business: ['INVALID_TRANSITION'],
  },
  'GET /api/v1/requests/{id}/attachments': { who: 'staff', record: 'request', checks: REQUEST },
  'POST /api/v1/requests/{id}/attachments': {
    who: 'staff',
    record: 'request',
    checks: [...REQUEST, need('requests.handle')],
    upload: 'pdf',
    business: ['ATTACHMENT_LIMIT'],
  },
  'GET /api/v1/requests/{id}/attachments/{attachmentId}': { who: 'staff', record: 'attachment', checks: REQUEST },

  // --- legal aid: the applicant ----------------------------------------------------------------------------
  'POST /api/v1/public/legal-aid/applications': {
    who: 'public',
    body: (c) => ({
      name: '矩阵申请人',
      phone: `1370002${String(c.unique()).padStart(4, '0')}`,
      regionCode: c.fx.villageA,
      description: '被拖欠工资，请求法律援助',
      applicantKind: 'self',
      matterCategory: 'labourRemuneration',
      aidForm: 'labourArbitration',
      monthlyIncome: 800,
      familyMembers: [],
      channel: 'web',
    }),
  },
  'GET /api/v1/public/legal-aid/standard': { who: 'public', query: (c) => ({ regionCode: c.fx.villageA! }) },
  'GET /api/v1/public/legal-aid/{trackingNo}': publicCitizen('aidTracking'),
  'POST /api/v1/public/legal-aid/{trackingNo}/objections': publicCitizen('aidTracking', {
    query: undefined,
    body: (c) => ({ phone: c.target!.phone!, grounds: '我认为符合法律援助条件，请求复查' }),
    // the fixture's objection is under review: one per decision (art. 49)
    business: ['AID_OBJECTION_NOT_ALLOWED', 'AID_OBJECTION_ALREADY_DECIDED'],
    noSuccess: 'the refused case carries the objection filed in the setup; a second is refused',
  }),

  // --- legal aid: the desks ----------------------------------------------------------------------------------
  'GET /api/v1/legal-aid/cases': {
    who: 'staff',
    // a desk without a legal aid post lists the applications it took down
    checks: [need('legalAid.review', 'legalAid.provide', 'legalAid.objection', 'requests.intake')],
    query: () => ({ queue: 'all', pageSize: '100' }),
    lists: ['aidCase', 'refusedCase'],
  },
  'POST /api/v1/legal-aid/cases': {
    who: 'staff',
    checks: [need('requests.intake')],
    body: (c) => ({
      name: '矩阵窗口申请人',
      phone: `1370003${String(c.unique()).padStart(4, '0')}`,
      regionCode: c.fx.villageA,
      description: '工伤赔偿纠纷，请求法律援助',
      applicantKind: 'self',
      matterCategory: 'labourRemuneration',
      aidForm: 'labourArbitration',
      monthlyIncome: 800,
      familyMembers: [],
      channel: 'walk_in',
    }),
  },
  'GET /api/v1/legal-aid/cases/{id}': { who: 'staff', record: 'aidCase', checks: AID_CASE },
  'POST /api/v1/legal-aid/cases/{id}/first-review': aidStep(() => ({ opinion: 'recommendGrant', note: '材料齐全，建议给予援助' })),
  'POST /api/v1/legal-aid/cases/{id}/request-materials': aidStep(() => ({ items: ['收入证明'], note: '请补充' })),
  'POST /api/v1/legal-aid/cases/{id}/materials-received': aidStep(() => ({ note: '已补齐' })),
  'POST /api/v1/legal-aid/cases/{id}/withdraw': aidStep(() => ({ reason: '申请人书面撤回申请' }), 'review'),
  'POST /api/v1/legal-aid/cases/{id}/reassess': aidStep(() => ({ monthlyFamilyIncome: 800, familySize: 1, note: '核实收入' })),
  'POST /api/v1/legal-aid/cases/{id}/early-aid': aidStep(() => ({ note: '时效即将届满' })),
  'POST /api/v1/legal-aid/cases/{id}/decide': aidStep(() => ({ decision: 'grant', reason: '符合法律援助条件' })),
  'POST /api/v1/legal-aid/cases/{id}/assign': aidStep((c) => ({ providerId: c.fx.providerId, note: '指派' })),
  'POST /api/v1/legal-aid/cases/{id}/change-provider': aidStep((c) => ({ providerId: c.fx.otherProviderId, reason: '受援人要求更换' })),
  'POST /api/v1/legal-aid/cases/{id}/progress': aidStep(() => ({ note: '已会见受援人' })),
  'POST /api/v1/legal-aid/cases/{id}/terminate': aidStep(() => ({ reason: '受援人不再符合条件' }), 'granted'),
  // the date the applicant signed for the refusal letter (第四十九条: a provincial period for objecting runs from it)
  'POST /api/v1/legal-aid/cases/{id}/serve': {
    ...aidStep(() => ({ servedOn: new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10), note: '申请人签收' })),
    record: 'refusedCase',
  },
  'POST /api/v1/legal-aid/cases/{id}/close': aidStep(() => ({ outcome: '调解结案', report: '经调解双方达成协议，案件办结。' })),
  'POST /api/v1/legal-aid/cases/{id}/archive': aidStep(() => ({ checklist: [...ARCHIVE_CHECKLIST] })),
  'POST /api/v1/legal-aid/cases/{id}/follow-up': aidStep(() => ({ satisfied: true, note: '受援人表示满意' })),
  'POST /api/v1/legal-aid/cases/{id}/rate-quality': aidStep(() => ({ grade: 'qualified', note: '案卷完整' })),
  // the pool is read by reviewers and administrators: the bureau (legalAid.objection) sees the case, not the pool
  'GET /api/v1/legal-aid/cases/{id}/suggestions': {
    who: 'staff',
    record: 'aidCase',
    checks: [...AID_CASE, need('legalAid.review', 'org.manage')],
  },
  'POST /api/v1/legal-aid/cases/{id}/reveal-phone': { who: 'staff', record: 'aidCase', checks: AID_CASE },
  'POST /api/v1/legal-aid/cases/{id}/reveal-proxy-phone': { who: 'staff', record: 'aidCase', checks: AID_CASE },
  'POST /api/v1/legal-aid/cases/{id}/objections': {
    who: 'staff',
    record: 'refusedCase',
    checks: [need('legalAid.review'), ...AID_CASE],
    body: () => ({ grounds: '申请人到窗口对不予援助的决定提出异议' }),
    business: ['AID_OBJECTION_NOT_ALLOWED', 'AID_OBJECTION_ALREADY_DECIDED', 'AID_OBJECTION_PERIOD_OVER'],
    noSuccess: 'the refused case carries the objection filed in the setup; a second is refused',
  },
  'GET /api/v1/legal-aid/objections': {
    who: 'staff',
    checks: [need('legalAid.objection')],
    query: () => ({ pageSize: '100' }),
    lists: ['objection', 'refusedCase'],
  },
  'POST /api/v1/legal-aid/objections/{id}/decision': {
    who: 'staff',
    record: 'objection',
    checks: [need('legalAid.objection'), 'scope'],
    body: () => ({ decision: 'uphold', reason: '原决定并无不当，予以维持' }),
    business: ['INVALID_TRANSITION', 'VERSION_CONFLICT'],
  },
  'GET /api/v1/legal-aid/cases/{id}/documents/{kind}': {
    who: 'staff',
    record: 'aidCase',
    params: { kind: 'application' },
    checks: AID_CASE,
    business: ['INVALID_TRANSITION'],
  },
  'GET /api/v1/legal-aid/providers': { who: 'staff', checks: [need('legalAid.review', 'org.manage')], lists: ['provider'] },
  'POST /api/v1/legal-aid/providers': {
    who: 'staff',
    checks: [need('org.manage'), 'county'],
    body: (c) => ({ name: `矩阵律师${c.unique()}`, kind: 'lawyer', matterCategories: ['labourRemuneration'] }),
  },
  'PATCH /api/v1/legal-aid/providers/{id}': {
    who: 'staff',
    record: 'provider',
    checks: [need('org.manage'), 'county', 'scope'],
    body: () => ({ maxLoad: 9 }),
    business: ['VERSION_CONFLICT'],
  },
  'GET /api/v1/legal-aid/standards': {
    who: 'staff',
    checks: [need('legalAid.review', 'org.manage', 'legalAid.objection')],
    lists: ['standard'],
  },
  'POST /api/v1/legal-aid/standards': {
    who: 'staff',
    checks: [need('org.manage'), 'county'],
    body: (c) => ({ regionCode: '411522', basis: 'perCapitaIncome', amount: 2000, effectiveFrom: day(400 + c.unique()) }),
    business: ['AID_STANDARD_INVALID'],
  },
  'PATCH /api/v1/legal-aid/standards/{id}': {
    who: 'staff',
    record: 'standard',
    checks: [need('org.manage'), 'county', 'scope'],
    body: (c) => {
      const d = c.target!.data as { effectiveTo: string | null; note: string; amount: number };
      return { expected: { effectiveTo: d.effectiveTo, note: d.note, amount: d.amount }, note: d.note };
    },
    business: ['VERSION_CONFLICT'],
  },
  'DELETE /api/v1/legal-aid/standards/{id}': {
    who: 'staff',
    record: 'standard',
    checks: [need('org.manage'), 'county', 'scope'],
    fresh: true,
  },
  'GET /api/v1/legal-aid/settings': { who: 'staff', checks: [need('legalAid.review', 'org.manage', 'legalAid.objection')] },
  'PATCH /api/v1/legal-aid/settings': {
    who: 'staff',
    checks: [need('org.manage'), 'county'],
    body: async (c) => ({ version: ((await c.adminGet('/api/v1/legal-aid/settings')) as { version: number }).version }),
    business: ['VERSION_CONFLICT'],
  },

  // --- knowledge -------------------------------------------------------------------------------------------
  'GET /api/v1/knowledge/search': { who: 'public', query: () => ({ q: '劳动合同' }) },
  'GET /api/v1/knowledge/consult': { who: 'public', query: () => ({ q: '老板拖欠工资怎么办' }) },
  'GET /api/v1/knowledge/laws': { who: 'public' },
  'GET /api/v1/knowledge/laws/{id}': { who: 'public', record: 'law' },
  'GET /api/v1/knowledge/articles/{id}': { who: 'public', record: 'article' },
  'GET /api/v1/knowledge/entries/{id}': { who: 'public', record: 'entry' },
  'GET /api/v1/knowledge/admin/entries': { who: 'staff', checks: [need('knowledge.edit', 'knowledge.publish')] },
  'POST /api/v1/knowledge/admin/entries': {
    who: 'staff',
    checks: [need('knowledge.edit', 'knowledge.publish')],
    body: (c) => ({ kind: 'qa', title: `试用期可以随时辞退吗（${c.unique()}）`, body: '试用期内用人单位解除劳动合同须有法定理由。' }),
  },
  'GET /api/v1/knowledge/admin/entries/{id}': { who: 'staff', record: 'kbEntry', checks: [need('knowledge.edit', 'knowledge.publish')] },
  'PATCH /api/v1/knowledge/admin/entries/{id}': {
    who: 'staff',
    record: 'kbEntry',
    checks: [need('knowledge.edit', 'knowledge.publish')],
    body: () => ({ title: '试用期内可以随时辞退吗' }),
    business: KB_STEP,
  },
  'POST /api/v1/knowledge/admin/entries/{id}/submit': kbMove,
  // publishing and withdrawing need knowledge.publish (entries.service move names the permission)
  'POST /api/v1/knowledge/admin/entries/{id}/publish': { ...kbMove, checks: [need('knowledge.publish')], business: KB_STEP },
  'POST /api/v1/knowledge/admin/entries/{id}/archive': { ...kbMove, checks: [need('knowledge.publish')], business: KB_STEP },
  'POST /api/v1/requests/{id}/knowledge-draft': {
    who: 'staff',
    record: 'consultation',
    checks: [need('knowledge.edit'), ...REQUEST],
    business: ['DUPLICATE', 'KB_CONSULTATION_NOT_ANSWERED'],
  },

  // --- online consultation ---------------------------------------------------------------------------------
  'GET /api/v1/public/requests/{trackingNo}/messages': publicCitizen('consultationTracking'),
  'POST /api/v1/public/requests/{trackingNo}/messages': publicCitizen('consultationTracking', {
    query: undefined,
    body: (c) => ({ phone: c.target!.phone!, body: '请问还需要准备什么材料？' }),
    business: ['FOLLOW_UP_CLOSED'],
  }),
  'GET /api/v1/requests/{id}/messages': { who: 'staff', record: 'consultation', checks: REQUEST },
  // the lawyer who answered it writes again, and supervisors
  'POST /api/v1/requests/{id}/messages': {
    who: 'staff',
    record: 'consultation',
    checks: [need('requests.handle'), ...REQUEST],
    body: () => ({ body: '需要准备劳动合同和工资条。' }),
    business: ['FORBIDDEN', 'FOLLOW_UP_CLOSED'],
  },

  // --- 12348 hotline (the county center's line) ------------------------------------------------------------
  'GET /api/v1/hotline/roster': {
    who: 'staff',
    checks: [HOTLINE, 'county'],
    query: () => ({ from: day(0), to: day(6) }),
    lists: ['roster'],
  },
  'POST /api/v1/hotline/roster': {
    who: 'staff',
    checks: [need('hotline.manage'), 'county'],
    body: (c) => ({ day: day(30 + c.unique()), shift: 'am', staffId: c.fx.lawyerId }),
  },
  'GET /api/v1/hotline/staff': { who: 'staff', checks: [HOTLINE, 'county'] },
  'DELETE /api/v1/hotline/roster/{id}': {
    who: 'staff',
    record: 'roster',
    checks: [need('hotline.manage'), 'county', 'scope'],
    fresh: true,
  },
  // the lawyer on the shift asks (or a manager): roster.service requestSwap
  'POST /api/v1/hotline/roster/{id}/swaps': {
    who: 'staff',
    record: 'roster',
    checks: ['county', 'scope'],
    body: (c) => ({ toStaffId: c.fx.consultId, reason: '家中有事，请求换班' }),
    business: ['FORBIDDEN', 'HOTLINE_SWAP_INVALID'],
  },
  // the colleague asked answers; the one who asked (or a manager) withdraws
  'POST /api/v1/hotline/swaps/{id}/accept': {
    who: 'staff',
    record: 'swap',
    checks: ['county', 'scope'],
    fresh: true,
    business: ['FORBIDDEN', 'HOTLINE_SWAP_INVALID', 'HOTLINE_ROSTER_CONFLICT'],
  },
  'POST /api/v1/hotline/swaps/{id}/decline': {
    who: 'staff',
    record: 'swap',
    checks: ['county', 'scope'],
    fresh: true,
    business: ['FORBIDDEN', 'HOTLINE_SWAP_INVALID'],
  },
  'POST /api/v1/hotline/swaps/{id}/cancel': {
    who: 'staff',
    record: 'swap',
    checks: ['county', 'scope'],
    fresh: true,
    business: ['FORBIDDEN', 'HOTLINE_SWAP_INVALID'],
  },
  'GET /api/v1/hotline/calls': {
    who: 'staff',
    checks: [HOTLINE, 'county'],
    query: () => ({ from: daysFromNow(-2), to: daysFromNow(2), pageSize: '100' }),
    lists: ['call'],
  },
  'POST /api/v1/hotline/calls': {
    who: 'staff',
    checks: [need('hotline.answer'), 'county'],
    body: () => ({ startedAt: new Date().toISOString(), summary: '咨询劳动争议' }),
  },
  'GET /api/v1/hotline/calls/{id}': { who: 'staff', record: 'call', checks: [HOTLINE, 'county', 'scope'] },
  // whoever completes an unassigned call takes it (then a lawyer sees only their own): a call of its own per cell
  'PATCH /api/v1/hotline/calls/{id}': {
    who: 'staff',
    record: 'call',
    fresh: true,
    checks: [need('hotline.answer'), 'county', 'scope'],
    body: () => ({ summary: '咨询拖欠工资', answer: '告知可申请劳动仲裁', outcome: 'answered' }),
    business: ['VERSION_CONFLICT'],
  },
  'POST /api/v1/hotline/calls/{id}/request': {
    who: 'staff',
    record: 'call',
    fresh: true,
    checks: [need('hotline.answer'), 'county', 'scope'],
    body: (c) => ({
      serviceItem: 'consultation',
      name: '来电群众',
      phone: '13700049999',
      regionCode: c.fx.villageA,
      description: '来电咨询拖欠工资，需进一步解答',
    }),
    business: ['VERSION_CONFLICT'],
  },
  'GET /api/v1/hotline/figures': {
    who: 'staff',
    checks: [need('hotline.manage'), 'county'],
    query: () => ({ month: today().slice(0, 7) }),
  },
  'POST /api/v1/hotline/events': {
    who: 'signature',
    body: (c) => ({ type: 'call.started', callId: `mx-${c.unique()}`, at: new Date().toISOString() }),
  },

  // --- notices and feedback --------------------------------------------------------------------------------
  'GET /api/v1/notifications': { who: 'staff', query: () => ({ limit: '100' }), lists: ['notification'] },
  'POST /api/v1/notifications/{id}/read': { who: 'staff', record: 'notification', checks: ['scope'] },
  // whether the county texts its staff their notices: the county's administrators (notify/settings.service.ts)
  'GET /api/v1/notification-settings': { who: 'staff', checks: [need('org.manage'), 'county'] },
  'PUT /api/v1/notification-settings': {
    who: 'staff',
    checks: [need('org.manage'), 'county'],
    body: async (c) => {
      const now = (await c.adminGet('/api/v1/notification-settings')) as { staffSms: boolean; kinds: string[]; version: number };
      return { staffSms: now.staffSms, kinds: now.kinds, version: now.version };
    },
    business: ['VERSION_CONFLICT'],
  },
  'GET /api/v1/rectifications': { who: 'staff', checks: [need('org.read')], lists: ['rectification', 'consultation'] },
  'POST /api/v1/rectifications/{id}/complete': {
    who: 'staff',
    record: 'rectification',
    checks: [need('requests.handle'), 'scope'],
    body: () => ({ measures: '已对窗口人员开展服务规范培训' }),
    business: ['INVALID_TRANSITION'],
  },
  'GET /api/v1/follow-up-calls': { who: 'staff', checks: [need('org.read')], lists: ['followUp', 'consultation'] },
  'POST /api/v1/follow-up-calls/{id}': {
    who: 'staff',
    record: 'followUp',
    checks: [need('requests.handle'), 'scope'],
    body: () => ({ outcome: 'reached', satisfied: true, note: '群众表示满意' }),
  },
  // --- privacy (个人信息保护法): the county's personal information handler --------------------------------------
  'GET /api/v1/privacy/retention': { who: 'staff', checks: [need('privacy.manage'), PRIVACY_COUNTY] },
  'PUT /api/v1/privacy/retention/{recordType}': {
    who: 'staff',
    params: { recordType: 'request' },
    checks: [need('privacy.manage'), PRIVACY_COUNTY],
    body: async (c) => {
      const now = (await c.adminGet('/api/v1/privacy/retention')) as { items: { recordType: string; version: number; months: number }[] };
      const item = now.items.find((i) => i.recordType === 'request')!;
      return { months: item.months, version: item.version };
    },
    business: ['VERSION_CONFLICT'],
  },
  'GET /api/v1/privacy/keys': { who: 'staff', checks: [need('privacy.manage'), PRIVACY_COUNTY] },
  'POST /api/v1/privacy/citizen-export': {
    who: 'staff',
    checks: [need('privacy.manage'), PRIVACY_COUNTY],
    body: () => ({ phone: '13700049999', reason: '本人到窗口申请查阅复制', format: 'json' }),
  },
  'GET /api/v1/evaluations/stats': { who: 'staff', checks: [need('org.read')], query: () => ({ by: 'site' }), lists: ['ratedSite'] },

  // --- the home page's to-do list: anyone signed in, about themselves --------------------------------------
  'GET /api/v1/me/todo': { who: 'staff' },

  // --- 导出 Excel: each list's export calls the list's own service, so it has the list's checks. `lists` names the
  // fixtures whose markers a sheet shows (formatted tracking numbers, usernames, audited ids); the others are
  // checked for scope in test/api/list-exports.test.ts
  'GET /api/v1/legal-aid/cases/export': {
    who: 'staff',
    checks: [need('legalAid.review', 'legalAid.provide', 'legalAid.objection', 'requests.intake')],
    query: () => ({ queue: 'all' }),
    lists: ['aidCase', 'refusedCase'],
  },
  // the matrix decides the fixture's objection in another cell: which tab holds it depends on the order
  'GET /api/v1/legal-aid/objections/export': { who: 'staff', checks: [need('legalAid.objection')] },
  'GET /api/v1/legal-aid/providers/export': {
    who: 'staff',
    checks: [need('legalAid.review', 'org.manage')],
    query: () => ({ active: 'all' }),
  },
  'GET /api/v1/hotline/calls/export': {
    who: 'staff',
    checks: [HOTLINE, 'county'],
    query: () => ({ from: daysFromNow(-2), to: daysFromNow(2) }),
  },
  'GET /api/v1/sites/export': { who: 'staff', checks: [need('org.read')] },
  'GET /api/v1/staff/export': { who: 'staff', checks: [need('org.read')], lists: ['staff'] },
  'GET /api/v1/audit/export': {
    who: 'staff',
    checks: [need('audit.read')],
    lists: ['request', 'consultation', 'staff', 'site', 'aidCase', 'refusedCase', 'supervision', 'provider', 'standard'],
    partialList: true,
  },
  'GET /api/v1/rectifications/export': { who: 'staff', checks: [need('org.read')], lists: ['consultation'] },
  'GET /api/v1/follow-up-calls/export': { who: 'staff', checks: [need('org.read')], lists: ['consultation'] },
  'GET /api/v1/evaluations/stats/export': { who: 'staff', checks: [need('org.read')], query: () => ({ by: 'site' }) },
  'GET /api/v1/knowledge/admin/entries/export': { who: 'staff', checks: [need('knowledge.edit', 'knowledge.publish')] },
  'GET /api/v1/service-items/export': { who: 'staff', checks: [need('org.read')] },
};
