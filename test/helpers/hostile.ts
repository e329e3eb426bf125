// Hostile input for the API and the pages: fast-check arbitraries of the strings and values attackers and
// broken clients send (SQL, markup, path traversal, huge and invisible Unicode, lone surrogates, prototype keys,
// deep nesting, huge arrays, wrong types), the probes built from an operation of the OpenAPI document, and a
// cheap fingerprint of what the database holds, to show that a refused request stored nothing.
import fc from 'fast-check';
import { sql, type Kysely } from 'kysely';
import type { JsonSchema, Operation } from './openapi.js';

/** A script that ran sets this on the page's window; the browser test reads it. */
export const PWNED = '__pwned';

export const SQL_INJECTIONS = [
  "' OR 1=1 --",
  "' OR '1'='1",
  "'; DROP TABLE service_requests; --",
  '"; drop table staff; --',
  '1; SELECT pg_sleep(3); --',
  "' UNION SELECT password_hash, csrf_token FROM staff, sessions --",
  "admin'--",
  "%' AND 1=0 UNION SELECT NULL --",
  "\\'; TRUNCATE audit_log; --",
  '$1::text',
  "E'\\\\x00'",
  "') ON CONFLICT DO NOTHING; --",
];

/** Markup that, if a page put it into the document as HTML, would run (each one sets window.__pwned). */
export const MARKUP = [
  `<script>window.${PWNED}='script'</script>`,
  `<img src=x onerror="window.${PWNED}='img'">`,
  `<svg onload="window.${PWNED}='svg'"></svg>`,
  `<a href="javascript:window.${PWNED}='link'">点我</a>`,
  `"><script>window.${PWNED}='attr'</script>`,
  `'><img src=x onerror=window.${PWNED}='attr2'>`,
  `<iframe srcdoc="<script>parent.${PWNED}='iframe'</script>"></iframe>`,
  `<math><mtext><table><mglyph><style><img src=x onerror=window.${PWNED}='mxss'>`,
  `{{constructor.constructor('window.${PWNED}=1')()}}`,
  `\${window.${PWNED}='template'}`,
  `<style>body{display:none}</style>`,
  `javascript:window.${PWNED}='href'`,
];

export const TRAVERSALS = [
  '../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '..%2f..%2f..%2fetc%2fpasswd',
  '....//....//etc/passwd',
  '/etc/passwd%00.png',
  'file:///etc/passwd',
  '%252e%252e%252f',
];

export const ZERO_WIDTH = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad'];
/** Direction overrides and isolates: U+202E makes "txt.exe" read "exe.txt". */
export const BIDI = [
  '\u202e',
  '\u202d',
  '\u202a',
  '\u202b',
  '\u202c',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\u200e',
  '\u200f',
  '\u061c',
];
/** Half a UTF-16 pair: not a character, cannot be written as UTF-8. */
export const LONE_SURROGATES = ['\ud800', '\udbff', '\udc00', '\udfff', '\ud83d'];
export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'];
/** Words that are also the names of every object's inherited members: a lookup by a typed word into a plain
 *  object finds a function there (search.service.ts did, for "constructor"). */
export const PROTOTYPE_WORDS = [...PROTOTYPE_KEYS, 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];

export const injection = fc.constantFrom(...SQL_INJECTIONS, ...MARKUP, ...TRAVERSALS, ...PROTOTYPE_WORDS);
export const invisible = fc.constantFrom(...ZERO_WIDTH, ...BIDI);
/** Characters beyond the BMP (emoji, CJK extension B…): two UTF-16 units, four UTF-8 bytes. */
export const astral = fc.string({
  unit: fc.integer({ min: 0x10000, max: 0x10ffff }).map((cp) => String.fromCodePoint(cp)),
  minLength: 1,
  maxLength: 8,
});
/** A letter under a pile of combining marks ("zalgo"). */
export const combining = fc
  .tuple(fc.constantFrom('a', '字', 'é'), fc.integer({ min: 1, max: 40 }))
  .map(([base, n]) => base + '\u0301\u0336\u0489\u20dd'.repeat(n));
const cjk = fc.constantFrom('王大妈', '邻里纠纷', '劳动合同', '𠮷野家', '〇', '　全角空格　', 'ｆｕｌｌｗｉｄｔｈ');

/** Text a person could type or paste, made of hostile pieces; starts and ends with a visible character so that a
 *  trim on the way in changes nothing (a stored text must come back byte for byte). */
