import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Config } from './config.js';
import { openDatabase, type Database } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import type { DB } from './db/schema.js';
import { importCounty, type CountyFile } from './modules/org/county-import.js';
import { demoUsers, seedDemoStaff } from './modules/org/demo-seed.js';
import { loadCalendarFromPackage } from './modules/timelimits/calendar-package.js';
import { seedCatalogue } from './modules/requests/catalogue.service.js';
import { seedAidDefaults } from './modules/legalaid/settings.service.js';
import { seedDemoProviders } from './modules/legalaid/providers.service.js';
import { seedKnowledge } from './modules/knowledge/library.js';
import { readCountyTree, readReferenceData, type ReferenceData } from './reference-data.js';

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
 * unless LEGALHUB_SEED_DEMO=yes; `npm run cli -- create-admin` makes its first administrator. `county` is the
 * tree already read (else it is read from LEGALHUB_COUNTY_FILE).
 */
export async function seedIfEmpty(db: Kysely<DB>, config: Config, engine: Database['engine'], tree?: CountyFile): Promise<SeedReport> {
  const report: SeedReport = { county: false, staff: 0 };
  const regions = await db
    .selectFrom('regions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(regions.n) === 0) {
    const county = tree ?? (await readCountyTree(config.countyFile));
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
 * is left alone). `data` is what readReferenceData read before the database was opened (else read here).
 */
export async function loadReferenceData(
  db: Kysely<DB>,
  config: Config,
  engine: Database['engine'],
  data?: ReferenceData,
): Promise<SeedReport> {
  const reference = data ?? (await readReferenceData(config));
  const seed = await seedIfEmpty(db, config, engine, reference.county);
  await loadCalendarFromPackage(db);
  await seedCatalogue(db);
  const county = await db.selectFrom('regions').select('code').where('level', '=', 'county').executeTakeFirst();
  if (county) {
    await seedAidDefaults(db, county.code);
    // the demo pool of legal aid personnel goes with the demo staff
    if (seed.staff > 0) await seedDemoProviders(db, county.code);
  }
  // the law library and the Q&A: public reference data, like the county (a few seconds, once)
  if (reference.library) await seedKnowledge(db, reference.library);
  return seed;
}

/** Opens, migrates and loads the database; `reference` is read first (readReferenceData), so a bad file creates nothing. */
export async function prepareDatabase(config: Config, reference: ReferenceData) {
  const database = await openConfiguredDatabase(config);
  try {
    const applied = await migrateToLatest(database.db as Kysely<unknown>);
    const seed = await loadReferenceData(database.db, config, database.engine, reference);
    return { database, applied, seed };
  } catch (error) {
    await database.close();
    throw error;
  }
}
