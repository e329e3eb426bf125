import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { loadConfig, type Config } from '../../server/config.js';
import { openDatabase, type Database } from '../../server/db/database.js';
import { migrateToLatest } from '../../server/db/migrate.js';
import { migrations } from '../../server/db/migrations/index.js';
import { loadReferenceData } from '../../server/bootstrap.js';

export const DEMO_PASSWORD = 'Demo-pass-2026';
// fixed test keys (never used outside tests): 32 bytes each, base64
export const TEST_DATA_KEYS = `t1:${Buffer.alloc(32, 7).toString('base64')}`;
export const TEST_INDEX_KEY = Buffer.alloc(32, 9).toString('base64');
export const TEST_HOTLINE_SECRET = 'test-hotline-secret-0123456789';
const root = path.resolve(import.meta.dirname, '../..');

/** Which engine this run of the suite uses: PGlite by default, the server when scripts/test.mjs says so. */
export const TEST_ENGINE: 'pglite' | 'postgres' = process.env.LEGALHUB_TEST_DB === 'postgres' ? 'postgres' : 'pglite';

export function testConfig(overrides: Partial<Config> = {}): Config {
  return loadConfig(
    {
      LEGALHUB_DEMO_PASSWORD: DEMO_PASSWORD,
      LEGALHUB_SEED_DEMO: 'yes',
      // the library costs seconds per database: only the knowledge tests import it
      LEGALHUB_SEED_KNOWLEDGE: 'no',
      LEGALHUB_HOTLINE_SECRET: TEST_HOTLINE_SECRET,
      LOG_LEVEL: 'silent',
      LEGALHUB_DATA_DIR: path.join(root, '.cache', 'unused'),
      LEGALHUB_DATA_KEYS: TEST_DATA_KEYS,
      LEGALHUB_INDEX_KEY: TEST_INDEX_KEY,
    },
    overrides,
  );
}

/**
 * Runs `work` while no other test file on the server migrates or drops a schema: test files take turns at
 * migrating, restoring and dropping (an advisory lock on a connection of its own), so that one file's DDL never
 * meets another's half-way. Every test that migrates or drops a schema on the server goes through here.
 */
export async function takingTurns<T>(url: string, work: () => Promise<T>): Promise<T> {
  const lock = new pg.Client({ connectionString: url });
  await lock.connect();
  try {
    await lock.query('select pg_advisory_lock(424242)');
    return await work();
  } finally {
    await lock.end();
  }
}

/**
 * A fresh database with the migrations and the demo county, private to the caller.
 * PGlite: restored from a template made once per schema version (initdb costs ~5 s; a restore ~1 s).
 * PostgreSQL: a schema of its own in TEST_DATABASE_URL, dropped on close, so parallel files never meet.
 */
export async function createTestDatabase(): Promise<Database & { config: Config }> {
  const config = testConfig();
  if (TEST_ENGINE === 'postgres') {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error('LEGALHUB_TEST_DB=postgres needs TEST_DATABASE_URL');
    const schema = `t_${process.pid}_${randomBytes(4).toString('hex')}`;
    const serialized = <T>(work: () => Promise<T>) => takingTurns(url, work);
    const database = await openDatabase({ databaseUrl: url, schema, poolSize: 4 });
    const drop = () => serialized(() => sql.raw(`drop schema if exists "${schema}" cascade`).execute(database.db));
    try {
      await serialized(() => migrateToLatest(database.db as Kysely<unknown>));
      await loadReferenceData(database.db, config, 'postgres');
    } catch (error) {
      await drop().catch(() => undefined);
      await database.close();
      throw error;
    }
    return {
      ...database,
      config: { ...config, databaseUrl: url, databaseSchema: schema },
      close: async () => {
        await drop();
        await database.close();
      },
    };
  }
  const template = await pgliteTemplate(config);
  const database = await openDatabase({ loadDataDir: new Blob([new Uint8Array(template)]) });
  return { ...database, config };
}

async function pgliteTemplate(config: Config): Promise<Buffer> {
  const countyHash = createHash('sha256')
    .update(await readFile(config.countyFile))
    .digest('hex')
    .slice(0, 8);
  const migrationSources = await Promise.all(
    Object.keys(migrations).map((name) => readFile(path.join(root, 'server', 'db', 'migrations', `${name}.ts`), 'utf8')),
  );
  const seedSources = await Promise.all(
    // everything that seeds a new database: a change to any of them makes a new template
    [
      'server/modules/org/county-import.ts',
      'server/modules/org/demo-seed.ts',
      'server/bootstrap.ts',
      'server/modules/requests/catalogue.service.ts',
      'server/modules/requests/catalogue-defaults.ts',
      'server/modules/timelimits/calendar-package.ts',
      'server/modules/legalaid/settings.service.ts',
      'server/modules/legalaid/providers.service.ts',
      'server/modules/knowledge/library.ts',
    ].map((f) => readFile(path.join(root, f), 'utf8')),
  );
  const key = createHash('sha256')
    .update([...migrationSources, ...seedSources, countyHash].join('\n'))
    .digest('hex')
    .slice(0, 16);
  const file = path.join(root, '.cache', `pglite-template-${key}.tar.gz`);
  if (existsSync(file)) {
    // another run may replace it meanwhile: then build our own
    const cached = await readFile(file).catch(() => undefined);
    if (cached) return cached;
  }
  const database = await openDatabase({});
  await migrateToLatest(database.db as Kysely<unknown>);
  await loadReferenceData(database.db, config, 'pglite');
  const dump = await dumpPglite(database);
  await database.close();
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, dump);
  await rename(tmp, file); // atomic: a parallel test file sees the whole template or none
  for (const old of await readdir(path.dirname(file))) {
    if (old.startsWith('pglite-template-') && old.endsWith('.tar.gz') && path.join(path.dirname(file), old) !== file) {
      await rm(path.join(path.dirname(file), old), { force: true });
    }
  }
  return dump;
}

async function dumpPglite(database: Database): Promise<Buffer> {
  const pglite = database.pglite;
  if (!pglite) throw new Error('openDatabase did not expose the PGlite instance');
  return Buffer.from(await (await pglite.dumpDataDir('gzip')).arrayBuffer());
}