export const hostileText = fc
  .array(fc.oneof({ weight: 4, arbitrary: injection }, invisible, astral, combining, cjk), { minLength: 1, maxLength: 6 })
  .map((parts) => `甲${parts.join('')}乙`);

/** Cut to at most `max` code points (astral characters stay whole), and padded to `min`. */
export function fit(text: string, min = 0, max = Infinity): string {
  const chars = Array.from(text);
  const cut = chars.length > max ? chars.slice(0, Math.max(0, max - 1)).join('') + (max > 0 ? '乙' : '') : text;
  return Array.from(cut).length < min ? cut + '甲'.repeat(min - Array.from(cut).length) : cut;
}

const MB = 1024 * 1024;
/** Strings over the 1 MB body limit (or near it): plain, astral (4 bytes each) and combining marks. */
export const HUGE_TEXTS = ['A'.repeat(MB + 16), '😀'.repeat(MB / 4 + 16), `e${'\u0301'.repeat(MB / 2 + 16)}`, '字'.repeat(300_000)];
export const hugeText = fc.constantFrom(...HUGE_TEXTS);
/** Text with one lone surrogate somewhere in it. */
export const loneSurrogateText = fc
  .tuple(fc.constantFrom(...LONE_SURROGATES), fc.constantFrom('', '甲', '王大妈'), fc.constantFrom('', '乙', '😀'))
  .map(([s, a, b]) => `${a}${s}${b}`);

function nested(depth: number, kind: 'array' | 'object'): unknown {
  let v: unknown = 'x';
  for (let i = 0; i < depth; i++) v = kind === 'array' ? [v] : { a: v };
  return v;
}
export const deepValue = fc
  .tuple(fc.integer({ min: 64, max: 2000 }), fc.constantFrom('array', 'object') as fc.Arbitrary<'array' | 'object'>)
  .map(([d, k]) => nested(d, k));
export const hugeArray = fc
  .tuple(fc.constantFrom(20_000, 100_000), fc.constantFrom<unknown>('x', 1, null, {}))
  .map(([n, item]) => Array.from({ length: n }, () => item));
export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
  fc.dictionary(fc.constantFrom('a', '$gt', '$ne', ...PROTOTYPE_KEYS), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
  fc.constantFrom<unknown>('', ' ', 'true', '1', '-1', '1e309', 'NaN', '[object Object]'),
);

/** One request to send, and what was put into it. */
export interface HostileProbe {
  /** e.g. "body.description: markup" — what a failure names */
  label: string;
  kind: string;
  method: Operation['method'];
  url: string;
  headers: Record<string, string>;
  payload?: string;
  /** the hostile texts placed in body fields, by field name: an accepted request must store them unchanged */
  placed: Record<string, string>;
}

/** Well-formed values for an operation, so that the parts not under attack reach the handler. */
export interface ProbeBase {
  pathValues: Record<string, string>;
  queryValues: Record<string, string>;
  body?: Record<string, unknown>;
}

const typesOf = (s: JsonSchema): string[] => (Array.isArray(s.type) ? s.type : s.type ? [s.type] : []);
const isText = (s: JsonSchema) => typesOf(s).includes('string') || (s.anyOf ?? []).some((a) => typesOf(a).includes('string'));
const isFreeText = (s: JsonSchema) => isText(s) && !s.enum && !s.pattern && !s.format;
const textBounds = (s: JsonSchema): [number, number] => {
  const str = typesOf(s).includes('string') ? s : ((s.anyOf ?? []).find((a) => typesOf(a).includes('string')) ?? s);
  return [str.minLength ?? 0, str.maxLength ?? 2000];
};

export function encodeParam(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return value.replace(/[^\ud800-\udfff]/g, (c) => encodeURIComponent(c)); // a lone surrogate stays as it is
  }
}

/**
 * Hostile probes for one operation: hostile text in body fields (fitted to their length so that it passes the
 * schema and reaches the service), in query and path parameters; over-large texts; lone surrogates; wrong types;
 * prototype keys; deep nesting; huge arrays; extra hostile query parameters.
 */
