import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { ERRORS } from '../../server/http/errors.js';

const CJK = /[\u4e00-\u9fff]/;

/** The part of JSON Schema that the OpenAPI document of this server uses. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  nullable?: boolean;
  $ref?: string;
}

interface Parameter {
  in: string;
  name: string;
  required?: boolean;
  schema: JsonSchema;
}

interface OpenApiOperation {
  tags?: string[];
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

export interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** as in the document: /api/v1/staff/{id} */
  path: string;
  pathParams: Parameter[];
  query: Parameter[];
  body?: JsonSchema;
  tags: string[];
  /** takes a file (multipart/form-data) */
  upload: boolean;
}

/** Every operation of the document, with $refs in its request schemas resolved. */
export function operationsOf(doc: OpenApiDocument): Operation[] {
  const resolve = (schema: JsonSchema): JsonSchema => {
    if (schema.$ref) {
      const name = schema.$ref.split('/').pop()!;
      return resolve(doc.components?.schemas?.[name] ?? {});
    }
    return {
      ...schema,
      ...(schema.properties && {
        properties: Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, resolve(v)])),
      }),
      ...(schema.items && { items: resolve(schema.items) }),
      ...(schema.anyOf && { anyOf: schema.anyOf.map(resolve) }),
    };
  };
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const params = (op.parameters ?? []).map((p) => ({ ...p, schema: resolve(p.schema) }));
      const json = op.requestBody?.content['application/json']?.schema;
      ops.push({
        method: method.toUpperCase() as Operation['method'],
        path,
        pathParams: params.filter((p) => p.in === 'path'),
        query: params.filter((p) => p.in === 'query'),
        ...(json && { body: resolve(json) }),
        tags: op.tags ?? [],
        upload: Boolean(op.requestBody?.content['multipart/form-data']),
      });
    }
  }
  return ops;
}

const typesOf = (s: JsonSchema): string[] => (Array.isArray(s.type) ? s.type : s.type ? [s.type] : []);

/** Strings tried, in order, for a schema with a pattern: the first that matches is the valid example. */
const PATTERN_CANDIDATES = ['abc123', '13800000000', '411522101203', '411522', '2026-01-01', '0376-8881234', 'abc', 'a', ''];

/** A valid value for the schema, with real ids where the caller knows them (so that requests reach the database). */
export function exampleOf(schema: JsonSchema, realUuid: string): unknown {
  if (schema.enum) return schema.enum[0];
  if (schema.anyOf?.length) return exampleOf(schema.anyOf[0]!, realUuid);
  if (schema.oneOf?.length) return exampleOf(schema.oneOf[0]!, realUuid);
  const type = typesOf(schema)[0];
  switch (type) {
    case 'object':
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, v]) => [k, exampleOf(v, realUuid)]));
    case 'array':
      return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => exampleOf(schema.items ?? {}, realUuid));
    case 'integer':
    case 'number':
      return Math.min(Math.max(schema.minimum ?? 1, 1), schema.maximum ?? 1);
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'string': {
      if (schema.format === 'uuid') return realUuid;
      if (schema.format === 'date-time') return new Date().toISOString();
      if (schema.format === 'date') return '2026-01-01';
      const fits = (s: string) =>
        s.length >= (schema.minLength ?? 0) &&
        s.length <= (schema.maxLength ?? Infinity) &&
        (!schema.pattern || new RegExp(schema.pattern, 'u').test(s));
      return PATTERN_CANDIDATES.find(fits) ?? 'x'.repeat(schema.minLength ?? 1);
    }
    default:
      return 'abc123';
  }
}

export const HUGE = 'x'.repeat(100_000);
export const ZERO_UUID = '00000000-0000-0000-0000-000000000000';

/** Wrong values for any JSON property: wrong types, edge numbers, hostile and huge strings. */
export const BAD_JSON_VALUES: unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  2 ** 31,
  1e20,
  -1e20,
  Number.MAX_SAFE_INTEGER + 2,
  '',
  ' ',
  HUGE,
  '\u0000',
  "' or 1=1 --",
  '<script>alert(1)</script>',
  '\u202etxt.exe',
  '😀'.repeat(20),
  [],
  [1, 'a', null],
  {},
  { $gt: '' },
];

/** Wrong values for a query or path parameter, before URL encoding. */
export function badParameterValues(schema: JsonSchema): string[] {
  const values = [
    '',
    ' ',
    'abc',
    '-1',
    '0',
    '1.5',
    '1e309',
    '99999999999999999999',
    '2147483648',
    'NaN',
    'Infinity',
    "' or 1=1 --",
    '<script>alert(1)</script>',
    '\u0000',
    '\u0001',
    '😀',
    '../../../etc/passwd',
    '%',
    '_',
    '\\',
    'null',
    '411522101000',
    '4115221010001',
    '000000',
    ZERO_UUID,
    `urn:uuid:${ZERO_UUID}`,
    `{${ZERO_UUID}}`,
    'not-a-uuid',
  ];
  if (schema.format === 'date-time') {
    values.push(
      '2016-12-31T23:59:60Z',
      '0000-01-01T00:00:00Z',
      '2024-02-30T00:00:00Z',
      '9999-12-31T23:59:59Z',
      '2024-01-01',
      'now',
      '2024-01-01T00:00:00+24:00',
    );
  }
  if (schema.enum) values.push(String(schema.enum[0]).toUpperCase(), `${String(schema.enum[0])} `);
  return values;
}

/** Strings that fast-check draws for one run: reproducible (fixed seed), varied (any unicode, any JSON). */
export function randomJsonValues(count: number, seed: number): unknown[] {
  return fc.sample(fc.oneof(fc.jsonValue(), fc.string({ unit: 'binary', maxLength: 300 }), fc.array(fc.string(), { maxLength: 5 })), {
    numRuns: count,
    seed,
  });
}

export function randomObjects(keys: string[], count: number, seed: number): Record<string, unknown>[] {
  const value = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.string({ unit: 'binary' }), fc.integer(), fc.double(), fc.constant(null));
  return fc.sample(fc.record(Object.fromEntries(keys.map((k) => [k, value])), { requiredKeys: [] }), { numRuns: count, seed });
}

/** What is wrong with an answer, or null when it is a proper one. */
export function problemWith(res: LightMyRequestResponse): string | null {
  if (res.statusCode >= 500) return `${res.statusCode} ${res.body.slice(0, 80)}`;
  if (res.statusCode < 400) return null;
  let body: { code?: unknown; message?: unknown; messageEn?: unknown };
  try {
    body = res.json();
  } catch {
    return `${res.statusCode} with a body that is not JSON: ${res.body.slice(0, 60)}`;
  }
  if (typeof body.code !== 'string' || !(body.code in ERRORS))
    return `${res.statusCode} without a catalogued code: ${res.body.slice(0, 80)}`;
  if (typeof body.message !== 'string' || !CJK.test(body.message)) return `${res.statusCode} ${body.code} without a Chinese message`;
  if (typeof body.messageEn !== 'string' || !body.messageEn || CJK.test(body.messageEn))
    return `${res.statusCode} ${body.code} without an English message`;
  return null;
}
