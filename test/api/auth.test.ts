// Signing in and out, sessions, lockout, the per-address limit, and the password rules.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type Session, type TestApp } from '../helpers/app.js';
import { DEMO_PASSWORD } from '../helpers/db.js';
import { assertError, attemptLogin, isSignedIn, sessionOf } from '../helpers/http.js';
import { staffIdOf } from '../helpers/factories.js';

let t: TestApp;
let admin: Session;
before(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
});
after(() => t.close());

test('signing in sets an httpOnly SameSite session cookie and answers with the user and their region', async () => {
  const res = await attemptLogin(t, 'station-411522101', DEMO_PASSWORD);
  assert.equal(res.statusCode, 200, res.body);
  const cookie = res.cookies.find((c) => c.name === 'lh_session');
  assert.ok(cookie);
  assert.equal(cookie.httpOnly, true);
  assert.equal(cookie.sameSite, 'Lax');
  assert.equal(cookie.path, '/');
  assert.ok(cookie.value.length >= 32);
  assert.equal(cookie.maxAge, 12 * 3600);

  const body = res.json();
  assert.equal(body.username, 'station-411522101');
  assert.equal(body.regionCode, '411522101');
  assert.equal(body.siteName, '十里镇公共法律服务工作站');
  assert.equal(body.siteKind, 'station');
  assert.ok(body.permissions.includes('org.read'));
  assert.ok(!body.permissions.includes('org.manage') && !body.permissions.includes('personal.reveal'));
  assert.equal(typeof body.csrfToken, 'string');
  assert.ok(!('passwordHash' in body) && !res.body.includes('argon2'), 'no password hash leaves the server');

  const me = await t.as(sessionOf(res), { url: '/api/v1/me' });
  assert.equal(me.statusCode, 200);
  assert.equal(me.json().id, body.id);
  assert.equal(me.json().regionCode, '411522101');
  assert.equal(me.json().csrfToken, body.csrfToken);
});

test('the username is matched without regard to case, and surrounding spaces are ignored', async () => {
  assert.equal((await attemptLogin(t, '  Reception ', DEMO_PASSWORD)).json().username, 'reception');
});

test('the session token is not stored in the clear', async () => {
  const session = await t.login('consult');
  const token = session.cookie.slice('lh_session='.length);
  const rows = await t.db.selectFrom('sessions').select('id').execute();
  assert.ok(rows.length > 0);
  assert.ok(rows.every((r) => r.id !== token));
});

test('without a valid session cookie /me answers 401 UNAUTHENTICATED', async () => {
  assertError(await t.app.inject({ url: '/api/v1/me' }), 401, 'UNAUTHENTICATED');
  assertError(await t.app.inject({ url: '/api/v1/me', headers: { cookie: 'lh_session=forged-token' } }), 401, 'UNAUTHENTICATED');
  assertError(await t.app.inject({ url: '/api/v1/me', headers: { cookie: `lh_session=${'a'.repeat(500)}` } }), 401, 'UNAUTHENTICATED');
});

test('a wrong password answers 401 INVALID_CREDENTIALS, the same as an unknown user, and sets no cookie', async () => {
  const wrong = assertError(await attemptLogin(t, 'reception', 'Wrong-pass-1'), 401, 'INVALID_CREDENTIALS');
  const unknown = assertError(await attemptLogin(t, 'no-such-user', 'Wrong-pass-1'), 401, 'INVALID_CREDENTIALS');
  assert.deepEqual(wrong, unknown, 'nothing tells a wrong password from an unknown user');
  const res = await attemptLogin(t, 'reception', 'Wrong-pass-1');
  assert.equal(
    res.cookies.find((c) => c.name === 'lh_session'),
    undefined,
  );
});

test('five wrong passwords lock the account; even the right one is refused until an admin unlocks it', async () => {
  const username = 'supervisor';
  for (let i = 1; i <= 4; i++) assertError(await attemptLogin(t, username, `Wrong-pass-${i}`), 401, 'INVALID_CREDENTIALS');
  const locked = assertError(await attemptLogin(t, username, 'Wrong-pass-5'), 423, 'ACCOUNT_LOCKED');
  const until = new Date((locked.details as { lockedUntil: string }).lockedUntil).getTime();
  assert.ok(until > Date.now() + 10 * 60_000, 'locked for a while');

  assertError(await attemptLogin(t, username, DEMO_PASSWORD), 423, 'ACCOUNT_LOCKED');
  const id = await staffIdOf(t, username);
  assert.notEqual((await t.as(admin, { url: `/api/v1/staff/${id}` })).json().lockedUntil, null, 'the admin sees the lock');

  const unlocked = await t.as(admin, { method: 'POST', url: `/api/v1/staff/${id}/unlock` });
  assert.equal(unlocked.statusCode, 200, unlocked.body);
  assert.equal(unlocked.json().lockedUntil, null);
  assert.equal((await attemptLogin(t, username, DEMO_PASSWORD)).statusCode, 200);
});

