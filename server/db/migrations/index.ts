import type { Migration } from 'kysely';
import * as m0001 from './0001_org_auth_audit.js';

/** Every migration, in order. Names never change once released: the database records them. */
export const migrations: Record<string, Migration> = {
  '0001_org_auth_audit': m0001,
};
