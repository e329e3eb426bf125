// Cookie-authenticated writes need the session's X-CSRF-Token header; a refused write changes nothing.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { startTestApp, type Session, type TestApp } from '../helpers/app.js';
import { DEMO_PASSWORD } from '../helpers/db.js';
import { assertError, attemptLogin, isSignedIn } from '../helpers/http.js';
import { siteIdOf, siteRow } from '../helpers/factories.js';
import { multipartFile, workbook } from '../helpers/xlsx.js';

let t: TestApp;
let admin: Session;
let siteId: string;
before(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
  siteId = await siteIdOf(t, 'station', '411522103');
});
after(() => t.close());

/** The admin's cookie with the given CSRF header (or none). */
function withToken(token: string | undefined, options: InjectOptions): Promise<LightMyRequestResponse> {
  return t.app.inject({
    ...options,
    headers: { cookie: admin.cookie, ...(token === undefined ? {} : { 'x-csrf-token': token }), ...options.headers },
  });
}

test('a site edit without the X-CSRF-Token header, or with a wrong one, answers 403 and changes nothing', async () => {
  const before = await siteRow(t, siteId);
  const edit = { method: 'PATCH' as const, url: `/api/v1/sites/${siteId}`, payload: { version: before.version, address: '被伪造的地址' } };
  const other = await t.login('admin'); // a second, valid session: its token is not this session's

  for (const token of [undefined, '', 'not-the-token', admin.csrfToken.toUpperCase(), other.csrfToken]) {
    assertError(await withToken(token, edit), 403, 'CSRF_TOKEN_INVALID');
  }
  assert.deepEqual(await siteRow(t, siteId), before);

  const ok = await withToken(admin.csrfToken, edit);
  assert.equal(ok.statusCode, 200, ok.body);
  assert.equal(ok.json().address, '被伪造的地址');
  assert.equal(ok.json().version, before.version + 1);
});

test('creating staff without the token answers 403 and creates no account', async () => {
  const payload = { username: 'csrf-victim', displayName: '伪造', phone: '', siteId, posts: ['admin'] };
  assertError(await withToken(undefined, { method: 'POST', url: '/api/v1/staff', payload }), 403, 'CSRF_TOKEN_INVALID');
  assertError(await withToken('forged', { method: 'POST', url: '/api/v1/staff', payload }), 403, 'CSRF_TOKEN_INVALID');
  assert.equal(await t.db.selectFrom('staff').select('id').where('username', '=', 'csrf-victim').executeTakeFirst(), undefined);
  assert.equal((await withToken(admin.csrfToken, { method: 'POST', url: '/api/v1/staff', payload })).statusCode, 201);
});

test('a password change without the token answers 403 and the password stays', async () => {
  const session = await t.login('consult');
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/me/password',
    headers: { cookie: session.cookie },
    payload: { currentPassword: DEMO_PASSWORD, newPassword: 'Attacker-pass-1' },
  });
  assertError(res, 403, 'CSRF_TOKEN_INVALID');
  assert.equal((await attemptLogin(t, 'consult', DEMO_PASSWORD)).statusCode, 200);
});

test('a logout without the token answers 403 and the session goes on', async () => {
  const session = await t.login('reception');
  assertError(
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: session.cookie } }),
    403,
    'CSRF_TOKEN_INVALID',
  );
  assert.ok(await isSignedIn(t, session));
});

test('a staff import without the token answers 403 and imports nothing', async () => {
  const file = await workbook([
    ['用户名', '姓名', '手机号', '站点', '岗位'],
    ['csrf-import', '伪造', '', '十里镇公共法律服务工作站', '管理员'],
  ]);
  const upload = multipartFile(file);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/staff/import',
    headers: { cookie: admin.cookie, ...upload.headers },
    payload: upload.payload,
  });
  assertError(res, 403, 'CSRF_TOKEN_INVALID');
  assert.equal(await t.db.selectFrom('staff').select('id').where('username', '=', 'csrf-import').executeTakeFirst(), undefined);
});

test('reads need no token', async () => {
  const res = await t.app.inject({ url: '/api/v1/staff?limit=1', headers: { cookie: admin.cookie } });
  assert.equal(res.statusCode, 200);
});

test('a sign-in posted from another site’s page answers 403 and opens no session', async () => {
  const host = 'legalhub.example.gov.cn';
  for (const origin of ['https://evil.example', 'null', 'https://legalhub.example.gov.cn.evil.example', 'not a url']) {
    const res = await attemptLogin(t, 'lawyer', DEMO_PASSWORD, { headers: { host, origin } });
    assertError(res, 403, 'CSRF_TOKEN_INVALID');
    assert.equal(
      res.cookies.find((c) => c.name === 'lh_session'),
      undefined,
      origin,
    );
  }
  // the portal's own page, and clients that send no Origin (curl, the CLI), sign in
  assert.equal((await attemptLogin(t, 'lawyer', DEMO_PASSWORD, { headers: { host, origin: `https://${host}` } })).statusCode, 200);
  assert.equal((await attemptLogin(t, 'lawyer', DEMO_PASSWORD, { headers: { host } })).statusCode, 200);
});
