// The web security a browser and an operator rely on, driven by the OpenAPI document where there is a list to
// cover: HSTS over TLS only (a trusted proxy's X-Forwarded-Proto included), a CSP without inline scripts on every
// page, CSRF refused on every cookie write, sessions that expire when idle and are replaced at sign-in, the
// password policy, uploads typed by their bytes and held to their size, and a per-address limit on every public
// form and look-up (a second address still served).
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../server/app.js';
import { startTestApp, type Session, type TestApp } from '../helpers/app.js';
import { DEMO_PASSWORD, testConfig } from '../helpers/db.js';
import { assertError, attemptLogin, freshAddress, isSignedIn, sessionOf } from '../helpers/http.js';
import { siteIdOf } from '../helpers/factories.js';
import { freshPhone, submitPublic, WUMING } from '../helpers/requests.js';
import { ZERO_UUID, exampleOf, operationsOf, problemWith, type OpenApiDocument, type Operation } from '../helpers/openapi.js';
import { changedTables, fingerprint } from '../helpers/hostile.js';

let t: TestApp;
let admin: Session;
let operations: Operation[];
const real = { site: '', request: '', trackingNo: '', phone: '', aidTrackingNo: '', aidPhone: '13955550202' };
const root = path.resolve(import.meta.dirname, '../..');

before(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
  real.site = await siteIdOf(t, 'room', WUMING);
  real.phone = freshPhone();
  const asked = await submitPublic(t, { serviceItem: 'consultation', phone: real.phone, description: '工资被拖欠了三个月，怎么办' });
  assert.equal(asked.statusCode, 201, asked.body);
  real.trackingNo = asked.json().trackingNo;
  real.request = (
    await t.db.selectFrom('service_requests').select('id').where('tracking_no', '=', real.trackingNo).executeTakeFirstOrThrow()
  ).id;
  const aid = await t.app.inject({
    method: 'POST',
    url: '/api/v1/public/legal-aid/applications',
    remoteAddress: freshAddress(),
    payload: aidApplication(),
  });
  assert.equal(aid.statusCode, 201, aid.body);
  real.aidTrackingNo = aid.json().trackingNo;
  operations = operationsOf((await t.app.inject({ url: '/api/v1/openapi.json' })).json() as OpenApiDocument);
});
after(() => t.close());

const fp = () => fingerprint(t.db as never);
const sessionId = (s: Session) =>
  createHash('sha256')
    .update(s.cookie.replace(/^lh_session=/, ''))
    .digest('hex');

function aidApplication() {
  return {
    name: '陈秀梅',
    phone: real.aidPhone,
    regionCode: WUMING,
    description: '丈夫长期家暴，想起诉离婚并申请人身安全保护令。',
    channel: 'web',
    applicantKind: 'self',
    matterCategory: 'other',
    aidForm: 'litigationAgency',
    noMeansTest: 'abuseVictim',
  };
}

/** A request to the operation with real ids in its path and a well-formed example body. */
function plainRequest(op: Operation): InjectOptions {
  const url = op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (name === 'trackingNo') return op.path.includes('/legal-aid/') ? real.aidTrackingNo : real.trackingNo;
    if (op.path.startsWith('/api/v1/sites/')) return real.site;
    if (op.path.startsWith('/api/v1/requests/') && name === 'id') return real.request;
    const param = op.pathParams.find((p) => p.name === name)!;
    return encodeURIComponent(String(exampleOf(param.schema, ZERO_UUID)));
  });
  return {
    method: op.method,
    url,
    ...(op.body && { payload: exampleOf(op.body, real.site) as Record<string, unknown> }),
  };
}

// ── HSTS ─────────────────────────────────────────────────────────────────────────────────────────────────────────

const apps: FastifyInstance[] = [];
/** Another instance of the server on the same database, with these settings. */
async function appWith(settings: { cookieSecure: boolean; trustProxy: boolean }): Promise<FastifyInstance> {
  const app = await buildApp({ config: testConfig(settings), db: t.db, cipher: t.cipher, engine: t.engine, logger: false });
  await app.ready();
  apps.push(app);
  return app;
}
after(() => Promise.all(apps.map((a) => a.close())));

