// Hostile input on every operation of the OpenAPI document, as a signed-in admin (with the CSRF token) and as
// nobody: fast-check draws SQL injection, markup, path traversal, huge and invisible Unicode, lone surrogates,
// prototype keys, deep nesting, huge arrays and wrong types into bodies, queries and paths of otherwise
// well-formed requests (real ids, fitted lengths), so that most of them reach the services and the database.
// Whatever comes in: never a 5xx; every refusal a catalogued code with a Chinese and an English message; a
// refused request leaves the stored data as it was; an accepted text is stored as text and comes back unchanged.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { startTestApp, type Session, type TestApp } from '../helpers/app.js';
import { freshAddress, isSignedIn } from '../helpers/http.js';
import { seedStaff, siteIdOf } from '../helpers/factories.js';
import { freshPhone, submitPublic } from '../helpers/requests.js';
import { ZERO_UUID, exampleOf, operationsOf, problemWith, type OpenApiDocument, type Operation } from '../helpers/openapi.js';
import {
  FINGERPRINT_EXCLUSIONS,
  changedTables,
  fingerprint,
  fit,
  hostileProbes,
  hostileText,
  short,
  type HostileProbe,
  type ProbeBase,
} from '../helpers/hostile.js';

/** writes that need no session: signing in and out, what citizens send, the telephony system's signed events */
const OPEN_TO_ANYONE = /^\/api\/v1\/(auth\/|public\/|hotline\/events$)/;
const SEED = 20260612;
/** probes per operation: operations with inputs get more, those without only extra query parameters and paths */
const RUNS_WITH_INPUT = 26;
const RUNS_WITHOUT_INPUT = 8;
/** refused probes sent again, one at a time between two fingerprints, where a run also had accepted ones */
const RECHECKED_PER_RUN = 3;

let t: TestApp;
let admin: Session;
let operations: Operation[];
const real = {
  region: '411522215201',
  site: '',
  staff: '',
  request: '',
  trackingNo: '',
  phone: '',
  aidTrackingNo: '',
  aidPhone: '13955550101',
  aidCase: '',
  entry: '',
  call: '',
};
const perOperation = new Map<string, number>();
const kinds = new Map<string, number>();
let fingerprintChecks = 0;
let accepted = 0;
/** accepted hostile texts found again in the answer, compared byte for byte */
let echoChecks = 0;

before(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
  real.site = await siteIdOf(t, 'room', real.region);
  real.staff = (await seedStaff(t, admin, { username: 'hostile-target', siteId: real.site, posts: ['villageAdviser'] })).id;
  real.phone = freshPhone();
  const asked = await submitPublic(t, {
    serviceItem: 'consultation',
    phone: real.phone,
    description: '工地干活摔伤了，老板不给工钱怎么办',
  });
  assert.equal(asked.statusCode, 201, asked.body);
  real.trackingNo = asked.json().trackingNo;
  const row = await t.db.selectFrom('service_requests').select(['id']).where('tracking_no', '=', real.trackingNo).executeTakeFirstOrThrow();
  real.request = row.id;
  const aid = await t.app.inject({
    method: 'POST',
    url: '/api/v1/public/legal-aid/applications',
    remoteAddress: freshAddress(),
    payload: {
      name: '陈秀梅',
      phone: real.aidPhone,
      regionCode: '411522101203',
      description: '丈夫长期家暴，想起诉离婚并申请人身安全保护令。',
      channel: 'web',
      applicantKind: 'self',
      matterCategory: 'other',
      aidForm: 'litigationAgency',
      noMeansTest: 'abuseVictim',
    },
  });
  assert.equal(aid.statusCode, 201, aid.body);
  real.aidTrackingNo = aid.json().trackingNo;
  real.aidCase = (
    await t.db
      .selectFrom('aid_cases as c')
      .innerJoin('service_requests as r', 'r.id', 'c.request_id')
      .select('c.id')
      .where('r.tracking_no', '=', real.aidTrackingNo)
      .executeTakeFirstOrThrow()
  ).id;
  const entry = await t.as(admin, {
    method: 'POST',
    url: '/api/v1/knowledge/admin/entries',
    payload: {
      kind: 'qa',
      title: '邻居占用宅基地怎么办',
      body: '可以先请村委会调解，调解不成可以向乡镇人民政府申请处理或者起诉。',
      refs: [],
    },
  });
  assert.equal(entry.statusCode, 201, entry.body);
  real.entry = String(entry.json().id);
  const call = await t.as(admin, {
    method: 'POST',
    url: '/api/v1/hotline/calls',
    payload: { startedAt: new Date().toISOString(), durationSeconds: 300, callerPhone: '13933334444', summary: '邻里纠纷，要求调解' },
  });
  assert.equal(call.statusCode, 201, call.body);
  real.call = String(call.json().id);
  const doc = await t.app.inject({ url: '/api/v1/openapi.json' });
  operations = operationsOf(doc.json() as OpenApiDocument);
});
after(() => t.close());

