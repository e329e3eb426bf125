import { Type, type Static } from 'typebox';
import { Compile } from 'typebox/compile';
import path from 'node:path';

/** Every setting the server reads, validated once at boot (see docs/ARCHITECTURE.md § Configuration). */
const ConfigSchema = Type.Object({
  port: Type.Integer({ minimum: 0, maximum: 65535 }),
  host: Type.String({ minLength: 1 }),
  dataDir: Type.String({ minLength: 1 }),
  databaseUrl: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  databaseSchema: Type.Optional(Type.String({ pattern: '^[a-z_][a-z0-9_]{0,62}$' })),
  demoPassword: Type.Optional(Type.String({ minLength: 8, maxLength: 128 })),
  seedDemo: Type.Union([Type.Literal('auto'), Type.Literal('yes'), Type.Literal('no')]),
  countyFile: Type.String({ minLength: 1 }),
  /** the law library and the human-answered Q&A, imported into an empty library at start (auto) */
  lawsFile: Type.String({ minLength: 1 }),
  qaFile: Type.String({ minLength: 1 }),
  seedKnowledge: Type.Union([Type.Literal('auto'), Type.Literal('no')]),
  logLevel: Type.Enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  cookieSecure: Type.Boolean(),
  trustProxy: Type.Boolean(),
  sessionTtlHours: Type.Integer({ minimum: 1, maximum: 24 * 30 }),
  webDist: Type.String({ minLength: 1 }),
  /** `id:base64key[,id:base64key…]`, the first one current: AES-256-GCM keys for personal data at rest */
  dataKeys: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9]{1,16}:[A-Za-z0-9+/=]{43,44}(,[A-Za-z0-9]{1,16}:[A-Za-z0-9+/=]{43,44})*$' })),
  smsProvider: Type.Enum(['console', 'aliyun']),
  sms: Type.Object({
    accessKeyId: Type.String(),
    accessKeySecret: Type.String(),
    signName: Type.String(),
    endpoint: Type.Optional(Type.String({ minLength: 1 })),
    protocol: Type.Enum(['https', 'http']),
    templates: Type.Record(Type.String(), Type.String()),
  }),
  webhookUrl: Type.Optional(Type.String({ pattern: '^https?://' })),
  webhookSecret: Type.Optional(Type.String({ minLength: 16 })),
  /** shared with the telephony system: it signs the 12348 call events it posts to /api/v1/hotline/events */
  hotlineSecret: Type.Optional(Type.String({ minLength: 16 })),
  jobs: Type.Boolean(),
  /** seconds between two runs of each background job (server/jobs.ts) */
  jobIntervals: Type.Object({
    outbox: Type.Integer({ minimum: 1, maximum: 86_400 }),
    scanner: Type.Integer({ minimum: 1, maximum: 86_400 }),
    housekeeping: Type.Integer({ minimum: 1, maximum: 86_400 }),
  }),
  /** where citizens reach the portal, e.g. https://fw.gsx.gov.cn (printed in receipts' QR codes) */
  publicUrl: Type.Optional(Type.String({ pattern: '^https?://[^/]+$' })),
  /** base64 of 32 bytes: the key of the blind index used to find a request by phone */
  indexKey: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9+/=]{43,44}$' })),
  /** lets a Prometheus scraper on another machine read /metrics with `Authorization: Bearer <token>` */
  metricsToken: Type.Optional(Type.String({ minLength: 16, pattern: '^\\S+$' })),
});

export type Config = Static<typeof ConfigSchema>;

const check = Compile(ConfigSchema);

export class ConfigError extends Error {}

