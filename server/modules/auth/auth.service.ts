import { createHash, randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB, SiteKind } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import type { Actor } from './actor.js';
import { assertPasswordPolicy, dummyPasswordHash, hashPassword, verifyPassword } from './passwords.js';
import { isPost, permissionsOf } from './permissions.js';
import { hit } from './rate-limit.js';
import { audit } from '../audit/audit.service.js';

export const LOCK_AFTER_FAILURES = 5;
export const LOCK_MINUTES = 15;
/** Failed sign-ins per client address, across all usernames: slows password spraying without locking real users out. */
export const LOGIN_ATTEMPTS_PER_IP = 30;
export const LOGIN_WINDOW_SECONDS = 15 * 60;

export interface ClientInfo {
  ip: string;
  userAgent: string;
  requestId: string;
}

const sessionId = (token: string) => createHash('sha256').update(token).digest('hex');

export interface LoginResult {
  token: string;
  actor: Actor;
  csrfToken: string;
  mustChangePassword: boolean;
}

/**
 * Checks a username and password. Repeated failures lock the account for a while; too many attempts from
 * one address are refused before any password is checked. Success opens a new server-side session
 * (a fresh id every time: no fixation) and ends the one the browser came with, if any.
 */
export async function login(
  db: Kysely<DB>,
  username: string,
  password: string,
  client: ClientInfo,
  ttlHours: number,
  previousToken?: string,
): Promise<LoginResult> {
  // failed attempts per address: an office behind one public address signs in all day without meeting it
  // an attempt is counted before its password is checked, and given back when it succeeds: attempts sent at
  // the same time each take a place of their own, so no more than the limit are ever checked
  const failuresKey = `login-failed:${client.ip}`;
  if ((await hit(db, failuresKey, LOGIN_WINDOW_SECONDS)) > LOGIN_ATTEMPTS_PER_IP) {
    throw new AppError('RATE_LIMITED', { retryAfterSeconds: LOGIN_WINDOW_SECONDS });
  }

  const staff = await db
    .selectFrom('staff')
    .select(['id', 'username', 'password_hash', 'status', 'locked_until', 'must_change_password'])
    .where(sql<string>`lower(username)`, '=', username.toLowerCase())
    .executeTakeFirst();
  const anon = { ip: client.ip, requestId: client.requestId, username };
  if (!staff) {
    await verifyPassword(await dummyPasswordHash(), password);
    await audit(
      db,
      null,
      { action: 'auth.login_failed', entityType: 'staff', entityId: '', regionCode: null, after: { reason: 'unknown_user' } },
      anon,
    );
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (staff.locked_until && staff.locked_until > new Date()) {
    throw new AppError('ACCOUNT_LOCKED', { lockedUntil: staff.locked_until.toISOString() });
  }
  // the account's attempt is taken before the password is checked, in one statement: of attempts made at the
  // same time at most LOCK_AFTER_FAILURES are checked, the others are refused as if the account were locked
  const reserved = await db
    .updateTable('staff')
    .set((eb) => ({ failed_logins: sql`${eb.ref('failed_logins')} + 1` }))
    .where('id', '=', staff.id)
    .where('failed_logins', '<', LOCK_AFTER_FAILURES)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', sql<Date>`now()`)]))
    .returning(['failed_logins'])
    .executeTakeFirst();
  if (!reserved) {
    throw new AppError('ACCOUNT_LOCKED', {
      lockedUntil: (staff.locked_until ?? new Date(Date.now() + LOCK_MINUTES * 60_000)).toISOString(),
    });
  }
  if (!(await verifyPassword(staff.password_hash, password))) {
    // the attempt that took the last place locks the account and starts the count again
    const lockedUntil =
      reserved.failed_logins >= LOCK_AFTER_FAILURES
        ? (
            await db
              .updateTable('staff')
              .set({ failed_logins: 0, locked_until: sql`now() + make_interval(mins => ${LOCK_MINUTES})` })
              .where('id', '=', staff.id)
              .returning(['locked_until'])
              .executeTakeFirstOrThrow()
          ).locked_until
        : null;
    const locked = lockedUntil !== null;
    await audit(
      db,
      null,
      {
        action: locked ? 'auth.locked' : 'auth.login_failed',
        entityType: 'staff',
        entityId: staff.id,
        regionCode: null,
        after: { reason: 'wrong_password' },
      },
      anon,
    );
    if (lockedUntil) throw new AppError('ACCOUNT_LOCKED', { lockedUntil: lockedUntil.toISOString() });
    throw new AppError('INVALID_CREDENTIALS');
  }
  // the right password: the address's attempt is given back (an office signs in all day behind one address)
  await sql`update rate_limits set hits = greatest(hits - 1, 0) where key = ${failuresKey}`.execute(db);
  if (staff.status !== 'active') {
    await db.updateTable('staff').set({ failed_logins: 0 }).where('id', '=', staff.id).execute();
    throw new AppError('ACCOUNT_DISABLED');
  }

  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await db.transaction().execute(async (trx) => {
    if (previousToken) await trx.deleteFrom('sessions').where('id', '=', sessionId(previousToken)).execute();
    await trx
      .insertInto('sessions')
      .values({
        id: sessionId(token),
        staff_id: staff.id,
        csrf_token: csrfToken,
        ip: client.ip,
        user_agent: client.userAgent.slice(0, 300),
        expires_at: sql`now() + make_interval(hours => ${ttlHours})`,
      })
      .execute();
    await trx
      .updateTable('staff')
      .set({ failed_logins: 0, locked_until: null, last_login_at: new Date() })
      .where('id', '=', staff.id)
      .execute();
  });
  const actor = await actorForSession(db, token, client, ttlHours);
  if (!actor) throw new AppError('INTERNAL');
  await audit(db, actor.actor, { action: 'auth.login', entityType: 'staff', entityId: staff.id, regionCode: actor.actor.regionCode });
  return { token, actor: actor.actor, csrfToken, mustChangePassword: staff.must_change_password };
}

/** Resolves a session cookie into the actor, sliding its expiry (written at most once a minute). */
export async function actorForSession(
  db: Kysely<DB>,
  token: string,
  client: Pick<ClientInfo, 'ip' | 'requestId'>,
  ttlHours: number,
): Promise<{ actor: Actor; csrfToken: string; mustChangePassword: boolean } | null> {
  const id = sessionId(token);
  const row = await db
    .selectFrom('sessions')
    .innerJoin('staff', 'staff.id', 'sessions.staff_id')
    .innerJoin('sites', 'sites.id', 'staff.site_id')
    .select([
      'sessions.csrf_token',
      'sessions.last_seen_at',
      'staff.id',
      'staff.username',
      'staff.display_name',
      'staff.posts',
      'staff.must_change_password',
      'sites.id as site_id',
      'sites.name as site_name',
      'sites.kind as site_kind',
      'sites.region_code',
    ])
    .where('sessions.id', '=', id)
    .where('sessions.expires_at', '>', new Date())
    .where('staff.status', '=', 'active')
    .executeTakeFirst();
  if (!row) return null;
  if (Date.now() - row.last_seen_at.getTime() > 60_000) {
    await db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(), expires_at: sql`now() + make_interval(hours => ${ttlHours})` })
      .where('id', '=', id)
      .execute();
  }
  const posts = row.posts.filter(isPost);
  return {
    csrfToken: row.csrf_token,
    mustChangePassword: row.must_change_password,
    actor: {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      siteId: row.site_id,
      siteName: row.site_name,
      siteKind: row.site_kind as SiteKind,
      regionCode: row.region_code,
      posts,
      permissions: permissionsOf(posts),
      ip: client.ip,
      requestId: client.requestId,
    },
  };
}