/** Real rows for path parameters, so that a hostile body meets a record to change. */
function pathValue(op: Operation, name: string): string {
  const p = op.path;
  if (name === 'trackingNo') return p.includes('/legal-aid/') ? real.aidTrackingNo : real.trackingNo;
  if (name === 'attachmentId') return ZERO_UUID;
  if (p.startsWith('/api/v1/regions/')) return real.region;
  if (p.startsWith('/api/v1/sites/')) return real.site;
  if (p.startsWith('/api/v1/staff/')) return real.staff;
  if (p.startsWith('/api/v1/requests/')) return real.request;
  if (p.startsWith('/api/v1/legal-aid/cases/')) return real.aidCase;
  if (p.startsWith('/api/v1/knowledge/admin/entries/') || p.startsWith('/api/v1/knowledge/entries/')) return real.entry;
  if (p.startsWith('/api/v1/hotline/calls/')) return real.call;
  if (p.startsWith('/api/v1/service-items/')) return 'mediation';
  if (p.startsWith('/api/v1/calendar/')) return '2026-05-09';
  const param = op.pathParams.find((x) => x.name === name)!;
  return encodeURIComponent(String(exampleOf(param.schema, ZERO_UUID)));
}

function baseFor(op: Operation): ProbeBase {
  const queryValues: Record<string, string> = {};
  for (const q of op.query) {
    if (q.name === 'phone') queryValues.phone = op.path.includes('/legal-aid/') ? real.aidPhone : real.phone;
    else if (q.required) queryValues[q.name] = encodeURIComponent(String(exampleOf(q.schema, ZERO_UUID)));
  }
  const body = op.body ? (exampleOf(op.body, real.site) as Record<string, unknown>) : undefined;
  if (body && 'phone' in body && op.path.startsWith('/api/v1/public/'))
    body.phone = op.path.includes('/legal-aid/') ? real.aidPhone : real.phone;
  return {
    pathValues: Object.fromEntries(op.pathParams.map((p) => [p.name, pathValue(op, p.name)])),
    queryValues,
    ...(body && { body }),
  };
}

async function send(probe: HostileProbe, who: Session | null): Promise<LightMyRequestResponse> {
  const res = await t.as(who, {
    method: probe.method,
    url: probe.url,
    remoteAddress: freshAddress(),
    headers: probe.headers,
    ...(probe.payload !== undefined && { payload: probe.payload }),
  });
  if (who && res.statusCode === 204 && probe.url.startsWith('/api/v1/auth/logout')) admin = await t.login('admin');
  return res;
}

/** Every string under `key` in an answer, up to three levels down (the answer, a wrapper, a list). */
function echoed(value: unknown, key: string, depth = 0): string[] {
  if (depth > 3 || value === null || typeof value !== 'object') return [];
  if (Array.isArray(value)) return value.flatMap((v) => echoed(v, key, depth + 1));
  return Object.entries(value).flatMap(([k, v]) => (k === key && typeof v === 'string' ? [v] : echoed(v, key, depth + 1)));
}

