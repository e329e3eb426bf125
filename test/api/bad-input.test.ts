// Bad input on every endpoint of the OpenAPI document, as a signed-in admin (with the CSRF token) and as
// nobody: wrong types, missing fields, huge and hostile strings, bad ids and codes, broken bodies. Whatever
// the input, the answer is never a 5xx, and every error has a code, a Chinese message and an English one.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { startTestApp, type Session, type TestApp } from '../helpers/app.js';
import { freshAddress, isSignedIn } from '../helpers/http.js';
import { seedStaff, siteIdOf } from '../helpers/factories.js';
import {
  BAD_JSON_VALUES,
  HUGE,
  ZERO_UUID,
  badParameterValues,
  exampleOf,
  operationsOf,
  problemWith,
  randomJsonValues,
  randomObjects,
  type OpenApiDocument,
  type Operation,
} from '../helpers/openapi.js';

/** writes that need no session: signing in and out, and what citizens send through the portal */
const OPEN_TO_ANYONE = /^\/api\/v1\/(auth\/|public\/)/;
const JSON_TYPE = 'application/json';

interface Probe {
  label: string;
  method: Operation['method'];
  url: string;
  headers?: Record<string, string>;
  payload?: InjectOptions['payload'];
  /** a variation of one query parameter or body field: the schema validator answers it before any session
   *  check, so where a session is required the admin's run alone covers it */
  validatorOnly?: true;
}

let t: TestApp;
let admin: Session;
let operations: Operation[];
/** real rows, so that well-formed parts of a request reach the database */
const real = { site: '', staff: '', region: '411522215201' };
let sent = 0;

before(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
  real.site = await siteIdOf(t, 'room', real.region);
  real.staff = (await seedStaff(t, admin, { username: 'fuzz-target', siteId: real.site, posts: ['villageAdviser'] })).id;
  const doc = await t.app.inject({ url: '/api/v1/openapi.json' });
  assert.equal(doc.statusCode, 200);
  operations = operationsOf(doc.json() as OpenApiDocument);
});
after(() => t.close());

const encode = (value: string): string => {
  try {
    return encodeURIComponent(value);
  } catch {
    return value; // a lone surrogate: sent as it is
  }
};
const short = (value: unknown): string => {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return text.length > 40 ? `${text.slice(0, 30)}…(${text.length} chars)` : text;
};

/** A well-formed value for a path parameter: real rows where the path names them. */
function goodPathValue(op: Operation, name: string): string {
  if (op.path.includes('/sites/')) return real.site;
  if (op.path.includes('/staff/')) return real.staff;
  if (op.path.includes('/regions/')) return real.region;
  const param = op.pathParams.find((p) => p.name === name)!;
  return encode(String(exampleOf(param.schema, ZERO_UUID)));
}

