/**
 * The shapes the API answers, as the web app reads them. They are written out here so that the browser
 * bundles never import server code; `api-contract.ts` checks at compile time that they still match the
 * server's schemas.
 */
import type {
  Channel,
  Facility,
  Post,
  PublicChannel,
  Queue,
  RegionLevel,
  RequestAction,
  RequestStatus,
  SiteKind,
  SiteLevel,
} from '../labels.js';

export type { Channel, PublicChannel, Queue, RequestAction, RequestStatus, SiteLevel };

export type Permission =
  | 'org.read'
  | 'org.manage'
  | 'audit.read'
  | 'personal.reveal'
  | 'requests.intake'
  | 'requests.handle'
  | 'requests.supervise'
  | 'legalAid.review'
  | 'legalAid.provide'
  | 'legalAid.objection'
  | 'knowledge.edit'
  | 'knowledge.publish'
  | 'hotline.answer'
  | 'hotline.manage'
  | 'privacy.manage';

export interface Page<T> {
  items: T[];
  total: number;
}

export interface Me {
  id: string;
  username: string;
  displayName: string;
  siteId: string;
  siteName: string;
  siteKind: SiteKind;
  regionCode: string;
  posts: Post[];
  permissions: Permission[];
  mustChangePassword: boolean;
  csrfToken: string;
}

export interface RegionNode {
  code: string;
  fullCode: string;
  name: string;
  shortName: string;
  level: RegionLevel;
  type: string;
  parentCode: string | null;
  children: RegionNode[];
}

export type RegionFlat = Omit<RegionNode, 'children'>;

export interface RegionDetail extends RegionFlat {
  parent: RegionFlat | null;
  children: RegionFlat[];
}

export interface Site {
  id: string;
  name: string;
  kind: SiteKind;
  regionCode: string;
  regionName: string;
  townName: string | null;
  address: string;
  openingHours: string;
  /** the site's own phone, as staff edit it */
  phone: string;
  /** the number the portal gives: its own, else its village adviser's, its station's, the center's, or 12348 */
  contactPhone: { phone: string; source: 'site' | 'adviser' | 'station' | 'center' | 'hotline' };
  latitude: number | null;
  longitude: number | null;
  facilities: string[];
  description: string;
  isPublic: boolean;
  version: number;
}

/** A site a request can be sent to, with the posts its active staff really hold (GET /requests/dispatch-targets). */
export interface DispatchTarget {
  id: string;
  name: string;
  kind: SiteKind;
  regionCode: string;
  townName: string | null;
  posts: Post[];
  /** someone active there handles requests; a site without anyone cannot be sent anything */
  staffed: boolean;
}

export interface SitePatch {
  version: number;
  name?: string;
  address?: string;
  openingHours?: string;
  phone?: string;
  latitude?: number | null;
  longitude?: number | null;
  facilities?: Facility[];
  description?: string;
  isPublic?: boolean;
}

export type StaffStatus = 'active' | 'disabled';

export interface Staff {
  id: string;
  username: string;
  displayName: string;
  /** masked (138****5678) */
  phone: string;
  siteId: string;
  siteName: string;
  siteKind: SiteKind;
  regionCode: string;
  posts: Post[];
  permissions: string[];
  status: StaffStatus;
  mustChangePassword: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  version: number;
}

export interface StaffCreate {
  username: string;
  displayName: string;
  phone: string;
  siteId: string;
  posts: Post[];
}

export interface StaffPatch {
  version: number;
  displayName?: string;
  phone?: string;
  siteId?: string;
  posts?: Post[];
}

export interface StaffWithPassword {
  staff: Staff;
  temporaryPassword?: string;
}

export interface ImportedStaff {
  row: number;
  username: string;
  displayName: string;
  temporaryPassword: string;
}

export interface ImportProblem {
  row: number;
  field: string;
  problem: string;
  problemEn: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  actorId: string | null;
  actorUsername: string;
  action: string;
  entityType: string;
  entityId: string;
  regionCode: string | null;
  before: unknown;
  after: unknown;
  ip: string;
  requestId: string;
}

