// Access control, proven: every operation of the OpenAPI document × every post (and nobody) × a record in the
// caller's scope and one outside it, against the table of rules in test/helpers/access-rules.ts. Nobody signed
// in gets 401 on staff endpoints; a post without the permission 403 (or the 404 the code hides a record
// behind); a record outside the caller's scope 404 — and the row is left exactly as it was; inside it, a 2xx or
// a business answer the rule names. Lists never carry a record outside the caller's scope. The refusals run
// first, on untouched fixtures; the permitted calls (which change things) after.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { startTestApp, type Session, type TestApp } from '../helpers/app.js';
import { TEST_HOTLINE_SECRET } from '../helpers/db.js';
import { exampleOf, operationsOf, ZERO_UUID, type JsonSchema, type OpenApiDocument, type Operation } from '../helpers/openapi.js';
import { ACCESS_RULES, type AccessRule, type CellContext } from '../helpers/access-rules.js';
import {
  buildMatrixWorld,
  everyFixture,
  fixtureFor,
  freshTarget,
  inScope,
  PDF,
  unique,
  VILLAGE_A,
  XLSX,
  type Fixture,
  type Identity,
} from '../helpers/access-fixtures.js';
import { freshAddress } from '../helpers/requests.js';
import { multipartFile, readSheet, workbook } from '../helpers/xlsx.js';
import { sign } from '../../server/modules/hotline/calls.service.js';

type Expectation = { deny: 401 | 403 | 404; code: string } | { ok: true };

interface Cell {
  op: Operation;
  key: string;
  rule: AccessRule;
  who: Identity | null;
  target?: Fixture | undefined;
  expect: Expectation;
  signed?: boolean;
}

let t: TestApp;
let demoAdmin: Session;
let identities: Identity[];
let fx: Readonly<Record<string, string>>;
let operations: Operation[];
const failures: string[] = [];
let cellsChecked = 0;
const reached = new Set<string>();
/** the last answer other than a 2xx per operation, to say why an operation was never reached */
const lastRefusal = new Map<string, string>();

function expected(rule: AccessRule, who: Identity | null, target: Fixture | undefined): Expectation {
  if (rule.who === 'signature') return { deny: 401, code: 'HOTLINE_SIGNATURE_INVALID' };
  if (rule.who === 'public') {
    if (rule.checks?.includes('scope') && target?.ownPhone === false) return { deny: 404, code: 'NOT_FOUND' };
    return { ok: true };
  }
  if (!who) return { deny: 401, code: 'UNAUTHENTICATED' };
  for (const check of rule.checks ?? []) {
    if (check === 'scope') {
      if (target && !inScope(target, who)) return { deny: 404, code: 'NOT_FOUND' };
    } else if (check === 'county' || 'county' in check) {
      if (who.regionCode.length !== 6) return { deny: 403, code: check === 'county' ? 'FORBIDDEN' : check.county };
    } else if (!check.any.some((p) => who.permissions.includes(p))) {
      return check.deny === 404 ? { deny: 404, code: 'NOT_FOUND' } : { deny: 403, code: 'FORBIDDEN' };
    }
  }
  return { ok: true };
}

/** The example of a schema with only its required properties (a body that changes no more than it must). */
function requiredExample(schema: JsonSchema): Record<string, unknown> {
  const full = exampleOf(schema, ZERO_UUID) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(full).filter(([k]) => schema.required?.includes(k)));
}