test('HSTS is sent over TLS only: behind a trusted proxy that says https, or with Secure cookies and no proxy; never over plain HTTP', async () => {
  const cases: { label: string; settings: { cookieSecure: boolean; trustProxy: boolean }; proto?: string; hsts: boolean }[] = [
    { label: 'plain HTTP, defaults', settings: { cookieSecure: false, trustProxy: false }, hsts: false },
    {
      label: 'a forged X-Forwarded-Proto to a server that trusts no proxy',
      settings: { cookieSecure: false, trustProxy: false },
      proto: 'https',
      hsts: false,
    },
    { label: 'behind a trusted HTTPS proxy', settings: { cookieSecure: false, trustProxy: true }, proto: 'https', hsts: true },
    {
      label: 'behind a trusted HTTPS proxy, Secure cookies',
      settings: { cookieSecure: true, trustProxy: true },
      proto: 'https',
      hsts: true,
    },
    {
      label: 'a trusted proxy saying plain http (a health check)',
      settings: { cookieSecure: true, trustProxy: true },
      proto: 'http',
      hsts: false,
    },
    { label: 'a trusted proxy saying nothing', settings: { cookieSecure: false, trustProxy: true }, hsts: false },
    { label: 'Secure cookies, no proxy (TLS ends in front of us)', settings: { cookieSecure: true, trustProxy: false }, hsts: true },
  ];
  for (const c of cases) {
    const app = await appWith(c.settings);
    for (const url of ['/api/v1/service-items', '/api/v1/nope', '/', '/workbench/', '/no-such-page']) {
      const res = await app.inject({ url, headers: { accept: 'text/html', ...(c.proto && { 'x-forwarded-proto': c.proto }) } });
      const hsts = res.headers['strict-transport-security'];
      if (c.hsts) {
        assert.ok(hsts, `${c.label}: ${url} has HSTS`);
        assert.ok(Number(/max-age=(\d+)/.exec(String(hsts))?.[1]) >= 31_536_000, `${c.label}: a year at least: ${hsts}`);
        assert.match(String(hsts), /includeSubDomains/);
      } else assert.equal(hsts, undefined, `${c.label}: ${url} has no HSTS`);
    }
    // the session cookie is Secure wherever HSTS is sent: a deployment behind an HTTPS proxy needs no other setting
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: freshAddress(),
      payload: { username: 'reception', password: DEMO_PASSWORD },
      headers: c.proto ? { 'x-forwarded-proto': c.proto } : {},
    });
    assert.equal(login.statusCode, 200, login.body);
    const cookie = login.cookies.find((k) => k.name === 'lh_session')!;
    assert.equal(Boolean(cookie.secure), c.hsts || c.settings.cookieSecure, `${c.label}: Secure cookie`);
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Lax');
  }
});

// ── CSP ──────────────────────────────────────────────────────────────────────────────────────────────────────────

const PAGE_ENTRIES = ['/', '/workbench/', '/kiosk/', '/dashboard/'];
const dist = testConfig().webDist;

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

test('every page entry, and every other page address, has a CSP whose scripts are our own files: no inline script, no eval', async (ctx) => {
  const built = PAGE_ENTRIES.filter((e) => existsSync(path.join(dist, e === '/' ? '' : e, 'index.html')));
  ctx.diagnostic(`page entries built: ${built.join(' ') || 'none'} (in ${path.relative(root, dist)})`);
  for (const url of [...PAGE_ENTRIES, '/track', '/qa/1', '/workbench/requests', '/no-such-page']) {
    const res = await t.app.inject({ url, headers: { accept: 'text/html' } });
    const csp = directives(String(res.headers['content-security-policy'] ?? ''));
    const scripts = csp.get('script-src') ?? csp.get('default-src');
    assert.ok(scripts, `${url}: a script policy`);
    assert.deepEqual(scripts, ["'self'"], `${url}: scripts from our own origin only`);
    assert.ok(!csp.get('script-src-attr') || csp.get('script-src-attr')!.join() === "'none'", `${url}: no inline event handlers`);
    assert.deepEqual(csp.get('object-src'), ["'none'"], url);
    assert.deepEqual(csp.get('frame-ancestors'), ["'none'"], url);
    assert.deepEqual(csp.get('base-uri'), ["'self'"], url);
    assert.equal(res.headers['x-content-type-options'], 'nosniff', url);
    if (built.includes(url)) {
      // a built page that needed an inline script would break under this policy: none is there
      assert.equal(res.statusCode, 200, url);
      assert.match(String(res.headers['content-type']), /text\/html/);
      const scriptTags = [...res.body.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
      assert.ok(scriptTags.length > 0, `${url} loads its scripts`);
      for (const [tag, attrs, content] of scriptTags) {
        assert.match(attrs!, /\bsrc="\/[^"/]/, `${url}: ${tag.slice(0, 80)} is a file of our own`);
        assert.equal(content!.trim(), '', `${url}: no inline code`);
      }
      assert.doesNotMatch(res.body, /\son[a-z]+\s*=/i, `${url}: no inline event handler attributes`);
      assert.doesNotMatch(res.body, /javascript:/i, `${url}: no javascript: URLs`);
    }
  }
  // the API's answers are data, never documents
  const api = await t.app.inject({ url: '/api/v1/service-items' });
  assert.equal(api.headers['content-security-policy'], "default-src 'none'; frame-ancestors 'none'");
});