export interface AuditQuery {
  actor?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

// —— service catalogue, requests, supervision, notifications, calendar ——

export type TimeUnit = 'calendar' | 'working';

export interface TimeLimitPolicy {
  unit: TimeUnit;
  days: number;
  dueSoonDays: number;
}

/** 办事指南 of one service item. */
export interface ServiceGuide {
  who: string;
  materials: string[];
  steps: string[];
  fees: string;
  where: string;
  basis: string;
}

export interface ServiceItem {
  code: string;
  name: string;
  category: 'basic' | 'extended';
  summary: string;
  guide: ServiceGuide;
  levels: SiteLevel[];
  channels: Channel[];
  handlingUnit: string;
  timeLimit: TimeLimitPolicy;
  active: boolean;
  version: number;
}

export interface ServiceItemPatch {
  version: number;
  name?: string;
  summary?: string;
  guide?: ServiceGuide;
  levels?: SiteLevel[];
  channels?: Channel[];
  handlingUnit?: string;
  timeLimit?: TimeLimitPolicy;
  active?: boolean;
}

export type DueState = 'normal' | 'dueSoon' | 'overdue';

export type Ref = { id: string; name: string } | null;

/** A service request (工单) as staff see it. */
export interface ServiceRequest {
  id: string;
  trackingNo: string;
  serviceItem: string;
  serviceItemName: string;
  channel: string;
  status: RequestStatus;
  requesterName: string;
  /** in full for the first responder and the handler, masked for everyone else */
  requesterPhone: string;
  /** always masked; the full number comes from /requests/:id/id-number (audited) */
  requesterIdNumber: string | null;
  requesterAddress: string | null;
  regionCode: string;
  regionName: string;
  description: string;
  receivedSite: Ref;
  owner: Ref;
  handlerSite: Ref;
  handlerPost: string | null;
  handler: Ref;
  timeLimit: TimeLimitPolicy;
  startedAt: string;
  dueAt: string | null;
  dueState: DueState;
  missingMaterials: string[] | null;
  result: string | null;
  dispatchedAt: string | null;
  acceptedAt: string | null;
  concludedAt: string | null;
  createdAt: string;
  version: number;
  allowedActions: RequestAction[];
  /** the legal aid case behind this request: its steps are taken on the case's page */
  aidCaseId: string | null;
  /** whether GET /requests/{id}/id-number will answer this user (the handlers, and those with personal.reveal) */
  canRevealIdNumber: boolean;
}

export interface TimelineEvent {
  id: number;
  at: string;
  /** submitted, dispatched, accepted, returned, transferred, materialsRequested, resumed, concluded, dueSoon, overdue, supervised, supervisionReplied */
  type: string;
  actorName: string;
  fromStatus: string | null;
  toStatus: string | null;
  note: string;
  data: unknown;
  public: boolean;
}

interface RequesterFields {
  serviceItem: string;
  name: string;
  phone: string;
  regionCode: string;
  description: string;
  idNumber?: string;
  address?: string;
}

export interface DeskIntake extends RequesterFields {
  channel: Channel;
}

export interface PublicIntake extends RequesterFields {
  channel: PublicChannel;
}

export interface PublicReceipt {
  trackingNo: string;
  status: RequestStatus;
  dueAt: string | null;
}

/** What a citizen sees of a request, by tracking number and phone. */
export interface CitizenView {
  trackingNo: string;
  status: RequestStatus;
  serviceItem: string;
  serviceItemName: string;
  handlerSiteName: string | null;
  createdAt: string;
  dueAt: string | null;
  missingMaterials: string[] | null;
  result: string | null;
  concludedAt: string | null;
  canEvaluate: boolean;
  evaluation: { grade: number; at: string } | null;
  timeline: CitizenEvent[];
}

/** The citizen's own receipt for the done page (GET /public/requests/:trackingNo/receipt). */
export interface CitizenReceipt {
  trackingNo: string;
  trackingNoFormatted: string;
  serviceItemName: string;
  handlerSiteName: string | null;
  receivedAt: string;
  dueAt: string | null;
  lastDay: string | null;
  phoneMasked: string;
  trackUrl: string;
  /** the tracking page address as a QR code; it holds no phone */
  qrSvg: string;
}

/** POST /public/requests/:trackingNo/resend: the number was texted to this (masked) phone. */
export interface TextSent {
  trackingNo: string;
  sentTo: string;
}

export interface CitizenEvent {
  at: string;
  type: string;
  siteName: string | null;
  items: string[] | null;
  note: string;
}

export interface EvaluationInput {
  phone: string;
  /** 5 非常满意 … 1 非常不满意 */
  grade: number;
  attitude: number;
  efficiency: number;
  competence: number;
  comment?: string;
}

/** What a 受理回执 prints. */
export interface Receipt {
  trackingNo: string;
  trackingNoFormatted: string;
  serviceItemName: string;
  requesterName: string;
  requesterPhone: string;
  regionName: string;
  description: string;
  receivedAt: string;
  receivedSiteName: string;
  receivedByName: string;
  dueAt: string | null;
  /** YYYY-MM-DD, the last day of the time limit */
  lastDay: string | null;
  /** the service's time limit, printed next to the last day */
  timeLimit: TimeLimitPolicy;
  trackUrl: string;
  /** an <svg> document of the QR code of trackUrl */
  qrSvg: string;
}

export type SupervisionStatus = 'open' | 'replied' | 'closed';

export interface SupervisionOrder {
  id: string;
  requestId: string;
  trackingNo: string;
  serviceItemName: string;
  issuedBy: string;
  instruction: string;
  dueAt: string;
  status: SupervisionStatus;
  reply: string | null;
  repliedAt: string | null;
  createdAt: string;
  /** what this user may do with it now (the server decides) */
  allowedActions: ('reply' | 'close')[];
}

export type { NotificationList, StaffNotification } from './notifications.js';

export type CalendarDayKind = 'holiday' | 'workday';

export interface CalendarDay {
  /** YYYY-MM-DD */
  date: string;
  kind: CalendarDayKind;
  name: string;
  /** 'chinese-days@<version>' or 'admin' */
  source: string;
  updatedAt: string;
}

export interface CalendarYear {
  year: number;
  official: boolean;
  days: CalendarDay[];
}

export interface CalendarYears {
  packageSource: string;
  years: { year: number; official: boolean; sources: string[]; holidays: number; workdays: number }[];
  missing: number[];
}

/** A file attached to a request: materials the citizen supplied (补正) or a document staff added. */
export interface RequestAttachment {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  createdAt: string;
  byCitizen: boolean;
}

/** GET /api/v1/rectifications — a 不满意/非常不满意 rating's rectification (差评整改). */
export interface Rectification {
  id: string;
  requestId: string;
  trackingNo: string;
  serviceItemName: string;
  grade: number;
  comment: string;
  siteName: string;
  staffName: string | null;
  dueAt: string;
  status: 'open' | 'done';
  measures: string | null;
  doneAt: string | null;
}

/** GET /api/v1/follow-up-calls — the call back to the citizen after a bad rating (回访). */
export interface FollowUpCall {
  id: string;
  requestId: string;
  trackingNo: string;
  serviceItemName: string;
  requesterName: string;
  requesterPhone: string;
  status: 'planned' | 'done';
  outcome: 'reached' | 'unreachable' | 'declined' | null;
  satisfied: boolean | null;
  note: string;
  calledAt: string | null;
}

/** GET /api/v1/evaluations/stats — ratings per staff member or per site. */
export interface EvaluationStat {
  key: string;
  name: string;
  count: number;
  average: number;
  satisfiedRate: number;
  bad: number;
}