async function requestFor(cell: Cell): Promise<InjectOptions> {
  const { op, rule, who, target } = cell;
  const ctx: CellContext = {
    who,
    target,
    fx,
    adminGet: async (url) => (await t.as(demoAdmin, { url })).json(),
    unique,
  };
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = target?.params[name] ?? rule.params?.[name];
    if (value === undefined) throw new Error(`${cell.key}: no value for {${name}}`);
    return encodeURIComponent(value);
  });
  const query: Record<string, string> = {};
  for (const q of op.query) if (q.required) query[q.name] = String(exampleOf(q.schema, ZERO_UUID));
  Object.assign(query, rule.query?.(ctx) ?? {});
  const search = new URLSearchParams(query).toString();
  const options: InjectOptions = { method: op.method, url: `${path}${search ? `?${search}` : ''}`, remoteAddress: freshAddress() };
  if (rule.upload === 'pdf') {
    const { payload, headers } = multipartFile(PDF, { filename: '补正材料.pdf', contentType: 'application/pdf' });
    return { ...options, payload, headers };
  }
  if (rule.upload === 'staffWorkbook') {
    const file = await workbook([
      ['用户名', '姓名', '手机号', '站点', '岗位'],
      [`mx-import-${unique()}`, '导入的同事', '', VILLAGE_A, '村居法律顾问'],
    ]);
    const { payload, headers } = multipartFile(file);
    return { ...options, payload, headers };
  }
  if (op.body) {
    const given = ((await rule.body?.(ctx)) ?? {}) as Record<string, unknown>;
    const body = { ...requiredExample(op.body), ...given };
    // a versioned write carries the version the caller read, as the workbench sends it
    if (op.body.required?.includes('version') && !('version' in given) && target?.version) body.version = await target.version();
    const raw = JSON.stringify(body);
    if (cell.signed)
      return {
        ...options,
        payload: raw,
        headers: { 'content-type': 'application/json', 'x-legalhub-signature': sign(TEST_HOTLINE_SECRET, raw) },
      };
    return { ...options, payload: raw, headers: { 'content-type': 'application/json' } };
  }
  return options;
}

/** Every text an answer carries: JSON as sent, a workbook's cells. */
async function answerText(res: LightMyRequestResponse): Promise<string> {
  if (String(res.headers['content-type'] ?? '').startsWith(XLSX)) return (await readSheet(res.rawPayload)).flat().join('\n');
  return res.body;
}

/** Numeric ids under `id`/`…Id` keys of a JSON answer. */
function numericIdsIn(text: string): Set<number> {
  const ids = new Set<number>();
  const walk = (v: unknown, key = ''): void => {
    if (Array.isArray(v)) v.forEach((x) => walk(x, key));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
    else if (typeof v === 'number' && (key === 'id' || key.endsWith('Id'))) ids.add(v);
  };
  try {
    walk(JSON.parse(text));
  } catch {
    // not JSON: no numeric ids
  }
  return ids;
}

function shows(text: string, f: Fixture): string | null {
  const marker = f.markers.find((m) => text.includes(m));
  if (marker) return marker;
  const ids = numericIdsIn(text);
  const id = f.numericIds?.find((n) => ids.has(n));
  return id === undefined ? null : `id ${id}`;
}