/** What is wrong with one answer to one probe, or null. */
function judge(op: Operation, probe: HostileProbe, who: 'admin' | 'anonymous', res: LightMyRequestResponse): string | null {
  const problem = problemWith(res);
  if (problem) return problem;
  if (res.statusCode >= 300) return null;
  if (who === 'anonymous' && op.method !== 'GET' && !OPEN_TO_ANYONE.test(op.path))
    return `an anonymous ${op.method} succeeded (${res.statusCode})`;
  const polluted = ({} as Record<string, unknown>).polluted ?? ({} as Record<string, unknown>).isAdmin;
  if (polluted !== undefined) return 'Object.prototype was polluted';
  if (!res.headers['content-type']?.toString().startsWith('application/json')) return null;
  const body: unknown = res.json();
  for (const [field, text] of Object.entries(probe.placed)) {
    const back = echoed(body, field);
    if (back.length) echoChecks++;
    if (back.length && !back.includes(text))
      return `${field} came back altered: sent ${JSON.stringify(short(text))}, got ${JSON.stringify(short(back[0]))}`;
  }
  return null;
}

interface RunResult {
  problems: Map<string, string[]>;
  refused: HostileProbe[];
  acceptedWrites: number;
  /** any probe answered below 400 (a read may write too: a revealed phone is audited) */
  acceptedAny: boolean;
}

/** One fast-check run over an operation's probes as one caller; the data must not change when nothing was accepted. */
async function run(op: Operation, who: 'admin' | 'anonymous', numRuns: number): Promise<RunResult> {
  const result: RunResult = { problems: new Map(), refused: [], acceptedWrites: 0, acceptedAny: false };
  const note = (probe: HostileProbe, problem: string) => {
    const key = `${who}: ${problem.slice(0, 160)}`;
    result.problems.set(key, [...(result.problems.get(key) ?? []), probe.label]);
  };
  const before = await fingerprint(t.db as never);
  await fc.assert(
    fc.asyncProperty(hostileProbes(op, baseFor(op)), async (probe) => {
      const res = await send(probe, who === 'admin' ? admin : null);
      if (who === 'anonymous') kinds.set(probe.kind, (kinds.get(probe.kind) ?? 0) + 1); // the admin's run draws the same probes
      const problem = judge(op, probe, who, res);
      if (problem) note(probe, problem);
      if (res.statusCode >= 400) result.refused.push(probe);
      else {
        result.acceptedAny = true;
        if (op.method !== 'GET') result.acceptedWrites++;
      }
      // every finding is collected (and reported together below), so the run goes on
      return true;
    }),
    { seed: SEED + op.path.length * 31 + op.method.length, numRuns, endOnFailure: true },
  );
  if (!result.acceptedAny) {
    fingerprintChecks++;
    const changed = changedTables(before, await fingerprint(t.db as never));
    if (changed.length) note({ label: `${numRuns} probes, all refused` } as HostileProbe, `refused requests changed ${changed.join(', ')}`);
  }
  return result;
}

/** Sends a few refused probes again, each between two fingerprints (for runs where other probes were accepted). */
async function recheck(op: Operation, refused: HostileProbe[]): Promise<string[]> {
  const problems: string[] = [];
  const byKind = new Map<string, HostileProbe>();
  for (const p of refused) if (!byKind.has(p.kind)) byKind.set(p.kind, p);
  for (const probe of [...byKind.values()].slice(0, RECHECKED_PER_RUN)) {
    const before = await fingerprint(t.db as never);
    const res = await send(probe, admin);
    if (res.statusCode < 400) continue; // accepted this time (a version that now matches): nothing to compare
    fingerprintChecks++;
    const changed = changedTables(before, await fingerprint(t.db as never));
    if (changed.length) problems.push(`admin: refused ${res.statusCode} ${probe.label} changed ${changed.join(', ')}`);
  }
  return problems;
}

