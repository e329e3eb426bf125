import type { Migration } from 'kysely';
import * as m0001 from './0001_org_auth_audit.js';
import * as m0002 from './0002_calendar.js';
import * as m0003 from './0003_requests.js';
import * as m0004 from './0004_legal_aid.js';
import * as m0005 from './0005_knowledge.js';
import * as m0006 from './0006_legal_aid_more.js';
import * as m0007 from './0007_consultation_hotline.js';
import * as m0008 from './0008_privacy.js';
import * as m0009 from './0009_notifications.js';
import * as m0012 from './0012_aid_statutory_periods.js';

/** Every migration, in order. Names never change once released: the database records them. */
export const migrations: Record<string, Migration> = {
  '0001_org_auth_audit': m0001,
  '0002_calendar': m0002,
  '0003_requests': m0003,
  '0004_legal_aid': m0004,
  '0005_knowledge': m0005,
  '0006_legal_aid_more': m0006,
  '0007_consultation_hotline': m0007,
  '0008_privacy': m0008,
  '0009_notifications': m0009,
  '0012_aid_statutory_periods': m0012,
};
