/**
 * Compile-time only: fails the type check when the server's schemas and the web's copies drift apart.
 * Nothing here reaches a bundle (type imports and type aliases are erased).
 */
import type { Static } from 'typebox';
import type { Permission as ServerPermission, Post as ServerPost } from '../../../server/modules/auth/permissions.js';
import type { Facility as ServerFacility } from '../../../server/modules/org/county-import.js';
import type { Site as SiteSchema, Staff as StaffSchema } from '../../../server/modules/org/org.schemas.js';
import type { Facility, Post } from '../labels.js';
import type { Permission, Site, Staff } from './types.js';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;

export type Contract = [
  Assert<Same<Post, ServerPost>>,
  Assert<Same<Facility, ServerFacility>>,
  Assert<Same<Permission, ServerPermission>>,
  Assert<Same<Site, Static<typeof SiteSchema>>>,
  Assert<Same<Staff, Static<typeof StaffSchema>>>,
];