// ── CSRF ─────────────────────────────────────────────────────────────────────────────────────────────────────────

test('every cookie write of the OpenAPI document without the X-CSRF-Token header (or with a wrong one) answers 403 and changes nothing', async (ctx) => {
  const writes = operations.filter((op) => op.method !== 'GET');
  // signing in has no session to protect; it refuses a post from another site's page instead (below)
  const exempt = writes.filter((op) => op.path === '/api/v1/auth/login');
  const checked = writes.filter((op) => !exempt.includes(op));
  assert.ok(checked.length >= 80, `${checked.length} cookie writes`);
  const other = await t.login('reception');
  for (const op of checked) {
    const before = await fp();
    for (const token of [undefined, '', 'forged', admin.csrfToken.slice(1), other.csrfToken]) {
      const options = plainRequest(op);
      const res = await t.app.inject({
        ...options,
        remoteAddress: freshAddress(),
        headers: { cookie: admin.cookie, ...(token === undefined ? {} : { 'x-csrf-token': token }) },
      });
      assertError(res, 403, 'CSRF_TOKEN_INVALID');
    }
    assert.deepEqual(changedTables(before, await fp()), [], `${op.method} ${op.path}: a refused write changed nothing`);
  }
  assert.ok(await isSignedIn(t, admin), 'the session goes on');
  for (const origin of ['https://evil.example', 'null']) {
    const res = await attemptLogin(t, 'admin', DEMO_PASSWORD, { headers: { host: 'legalhub.example.gov.cn', origin } });
    assertError(res, 403, 'CSRF_TOKEN_INVALID');
  }
  ctx.diagnostic(
    `CSRF: ${checked.length} cookie writes refused without/with a wrong token (5 tries each), sign-in refused from other origins`,
  );
});

// ── sessions ─────────────────────────────────────────────────────────────────────────────────────────────────────

test('a session idle longer than its lifetime answers 401; one in use slides on', async () => {
  const ttl = testConfig().sessionTtlHours;
  const idle = await t.login('consult');
  const busy = await t.login('consult');
  // time passes: the idle session was last seen ttl + 1 hours ago; the busy one 2 minutes ago, a minute left
  await sql`update sessions set last_seen_at = now() - make_interval(hours => ${ttl + 1}), expires_at = now() - interval '1 hour'
            where id = ${sessionId(idle)}`.execute(t.db);
  await sql`update sessions set last_seen_at = now() - interval '2 minutes', expires_at = now() + interval '1 minute'
            where id = ${sessionId(busy)}`.execute(t.db);
  assertError(await t.as(idle, { url: '/api/v1/me' }), 401, 'UNAUTHENTICATED');
  assertError(
    await t.as(idle, { method: 'POST', url: `/api/v1/requests/${real.request}/messages`, payload: { body: '过期的会话写不进来' } }),
    401,
    'UNAUTHENTICATED',
  );
  assert.equal((await t.as(busy, { url: '/api/v1/me' })).statusCode, 200);
  const { expires_at } = await t.db.selectFrom('sessions').select('expires_at').where('id', '=', sessionId(busy)).executeTakeFirstOrThrow();
  const hoursLeft = (new Date(expires_at).getTime() - Date.now()) / 3_600_000;
  assert.ok(hoursLeft > ttl - 0.1 && hoursLeft <= ttl, `the busy session slid to ${hoursLeft.toFixed(2)} h`);
  // and the cookie itself says the same lifetime
  const login = await attemptLogin(t, 'consult', DEMO_PASSWORD);
  assert.equal(login.cookies.find((c) => c.name === 'lh_session')!.maxAge, ttl * 3600);
});

