// Staff accounts: creation rules, versioned edits, masked phones and the audited reveal.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type Session, type TestApp } from '../helpers/app.js';
import { assertError, attemptLogin, findFullMobile, isSignedIn } from '../helpers/http.js';
import { seedActiveStaff, seedStaff, seedTownAdmin, siteIdOf, staffIdOf, staffRow } from '../helpers/factories.js';

let t: TestApp;
let admin: Session;
let stationSite: string;
before(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
  stationSite = await siteIdOf(t, 'station', '411522104');
});
after(() => t.close());

const create = (session: Session, payload: Record<string, unknown>) => t.as(session, { method: 'POST', url: '/api/v1/staff', payload });
const staffCount = async () =>
  Number(
    (
      await t.db
        .selectFrom('staff')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

test('creating an account answers 201 with the account and a temporary password that signs in once', async () => {
  const res = await create(admin, {
    username: 'ma.xiaohong',
    displayName: '马晓红',
    phone: '13912345678',
    siteId: stationSite,
    posts: ['reception', 'mediator', 'reception'],
  });
  assert.equal(res.statusCode, 201, res.body);
  const { staff, temporaryPassword } = res.json();
  assert.equal(staff.username, 'ma.xiaohong');
  assert.equal(staff.siteName, '马畈镇公共法律服务工作站');
  assert.equal(staff.regionCode, '411522104');
  assert.deepEqual(staff.posts, ['reception', 'mediator'], 'a post given twice is kept once');
  assert.equal(staff.phone, '139****5678');
  assert.equal(staff.mustChangePassword, true);
  assert.equal(staff.status, 'active');
  assert.equal(staff.version, 1);

  const signedIn = await attemptLogin(t, 'ma.xiaohong', temporaryPassword);
  assert.equal(signedIn.statusCode, 200);
  assert.equal(signedIn.json().mustChangePassword, true);
});

test('an account created with a chosen password gets no temporary one, and the chosen one works', async () => {
  const res = await create(admin, {
    username: 'chosen-pw',
    displayName: '自设密码',
    phone: '',
    siteId: stationSite,
    posts: ['consultationDesk'],
    password: 'Chosen-pass-9',
  });
  assert.equal(res.statusCode, 201, res.body);
  assert.equal(res.json().temporaryPassword, undefined);
  assert.equal((await attemptLogin(t, 'chosen-pw', 'Chosen-pass-9')).statusCode, 200);
});

test('a weak chosen password answers 422 PASSWORD_TOO_WEAK and creates nothing', async () => {
  const n = await staffCount();
  assertError(
    await create(admin, {
      username: 'weak-pw',
      displayName: '弱密码',
      phone: '',
      siteId: stationSite,
      posts: ['reception'],
      password: 'password',
    }),
    422,
    'PASSWORD_TOO_WEAK',
  );
  assert.equal(await staffCount(), n);
});

test('a username already taken answers 409 USERNAME_TAKEN, whatever its case', async () => {
  await seedStaff(t, admin, { username: 'Li.Ming', siteId: stationSite, posts: ['reception'] });
  const n = await staffCount();
  for (const username of ['Li.Ming', 'li.ming', 'LI.MING', 'ADMIN', 'Reception']) {
    const body = assertError(
      await create(admin, { username, displayName: '重名', phone: '', siteId: stationSite, posts: ['reception'] }),
      409,
      'USERNAME_TAKEN',
    );
    assert.deepEqual(body.details, { username });
  }
  assert.equal(await staffCount(), n);
});

test('two administrators creating the same username at once: one gets 201, the others 409 (never a 500)', async () => {
  for (let round = 0; round < 6; round++) {
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        create(admin, { username: `same-time-${round}`, displayName: '并发', phone: '', siteId: stationSite, posts: ['reception'] }),
      ),
    );
    const statuses = answers.map((r) => r.statusCode).sort();
    assert.deepEqual(statuses, [201, 409, 409, 409, 409, 409], `round ${round}: ${answers.map((r) => r.body.slice(0, 60)).join(' | ')}`);
  }
});