test('wrong passwords sent all at once check no more than five: the others are refused as locked', async () => {
  const username = 'station-411522103'; // an account no other test here signs in with
  const answers = await Promise.all(
    Array.from({ length: 12 }, (_, i) => attemptLogin(t, username, `Parallel-wrong-${i}`, { remoteAddress: `10.78.0.${i + 1}` })),
  );
  const codes = answers.map((a) => a.json().code as string);
  assert.equal(codes.filter((c) => c === 'INVALID_CREDENTIALS').length, 4, codes.join(' '));
  assert.equal(codes.filter((c) => c === 'ACCOUNT_LOCKED').length, 8, codes.join(' '));
  const checked = await t.db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('action', 'in', ['auth.login_failed', 'auth.locked'])
    .where('entity_id', '=', await staffIdOf(t, username))
    .executeTakeFirstOrThrow();
  assert.equal(Number(checked.n), 5, 'five passwords were checked, and each is in the audit log');
  assertError(await attemptLogin(t, username, DEMO_PASSWORD, { remoteAddress: '10.78.1.1' }), 423, 'ACCOUNT_LOCKED');
});

test('sign-ins sent all at once from one address: no more than 30 are checked', async () => {
  const remoteAddress = '10.79.0.1';
  const answers = await Promise.all(Array.from({ length: 45 }, (_, i) => attemptLogin(t, `sprayed-${i}`, `Guess-${i}`, { remoteAddress })));
  const codes = answers.map((a) => a.json().code as string);
  assert.equal(codes.filter((c) => c === 'INVALID_CREDENTIALS').length, 30, codes.join(' '));
  assert.equal(codes.filter((c) => c === 'RATE_LIMITED').length, 15);
});

test('more than 30 sign-in attempts from one address answer 429 RATE_LIMITED, even with the right password', async () => {
  const remoteAddress = '10.77.0.1';
  // an unknown name, so that no account gets locked on the way
  for (let i = 1; i <= 30; i++)
    assertError(await attemptLogin(t, 'sprayed-user', `Guess-${i}`, { remoteAddress }), 401, 'INVALID_CREDENTIALS');
  assertError(await attemptLogin(t, 'lawyer', DEMO_PASSWORD, { remoteAddress }), 429, 'RATE_LIMITED');
  assertError(await attemptLogin(t, 'lawyer', DEMO_PASSWORD, { remoteAddress }), 429, 'RATE_LIMITED');
  // other addresses are not held back, and the account itself is not locked
  assert.equal((await attemptLogin(t, 'lawyer', DEMO_PASSWORD, { remoteAddress: '10.77.0.2' })).statusCode, 200);
});

test('logging out ends the session: the cookie then answers 401', async () => {
  const session = await t.login('mediator');
  const res = await t.as(session, { method: 'POST', url: '/api/v1/auth/logout' });
  assert.equal(res.statusCode, 204);
  const cleared = res.cookies.find((c) => c.name === 'lh_session');
  assert.ok(cleared && cleared.value === '' && (cleared.expires?.getTime() ?? 0) < Date.now(), 'the browser drops the cookie');
  assertError(await t.as(session, { url: '/api/v1/me' }), 401, 'UNAUTHENTICATED');
  // the server forgot it too: sending the old cookie again does not bring it back
  assertError(
    await t.as(session, { method: 'PATCH', url: `/api/v1/staff/${session.user.id}`, payload: { version: 1, displayName: 'x' } }),
    401,
    'UNAUTHENTICATED',
  );
});

test('changing one’s password: wrong current, weak or unchanged new passwords are refused; success ends the other sessions only', async () => {
  const username = 'legalaid';
  const here = await t.login(username);
  const elsewhere = await t.login(username);
  const change = (currentPassword: string, newPassword: string) =>
    t.as(here, { method: 'POST', url: '/api/v1/me/password', payload: { currentPassword, newPassword } });

  assertError(await change('Not-my-pass-1', 'Better-pass-2027'), 422, 'PASSWORD_WRONG');
  for (const weak of ['short1', 'onlyletters', '1234567890', 'a1'])
    assertError(await change(DEMO_PASSWORD, weak), 422, 'PASSWORD_TOO_WEAK');
  assertError(await change(DEMO_PASSWORD, DEMO_PASSWORD), 422, 'PASSWORD_REUSED');
  assert.ok(await isSignedIn(t, elsewhere), 'refused changes end nothing');
  assert.equal((await attemptLogin(t, username, DEMO_PASSWORD)).statusCode, 200, 'and the old password still works');

  assert.equal((await change(DEMO_PASSWORD, 'Better-pass-2027')).statusCode, 204);
  assert.ok(await isSignedIn(t, here), 'this session goes on');
  assert.equal(await isSignedIn(t, elsewhere), false, 'the other session ended');
  assertError(await attemptLogin(t, username, DEMO_PASSWORD), 401, 'INVALID_CREDENTIALS');
  assert.equal((await attemptLogin(t, username, 'Better-pass-2027')).statusCode, 200);
});