/** The paths at which two JSON values differ, with both values. */
function differences(a: unknown, b: unknown, path = ''): string[] {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((k) => differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`));
  }
  return [`${path || '(value)'}: ${JSON.stringify(a)?.slice(0, 60)} → ${JSON.stringify(b)?.slice(0, 60)}`];
}

const whoName = (who: Identity | null) => who?.label ?? 'anonymous';
function describe(cell: Cell): string {
  const { key, rule, who, target } = cell;
  const outside = target && (target.ownPhone === false || (who && !inScope(target, who)));
  const on = target ? ` on ${target.kind} ${outside ? '(out of scope)' : '(in scope)'}` : '';
  return `${key}${rule.label ? ` [${rule.label}]` : ''} as ${whoName(who)}${on}`;
}

async function send(cell: Cell): Promise<LightMyRequestResponse> {
  const options = await requestFor(cell);
  const session = cell.who?.session ?? null;
  const res = await t.as(session, options);
  cellsChecked++;
  if (cell.rule.endsSession && cell.who) cell.who.session = await t.login(cell.who.username, cell.who.password);
  return res;
}

function errorOf(res: LightMyRequestResponse): { code?: string; details?: Record<string, unknown> } {
  try {
    return res.json();
  } catch {
    return {};
  }
}

async function checkRefusal(cell: Cell & { expect: { deny: number; code: string } }) {
  const writes = cell.op.method !== 'GET';
  const outside = cell.expect.deny === 404 && cell.target;
  const before = writes && outside ? JSON.stringify(await cell.target!.row()) : null;
  const res = await send(cell);
  const { code } = errorOf(res);
  if (res.statusCode !== cell.expect.deny || code !== cell.expect.code) {
    failures.push(`${describe(cell)}: expected ${cell.expect.deny} ${cell.expect.code}, got ${res.statusCode} ${res.body.slice(0, 160)}`);
    return;
  }
  const leaked = cell.target && shows(res.body, cell.target);
  if (leaked) failures.push(`${describe(cell)}: the refusal names the record (${leaked})`);
  if (before !== null) {
    const after = JSON.stringify(await cell.target!.row());
    if (after !== before) failures.push(`${describe(cell)}: refused with 404, but the record changed`);
  }
}

async function checkPermitted(cell: Cell) {
  const res = await send(cell);
  if (res.statusCode < 300) {
    reached.add(cell.key);
    await checkList(cell, res);
    return;
  }
  const { code, details } = errorOf(res);
  lastRefusal.set(cell.key, `${res.statusCode} ${code ?? ''} ${JSON.stringify(details ?? '').slice(0, 120)}`);
  const business = cell.rule.business ?? [];
  const allowed =
    res.statusCode !== 401 &&
    res.statusCode !== 404 &&
    res.statusCode < 500 &&
    res.statusCode !== 400 &&
    code !== undefined &&
    business.includes(code) &&
    !(code === 'FORBIDDEN' && details && 'permission' in details);
  if (!allowed)
    failures.push(`${describe(cell)}: expected a 2xx or one of [${business.join(', ')}], got ${res.statusCode} ${res.body.slice(0, 200)}`);
}

/** A list answered to a caller never holds a record outside their scope; the county's administrator's holds them all. */
async function checkList(cell: Cell, res: LightMyRequestResponse) {
  if (!cell.rule.lists || !cell.who) return;
  const who = cell.who;
  const text = await answerText(res);
  for (const kind of cell.rule.lists) {
    const b = fixtureFor(kind, 'b', who);
    // the other town's (or county's) record, and for notices everyone else's
    const others = [
      ...(b ? [b] : []),
      ...(kind === 'notification' ? identities.filter((i) => i !== who).map((i) => fixtureFor(kind, 'a', i)!) : []),
    ];
    for (const f of others) {
      const seen = shows(text, f);
      if (seen && !inScope(f, who)) failures.push(`${describe(cell)}: the list shows a ${kind} outside the caller's scope (${seen})`);
    }
    // the control: the list is able to show both fixtures to someone whose scope holds them
    if (who.username === 'mx-admin' && !cell.rule.partialList)
      for (const f of [fixtureFor(kind, 'a', who)!, ...others])
        if (inScope(f, who) && !shows(text, f))
          failures.push(
            `${describe(cell)}: the county administrator's list lacks the ${kind} fixture ${f.markers[0] ?? f.numericIds?.[0]}`,
          );
  }
}

/** The cells of one operation: each rule case × each caller × the in-scope and the out-of-scope record. */
function cellsOf(op: Operation, key: string, rule: AccessRule): Cell[] {
  const cells: Cell[] = [];
  for (const who of [null, ...identities]) {
    const targets = rule.record ? [fixtureFor(rule.record, 'a', who), fixtureFor(rule.record, 'b', who)].filter((f) => !!f) : [undefined];
    for (const target of targets) cells.push({ op, key, rule, who, target, expect: expected(rule, who, target) });
  }
  return cells;
}

before(async () => {
  t = await startTestApp();
  ({ demoAdmin, identities, fx } = await buildMatrixWorld(t));
  const doc = await t.app.inject({ url: '/api/v1/openapi.json' });
  assert.equal(doc.statusCode, 200);
  operations = operationsOf(doc.json() as OpenApiDocument);
});
after(() => t.close());

const keyOf = (op: Pick<Operation, 'method' | 'path'>) => `${op.method} ${op.path}`;
const rulesOf = (key: string): AccessRule[] => {
  const r = ACCESS_RULES[key];
  return r === undefined ? [] : Array.isArray(r) ? r : [r];
};