test('a site outside the creator’s scope, or no site at all, answers 422 SITE_OUT_OF_SCOPE', async () => {
  const townAdmin = await seedTownAdmin(t, admin, '411522105');
  const n = await staffCount();
  const body = (siteId: string) => ({ username: 'out-of-scope', displayName: '越权', phone: '', siteId, posts: ['reception'] });
  assertError(await create(townAdmin, body(stationSite)), 422, 'SITE_OUT_OF_SCOPE');
  assertError(await create(townAdmin, body(await siteIdOf(t, 'center', '411522'))), 422, 'SITE_OUT_OF_SCOPE');
  assertError(await create(admin, body('00000000-0000-4000-8000-000000000000')), 422, 'SITE_OUT_OF_SCOPE');
  assert.equal(await staffCount(), n);
  // inside the town it works
  assert.equal((await create(townAdmin, body(await siteIdOf(t, 'room', '411522105201')))).statusCode, 201);
});

test('an unknown or missing post answers 400 VALIDATION_FAILED', async () => {
  const n = await staffCount();
  const body = (posts: unknown) => ({ username: 'bad-post', displayName: '岗位', phone: '', siteId: stationSite, posts });
  for (const posts of [['chef'], ['reception', 'superuser'], [], 'chef', null])
    assertError(await create(admin, body(posts)), 400, 'VALIDATION_FAILED');
  assert.equal(await staffCount(), n);
});

test('bad usernames and phones answer 400 VALIDATION_FAILED', async () => {
  const body = (over: Record<string, unknown>) => ({
    username: 'fine-name',
    displayName: '张三',
    phone: '',
    siteId: stationSite,
    posts: ['reception'],
    ...over,
  });
  for (const over of [
    { username: 'ab' },
    { username: '-dash-first' },
    { username: '张三' },
    { username: 'a b c' },
    { phone: '12345' },
    { phone: '1381234567x' },
    { displayName: '' },
  ])
    assertError(await create(admin, body(over)), 400, 'VALIDATION_FAILED');
  // a landline is a phone too
  assert.equal((await create(admin, body({ username: 'landline', phone: '0376-8881234' }))).statusCode, 201);
});

test('a display name of only spaces is refused with 400', async () => {
  const res = await create(admin, { username: 'blank-name', displayName: '   ', phone: '', siteId: stationSite, posts: ['reception'] });
  assertError(res, 400, 'VALIDATION_FAILED');
});

test('an edit bumps the version; an edit with a stale version answers 409 VERSION_CONFLICT and changes nothing', async () => {
  const { id } = await seedStaff(t, admin, { username: 'versioned', siteId: stationSite, posts: ['reception'], displayName: '旧名' });
  const first = await t.as(admin, {
    method: 'PATCH',
    url: `/api/v1/staff/${id}`,
    payload: { version: 1, displayName: '新名', phone: '13700001111' },
  });
  assert.equal(first.statusCode, 200, first.body);
  assert.equal(first.json().version, 2);
  assert.equal(first.json().displayName, '新名');
  assert.equal(first.json().phone, '137****1111');

  const row = await staffRow(t, id);
  const stale = assertError(
    await t.as(admin, { method: 'PATCH', url: `/api/v1/staff/${id}`, payload: { version: 1, displayName: '覆盖' } }),
    409,
    'VERSION_CONFLICT',
  );
  assert.deepEqual(stale.details, { currentVersion: 2 });
  assert.deepEqual(await staffRow(t, id), row);
  assert.equal((await t.as(admin, { url: `/api/v1/staff/${id}` })).json().displayName, '新名');
});

test('changing someone’s posts or site ends their sessions (what they may see has changed)', async () => {
  const person = await seedActiveStaff(t, admin, { username: 'moved-person', siteId: stationSite, posts: ['reception'] });
  const v = (await staffRow(t, person.user.id)).version;
  const renamed = await t.as(admin, {
    method: 'PATCH',
    url: `/api/v1/staff/${person.user.id}`,
    payload: { version: v, displayName: '只改名' },
  });
  assert.equal(renamed.statusCode, 200);
  assert.ok(await isSignedIn(t, person), 'a new name ends nothing');
  const reposted = await t.as(admin, {
    method: 'PATCH',
    url: `/api/v1/staff/${person.user.id}`,
    payload: { version: v + 1, posts: ['admin'] },
  });
  assert.equal(reposted.statusCode, 200, reposted.body);
  assert.equal(await isSignedIn(t, person), false);
});

