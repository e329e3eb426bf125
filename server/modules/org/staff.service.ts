import { randomInt } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, SiteKind } from '../../db/schema.js';
import { AppError, notFound } from '../../http/errors.js';
import { inScope, requirePermission, scopePattern, type Actor } from '../auth/actor.js';
import { isUniqueViolation } from '../../db/pg-errors.js';
import { assertPasswordPolicy, hashPassword } from '../auth/passwords.js';
import { isPost, permissionsOf, type Post } from '../auth/permissions.js';
import { audit } from '../audit/audit.service.js';
import { maskPhone } from './mask.js';
import { containsPattern } from '../../db/like.js';
import { normalizeRegionCode } from './region-codes.js';

export interface StaffView {
  id: string;
  username: string;
  displayName: string;
  /** masked (138****5678); the full number comes from revealStaffPhone, which is audited */
  phone: string;
  siteId: string;
  siteName: string;
  siteKind: SiteKind;
  regionCode: string;
  posts: Post[];
  permissions: string[];
  status: 'active' | 'disabled';
  mustChangePassword: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  version: number;
}

function staffQuery(db: Kysely<DB>, actor: Actor) {
  return db
    .selectFrom('staff')
    .innerJoin('sites', 'sites.id', 'staff.site_id')
    .where('sites.region_code', 'like', scopePattern(actor))
    .select([
      'staff.id',
      'staff.username',
      'staff.display_name',
      'staff.phone',
      'staff.site_id',
      'staff.posts',
      'staff.status',
      'staff.must_change_password',
      'staff.locked_until',
      'staff.last_login_at',
      'staff.version',
      'sites.name as site_name',
      'sites.kind as site_kind',
      'sites.region_code',
    ]);
}

type StaffRow = Awaited<ReturnType<ReturnType<typeof staffQuery>['executeTakeFirstOrThrow']>>;

function toView(r: StaffRow): StaffView {
  const posts = r.posts.filter(isPost);
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    phone: maskPhone(r.phone),
    siteId: r.site_id,
    siteName: r.site_name,
    siteKind: r.site_kind,
    regionCode: r.region_code,
    posts,
    permissions: permissionsOf(posts),
    status: r.status,
    mustChangePassword: r.must_change_password,
    lockedUntil: r.locked_until && r.locked_until > new Date() ? r.locked_until.toISOString() : null,
    lastLoginAt: r.last_login_at ? r.last_login_at.toISOString() : null,
    version: r.version,
  };
}

export interface StaffFilter {
  q?: string | undefined;
  siteId?: string | undefined;
  regionCode?: string | undefined;
  post?: Post | undefined;
  status?: 'active' | 'disabled' | undefined;
  limit: number;
  offset: number;
}

/** Staff within the actor's scope only: the scope is in the query, so nothing outside ever leaves the database. */
export async function listStaff(db: Kysely<DB>, actor: Actor, f: StaffFilter) {
  requirePermission(actor, 'org.read');
  let q = staffQuery(db, actor);
  if (f.q) {
    const like = containsPattern(f.q);
    q = q.where((eb) =>
      eb.or([eb('staff.display_name', 'like', like), eb('staff.username', 'ilike', like), eb('sites.name', 'like', like)]),
    );
  }
  if (f.siteId) q = q.where('staff.site_id', '=', f.siteId);
  if (f.regionCode) q = q.where('sites.region_code', 'like', `${normalizeRegionCode(f.regionCode)}%`);
  if (f.post) q = q.where(sql<boolean>`${f.post} = any(staff.posts)`);
  if (f.status) q = q.where('staff.status', '=', f.status);
  const [rows, total] = await Promise.all([
    q.orderBy('sites.region_code').orderBy('staff.username').limit(f.limit).offset(f.offset).execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toView), total: Number(total.n) };
}