export function hostileProbes(op: Operation, base: ProbeBase): fc.Arbitrary<HostileProbe> {
  const url = (path = base.pathValues, query: Record<string, string> = base.queryValues) => {
    const q = Object.entries(query)
      .map(([k, v]) => `${encodeParam(k)}=${v}`)
      .join('&');
    return op.path.replace(/\{(\w+)\}/g, (_, name: string) => path[name] ?? 'x') + (q ? `?${q}` : '');
  };
  const json = { 'content-type': 'application/json' };
  const props = Object.entries(op.body?.properties ?? {});
  const textProps = props.filter(([, s]) => isText(s));
  const freeProps = props.filter(([, s]) => isFreeText(s));
  const withBody = (label: string, kind: string, body: unknown, placed: Record<string, string> = {}, payload?: string): HostileProbe => ({
    label,
    kind,
    method: op.method,
    url: url(),
    headers: json,
    payload: payload ?? JSON.stringify(body),
    placed,
  });
  const arbs: { weight: number; arbitrary: fc.Arbitrary<HostileProbe> }[] = [];

  const extraQuery = fc
    .tuple(fc.constantFrom('x', '__proto__[polluted]', 'constructor[prototype][polluted]', 'q[]', 'limit'), hostileText)
    .map(([k, v]) => ({
      label: `query ${k}=${short(v)}`,
      kind: 'extra query',
      method: op.method,
      url: url(base.pathValues, { ...base.queryValues, [k]: encodeParam(v) }),
      headers: base.body ? json : {},
      ...(base.body && { payload: JSON.stringify(base.body) }),
      placed: {},
    }));
  arbs.push({ weight: 1, arbitrary: extraQuery });

  if (op.query.length) {
    const q = fc
      .tuple(
        fc.constantFrom(...op.query),
        fc.oneof({ weight: 3, arbitrary: hostileText }, loneSurrogateText, fc.constant('x'.repeat(20_000))),
      )
      .map(([p, v]) => ({
        label: `query ${p.name}=${short(v)}`,
        kind: 'query text',
        method: op.method,
        url: url(base.pathValues, { ...base.queryValues, [p.name]: encodeParam(v) }),
        headers: base.body ? json : {},
        ...(base.body && { payload: JSON.stringify(base.body) }),
        placed: {},
      }));
    arbs.push({ weight: 2, arbitrary: q });
  }
  if (op.pathParams.length) {
    const p = fc
      .tuple(
        fc.constantFrom(...op.pathParams),
        fc.oneof({ weight: 3, arbitrary: hostileText }, loneSurrogateText, fc.constantFrom(...TRAVERSALS)),
      )
      .map(([param, v]) => ({
        label: `path ${param.name}=${short(v)}`,
        kind: 'path text',
        method: op.method,
        url: url({ ...base.pathValues, [param.name]: encodeParam(v) }),
        headers: base.body ? json : {},
        ...(base.body && { payload: JSON.stringify(base.body) }),
        placed: {},
      }));
    arbs.push({ weight: 2, arbitrary: p });
  }
  if (base.body) {
    const example = base.body;
    const fields = freeProps.length ? freeProps : textProps;
    if (fields.length) {
      // one or more text fields at once, each fitted to its schema: these reach the service and get stored
      const texts = fc
        .tuple(fc.subarray(fields, { minLength: 1 }), fc.array(hostileText, { minLength: fields.length, maxLength: fields.length }))
        .map(([chosen, values]) => {
          const placed = Object.fromEntries(chosen.map(([name, schema], i) => [name, fit(values[i]!, ...textBounds(schema))]));
          return withBody(
            `body ${Object.entries(placed)
              .map(([k, v]) => `${k}=${short(v)}`)
              .join(' ')}`,
            'body text',
            { ...example, ...placed },
            placed,
          );
        });
      arbs.push({ weight: 6, arbitrary: texts });
      const lone = fc
        .tuple(fc.constantFrom(...fields), loneSurrogateText)
        .map(([[name], v]) => withBody(`body ${name}=lone surrogate ${short(v)}`, 'lone surrogate', { ...example, [name]: v }));
      arbs.push({ weight: 1, arbitrary: lone });
      const huge = fc
        .tuple(fc.constantFrom(...fields), hugeText)
        .map(([[name], v]) => withBody(`body ${name}=${v.length} UTF-16 units`, 'huge text', { ...example, [name]: v }));
      arbs.push({ weight: 1, arbitrary: huge });
    }
    if (props.length) {
      const typed = fc
        .tuple(fc.constantFrom(...props), wrongType)
        .map(([[name], v]) => withBody(`body ${name}=${short(v)}`, 'wrong type', { ...example, [name]: v }));
      arbs.push({ weight: 2, arbitrary: typed });
      const deep = fc
        .tuple(fc.constantFrom(...props), deepValue)
        .map(([[name], v]) => withBody(`body ${name}=deep nesting`, 'deep nesting', { ...example, [name]: v }));
      arbs.push({ weight: 1, arbitrary: deep });
      const arrays = fc
        .tuple(fc.constantFrom(...props), hugeArray)
        .map(([[name], v]) => withBody(`body ${name}=[${v.length} items]`, 'huge array', { ...example, [name]: v }));
      arbs.push({ weight: 1, arbitrary: arrays });
    }
  }
  if (op.method !== 'GET') {
    // prototype keys written as raw JSON (an object literal would set the prototype instead of a key), at the top
    // and as the value of the first field; also sent to writes that take no body
    const example = base.body ?? {};
    const proto = fc.tuple(fc.constantFrom(...PROTOTYPE_KEYS), fc.constantFrom('top', 'nested')).map(([key, where]) => {
      const evil = `{"${key}":{"polluted":"yes","isAdmin":true,"prototype":{"polluted":"yes"}}}`;
      const first = props[0]?.[0];
      const entries = Object.entries(example).map(
        ([k, v]) => `${JSON.stringify(k)}:${where === 'nested' && k === first ? evil : JSON.stringify(v)}`,
      );
      if (where === 'top' || !first) entries.unshift(evil.slice(1, -1));
      return withBody(`body with ${key} ${where}`, 'prototype keys', null, {}, `{${entries.join(',')}}`);
    });
    arbs.push({ weight: 1, arbitrary: proto });
  }
  return fc.oneof(...arbs);
}