test('an admin’s reset gives a temporary password, ends the person’s sessions and requires a change', async () => {
  const username = 'room-411522101203';
  const session = await t.login(username);
  const id = await staffIdOf(t, username);
  const res = await t.as(admin, { method: 'POST', url: `/api/v1/staff/${id}/reset-password` });
  assert.equal(res.statusCode, 200, res.body);
  const { temporaryPassword, staff } = res.json();
  assert.match(temporaryPassword, /^(?=.*[a-z])(?=.*[0-9]).{8,}$/);
  assert.equal(staff.mustChangePassword, true);

  assert.equal(await isSignedIn(t, session), false);
  assertError(await attemptLogin(t, username, DEMO_PASSWORD), 401, 'INVALID_CREDENTIALS');
  const fresh = await attemptLogin(t, username, temporaryPassword);
  assert.equal(fresh.json().mustChangePassword, true);

  const changed = await t.as(sessionOf(fresh), {
    method: 'POST',
    url: '/api/v1/me/password',
    payload: { currentPassword: temporaryPassword, newPassword: 'Own-pass-2026' },
  });
  assert.equal(changed.statusCode, 204);
  assert.equal((await t.as(sessionOf(fresh), { url: '/api/v1/me' })).json().mustChangePassword, false);
});

test('disabling an account ends its sessions at once; signing in then answers 403 ACCOUNT_DISABLED', async () => {
  const username = 'room-411522101204';
  const session = await t.login(username);
  const id = await staffIdOf(t, username);
  const res = await t.as(admin, { method: 'POST', url: `/api/v1/staff/${id}/disable` });
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(res.json().status, 'disabled');

  assertError(await t.as(session, { url: '/api/v1/me' }), 401, 'UNAUTHENTICATED');
  assertError(await attemptLogin(t, username, DEMO_PASSWORD), 403, 'ACCOUNT_DISABLED');

  assert.equal((await t.as(admin, { method: 'POST', url: `/api/v1/staff/${id}/enable` })).json().status, 'active');
  assert.equal((await attemptLogin(t, username, DEMO_PASSWORD)).statusCode, 200);
});

test('an admin cannot disable their own account', async () => {
  assertError(await t.as(admin, { method: 'POST', url: `/api/v1/staff/${admin.user.id}/disable` }), 422, 'CANNOT_DISABLE_SELF');
  assert.ok(await isSignedIn(t, admin));
  assert.equal((await t.as(admin, { url: `/api/v1/staff/${admin.user.id}` })).json().status, 'active');
});

test('signing in again with an old session cookie ends the old session (a fresh id every time)', async () => {
  const username = 'room-411522101205';
  const old = await t.login(username);
  const res = await attemptLogin(t, username, DEMO_PASSWORD, { cookie: old.cookie });
  const renewed = sessionOf(res);
  assert.notEqual(renewed.cookie, old.cookie);
  assert.notEqual(renewed.csrfToken, old.csrfToken);
  assert.equal(await isSignedIn(t, old), false);
  assert.ok(await isSignedIn(t, renewed));
  const sessions = await t.db
    .selectFrom('sessions')
    .select('id')
    .where('staff_id', '=', await staffIdOf(t, username))
    .execute();
  assert.equal(sessions.length, 1);
});

test('a failed sign-in leaves the session the browser came with alone', async () => {
  const session = await t.login('room-411522101206');
  assertError(await attemptLogin(t, 'room-411522101206', 'Wrong-pass-1', { cookie: session.cookie }), 401, 'INVALID_CREDENTIALS');
  assert.ok(await isSignedIn(t, session));
});

test('sign-ins, failures and logouts are written to the audit log', async () => {
  const session = await t.login('room-411522101207');
  await attemptLogin(t, 'room-411522101207', 'Wrong-pass-1');
  await t.as(session, { method: 'POST', url: '/api/v1/auth/logout' });
  const id = await staffIdOf(t, 'room-411522101207');
  const actions = (await t.as(admin, { url: `/api/v1/audit?entityId=${id}` })).json().items.map((e: { action: string }) => e.action);
  assert.deepEqual(actions.sort(), ['auth.login', 'auth.login_failed', 'auth.logout']);
});

test('a successful sign-in clears the count of failures: four wrong, one right and four wrong again lock nothing', async () => {
  const username = 'room-411522101208';
  for (let i = 1; i <= 4; i++) assertError(await attemptLogin(t, username, `Wrong-pass-${i}`), 401, 'INVALID_CREDENTIALS');
  assert.equal((await attemptLogin(t, username, DEMO_PASSWORD)).statusCode, 200);
  for (let i = 1; i <= 4; i++) assertError(await attemptLogin(t, username, `Wrong-pass-${i}`), 401, 'INVALID_CREDENTIALS');
  assert.equal((await attemptLogin(t, username, DEMO_PASSWORD)).statusCode, 200);
});