test('every operation refuses hostile input with a coded 4xx, stores nothing when it refuses, and stores text as text', async (ctx) => {
  assert.ok(operations.length >= 100, `${operations.length} operations in the document`);
  for (const op of operations) {
    await ctx.test(`${op.method} ${op.path}`, async () => {
      const hasInput = Boolean(op.body || op.query.length || op.pathParams.length || op.method !== 'GET');
      const numRuns = hasInput ? RUNS_WITH_INPUT : RUNS_WITHOUT_INPUT;
      const anonymous = await run(op, 'anonymous', numRuns);
      const signedIn = await run(op, 'admin', numRuns);
      perOperation.set(`${op.method} ${op.path}`, numRuns);
      accepted += signedIn.acceptedWrites + anonymous.acceptedWrites;
      const problems = [...anonymous.problems, ...signedIn.problems].map(
        ([problem, labels]) => `${problem}  ← ${labels.length} probes, e.g. ${labels.slice(0, 3).join(' | ')}`,
      );
      if (signedIn.acceptedAny) problems.push(...(await recheck(op, signedIn.refused)));
      if (!(await isSignedIn(t, admin))) admin = await t.login('admin');
      assert.deepEqual(problems, []);
    });
  }
});

/** The length bounds the document gives a body field, so that a text is fitted to pass validation. */
function fitFor(method: Operation['method'], path: string, field: string, text: string): string {
  const schema = operations.find((o) => o.method === method && o.path === path)?.body?.properties?.[field];
  assert.ok(schema, `${method} ${path} has a field ${field}`);
  return fit(text, Math.max(schema.minLength ?? 0, 1), schema.maxLength ?? 2000);
}

interface RoundTrip {
  label: string;
  method: Operation['method'];
  path: string;
  fields: string[];
  write: (body: Record<string, string>) => Promise<LightMyRequestResponse>;
  read: (res: LightMyRequestResponse) => Promise<unknown>;
}

/** Texts that a person types into the portal and the workbench: each stored through the API and read back. */
const ROUND_TRIPS: RoundTrip[] = [
  {
    label: 'a public request: name and description',
    method: 'POST',
    path: '/api/v1/public/requests',
    fields: ['name', 'description'],
    write: (body) => submitPublic(t, { serviceItem: 'consultation', ...body }),
    read: async (res) => {
      const { id } = await t.db
        .selectFrom('service_requests')
        .select('id')
        .where('tracking_no', '=', res.json().trackingNo)
        .executeTakeFirstOrThrow();
      return (await t.as(admin, { url: `/api/v1/requests/${id}` })).json();
    },
  },
  {
    label: 'a consultation message',
    method: 'POST',
    path: '/api/v1/requests/{id}/messages',
    fields: ['body'],
    write: (payload) => t.as(admin, { method: 'POST', url: `/api/v1/requests/${real.request}/messages`, payload }),
    read: async () => (await t.as(admin, { url: `/api/v1/requests/${real.request}/messages` })).json(),
  },
  {
    label: 'a knowledge entry: title and body',
    method: 'POST',
    path: '/api/v1/knowledge/admin/entries',
    fields: ['title', 'body'],
    write: (body) => t.as(admin, { method: 'POST', url: '/api/v1/knowledge/admin/entries', payload: { kind: 'qa', refs: [], ...body } }),
    read: async (res) => (await t.as(admin, { url: `/api/v1/knowledge/admin/entries/${res.json().id}` })).json(),
  },
  {
    label: 'a hotline call: summary and answer',
    method: 'POST',
    path: '/api/v1/hotline/calls',
    fields: ['summary', 'answer'],
    write: (body) =>
      t.as(admin, {
        method: 'POST',
        url: '/api/v1/hotline/calls',
        payload: { startedAt: new Date().toISOString(), durationSeconds: 60, ...body },
      }),
    read: async (res) => (await t.as(admin, { url: `/api/v1/hotline/calls/${res.json().id}` })).json(),
  },
];

