import assert from 'node:assert/strict';
import type { Session, TestApp } from './app.js';
import type { SiteKind } from '../../server/db/schema.js';
import { attemptLogin, sessionOf } from './http.js';

/** The id of the site of that kind for that region (the demo county has one of each). */
export async function siteIdOf(t: TestApp, kind: SiteKind, regionCode: string): Promise<string> {
  const row = await t.db
    .selectFrom('sites')
    .select('id')
    .where('kind', '=', kind)
    .where('region_code', '=', regionCode)
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function staffIdOf(t: TestApp, username: string): Promise<string> {
  const row = await t.db.selectFrom('staff').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  return row.id;
}

/** The stored row, as a check that a refused change left it alone. */
export function staffRow(t: TestApp, id: string) {
  return t.db
    .selectFrom('staff')
    .select([
      'username',
      'display_name',
      'phone',
      'site_id',
      'posts',
      'status',
      'password_hash',
      'must_change_password',
      'failed_logins',
      'locked_until',
      'version',
      'updated_at',
    ])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

export function siteRow(t: TestApp, id: string) {
  return t.db.selectFrom('sites').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

export interface NewStaff {
  username: string;
  siteId: string;
  posts: string[];
  displayName?: string;
  phone?: string;
}

/** An account made through the API by `creator`, with the temporary password it was given. */
export async function seedStaff(t: TestApp, creator: Session, input: NewStaff): Promise<{ id: string; temporaryPassword: string }> {
  const res = await t.as(creator, {
    method: 'POST',
    url: '/api/v1/staff',
    payload: { displayName: input.displayName ?? '测试人员', phone: input.phone ?? '', ...input },
  });
  assert.equal(res.statusCode, 201, res.body);
  const body = res.json();
  return { id: body.staff.id, temporaryPassword: body.temporaryPassword };
}

/** An account that has signed in with its temporary password and set its own, as a new colleague does on day one. */
export async function seedActiveStaff(t: TestApp, creator: Session, input: NewStaff): Promise<Session & { password: string }> {
  const { temporaryPassword } = await seedStaff(t, creator, input);
  const first = sessionOf(await attemptLogin(t, input.username, temporaryPassword));
  const password = `${input.username}-Pass-2026`;
  const changed = await t.as(first, {
    method: 'POST',
    url: '/api/v1/me/password',
    payload: { currentPassword: temporaryPassword, newPassword: password },
  });
  assert.equal(changed.statusCode, 204, changed.body);
  return { ...first, password };
}

/** An administrator posted at a town's station (scope: that town's subtree), created by the county admin. */
export async function seedTownAdmin(t: TestApp, countyAdmin: Session, townCode: string, username = `admin-${townCode}`) {
  return seedActiveStaff(t, countyAdmin, {
    username,
    siteId: await siteIdOf(t, 'station', townCode),
    posts: ['admin'],
    displayName: '乡镇管理员',
  });
}
