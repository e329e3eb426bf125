/**
 * The shapes the API answers, as the web app reads them. They are written out here so that the browser
 * bundles never import server code; `api-contract.ts` checks at compile time that they still match the
 * server's schemas.
 */
import type { Facility, Post, RegionLevel, SiteKind } from '../labels.js';

export type Permission =
  'org.read' | 'org.manage' | 'audit.read' | 'personal.reveal' | 'requests.intake' | 'requests.handle' | 'requests.supervise';

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
  phone: string;
  latitude: number | null;
  longitude: number | null;
  facilities: string[];
  description: string;
  isPublic: boolean;
  version: number;
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