/** Every string in a JSON value. */
function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value === null || typeof value !== 'object') return [];
  return Object.values(value).flatMap(stringsIn);
}

test('injection strings accepted into free text come back byte for byte (stored as text, not interpreted)', async () => {
  let checked = 0;
  for (const trip of ROUND_TRIPS) {
    await fc.assert(
      fc.asyncProperty(hostileText, async (text) => {
        const body = Object.fromEntries(trip.fields.map((f) => [f, fitFor(trip.method, trip.path, f, text)]));
        const res = await trip.write(body);
        assert.ok(res.statusCode === 201 || res.statusCode === 200, `${trip.label}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        const stored = stringsIn(await trip.read(res));
        for (const [field, value] of Object.entries(body))
          assert.ok(stored.includes(value), `${trip.label}: ${field} ${JSON.stringify(short(value))} did not come back as sent`);
        checked++;
      }),
      { seed: SEED, numRuns: 12, endOnFailure: true },
    );
  }
  assert.equal(checked, ROUND_TRIPS.length * 12);
});

// The sweep's findings, one request each, so that a regression shows as one named test.
test('a lone surrogate in a text to store answers 400 VALIDATION_FAILED, not a 500 from the database', async () => {
  for (const text of ['甲\udc00', '\ud800', '王\ud83d乙']) {
    const site = await t.as(admin, { url: `/api/v1/sites/${real.site}` });
    const res = await t.as(admin, {
      method: 'PATCH',
      url: `/api/v1/sites/${real.site}`,
      payload: { version: site.json().version, description: text },
    });
    assert.equal(problemWith(res), null, JSON.stringify(text));
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().code, 'VALIDATION_FAILED');
  }
  // a whole pair (an emoji) is a character like any other
  const site = await t.as(admin, { url: `/api/v1/sites/${real.site}` });
  const ok = await t.as(admin, {
    method: 'PATCH',
    url: `/api/v1/sites/${real.site}`,
    payload: { version: site.json().version, description: '甲😀乙' },
  });
  assert.equal(ok.statusCode, 200, ok.body);
  assert.equal(ok.json().description, '甲😀乙');
});

test('a question holding "constructor" or "__proto__" is searched like any words, not a 500', async () => {
  for (const q of ['constructor', '甲{{constructor.constructor(1)()}}乙', '__proto__ toString', 'hasOwnProperty valueOf']) {
    for (const url of [`/api/v1/knowledge/consult?q=${encodeURIComponent(q)}`, `/api/v1/knowledge/search?q=${encodeURIComponent(q)}`]) {
      const res = await t.app.inject({ url, remoteAddress: freshAddress() });
      assert.equal(res.statusCode, 200, `${url}: ${res.body.slice(0, 200)}`);
    }
  }
});

test('the sweep covered every operation', (ctx) => {
  const counts = [...perOperation.values()].sort((a, b) => a - b);
  const total = counts.reduce((n, c) => n + c, 0);
  const line =
    `hostile input: ${total} payloads over ${counts.length} operations (min ${counts[0]}/median ${counts[counts.length >> 1]} per operation; ` +
    `each sent as the admin and as nobody: ${total * 2} requests; ${accepted} writes accepted, ${echoChecks} accepted texts echoed byte for byte; ` +
    `${fingerprintChecks} fingerprint comparisons; ` +
    `kinds ${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')}; excluded from the fingerprint: ${FINGERPRINT_EXCLUSIONS.tables.join(', ')}, ` +
    `${Object.entries(FINGERPRINT_EXCLUSIONS.columns)
      .map(([table, cols]) => `${table}.${cols.join('/')}`)
      .join(', ')}, audit rows ${FINGERPRINT_EXCLUSIONS.auditActions.join('/')})`;
  ctx.diagnostic(line);
  console.log(line);
  assert.equal(counts.length, operations.length);
  assert.ok(accepted > 50, `${accepted} accepted writes: the probes reach the services`);
  assert.ok(echoChecks > 20, `${echoChecks} accepted texts compared`);
});