test('an admin cannot take the admin post away from themself', async () => {
  const v = (await staffRow(t, admin.user.id)).version;
  assertError(
    await t.as(admin, { method: 'PATCH', url: `/api/v1/staff/${admin.user.id}`, payload: { version: v, posts: ['supervisor'] } }),
    403,
    'FORBIDDEN',
  );
  assert.deepEqual((await staffRow(t, admin.user.id)).posts, ['admin', 'supervisor']);
});

test('lists show phones masked (138****5678) and never a full mobile number', async () => {
  const res = await t.as(admin, { url: '/api/v1/staff?limit=500' });
  assert.equal(res.statusCode, 200);
  const items: { username: string; phone: string }[] = res.json().items;
  assert.ok(items.length > 100);
  assert.equal(items.find((s) => s.username === 'admin')?.phone, '138****1001');
  for (const s of items) assert.match(s.phone, /^$|^\d{3}\*{4}\d{4}$/, s.username);
  assert.equal(findFullMobile(res.body), null);
  assert.equal(findFullMobile((await t.as(admin, { url: `/api/v1/staff/${admin.user.id}` })).body), null);
});

test('an admin reveals a full phone number, and the look is written to the audit log', async () => {
  const id = await staffIdOf(t, 'station-411522101');
  const res = await t.as(admin, { url: `/api/v1/staff/${id}/phone` });
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(res.json().phone, '13903762002');

  const audit = (await t.as(admin, { url: `/api/v1/audit?action=personal.view&entityId=${id}` })).json();
  assert.equal(audit.total, 1);
  assert.equal(audit.items[0].actorUsername, 'admin');
  assert.equal(audit.items[0].actorId, admin.user.id);
  assert.equal(audit.items[0].entityType, 'staff');
  assert.deepEqual(audit.items[0].after, { field: 'phone' });
});

test('staff without personal.reveal get 403 for a phone, and nothing is logged as seen', async () => {
  const id = await staffIdOf(t, 'reception');
  for (const username of ['reception', 'supervisor', 'consult']) {
    const session = await t.login(username);
    const res = await t.as(session, { url: `/api/v1/staff/${id}/phone` });
    assertError(res, 403, 'FORBIDDEN');
    assert.equal(findFullMobile(res.body), null);
  }
  assert.equal((await t.as(admin, { url: `/api/v1/audit?action=personal.view&entityId=${id}` })).json().total, 0);
});

test('a legal liaison (no org.read) may not list staff', async () => {
  const liaison = await seedActiveStaff(t, admin, {
    username: 'liaison-1',
    siteId: await siteIdOf(t, 'room', '411522104201'),
    posts: ['legalLiaison'],
  });
  assertError(await t.as(liaison, { url: '/api/v1/staff' }), 403, 'FORBIDDEN');
  assertError(await t.as(liaison, { url: `/api/v1/staff/${liaison.user.id}` }), 403, 'FORBIDDEN');
});

test('the staff list filters by post, status, site and text', async () => {
  const byPost = (await t.as(admin, { url: '/api/v1/staff?post=villageAdviser&limit=1' })).json();
  assert.equal(byPost.total, 365);
  assert.ok(byPost.items.every((s: { posts: string[] }) => s.posts.includes('villageAdviser')));
  const bySite = (await t.as(admin, { url: `/api/v1/staff?siteId=${await siteIdOf(t, 'station', '411522101')}` })).json();
  assert.deepEqual(
    bySite.items.map((s: { username: string }) => s.username),
    ['station-411522101'],
  );
  const byText = (await t.as(admin, { url: `/api/v1/staff?q=${encodeURIComponent('吴明村')}` })).json();
  assert.deepEqual(
    byText.items.map((s: { username: string }) => s.username),
    ['room-411522101203'],
  );
  // LIKE wildcards typed by a person are plain characters
  assert.equal((await t.as(admin, { url: '/api/v1/staff?q=%25' })).json().total, 0);
  assert.equal((await t.as(admin, { url: '/api/v1/staff?q=_' })).json().total, 0);
});

test('the staff list accepts the padded 12-digit region code, as its schema documents', async () => {
  const short = (await t.as(admin, { url: '/api/v1/staff?regionCode=411522101&limit=500' })).json();
  const padded = (await t.as(admin, { url: '/api/v1/staff?regionCode=411522101000&limit=500' })).json();
  assert.ok(short.total >= 14);
  assert.equal(padded.total, short.total, 'GET /api/v1/staff?regionCode=411522101000 should list 十里镇 like ?regionCode=411522101');
});