test('signing in gives a new session id and CSRF token, and ends the session the browser came with', async () => {
  const first = await t.login('lawyer');
  const again = sessionOf(await attemptLogin(t, 'lawyer', DEMO_PASSWORD, { cookie: first.cookie }));
  assert.notEqual(again.cookie, first.cookie);
  assert.notEqual(again.csrfToken, first.csrfToken);
  assert.equal(await isSignedIn(t, first), false, 'the old session id no longer works');
  assert.equal(await isSignedIn(t, again), true);
  // a session id planted before sign-in (fixation) is not adopted: the answer sets its own
  const planted = 'lh_session=planted-by-someone-else';
  const fixed = sessionOf(await attemptLogin(t, 'lawyer', DEMO_PASSWORD, { cookie: planted }));
  assert.notEqual(fixed.cookie, planted);
  // signing out ends it on the server, not only in the browser
  assert.equal((await t.as(fixed, { method: 'POST', url: '/api/v1/auth/logout' })).statusCode, 204);
  assert.equal(await isSignedIn(t, fixed), false);
});

// ── passwords ────────────────────────────────────────────────────────────────────────────────────────────────────

const WEAK = ['abc1234', 'abcdefgh', '12345678', '密码密码密码密码', '        ', 'ABCDEFGHIJ', '1234567890123'];

test('weak passwords are refused with 422 PASSWORD_TOO_WEAK, when changing one’s own and when creating an account; nothing changes', async () => {
  const me = await t.login('mediator');
  for (const weak of WEAK) {
    assertError(
      await t.as(me, { method: 'POST', url: '/api/v1/me/password', payload: { currentPassword: DEMO_PASSWORD, newPassword: weak } }),
      422,
      'PASSWORD_TOO_WEAK',
    );
    const res = await t.as(admin, {
      method: 'POST',
      url: '/api/v1/staff',
      payload: { username: 'weak-pass', displayName: '弱密码', phone: '', siteId: real.site, posts: ['villageAdviser'], password: weak },
    });
    assertError(res, 422, 'PASSWORD_TOO_WEAK');
  }
  assert.equal(await t.db.selectFrom('staff').select('id').where('username', '=', 'weak-pass').executeTakeFirst(), undefined);
  assert.equal((await attemptLogin(t, 'mediator', DEMO_PASSWORD)).statusCode, 200, 'the old password still signs in');
  // too long for the schema: refused before any hashing
  const long = await t.as(me, {
    method: 'POST',
    url: '/api/v1/me/password',
    payload: { currentPassword: DEMO_PASSWORD, newPassword: `a1${'x'.repeat(200)}` },
  });
  assert.equal(problemWith(long), null);
  assert.ok(long.statusCode === 400 || long.statusCode === 422, `${long.statusCode}`);
  // the same password again is refused, a good one is taken
  assertError(
    await t.as(me, { method: 'POST', url: '/api/v1/me/password', payload: { currentPassword: DEMO_PASSWORD, newPassword: DEMO_PASSWORD } }),
    422,
    'PASSWORD_REUSED',
  );
  assert.equal(
    (
      await t.as(me, {
        method: 'POST',
        url: '/api/v1/me/password',
        payload: { currentPassword: DEMO_PASSWORD, newPassword: 'Mediator-2026-new' },
      })
    ).statusCode,
    204,
  );
});

