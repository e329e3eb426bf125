import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Config } from './config.js';
import { openDatabase, type Database } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import type { DB } from './db/schema.js';
import { importCounty, readCountyFile } from './modules/org/county-import.js';
import { demoUsers, seedDemoStaff } from './modules/org/demo-seed.js';
import { loadCalendarFromPackage } from './modules/timelimits/calendar-package.js';
import { seedCatalogue } from './modules/requests/catalogue.service.js';
import { seedAidDefaults } from './modules/legalaid/settings.service.js';
import { seedDemoProviders } from './modules/legalaid/providers.service.js';
import { seedKnowledge } from './modules/knowledge/library.js';

export interface SeedReport {
  county: boolean;
  staff: number;
  /** set only when the password was generated here: print it once, never store it */
  generatedPassword?: string;
}

export async function openConfiguredDatabase(config: Config): Promise<Database> {
  return openDatabase({ databaseUrl: config.databaseUrl, schema: config.databaseSchema, dataDir: config.dataDir });
}

/**
 * Loads the demo county into an empty database: regions and sites always (they are the real network),
 * demo staff when asked, or by default on the embedded database. A PostgreSQL server gets no demo staff
 * unless LEGALHUB_SEED_DEMO=yes; `npm run cli -- create-admin` makes its first administrator.
 */
export async function seedIfEmpty(db: Kysely<DB>, config: Config, engine: Database['engine']): Promise<SeedReport> {
  const report: SeedReport = { county: false, staff: 0 };
  const regions = await db
    .selectFrom('regions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(regions.n) === 0) {
    const county = await readCountyFile(config.countyFile);
    await importCounty(db, county);
    report.county = true;
    const wantDemo = config.seedDemo === 'yes' || (config.seedDemo === 'auto' && engine === 'pglite');
    if (wantDemo) {
      const password = config.demoPassword ?? randomBytes(9).toString('base64url') + '7a';
      if (!config.demoPassword) report.generatedPassword = password;
      report.staff = await seedDemoStaff(
        db,
        demoUsers({
          code: county.code,
          towns: county.children.map((t) => ({ code: t.code, name: t.name, villages: t.children })),
        }),
        password,
      );
    }
  }
  return report;
}

/**
 * What every start does after migrating: the county on an empty database, any holiday year that a newer
 * `chinese-days` package brings, and service items new in this release (what is present, and admins' edits,
 * is left alone).
 */
export async function loadReferenceData(db: Kysely<DB>, config: Config, engine: Database['engine']): Promise<SeedReport> {
  const seed = await seedIfEmpty(db, config, engine);
  await loadCalendarFromPackage(db);
  await seedCatalogue(db);
  const county = await db.selectFrom('regions').select('code').where('level', '=', 'county').executeTakeFirst();
  if (county) {
    await seedAidDefaults(db, county.code);
    // the demo pool of legal aid personnel goes with the demo staff
    if (seed.staff > 0) await seedDemoProviders(db, county.code);
  }
  // the law library and the Q&A: public reference data, like the county (a few seconds, once)
  if (config.seedKnowledge === 'auto') await seedKnowledge(db, { laws: config.lawsFile, qa: config.qaFile });
  return seed;
}

export async function prepareDatabase(config: Config) {
  const database = await openConfiguredDatabase(config);
  try {
    const applied = await migrateToLatest(database.db as Kysely<unknown>);
    const seed = await loadReferenceData(database.db, config, database.engine);
    return { database, applied, seed };
  } catch (error) {
    await database.close();
    throw error;
  }
}