function probesFor(op: Operation): Probe[] {
  const goodPath = Object.fromEntries(op.pathParams.map((p) => [p.name, goodPathValue(op, p.name)]));
  const url = (path: Record<string, string> = goodPath, query = '') =>
    op.path.replace(/\{(\w+)\}/g, (_, name: string) => path[name] ?? 'x') + (query ? `?${query}` : '');
  const example = op.body ? (exampleOf(op.body, real.site) as Record<string, unknown>) : undefined;
  const json = (label: string, payload: unknown, target = url()): Probe => ({
    label,
    method: op.method,
    url: target,
    headers: { 'content-type': JSON_TYPE },
    payload: JSON.stringify(payload),
  });
  const field = (label: string, payload: unknown): Probe => ({ ...json(label, payload), validatorOnly: true });
  const plain = (label: string, target: string): Probe =>
    example ? json(label, example, target) : { label, method: op.method, url: target };
  const probes: Probe[] = [plain('as documented', url())];

  for (const p of op.pathParams) {
    const values = [
      ...badParameterValues(p.schema).map(encode),
      '%00',
      '%',
      '%zz',
      '..%2F..%2Fetc',
      'x'.repeat(250),
      real.site.toUpperCase(),
    ];
    for (const v of values) probes.push(plain(`path ${p.name}=${short(v)}`, url({ ...goodPath, [p.name]: v })));
  }

  for (const q of op.query) {
    const values = [
      ...badParameterValues(q.schema).map(encode),
      encode(HUGE),
      '%00',
      '%',
      '%zz',
      '%ED%A0%80',
      `a&${q.name}=b`,
      `1&${q.name}=2`,
    ];
    for (const v of values) probes.push({ ...plain(`query ${q.name}=${short(v)}`, url(goodPath, `${q.name}=${v}`)), validatorOnly: true });
  }
  probes.push(plain('query with prototype keys', url(goodPath, '__proto__[admin]=1&constructor[prototype][x]=1&a[b][c]=d')));
  probes.push(plain('query of 1000 empty pairs', url(goodPath, '&'.repeat(1000))));

  if (op.method !== 'GET') {
    const raw = (label: string, contentType: string | undefined, payload: string): Probe => ({
      label,
      method: op.method,
      url: url(),
      headers: contentType ? { 'content-type': contentType } : {},
      payload,
    });
    probes.push(
      raw('empty JSON body', JSON_TYPE, ''),
      raw('truncated JSON', JSON_TYPE, '{"a":'),
      raw('not JSON', JSON_TYPE, '{bad json}'),
      raw('JSON null', JSON_TYPE, 'null'),
      raw('JSON array', JSON_TYPE, '[]'),
      raw('JSON string', JSON_TYPE, '"x"'),
      raw('JSON number', JSON_TYPE, '-1e999'),
      raw('prototype pollution', JSON_TYPE, '{"__proto__":{"admin":true},"constructor":{"prototype":{"admin":true}}}'),
      raw('deeply nested JSON', JSON_TYPE, `${'['.repeat(5000)}${']'.repeat(5000)}`),
      raw('a NUL instead of JSON', JSON_TYPE, '\u0000'),
      raw('text/plain', 'text/plain', 'hello'),
      raw('a form', 'application/x-www-form-urlencoded', 'version=1&name=x'),
      raw('XML', 'application/xml', '<a>1</a>'),
      raw('garbage multipart', 'multipart/form-data; boundary=XYZ', 'garbage'),
      raw('multipart without a boundary', 'multipart/form-data', 'garbage'),
      raw('multipart with no parts', 'multipart/form-data; boundary=XYZ', '--XYZ--\r\n'),
      raw('UTF-16 JSON', 'application/json; charset=utf-16', '{}'),
      raw('no content type', undefined, '{"a":1}'),
      raw('a body over 1 MB', JSON_TYPE, JSON.stringify({ x: 'x'.repeat(1_100_000) })),
    );
  }

  if (op.body && example) {
    probes.push(json('empty object', {}));
    for (const value of [null, [], [example], 'x', 0]) probes.push(json(`body ${short(value)}`, value));
    for (const name of op.body.required ?? []) {
      const { [name]: _dropped, ...rest } = example;
      probes.push(json(`without ${name}`, rest));
    }
    for (const [name, schema] of Object.entries(op.body.properties ?? {})) {
      for (const value of BAD_JSON_VALUES) probes.push(field(`${name}=${short(value)}`, { ...example, [name]: value }));
      if (schema.type === 'array') {
        const item = (example[name] as unknown[])[0];
        probes.push(field(`${name} with 10001 items`, { ...example, [name]: Array.from({ length: 10_001 }, () => item) }));
        probes.push(field(`${name} with bad items`, { ...example, [name]: [null, 123, HUGE, '\u0000', ['nested']] }));
      }
    }
    probes.push(field('an extra huge field', { ...example, extra: HUGE }));
    probes.push(field('an extra field with a huge name', { ...example, ['k'.repeat(10_000)]: 1 }));
    probes.push(field('an extra NUL field', { ...example, 'x\u0000y': '\u0000' }));
    const seed = [...(op.method + op.path)].reduce((n, c) => n * 31 + c.charCodeAt(0), 7) >>> 0;
    for (const value of randomJsonValues(8, seed)) probes.push(field(`random ${short(value)}`, value));
    for (const value of randomObjects(Object.keys(op.body.properties ?? {}), 12, seed + 1))
      probes.push(field(`random fields ${short(value)}`, { ...example, ...value }));
  }
  return probes;
}

async function send(probe: Probe, session: Session | null): Promise<LightMyRequestResponse> {
  sent++;
  const res = await t.as(session, {
    method: probe.method,
    url: probe.url,
    remoteAddress: freshAddress(),
    ...(probe.headers && { headers: probe.headers }),
    ...(probe.payload !== undefined && { payload: probe.payload }),
  });
  if (session && res.statusCode === 204 && probe.url.startsWith('/api/v1/auth/logout')) admin = await t.login('admin');
  return res;
}