// ── uploads ──────────────────────────────────────────────────────────────────────────────────────────────────────

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
/** Files whose bytes are not what their names say. */
const MISNAMED: { filename: string; contentType: string; data: Buffer }[] = [
  { filename: '身份证.jpg', contentType: 'image/jpeg', data: Buffer.from('<html><script>alert(1)</script></html>') },
  { filename: '判决书.pdf', contentType: 'application/pdf', data: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]) },
  {
    filename: '证据.docx',
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    data: Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('evil.sh')]),
  },
  {
    filename: '工作人员.xlsx',
    contentType: 'image/svg+xml',
    data: Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`),
  },
  { filename: '照片.png', contentType: 'image/png', data: Buffer.from('#!/bin/sh\nrm -rf /\n') },
];
const OVER_LIMIT = 10 * 1024 * 1024 + 1;

/** One file in a multipart body as a browser sends it: the name in UTF-8, only `"` and line breaks escaped. */
function browserUpload(data: Buffer, filename: string, contentType: string): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----WebKitFormBoundaryLegalHubTest';
  const name = filename.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${contentType}\r\n\r\n`,
  );
  return {
    payload: Buffer.concat([head, data, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const uploadUrl = (op: Operation) => {
  const url = plainRequest(op).url as string;
  return op.query.some((q) => q.name === 'phone') ? `${url}?phone=${real.phone}` : url;
};

test('uploads: a file whose bytes are not what its name says is refused with a coded 4xx, one over the limit with 413; neither is stored', async (ctx) => {
  const uploads = operations.filter((o) => o.upload);
  assert.deepEqual(
    uploads.map((o) => o.path).sort(),
    ['/api/v1/public/requests/{trackingNo}/attachments', '/api/v1/requests/{id}/attachments', '/api/v1/staff/import'].sort(),
  );
  for (const op of uploads) {
    const before = await fp();
    for (const file of MISNAMED) {
      const body = browserUpload(file.data, file.filename, file.contentType);
      const res = await t.as(admin, {
        method: 'POST',
        url: uploadUrl(op),
        headers: body.headers,
        payload: body.payload,
        remoteAddress: freshAddress(),
      });
      assert.equal(problemWith(res), null, `${op.path} ${file.filename}`);
      assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${op.path} ${file.filename}: ${res.statusCode}`);
      if (op.path.endsWith('/attachments')) assertError(res, 415, 'ATTACHMENT_TYPE_REFUSED');
      else assertError(res, 422, 'XLSX_UNREADABLE');
    }
    const huge = browserUpload(
      Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(OVER_LIMIT - 3, 1)]),
      '扫描件.jpg',
      'image/jpeg',
    );
    assertError(
      await t.as(admin, {
        method: 'POST',
        url: uploadUrl(op),
        headers: huge.headers,
        payload: huge.payload,
        remoteAddress: freshAddress(),
      }),
      413,
      'PAYLOAD_TOO_LARGE',
    );
    assert.deepEqual(changedTables(before, await fp()), [], `${op.path}: refused uploads stored nothing`);
  }
  // what the bytes say wins over the name: a PNG called .pdf is kept as a PNG, and sent back as one to download
  const png = browserUpload(PNG, '..\\..\\../报告.pdf', 'application/pdf');
  const saved = await t.as(admin, {
    method: 'POST',
    url: `/api/v1/requests/${real.request}/attachments`,
    headers: png.headers,
    payload: png.payload,
  });
  assert.equal(saved.statusCode, 201, saved.body);
  assert.equal(saved.json().contentType, 'image/png');
  assert.equal(saved.json().filename, '报告.png', 'no path, the true extension');
  const download = await t.as(admin, { url: `/api/v1/requests/${real.request}/attachments/${saved.json().id}` });
  assert.equal(download.headers['content-type'], 'image/png');
  assert.equal(download.headers['x-content-type-options'], 'nosniff');
  assert.match(String(download.headers['content-disposition']), /^attachment;/);
  ctx.diagnostic(`uploads: ${uploads.length} upload operations × ${MISNAMED.length} misnamed files + one of ${OVER_LIMIT} bytes each`);
});

// ── rate limits ──────────────────────────────────────────────────────────────────────────────────────────────────

/** Public reads that are not forms or look-ups: the same published pages for everyone, cacheable, no personal data. */
const NOT_LIMITED: Record<string, string> = {
  'GET /api/v1/public/legal-aid/standard': 'the published hardship standard, cached 5 minutes',
  'GET /api/v1/knowledge/laws': 'the law library’s table of contents',
  'GET /api/v1/knowledge/laws/{id}': 'a law’s contents',
  'GET /api/v1/knowledge/articles/{id}': 'an article of a law',
  'GET /api/v1/knowledge/entries/{id}': 'a published Q&A',
};

/** The public forms and look-ups: every write under /public/, every look-up by tracking number, the knowledge search
 *  and the smart consultation, and the sign-in form. */
function limitedOperations(): Operation[] {
  return operations.filter(
    (op) =>
      (op.path.startsWith('/api/v1/public/') && op.method !== 'GET') ||
      (op.method === 'GET' && op.pathParams.some((p) => p.name === 'trackingNo')) ||
      op.path === '/api/v1/knowledge/search' ||
      op.path === '/api/v1/knowledge/consult' ||
      op.path === '/api/v1/auth/login',
  );
}

