import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { backupDatabase, SEALED_NOTE } from './backup.js';
import { keyFingerprints } from './key-fingerprints.js';
import { restoreDatabase } from './restore.js';

/** `npm run cli -- backup --out <file>` and `restore --in <file> [--replace]` (see README § Backup and restore). */

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const where = (config: Config) =>
  config.databaseUrl
    ? `PostgreSQL ${config.databaseUrl.replace(/\/\/[^@/]*@/, '//')}${config.databaseSchema ? ` schema ${config.databaseSchema}` : ''}`
    : `PGlite in ${config.dataDir}`;

export async function backupCommand(database: Database, config: Config, out: string | undefined): Promise<number> {
  if (!out) {
    console.error('backup needs --out <file>, e.g. --out legalhub-2026-05-01.backup.gz');
    return 1;
  }
  const release = (JSON.parse(await readFile(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string })
    .version;
  console.log(`backing up ${where(config)} to ${out}`);
  const report = await backupDatabase(database.db as Kysely<unknown>, {
    out,
    engine: database.engine,
    release,
    keys: await keyFingerprints(config),
    onTable: (table, rows) => console.log(`  ${table.padEnd(28)} ${rows} rows`),
  });
  console.log(
    `backup written: ${report.tables.length} tables, ${report.rows} rows, schema ${report.migrations.at(-1)}, ` +
      `${mb(report.bytes)} (${mb(report.rawBytes)} before gzip), ${report.seconds.toFixed(1)} s`,
  );
  console.log(`note: ${SEALED_NOTE}`);
  return 0;
}

export async function restoreCommand(database: Database, config: Config, input: string | undefined, replace: boolean): Promise<number> {
  if (!input) {
    console.error('restore needs --in <file> (and --replace to erase a database that holds data)');
    return 1;
  }
  console.log(`restoring ${input} into ${where(config)}${replace ? ' (--replace: its present data is erased)' : ''}`);
  const report = await restoreDatabase(database.db as Kysely<unknown>, {
    file: input,
    replace,
    keys: await keyFingerprints(config),
    onTable: (table, rows) => console.log(`  ${table.padEnd(28)} ${rows} rows`),
  });
  if (report.dropped.length) console.log(`dropped first: ${report.dropped.length} tables`);
  console.log(
    `restored: ${report.tables.length} tables, ${report.rows} rows from a backup of ${report.header.createdAt} ` +
      `(${report.header.engine}, schema ${report.header.migrations.at(-1)}), ${report.seconds.toFixed(1)} s`,
  );
  console.log(report.migratedForward.length ? `migrated forward: ${report.migratedForward.join(', ')}` : 'schema is up to date');
  if (report.keys === 'match') console.log('keys: the keys configured here open the personal data in this backup');
  else if (report.keys === 'differ') {
    console.log(
      'WARNING keys: the keys configured here are NOT the ones the personal data was sealed with; phones, ID numbers and ' +
        'addresses will not open and look-ups by phone will find nothing. Configure the original LEGALHUB_DATA_KEYS and ' +
        'LEGALHUB_INDEX_KEY (or copy keys.json) before starting the server.',
    );
  } else {
    console.log(
      'keys: personal data is restored sealed as it was stored; the keys are not in the backup. Before starting the server, ' +
        'configure the original LEGALHUB_DATA_KEYS and LEGALHUB_INDEX_KEY, or copy keys.json from the old data directory.',
    );
  }
  return 0;
}