/** Sends every probe as the admin and as nobody; answers what went wrong, grouped by answer. */
async function sweep(probes: Probe[], op: Pick<Operation, 'method' | 'path'>): Promise<string[]> {
  const problems = new Map<string, string[]>();
  const note = (who: string, probe: Probe, problem: string) => {
    const key = `${who}: ${problem}`;
    problems.set(key, [...(problems.get(key) ?? []), probe.label]);
  };
  const documented = await send(probes[0]!, null);
  const needsSession = documented.statusCode === 401;
  for (const probe of probes) {
    for (const who of ['admin', 'anonymous'] as const) {
      if (who === 'anonymous' && probe.validatorOnly && needsSession) continue;
      const res = await send(probe, who === 'admin' ? admin : null);
      const problem = problemWith(res);
      if (problem) note(who, probe, problem);
      // an outsider never gets a write through, whatever they send
      else if (who === 'anonymous' && op.method !== 'GET' && res.statusCode < 300 && !OPEN_TO_ANYONE.test(op.path))
        note(who, probe, `an anonymous ${op.method} succeeded with ${res.statusCode}`);
    }
  }
  // a probe may have ended the admin's session (a logout, say): the next operation starts signed in again
  if (!(await isSignedIn(t, admin))) admin = await t.login('admin');
  return [...problems].map(([problem, labels]) => `${problem}  ← ${labels.length} requests, e.g. ${labels.slice(0, 4).join(' | ')}`);
}

test('the OpenAPI document lists the endpoints', () => {
  assert.ok(operations.length >= 20, `${operations.length} operations`);
  for (const path of ['/api/v1/auth/login', '/api/v1/staff/{id}', '/api/v1/sites', '/api/v1/audit', '/api/v1/staff/import'])
    assert.ok(
      operations.some((o) => o.path === path),
      path,
    );
});

test('every operation answers malformed requests with a coded 4xx, never a 5xx', async (ctx) => {
  for (const op of operations) {
    await ctx.test(`${op.method} ${op.path}`, async () => {
      assert.deepEqual(await sweep(probesFor(op), op), []);
    });
  }
});

test('routes outside the document answer a coded 404 or 4xx', async () => {
  const urls = [
    '/api/v1/nope',
    '/api/v1/staff/',
    '/api/v2/staff',
    '/api/v1/staff/x/y/z',
    '/api/v1//staff',
    '/api/v1/%',
    '/api/v1/%00',
    `/api/v1/${HUGE}`,
    '/healthz?x=%00',
  ];
  const probes: Probe[] = [];
  for (const url of urls)
    for (const method of ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'] as const) probes.push({ label: `${method} ${short(url)}`, method, url });
  for (const op of operations) probes.push({ label: `PUT ${op.path}`, method: 'PUT', url: op.path.replace(/\{\w+\}/g, ZERO_UUID) });
  assert.deepEqual(await sweep(probes, { method: 'GET', path: '(not documented)' }), []);
});

// The sweep's findings, one request each, so that a fix shows as one test turning green.
test('an id in the urn:uuid form (which the uuid format accepts) is refused as malformed, not a 500', async () => {
  const res = await t.app.inject({ url: `/api/v1/sites/urn:uuid:${ZERO_UUID}` });
  assert.equal(problemWith(res), null);
  assert.equal(res.statusCode, 400);
  assert.equal(res.json().code, 'VALIDATION_FAILED');
});

test('a version beyond the integer range answers a coded 4xx, not 500', async () => {
  for (const version of [2 ** 31, 1e20]) {
    const res = await t.as(admin, { method: 'PATCH', url: `/api/v1/sites/${real.site}`, payload: { version, address: 'x' } });
    assert.equal(problemWith(res), null, `version ${version}`);
  }
});

test('limit=Infinity or offset=1e309 answers 400, not 500', async () => {
  for (const query of ['limit=Infinity', 'limit=1e309', 'offset=Infinity']) {
    const res = await t.app.inject({ url: `/api/v1/sites?${query}` });
    assert.equal(problemWith(res), null, query);
    assert.equal(res.statusCode, 400, query);
  }
});

test('an audit time the date-time format accepts but a Date cannot hold answers 400, not 500', async () => {
  for (const from of ['2016-12-31T23:59:60Z', '0000-01-01T00:00:00Z']) {
    const res = await t.as(admin, { url: `/api/v1/audit?from=${encodeURIComponent(from)}` });
    assert.equal(problemWith(res), null, from);
  }
});

test('a broken multipart upload answers a coded 4xx, not 500', async () => {
  for (const contentType of ['multipart/form-data; boundary=XYZ', 'multipart/form-data']) {
    const res = await t.as(admin, {
      method: 'POST',
      url: '/api/v1/staff/import',
      headers: { 'content-type': contentType },
      payload: 'garbage',
    });
    assert.equal(problemWith(res), null, contentType);
  }
});

test('a malformed URL answers the coded error shape', async () => {
  for (const url of ['/api/v1/staff/%', `/api/v1/staff/${'x'.repeat(250)}`]) {
    const res = await t.app.inject({ url });
    assert.equal(problemWith(res), null, url);
  }
});

test(`requests sent`, (ctx) => {
  ctx.diagnostic(`bad-input requests sent: ${sent}`);
  console.log(`bad-input requests sent: ${sent}`);
  assert.ok(sent > 3000, `${sent} requests`);
});