/** The environment variable behind each setting, so that every message names what the operator set. */
const ENV_NAMES: Record<string, string> = {
  port: 'PORT',
  host: 'HOST',
  dataDir: 'LEGALHUB_DATA_DIR',
  databaseUrl: 'DATABASE_URL',
  databaseSchema: 'LEGALHUB_DB_SCHEMA',
  demoPassword: 'LEGALHUB_DEMO_PASSWORD',
  seedDemo: 'LEGALHUB_SEED_DEMO',
  countyFile: 'LEGALHUB_COUNTY_FILE',
  lawsFile: 'LEGALHUB_LAWS_FILE',
  qaFile: 'LEGALHUB_QA_FILE',
  seedKnowledge: 'LEGALHUB_SEED_KNOWLEDGE',
  logLevel: 'LOG_LEVEL',
  sessionTtlHours: 'LEGALHUB_SESSION_TTL_HOURS',
  webDist: 'LEGALHUB_WEB_DIST',
  smsProvider: 'LEGALHUB_SMS_PROVIDER',
  'sms/endpoint': 'LEGALHUB_SMS_ENDPOINT',
  'sms/protocol': 'LEGALHUB_SMS_PROTOCOL',
  'sms/templates': 'LEGALHUB_SMS_TEMPLATES',
  webhookUrl: 'LEGALHUB_WEBHOOK_URL',
  webhookSecret: 'LEGALHUB_WEBHOOK_SECRET',
  hotlineSecret: 'LEGALHUB_HOTLINE_SECRET',
  publicUrl: 'LEGALHUB_PUBLIC_URL',
  dataKeys: 'LEGALHUB_DATA_KEYS',
  indexKey: 'LEGALHUB_INDEX_KEY',
  metricsToken: 'LEGALHUB_METRICS_TOKEN',
  'jobIntervals/outbox': 'LEGALHUB_JOB_INTERVALS outbox',
  'jobIntervals/scanner': 'LEGALHUB_JOB_INTERVALS scanner',
  'jobIntervals/housekeeping': 'LEGALHUB_JOB_INTERVALS housekeeping',
};

export const DEFAULT_JOB_INTERVALS = { outbox: 5, scanner: 60, housekeeping: 600 };

class Reader {
  readonly problems: string[] = [];
  constructor(private readonly env: NodeJS.ProcessEnv) {}

  bool(name: string, fallback: boolean): boolean {
    const value = this.env[name];
    if (value === undefined || value === '') return fallback;
    if (['1', 'true', 'yes', 'on'].includes(value.toLowerCase())) return true;
    if (['0', 'false', 'no', 'off'].includes(value.toLowerCase())) return false;
    this.problems.push(`${name} must be true or false, got "${value}"`);
    return fallback;
  }

  int(name: string, fallback: number): number {
    const value = this.env[name];
    if (value === undefined || value === '') return fallback;
    if (!/^\d+$/.test(value)) {
      this.problems.push(`${name} must be a whole number, got "${value}"`);
      return fallback;
    }
    return Number(value);
  }

  /** `name=seconds[,name=seconds…]` over the names `fallback` has; the names not given keep their fallback. */
  intervals<K extends string>(name: string, fallback: Record<K, number>): Record<K, number> {
    const value = this.env[name];
    if (!value) return fallback;
    const result = { ...fallback };
    for (const part of value.split(',')) {
      const m = /^\s*([a-z]+)\s*=\s*(\d+)\s*$/.exec(part);
      if (!m || !Object.hasOwn(fallback, m[1]!)) {
        this.problems.push(
          `${name} must be like "${Object.entries(fallback)
            .map(([k, v]) => `${k}=${String(v)}`)
            .join(',')}" (seconds), got "${value}"`,
        );
        return fallback;
      }
      result[m[1] as K] = Number(m[2]);
    }
    return result;
  }

  json(name: string): Record<string, string> {
    const value = this.env[name];
    if (!value) return {};
    try {
      return JSON.parse(value) as Record<string, string>;
    } catch {
      this.problems.push(`${name} must be JSON, e.g. {"requestReceived":"SMS_123"}`);
      return {};
    }
  }
}

const root = path.resolve(import.meta.dirname, '..');