/** A request the form takes (or refuses for its content, not its rate): known forms filled in properly. */
function formRequest(op: Operation): InjectOptions {
  const key = `${op.method} ${op.path}`;
  const base = plainRequest(op);
  const phone = op.path.includes('/legal-aid/') ? real.aidPhone : real.phone;
  const withPhone = (url: string) => (op.query.some((q) => q.name === 'phone') ? `${url}?phone=${phone}` : url);
  switch (key) {
    case 'POST /api/v1/auth/login':
      return { method: 'POST', url: base.url, payload: { username: 'no-such-user', password: 'wrong-password-1' } };
    case 'POST /api/v1/public/requests':
      return {
        method: 'POST',
        url: base.url,
        payload: {
          serviceItem: 'mediation',
          name: '王大妈',
          phone: freshPhone(),
          regionCode: WUMING,
          description: '邻居堆放柴草',
          channel: 'web',
        },
      };
    case 'POST /api/v1/public/legal-aid/applications':
      return { method: 'POST', url: base.url, payload: aidApplication() };
    case 'POST /api/v1/public/requests/{trackingNo}/evaluation':
      return { method: 'POST', url: base.url, payload: { phone, grade: 5, attitude: 5, efficiency: 5, competence: 5 } };
    case 'POST /api/v1/public/requests/{trackingNo}/resend':
      // three texts, then RESEND_LIMIT (the request's own limit), then the address's 429
      return { method: 'POST', url: base.url, payload: { phone } };
    case 'POST /api/v1/public/requests/{trackingNo}/messages':
      return { method: 'POST', url: base.url, payload: { phone, body: '请问还需要带什么材料？' } };
    case 'POST /api/v1/public/legal-aid/{trackingNo}/objections':
      return { method: 'POST', url: base.url, payload: { phone, grounds: '我的收入低于当地标准，不应不予援助。' } };
    case 'POST /api/v1/public/requests/{trackingNo}/attachments': {
      const file = browserUpload(PNG, '补正材料.png', 'image/png');
      return { method: 'POST', url: withPhone(base.url as string), headers: file.headers, payload: file.payload };
    }
    case 'GET /api/v1/knowledge/search':
      return { method: 'GET', url: `${base.url}?q=${encodeURIComponent('劳动合同')}` };
    case 'GET /api/v1/knowledge/consult':
      return { method: 'GET', url: `${base.url}?q=${encodeURIComponent('工资被拖欠怎么办')}` };
    default:
      // a form this test does not know yet: its documented example, with the tracking number and phone of a real request
      return { ...base, url: withPhone(base.url as string) };
  }
}

const MOST_TRIES = 200;

test('every public form and look-up answers 429 RATE_LIMITED after its limit from one address, while another address is still served', async (ctx) => {
  const publicOps = operations.filter((op) => op.tags.includes('public') || op.path.startsWith('/api/v1/public/'));
  const limited = limitedOperations();
  // a public operation is limited or named here with the reason it needs no limit: a new one cannot slip by
  for (const op of publicOps) {
    const key = `${op.method} ${op.path}`;
    assert.ok(limited.includes(op) || key in NOT_LIMITED, `${key} is public: limit it per address, or say in NOT_LIMITED why not`);
  }
  const found: string[] = [];
  let n = 0;
  for (const op of limited) {
    const address = `10.123.${(n >> 8) & 255}.${n++ & 255}`;
    const other = `10.124.${(n >> 8) & 255}.${n & 255}`;
    let refused: LightMyRequestResponse | undefined;
    let first: LightMyRequestResponse | undefined;
    let tries = 0;
    while (!refused && tries < MOST_TRIES) {
      tries++;
      const res = await t.app.inject({ ...formRequest(op), remoteAddress: address });
      assert.equal(problemWith(res), null, `${op.method} ${op.path} try ${tries}`);
      first ??= res;
      if (res.statusCode === 429) refused = res;
    }
    assert.ok(refused, `${op.method} ${op.path}: still served after ${MOST_TRIES} requests from one address — add a per-address limit`);
    assert.ok(tries > 1, `${op.method} ${op.path}: the first request is served`);
    assert.notEqual(first!.statusCode, 429);
    assertError(refused, 429, 'RATE_LIMITED');
    assert.ok(Number(refused.headers['retry-after']) > 0, `${op.method} ${op.path}: Retry-After ${refused.headers['retry-after']}`);
    const elsewhere = await t.app.inject({ ...formRequest(op), remoteAddress: other });
    assert.equal(problemWith(elsewhere), null);
    assert.notEqual(elsewhere.statusCode, 429, `${op.method} ${op.path}: another address is still served`);
    found.push(`${op.method} ${op.path.replace('/api/v1', '')} ${tries - 1}`);
  }
  const line = `rate limits: ${found.length} public forms and look-ups, limit per address (requests served before 429): ${found.join('; ')}`;
  ctx.diagnostic(line);
  console.log(line);
});
