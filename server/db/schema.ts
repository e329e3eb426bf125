import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** a timestamp the database fills in (now()) unless given */
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string | undefined | null, string | null>;

export type RegionLevel = 'county' | 'town' | 'village';
export type SiteKind = 'center' | 'station' | 'room';

export interface RegionsTable {
  code: string;
  name: string;
  short_name: string;
  level: RegionLevel;
  type: Generated<string>;
  parent_code: string | null;
  sort: Generated<number>;
  updated_at: DefaultTimestamp;
}

export interface SitesTable {
  id: Generated<string>;
  kind: SiteKind;
  name: string;
  region_code: string;
  address: Generated<string>;
  opening_hours: Generated<string>;
  phone: Generated<string>;
  latitude: number | null;
  longitude: number | null;
  facilities: Generated<string[]>;
  description: Generated<string>;
  is_public: Generated<boolean>;
  version: Generated<number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface StaffTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  phone: Generated<string>;
  site_id: string;
  posts: string[];
  status: Generated<'active' | 'disabled'>;
  password_hash: string;
  must_change_password: Generated<boolean>;
  password_changed_at: DefaultTimestamp;
  failed_logins: Generated<number>;
  locked_until: Timestamp | null;
  last_login_at: Timestamp | null;
  version: Generated<number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface SessionsTable {
  id: string;
  staff_id: string;
  csrf_token: string;
  ip: Generated<string>;
  user_agent: Generated<string>;
  created_at: DefaultTimestamp;
  last_seen_at: DefaultTimestamp;
  expires_at: Timestamp;
}

export interface RateLimitsTable {
  key: string;
  window_start: Timestamp;
  hits: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: DefaultTimestamp;
  actor_id: string | null;
  actor_username: Generated<string>;
  action: string;
  entity_type: string;
  entity_id: Generated<string>;
  region_code: string | null;
  before: Json;
  after: Json;
  ip: Generated<string>;
  request_id: Generated<string>;
}

export type CalendarDayKind = 'holiday' | 'workday';

export interface CalendarDaysTable {
  /** PGlite reads a date as a Date, pg as a string: select it with to_char(date, 'YYYY-MM-DD') */
  date: ColumnType<Date | string, string, string>;
  kind: CalendarDayKind;
  name: Generated<string>;
  /** 'chinese-days@<version>' or 'admin' */
  source: string;
  updated_at: DefaultTimestamp;
  updated_by: string | null;
}

/** jsonb written as JSON text, read back parsed */
type JsonOf<T> = ColumnType<T, string, string>;

export interface ServiceItemsTable {
  code: string;
  name: string;
  category: 'basic' | 'extended';
  summary: Generated<string>;
  guide: JsonOf<unknown>;
  levels: string[];
  channels: string[];
  handling_unit: Generated<string>;
  time_limit: JsonOf<unknown>;
  active: Generated<boolean>;
  sort: Generated<number>;
  version: Generated<number>;
  updated_at: DefaultTimestamp;
}

export interface RoutingRulesTable {
  id: Generated<string>;
  service_item: string;
  region_level: RegionLevel;
  handler_level: RegionLevel;
  handler_post: string;
}

export type RequestStatus = 'submitted' | 'dispatched' | 'accepted' | 'awaitingMaterials' | 'concluded' | 'withdrawn';

export interface ServiceRequestsTable {
  id: Generated<string>;
  tracking_no: string;
  county_code: string;
  service_item: string;
  channel: string;
  status: RequestStatus;
  requester_name: string;
  /** null once anonymised (0008) */
  requester_phone_enc: string | null;
  /** null once anonymised (0008) */
  requester_phone_hash: string | null;
  requester_phone_masked: string;
  requester_id_enc: string | null;
  requester_id_masked: string | null;
  /** 0008: HMAC of the normalised ID number */
  requester_id_hash: ColumnType<string | null, string | null | undefined, string | null>;
  requester_address_enc: string | null;
  region_code: string;
  description: string;
  received_site_id: string | null;
  received_region_code: string | null;
  received_by: string | null;
  owner_id: string | null;
  handler_site_id: string | null;
  handler_region_code: string | null;
  handler_post: string | null;
  handler_id: string | null;
  time_limit: JsonOf<unknown>;
  started_at: DefaultTimestamp;
  due_at: Timestamp | null;
  due_state: Generated<'normal' | 'dueSoon' | 'overdue'>;
  pauses: ColumnType<unknown, string | undefined, string>;
  missing_materials: ColumnType<unknown, string | null | undefined, string | null>;
  result: string | null;
  dispatched_at: Timestamp | null;
  accepted_at: Timestamp | null;
  concluded_at: Timestamp | null;
  version: Generated<number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
  /** 0008: when the retention sweep anonymised it */
  anonymised_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface RequestEventsTable {
  id: Generated<number>;
  request_id: string;
  at: DefaultTimestamp;
  actor_id: string | null;
  actor_name: Generated<string>;
  type: string;
  from_status: string | null;
  to_status: string | null;
  note: Generated<string>;
  data: ColumnType<unknown, string | null | undefined, string | null>;
  public: Generated<boolean>;
}

export interface EvaluationsTable {
  request_id: string;
  grade: number;
  attitude: number;
  efficiency: number;
  competence: number;
  comment: Generated<string>;
  handler_id: string | null;
  handler_site_id: string | null;
  created_at: DefaultTimestamp;
}

export interface SupervisionOrdersTable {
  id: Generated<string>;
  request_id: string;
  issued_by: string;
  instruction: string;
  due_at: Timestamp;
  status: Generated<'open' | 'replied' | 'closed'>;
  reply: string | null;
  replied_by: string | null;
  replied_at: Timestamp | null;
  created_at: DefaultTimestamp;
}

export interface NotificationsTable {
  id: Generated<number>;
  staff_id: string;
  request_id: string | null;
  kind: string;
  dedupe_key: string;
  title: string;
  body: Generated<string>;
  created_at: DefaultTimestamp;
  read_at: Timestamp | null;
  /** 0009: the menu it is counted under, and the record it opens */
  category: Generated<'requests' | 'consultation' | 'supervision' | 'legalAid' | 'hotline' | 'feedback' | 'other'>;
  entity_type: 'serviceRequest' | 'aidCase' | 'hotlineSwap' | null;
  entity_id: string | null;
}

/** 0009: a county's choice to text its staff their notices as well */
export interface NotifySettingsTable {
  county_code: string;
  staff_sms: Generated<boolean>;
  kinds: ColumnType<string[], string[] | undefined, string[]>;
  version: Generated<number>;
  updated_by: string | null;
  updated_at: DefaultTimestamp;
}

export interface OutboxTable {
  id: Generated<number>;
  request_id: string | null;
  channel: 'sms' | 'webhook' | 'console';
  recipient_enc: string | null;
  template: string;
  payload: JsonOf<unknown>;
  status: Generated<'pending' | 'sent' | 'failed'>;
  attempts: Generated<number>;
  next_attempt_at: DefaultTimestamp;
  locked_until: Timestamp | null;
  last_error: string | null;
  provider_id: string | null;
  sent_at: Timestamp | null;
  created_at: DefaultTimestamp;
  /** 0009: a text to a staff member, sent to their phone of the moment */
  recipient_staff_id: string | null;
}

export interface RectificationsTable {
  id: Generated<string>;
  request_id: string;
  site_id: string | null;
  staff_id: string | null;
  due_at: Timestamp;
  status: Generated<'open' | 'done'>;
  measures: string | null;
  done_by: string | null;
  done_at: Timestamp | null;
  created_at: DefaultTimestamp;
}

export interface FollowUpCallsTable {
  id: Generated<string>;
  request_id: string;
  called_by: string | null;
  called_at: Timestamp | null;
  outcome: 'reached' | 'unreachable' | 'declined' | null;
  satisfied: boolean | null;
  note: Generated<string>;
  status: Generated<'planned' | 'done'>;
  created_at: DefaultTimestamp;
}

export interface RequestAttachmentsTable {
  id: Generated<string>;
  request_id: string;
  filename: string;
  content_type: string;
  size: number;
  sha256: string;
  data: Uint8Array;
  uploaded_by: string | null;
  by_citizen: Generated<boolean>;
  created_at: DefaultTimestamp;
  /** 0008: when the retention sweep deleted its bytes */
  purged_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface DB {
  regions: RegionsTable;
  sites: SitesTable;
  staff: StaffTable;
  sessions: SessionsTable;
  rate_limits: RateLimitsTable;
  audit_log: AuditLogTable;
  calendar_days: CalendarDaysTable;
  service_items: ServiceItemsTable;
  routing_rules: RoutingRulesTable;
  service_requests: ServiceRequestsTable;
  request_events: RequestEventsTable;
  evaluations: EvaluationsTable;
  supervision_orders: SupervisionOrdersTable;
  notifications: NotificationsTable;
  notify_settings: NotifySettingsTable;
  outbox: OutboxTable;
  rectifications: RectificationsTable;
  follow_up_calls: FollowUpCallsTable;
  request_attachments: RequestAttachmentsTable;
  aid_hardship_standards: AidHardshipStandardsTable;
  aid_settings: AidSettingsTable;
  aid_providers: AidProvidersTable;
  aid_case_numbers: AidCaseNumbersTable;
  aid_cases: AidCasesTable;
  aid_objections: AidObjectionsTable;
  laws: LawsTable;
  law_articles: LawArticlesTable;
  law_article_versions: LawArticleVersionsTable;
  kb_entries: KbEntriesTable;
  kb_entry_refs: KbEntryRefsTable;
  kb_docs: KbDocsTable;
  consultation_messages: ConsultationMessagesTable;
  hotline_roster: HotlineRosterTable;
  hotline_swaps: HotlineSwapsTable;
  hotline_calls: HotlineCallsTable;
  kb_postings: KbPostingsTable;
  privacy_retention: PrivacyRetentionTable;
}

export interface AidHardshipStandardsTable {
  id: Generated<string>;
  region_code: string;
  basis: 'perCapitaIncome' | 'multipleOfBase';
  /** numeric: pg gives a string */
  amount: ColumnType<string, string | number, string | number>;
  base_name: 'minimumLivingStandard' | 'minimumWage' | null;
  multiple: ColumnType<string | null, string | number | null, string | number | null>;
  effective_from: string;
  effective_to: string | null;
  note: Generated<string>;
  created_by: string | null;
  created_at: DefaultTimestamp;
}

export interface AidSettingsTable {
  county_code: string;
  materials_days: Generated<number>;
  /** 0012: null when no provincial rule sets a period for objecting (法律援助法 第四十九条 sets none) */
  objection_days: ColumnType<number | null, number | null | undefined, number | null>;
  assignment_policy: ColumnType<unknown, string | undefined, string>;
  objection_policy: ColumnType<unknown, string | undefined, string>;
  pledge_allowed: Generated<boolean>;
  version: Generated<number>;
  updated_at: DefaultTimestamp;
  /** 0006 */
  first_review_policy: ColumnType<unknown, string | undefined, string>;
  /** 0012: the provincial rule a period for objecting rests on */
  objection_basis: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface AidProvidersTable {
  id: Generated<string>;
  county_code: string;
  staff_id: string | null;
  name: string;
  kind: 'lawyer' | 'grassrootsWorker' | 'aidStaff';
  organisation: Generated<string>;
  phone: Generated<string>;
  matter_categories: ColumnType<string[], string[] | undefined, string[]>;
  max_load: Generated<number>;
  prior_clients: ColumnType<string[], string[] | undefined, string[]>;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface AidCaseNumbersTable {
  county_code: string;
  year: number;
  last: number;
}

export type AidStage =
  'firstReview' | 'review' | 'awaitingMaterials' | 'granted' | 'refused' | 'assigned' | 'closed' | 'terminated' | 'archived' | 'withdrawn';

export interface AidCasesTable {
  id: Generated<string>;
  request_id: string;
  case_no: string | null;
  county_code: string;
  region_code: string;
  stage: AidStage;
  stage_before: AidStage | null;
  applicant_kind: 'self' | 'guardian' | 'relativeOfDetained' | 'agent';
  proxy_name: string | null;
  proxy_relation: string | null;
  proxy_phone_enc: string | null;
  proxy_phone_masked: string | null;
  /** 0006 */
  proxy_phone_hash: string | null;
  first_review_due_at: Timestamp | null;
  matter_category: string;
  aid_form: string;
  matter_summary: string;
  opposing_party: string | null;
  has_agent: Generated<boolean>;
  family_size: number;
  family_members: Json;
  monthly_family_income: ColumnType<string | null, string | number | null, string | number | null>;
  no_means_test: string | null;
  exemption: string | null;
  exemption_proof: Generated<boolean>;
  pledge: Generated<boolean>;
  limitation_expires_on: string | null;
  eligibility: ColumnType<unknown, string, string>;
  override_reason: string | null;
  first_review: Json;
  received_at: Timestamp | null;
  decision_pauses: ColumnType<unknown, string | undefined, string>;
  decision_due_at: Timestamp | null;
  missing_materials: Json;
  materials_due_at: Timestamp | null;
  early_aid: string | null;
  early_aid_at: Timestamp | null;
  decision: 'grant' | 'refuse' | null;
  decision_reason: string | null;
  decided_at: Timestamp | null;
  decided_by: string | null;
  assignment_due_at: Timestamp | null;
  provider_id: string | null;
  assigned_at: Timestamp | null;
  conflict_override: string | null;
  termination_ground: string | null;
  termination_reason: string | null;
  terminated_at: Timestamp | null;
  /** 0012: when the applicant received the refusal or termination letter (a period for objecting runs from it) */
  decision_served_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  closing_outcome: string | null;
  closing_report: string | null;
  closed_at: Timestamp | null;
  archive_checklist: Json;
  archived_at: Timestamp | null;
  follow_up: Json;
  quality: Json;
  version: Generated<number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
  /** 0008 */
  anonymised_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface AidObjectionsTable {
  id: Generated<string>;
  case_id: string;
  against: 'refusal' | 'termination';
  grounds: string;
  filed_via: 'portal' | 'desk';
  filed_at: DefaultTimestamp;
  due_at: Timestamp;
  decision: 'uphold' | 'correct' | null;
  decision_reason: string | null;
  decided_at: Timestamp | null;
  decided_by: string | null;
  version: Generated<number>;
  /** 0006: the decided_at / terminated_at of the decision objected to */
  against_at: Timestamp | null;
}

export type LawCategory = '法律' | '行政法规' | '司法解释' | '地方性法规' | '部门规章' | '其他';

export interface LawsTable {
  id: Generated<number>;
  name: string;
  category: LawCategory;
  version: string;
  source: Generated<string>;
  article_count: Generated<number>;
  updated_at: Generated<Date>;
}

export interface LawArticlesTable {
  id: Generated<number>;
  law_id: number;
  article: string;
  number: number;
  sub: number | null;
  part: Generated<string>;
  chapter: Generated<string>;
  section: Generated<string>;
  text: string;
  version: string;
  seq: number;
  repealed: Generated<boolean>;
}

export interface LawArticleVersionsTable {
  article_id: number;
  version: string;
  text: string;
  replaced_at: Generated<Date>;
}

export type KbKind = 'qa' | 'guide';
export type KbStatus = 'draft' | 'review' | 'published' | 'restricted' | 'archived';
export type KbOrigin = 'imported' | 'staff' | 'consultation' | 'evaluation';

export interface KbEntriesTable {
  id: Generated<number>;
  kind: KbKind;
  external_id: string | null;
  title: string;
  body: string;
  answer_by: Generated<string>;
  license: Generated<string>;
  source: Generated<string>;
  origin: KbOrigin;
  status: KbStatus;
  service_item: string | null;
  created_by: string | null;
  reviewed_by: string | null;
  published_at: Date | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  /** 0007: the consultation it was drafted from */
  from_request_id: string | null;
}

export interface KbEntryRefsTable {
  entry_id: number;
  article_id: number;
}

export type KbDocKind = 'article' | 'article_bigram' | 'qa' | 'guide';

export interface KbDocsTable {
  id: Generated<number>;
  kind: KbDocKind;
  source_id: number;
  length: number;
  visible: boolean;
}

export interface KbPostingsTable {
  kind: string;
  term: string;
  doc_id: number;
  tf: number;
}

export interface ConsultationMessagesTable {
  id: Generated<number>;
  request_id: string;
  author: 'citizen' | 'staff';
  staff_id: string | null;
  body: string;
  created_at: Generated<Date>;
  /** 0008 */
  anonymised_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export type HotlineShift = 'am' | 'pm';

export interface HotlineRosterTable {
  id: Generated<number>;
  county_code: string;
  day: string;
  shift: HotlineShift;
  staff_id: string;
  created_at: Generated<Date>;
}

export interface HotlineSwapsTable {
  id: Generated<number>;
  roster_id: number;
  from_staff_id: string;
  to_staff_id: string;
  reason: Generated<string>;
  status: Generated<'requested' | 'accepted' | 'declined' | 'cancelled'>;
  decided_at: Date | null;
  created_at: Generated<Date>;
}

export type CallOutcome = 'answered' | 'transferred' | 'request' | 'missed' | 'abandoned';

export interface HotlineCallsTable {
  id: Generated<number>;
  county_code: string;
  external_id: string | null;
  started_at: Date;
  ended_at: Date | null;
  duration_seconds: number | null;
  caller_phone_enc: string | null;
  caller_phone_masked: Generated<string>;
  caller_phone_hash: string | null;
  staff_id: string | null;
  category: string | null;
  summary: Generated<string>;
  answer: Generated<string>;
  outcome: CallOutcome | null;
  transferred_to: string | null;
  request_id: string | null;
  satisfaction: number | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  /** 0008 */
  anonymised_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/** 0008: a county's own retention period for a record type (server/modules/privacy/retention.ts) */
export interface PrivacyRetentionTable {
  county_code: string;
  record_type: string;
  months: number;
  version: Generated<number>;
  updated_by: string | null;
  updated_at: DefaultTimestamp;
}