/** Reads the environment into a typed, validated config, or throws a ConfigError naming every bad setting. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const read = new Reader(env);
  const raw = {
    port: read.int('PORT', 3000),
    host: env.HOST || '0.0.0.0',
    dataDir: path.resolve(env.LEGALHUB_DATA_DIR || path.join(root, 'data')),
    databaseUrl: env.DATABASE_URL || undefined,
    databaseSchema: env.LEGALHUB_DB_SCHEMA || undefined,
    demoPassword: env.LEGALHUB_DEMO_PASSWORD || undefined,
    seedDemo: (env.LEGALHUB_SEED_DEMO || 'auto') as Config['seedDemo'],
    // the repository's own copies (reference-data/README.md: sources and licences)
    countyFile: path.resolve(env.LEGALHUB_COUNTY_FILE || path.join(root, 'reference-data', 'county.json')),
    lawsFile: path.resolve(env.LEGALHUB_LAWS_FILE || path.join(root, 'reference-data', 'laws.jsonl')),
    qaFile: path.resolve(env.LEGALHUB_QA_FILE || path.join(root, 'reference-data', 'qa.jsonl')),
    seedKnowledge: (env.LEGALHUB_SEED_KNOWLEDGE || 'auto') as Config['seedKnowledge'],
    logLevel: (env.LOG_LEVEL || 'info') as Config['logLevel'],
    cookieSecure: read.bool('LEGALHUB_COOKIE_SECURE', false),
    trustProxy: read.bool('LEGALHUB_TRUST_PROXY', false),
    sessionTtlHours: read.int('LEGALHUB_SESSION_TTL_HOURS', 12),
    webDist: path.resolve(env.LEGALHUB_WEB_DIST || path.join(root, 'dist', 'web')),
    smsProvider: (env.LEGALHUB_SMS_PROVIDER || 'console') as Config['smsProvider'],
    sms: {
      accessKeyId: env.LEGALHUB_SMS_ACCESS_KEY_ID ?? '',
      accessKeySecret: env.LEGALHUB_SMS_ACCESS_KEY_SECRET ?? '',
      signName: env.LEGALHUB_SMS_SIGN_NAME ?? '',
      endpoint: env.LEGALHUB_SMS_ENDPOINT || undefined,
      protocol: (env.LEGALHUB_SMS_PROTOCOL || 'https') as 'https' | 'http',
      templates: read.json('LEGALHUB_SMS_TEMPLATES'),
    },
    webhookUrl: env.LEGALHUB_WEBHOOK_URL || undefined,
    webhookSecret: env.LEGALHUB_WEBHOOK_SECRET || undefined,
    hotlineSecret: env.LEGALHUB_HOTLINE_SECRET || undefined,
    jobs: read.bool('LEGALHUB_JOBS', true),
    jobIntervals: read.intervals('LEGALHUB_JOB_INTERVALS', DEFAULT_JOB_INTERVALS),
    publicUrl: env.LEGALHUB_PUBLIC_URL?.replace(/\/+$/, '') || undefined,
    dataKeys: env.LEGALHUB_DATA_KEYS || undefined,
    indexKey: env.LEGALHUB_INDEX_KEY || undefined,
    metricsToken: env.LEGALHUB_METRICS_TOKEN || undefined,
    ...overrides,
  };
  const problems = read.problems;
  if (raw.smsProvider === 'aliyun' && (!raw.sms.accessKeyId || !raw.sms.accessKeySecret || !raw.sms.signName)) {
    problems.push(
      'LEGALHUB_SMS_PROVIDER=aliyun needs LEGALHUB_SMS_ACCESS_KEY_ID, LEGALHUB_SMS_ACCESS_KEY_SECRET and LEGALHUB_SMS_SIGN_NAME',
    );
  }
  if (raw.webhookUrl && !raw.webhookSecret) problems.push('LEGALHUB_WEBHOOK_URL needs LEGALHUB_WEBHOOK_SECRET (16+ characters)');
  if (!check.Check(raw)) {
    for (const e of check.Errors(raw)) {
      const field = e.instancePath.replace(/^\//, '');
      problems.push(`${ENV_NAMES[field] ?? field} ${e.message}`);
    }
  }
  if (problems.length) throw new ConfigError(`invalid configuration: ${[...new Set(problems)].join('; ')}`);
  return raw;
}