export function short(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  const chars = Array.from(text);
  return (chars.length > 40 ? `${chars.slice(0, 30).join('')}…(${text.length} units)` : text).replace(/\p{Cc}/gu, '?');
}

/** Columns and rows left out of the fingerprint: what changes, by design, when a request is refused. */
export const FINGERPRINT_EXCLUSIONS = {
  /** every table: the per-address counters count refused attempts too */
  tables: ['rate_limits'],
  /** sessions slide on use (last_seen_at, expires_at); a wrong password counts on the account */
  columns: { sessions: ['last_seen_at', 'expires_at'], staff: ['failed_logins', 'locked_until'] } as Record<string, string[]>,
  /** failed sign-ins are audited (that is the point of an audit log) */
  auditActions: ['auth.login_failed', 'auth.locked'],
};

let fingerprintSql: string | undefined;

/**
 * Row count and a hash of the rows of every table (less the exclusions above), in one statement: two calls
 * that give the same answer saw the same stored data.
 */
export async function fingerprint(db: Kysely<unknown>): Promise<Record<string, string>> {
  if (!fingerprintSql) {
    const { rows } = await sql<{ table_name: string; column_name: string }>`
      select c.table_name, c.column_name from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
      order by c.table_name, c.ordinal_position`.execute(db);
    const tables = new Map<string, string[]>();
    for (const r of rows) {
      if (FINGERPRINT_EXCLUSIONS.tables.includes(r.table_name)) continue;
      if (FINGERPRINT_EXCLUSIONS.columns[r.table_name]?.includes(r.column_name)) continue;
      tables.set(r.table_name, [...(tables.get(r.table_name) ?? []), r.column_name]);
    }
    const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
    const actions = FINGERPRINT_EXCLUSIONS.auditActions.map((a) => `'${a}'`).join(',');
    fingerprintSql = [...tables]
      .map(([table, columns]) => {
        const row = `md5(row(${columns.map((c) => `x.${quote(c)}`).join(', ')})::text)`;
        const where = table === 'audit_log' ? ` where x.action not in (${actions})` : '';
        return `select '${table}' as t, count(*)::text || ':' || coalesce(md5(string_agg(${row}, '' order by ${row})), '') as f from ${quote(table)} x${where}`;
      })
      .join('\nunion all\n');
  }
  const { rows } = await sql<{ t: string; f: string }>`${sql.raw(fingerprintSql)}`.execute(db);
  return Object.fromEntries(rows.map((r) => [r.t, r.f]));
}

/** The tables whose fingerprint differs. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((t) => before[t] !== after[t]).sort();
}
