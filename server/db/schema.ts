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

export interface DB {
  regions: RegionsTable;
  sites: SitesTable;
  staff: StaffTable;
  sessions: SessionsTable;
  rate_limits: RateLimitsTable;
  audit_log: AuditLogTable;
  calendar_days: CalendarDaysTable;
}