/** Every route the server has, as "METHOD /path/{param}", read from Fastify's route tree (HEAD left out). */
function registeredRoutes(): string[] {
  const parents: string[] = [];
  const routes: string[] = [];
  for (const line of t.app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([│ ]*)(?:├── |└── )(.+?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    const path = (depth > 0 ? parents[depth - 1]! : '') + m[2]!;
    parents[depth] = path;
    parents.length = depth + 1;
    for (const method of m[3]?.split(', ') ?? []) if (method !== 'HEAD') routes.push(`${method} ${path.replace(/:(\w+)/g, '{$1}')}`);
  }
  return routes;
}

test('every operation of the OpenAPI document has an access rule, and every rule an operation', () => {
  const documented = new Set(operations.map(keyOf));
  // an API route left out of the document (schema.hide) would skip the matrix: none is
  const apiRoutes = registeredRoutes().filter((r) => r.split(' ')[1]!.startsWith('/api/'));
  assert.ok(apiRoutes.length >= operations.length, `${apiRoutes.length} API routes read from the route tree`);
  assert.deepEqual(
    apiRoutes.filter((r) => !documented.has(r) && r !== 'GET /api/v1/openapi.json'),
    [],
    'API routes missing from the OpenAPI document',
  );
  assert.deepEqual(
    operations.map(keyOf).filter((k) => !(k in ACCESS_RULES)),
    [],
    'operations without an access rule (add them to test/helpers/access-rules.ts)',
  );
  assert.deepEqual(
    Object.keys(ACCESS_RULES).filter((k) => !documented.has(k)),
    [],
    'rules for operations the document no longer lists',
  );
});

test('every operation × every post × in- and out-of-scope records answers as its rule says', async () => {
  const cells = operations.flatMap((op) => rulesOf(keyOf(op)).flatMap((rule) => cellsOf(op, keyOf(op), rule)));
  assert.ok(cells.length > 0);

  // the refusals first, on fixtures nothing has changed yet
  const snapshot = async () => {
    const all = new Map<string, unknown>();
    for (const { label, fixture } of everyFixture()) all.set(label, JSON.parse(JSON.stringify(await fixture.row())));
    return all;
  };
  const untouched = await snapshot();
  for (const cell of cells) if ('deny' in cell.expect) await checkRefusal(cell as Cell & { expect: { deny: number; code: string } });
  for (const [label, now] of await snapshot()) {
    const changes = differences(untouched.get(label), now);
    if (changes.length) failures.push(`after the refused calls, the ${label} fixture changed: ${changes.slice(0, 5).join('; ')}`);
  }

  // then the permitted calls, operation by operation in the document's order
  for (const cell of cells) {
    if ('deny' in cell.expect) continue;
    const outOfTown = cell.target && cell.target === fixtureFor(cell.target.kind, 'b', cell.who);
    // a county caller reads the other town's record too (it is theirs), but changes only town A's
    if (outOfTown && cell.op.method !== 'GET') continue;
    if (cell.rule.fresh && cell.target && !outOfTown) cell.target = await freshTarget(cell.target.kind, cell.rule.fresh);
    await checkPermitted(cell);
  }
  // the telephony system, signed
  for (const op of operations.filter((o) => rulesOf(keyOf(o)).some((r) => r.who === 'signature')))
    for (const rule of rulesOf(keyOf(op)))
      await checkPermitted({ op, key: keyOf(op), rule, who: null, expect: { ok: true }, signed: true });

  const unreached = operations
    .map(keyOf)
    .filter((k) => !reached.has(k) && !rulesOf(k).some((r) => r.noSuccess))
    .sort();
  const line = `access matrix: ${operations.length} operations × ${identities.length + 1} identities, ${cellsChecked} cells checked`;
  console.log(line);
  console.log(
    `access matrix: ${reached.size} operations answered 2xx to someone allowed; without a 2xx: ${unreached.map((k) => `${k} (last: ${lastRefusal.get(k)})`).join(', ') || 'none'}`,
  );
  assert.deepEqual(failures, []);
  assert.deepEqual(unreached, [], 'operations no permitted caller got a 2xx from (the fixture is wrong, or the rule must say why)');
});