export async function getStaff(db: Kysely<DB>, actor: Actor, id: string): Promise<StaffView> {
  requirePermission(actor, 'org.read');
  const row = await staffQuery(db, actor).where('staff.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  return toView(row);
}

/** The full phone number, for those allowed to see it; every look is written to the audit log. */
export async function revealStaffPhone(db: Kysely<DB>, actor: Actor, id: string): Promise<{ phone: string }> {
  const row = await staffQuery(db, actor).where('staff.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  requirePermission(actor, 'personal.reveal');
  await audit(db, actor, {
    action: 'personal.view',
    entityType: 'staff',
    entityId: id,
    regionCode: row.region_code,
    after: { field: 'phone' },
  });
  return { phone: row.phone };
}

async function siteInScope(db: Kysely<DB>, actor: Actor, siteId: string) {
  const site = await db.selectFrom('sites').select(['id', 'region_code']).where('id', '=', siteId).executeTakeFirst();
  if (!site || !inScope(actor, site.region_code)) throw new AppError('SITE_OUT_OF_SCOPE', { siteId });
  return site;
}

function checkPosts(posts: string[]): Post[] {
  const unknown = posts.filter((p) => !isPost(p));
  if (unknown.length) throw new AppError('POST_UNKNOWN', { posts: unknown });
  return [...new Set(posts)] as Post[];
}

/** A readable one-time password: no 0/O or 1/l to confuse on the phone. */
export function temporaryPassword(): string {
  const letters = 'abcdefghjkmnpqrstuvwxyz';
  const digits = '23456789';
  const all = letters + digits;
  const chars = [letters[randomInt(letters.length)], digits[randomInt(digits.length)]];
  while (chars.length < 10) chars.push(all[randomInt(all.length)]);
  return chars.sort(() => randomInt(3) - 1).join('');
}

export interface NewStaff {
  username: string;
  displayName: string;
  phone: string;
  siteId: string;
  posts: string[];
  password?: string | undefined;
}

export async function insertStaff(
  trx: Transaction<DB>,
  actor: Actor,
  input: NewStaff & { passwordHash: string; regionCode: string; mustChange: boolean },
) {
  const taken = await trx
    .selectFrom('staff')
    .select('id')
    .where(sql<string>`lower(username)`, '=', input.username.toLowerCase())
    .executeTakeFirst();
  if (taken) throw new AppError('USERNAME_TAKEN', { username: input.username });
  const row = await trx
    .insertInto('staff')
    .values({
      username: input.username,
      display_name: input.displayName,
      phone: input.phone,
      site_id: input.siteId,
      posts: input.posts,
      password_hash: input.passwordHash,
      must_change_password: input.mustChange,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
    .catch((error: unknown) => {
      // two administrators creating the same name at once: the unique index decides, the loser hears why
      if (isUniqueViolation(error)) {
        throw new AppError('USERNAME_TAKEN', { username: input.username });
      }
      throw error;
    });
  await audit(trx, actor, {
    action: 'staff.create',
    entityType: 'staff',
    entityId: row.id,
    regionCode: input.regionCode,
    after: {
      username: input.username,
      displayName: input.displayName,
      phone: maskPhone(input.phone),
      siteId: input.siteId,
      posts: input.posts,
    },
  });
  return row.id;
}

/** Creates an account. Without a password given, a temporary one is made, shown once, and must be changed. */
export async function createStaff(db: Kysely<DB>, actor: Actor, input: NewStaff) {
  requirePermission(actor, 'org.manage');
  const site = await siteInScope(db, actor, input.siteId);
  const posts = checkPosts(input.posts);
  const password = input.password ?? temporaryPassword();
  assertPasswordPolicy(password);
  const passwordHash = await hashPassword(password);
  const id = await db
    .transaction()
    .execute((trx) => insertStaff(trx, actor, { ...input, posts, passwordHash, regionCode: site.region_code, mustChange: true }));
  return { staff: await getStaff(db, actor, id), temporaryPassword: input.password ? undefined : password };
}

export interface StaffPatch {
  version: number;
  displayName?: string | undefined;
  phone?: string | undefined;
  siteId?: string | undefined;
  posts?: string[] | undefined;
}

/** Runs one guarded change of a staff row: scoped load, permission, versioned update, audit, in one transaction. */
async function changeStaff(
  db: Kysely<DB>,
  actor: Actor,
  id: string,
  action: string,
  expectedVersion: number | undefined,
  set: Record<string, unknown>,
  auditAfter: Record<string, unknown>,
  alsoInTransaction?: (trx: Transaction<DB>) => Promise<void>,
) {
  const current = await getStaff(db, actor, id);
  requirePermission(actor, 'org.manage');
  await db.transaction().execute(async (trx) => {
    let q = trx
      .updateTable('staff')
      .set({ ...set, version: sql`version + 1`, updated_at: new Date() })
      .where('id', '=', id)
      .where('site_id', 'in', (eb) => eb.selectFrom('sites').select('id').where('region_code', 'like', scopePattern(actor)));
    if (expectedVersion !== undefined) q = q.where('version', '=', expectedVersion);
    const result = await q.executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new AppError('VERSION_CONFLICT', { currentVersion: current.version });
    const before = Object.fromEntries(Object.keys(auditAfter).map((k) => [k, (current as unknown as Record<string, unknown>)[k]]));
    await audit(trx, actor, { action, entityType: 'staff', entityId: id, regionCode: current.regionCode, before, after: auditAfter });
    await alsoInTransaction?.(trx);
  });
  return getStaff(db, actor, id);
}

export async function updateStaff(db: Kysely<DB>, actor: Actor, id: string, patch: StaffPatch) {
  requirePermission(actor, 'org.manage');
  if (patch.siteId !== undefined) await siteInScope(db, actor, patch.siteId);
  const posts = patch.posts !== undefined ? checkPosts(patch.posts) : undefined;
  if (id === actor.id && posts && actor.posts.includes('admin') && !posts.includes('admin')) {
    // an administrator cannot lock themself out of administration by accident
    throw new AppError('FORBIDDEN', { reason: 'cannot remove own admin post' });
  }
  const set = {
    ...(patch.displayName !== undefined && { display_name: patch.displayName }),
    ...(patch.phone !== undefined && { phone: patch.phone }),
    ...(patch.siteId !== undefined && { site_id: patch.siteId }),
    ...(posts !== undefined && { posts }),
  };
  const after = {
    ...(patch.displayName !== undefined && { displayName: patch.displayName }),
    ...(patch.phone !== undefined && { phone: maskPhone(patch.phone) }),
    ...(patch.siteId !== undefined && { siteId: patch.siteId }),
    ...(posts !== undefined && { posts }),
  };
  // a change of site or posts changes what the person may see: their open sessions end
  const endSessions = patch.siteId !== undefined || posts !== undefined;
  return changeStaff(db, actor, id, 'staff.update', patch.version, set, after, endSessions ? (trx) => deleteSessions(trx, id) : undefined);
}

async function deleteSessions(trx: Transaction<DB>, staffId: string) {
  await trx.deleteFrom('sessions').where('staff_id', '=', staffId).execute();
}

export async function setStaffStatus(db: Kysely<DB>, actor: Actor, id: string, status: 'active' | 'disabled') {
  if (status === 'disabled' && id === actor.id) throw new AppError('CANNOT_DISABLE_SELF');
  return changeStaff(db, actor, id, status === 'disabled' ? 'staff.disable' : 'staff.enable', undefined, { status }, { status }, (trx) =>
    status === 'disabled' ? deleteSessions(trx, id) : Promise.resolve(),
  );
}

export async function unlockStaff(db: Kysely<DB>, actor: Actor, id: string) {
  return changeStaff(db, actor, id, 'staff.unlock', undefined, { locked_until: null, failed_logins: 0 }, { lockedUntil: null });
}

/** An administrator's reset: a new temporary password shown once, every session of the person ended. */
export async function resetStaffPassword(db: Kysely<DB>, actor: Actor, id: string) {
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  const staff = await changeStaff(
    db,
    actor,
    id,
    'staff.password_reset',
    undefined,
    { password_hash: passwordHash, must_change_password: true, password_changed_at: new Date(), failed_logins: 0, locked_until: null },
    { mustChangePassword: true },
    (trx) => deleteSessions(trx, id),
  );
  return { staff, temporaryPassword: password };
}