export async function logout(db: Kysely<DB>, token: string, actor: Actor | null): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId(token)).execute();
  if (actor) await audit(db, actor, { action: 'auth.logout', entityType: 'staff', entityId: actor.id, regionCode: actor.regionCode });
}

/** The person changes their own password; every other session of theirs ends, this one stays. */
export async function changePassword(db: Kysely<DB>, actor: Actor, token: string, current: string, next: string): Promise<void> {
  const row = await db.selectFrom('staff').select('password_hash').where('id', '=', actor.id).executeTakeFirstOrThrow();
  if (!(await verifyPassword(row.password_hash, current))) throw new AppError('PASSWORD_WRONG');
  if (current === next) throw new AppError('PASSWORD_REUSED');
  assertPasswordPolicy(next);
  const passwordHash = await hashPassword(next);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('staff')
      .set({ password_hash: passwordHash, must_change_password: false, password_changed_at: new Date(), updated_at: new Date() })
      .where('id', '=', actor.id)
      .execute();
    await trx.deleteFrom('sessions').where('staff_id', '=', actor.id).where('id', '!=', sessionId(token)).execute();
    await audit(trx, actor, { action: 'auth.password_change', entityType: 'staff', entityId: actor.id, regionCode: actor.regionCode });
  });
}

export async function sweepSessions(db: Kysely<DB>): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<', new Date()).execute();
}
