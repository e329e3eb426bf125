import type { SiteKind } from '../../db/schema.js';
import type { Permission, Post } from './permissions.js';
import { AppError } from '../../http/errors.js';

/** The signed-in staff member on whose behalf a service acts. Services never see the HTTP request. */
export interface Actor {
  id: string;
  username: string;
  displayName: string;
  siteId: string;
  siteName: string;
  siteKind: SiteKind;
  /** The site's region code. Codes nest by prefix (county 6 digits, town 9, village 12), so it is also the
   *  leading part of every region code this actor may see. */
  regionCode: string;
  posts: Post[];
  permissions: Permission[];
  /** For the audit trail. */
  ip: string;
  requestId: string;
}

export function can(actor: Actor, permission: Permission): boolean {
  return actor.permissions.includes(permission);
}

export function requirePermission(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) throw new AppError('FORBIDDEN', { permission });
}

export function inScope(actor: Actor, regionCode: string): boolean {
  return regionCode.startsWith(actor.regionCode);
}

/** `LIKE` pattern matching every region code in the actor's scope. Prefixes are digits only, so no escaping. */
export function scopePattern(actor: Actor): string {
  return `${actor.regionCode}%`;
}
