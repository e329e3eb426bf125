import { CompiledQuery, sql, type Kysely, type Transaction } from 'kysely';
import { migrateToLatest } from '../db/migrate.js';
import { migrations as known } from '../db/migrations/index.js';
import { AppError } from '../http/errors.js';
import { readBackup, type BackupHeader, type KeyFingerprints } from './backup-file.js';
import { appliedMigrations, dropSchemaObjects, ident, migrateTo, readTables, tablesWithRows, type Table } from './catalog.js';
import { keysMatch } from './key-fingerprints.js';

export interface RestoreOptions {
  file: string;
  /** erase a target that holds data (the operator said so: `--replace`) */
  replace: boolean;
  /** fingerprints of the keys configured where the restore runs, if any */
  keys: KeyFingerprints | null;
  onTable?: (table: string, rows: number) => void;
}

export interface RestoreReport {
  header: BackupHeader;
  tables: { name: string; rows: number }[];
  rows: number;
  /** tables dropped first (a --replace, or an empty schema of a later version) */
  dropped: string[];
  /** migrations applied after loading, from the backup's version to this release's */
  migratedForward: string[];
  keys: 'match' | 'differ' | 'unknown';
  seconds: number;
}

const BATCH_ROWS = 2000;
const BATCH_BYTES = 4 * 1024 * 1024;

/**
 * Restores a backup into an empty database: checks the whole file first (nothing is touched for a damaged
 * one), migrates to the backup's schema version, loads every table in the file's order (parents first) in one
 * transaction, sets the sequences, checks each table's count, then migrates forward to this release.
 */
export async function restoreDatabase(db: Kysely<unknown>, options: RestoreOptions): Promise<RestoreReport> {
  const started = performance.now();
  let header: BackupHeader | undefined;
  for await (const entry of readBackup(options.file)) if (entry.kind === 'header') header = entry.header;
  if (!header) throw new AppError('BACKUP_UNREADABLE', { reason: 'no header' });

  const release = Object.keys(known);
  const unknown = header.migrations.filter((m, i) => release[i] !== m);
  if (!header.migrations.length || unknown.length) {
    throw new AppError('BACKUP_SCHEMA_UNKNOWN', { backupMigrations: header.migrations, unknownToThisRelease: unknown });
  }
  const version = header.migrations[header.migrations.length - 1]!;

  const filled = await tablesWithRows(db);
  if (filled.length && !options.replace)
    throw new AppError('RESTORE_TARGET_NOT_EMPTY', { tablesWithRows: filled.slice(0, 20), count: filled.length });
  const applied = await appliedMigrations(db);
  const behind = applied.every((m, i) => header.migrations[i] === m);
  const dropped = filled.length || !behind ? await dropSchemaObjects(db) : [];
  await migrateTo(db, version);

  const report: RestoreReport = { header, tables: [], rows: 0, dropped, migratedForward: [], keys: 'unknown', seconds: 0 };
  await db.transaction().execute(async (trx) => {
    const tables = new Map((await readTables(trx as Kysely<unknown>)).map((t) => [t.name, t]));
    let loader: TableLoader | undefined;
    for await (const entry of readBackup(options.file)) {
      if (entry.kind === 'table') {
        loader = new TableLoader(trx, checkedTable(tables, entry.start.table, entry.start.columns), entry.start.columns);
      } else if (entry.kind === 'row') {
        await loader!.add(entry.json);
      } else if (entry.kind === 'end') {
        const rows = await loader!.finish();
        if (rows !== entry.rows) throw new Error(`${entry.table}: ${rows} rows restored, the backup has ${entry.rows}`);
        report.tables.push({ name: entry.table, rows });
        report.rows += rows;
        options.onTable?.(entry.table, rows);
      } else if (entry.kind === 'sequences') {
        for (const [name, value] of entry.sequences) {
          if (value !== null) await sql`select setval(${ident(name)}::regclass, ${value}::bigint, true)`.execute(trx);
        }
      }
    }
  });
  report.migratedForward = await migrateToLatest(db);
  if (header.keys && options.keys) report.keys = keysMatch(header.keys, options.keys) ? 'match' : 'differ';
  report.seconds = (performance.now() - started) / 1000;
  return report;
}

/** The target's table of that name, with exactly the backup's columns (at the same schema version, it must be). */
function checkedTable(tables: Map<string, Table>, name: string, columns: [string, string][]): Table {
  const table = tables.get(name);
  const have = new Set(table?.columns.map((c) => c.name));
  const want = new Set(columns.map(([c]) => c));
  const missing = [...want].filter((c) => !have.has(c));
  const extra = [...have].filter((c) => !want.has(c));
  if (!table || missing.length || extra.length) {
    throw new AppError('BACKUP_SCHEMA_UNKNOWN', {
      table: name,
      ...(table ? { missingColumns: missing, extraColumns: extra } : { missing: true }),
    });
  }
  return table;
}

/**
 * Inserts a table's rows in batches: one statement per batch, its rows passed as one JSON array of arrays and
 * each value cast from its text to the column's type by the database.
 */
class TableLoader {
  private batch: string[] = [];
  private bytes = 0;
  private readonly statement: string;

  constructor(
    private readonly trx: Transaction<unknown>,
    private readonly table: Table,
    columns: [string, string][],
  ) {
    const types = new Map(table.columns.map((c) => [c.name, c.type]));
    const names = columns.map(([c]) => ident(c)).join(', ');
    const values = columns.map(([c], i) => `(r->>${i})::${types.get(c)!}`).join(', ');
    // identity columns GENERATED ALWAYS (audit_log.id…) keep their backed-up values
    const overriding = table.columns.some((c) => c.identityAlways) ? 'overriding system value' : '';
    this.statement = `insert into ${ident(table.name)} (${names}) ${overriding} select ${values} from json_array_elements($1::json) as r`;
  }

  async add(json: string): Promise<void> {
    this.batch.push(json);
    this.bytes += json.length;
    if (this.batch.length >= BATCH_ROWS || this.bytes >= BATCH_BYTES) await this.flush();
  }

  private async flush(): Promise<void> {
    if (!this.batch.length) return;
    await this.trx.executeQuery(CompiledQuery.raw(this.statement, [`[${this.batch.join(',')}]`]));
    this.batch = [];
    this.bytes = 0;
  }

  /** Flushes the last batch and answers the table's row count as the database now has it. */
  async finish(): Promise<number> {
    await this.flush();
    const { rows } = await this.trx.executeQuery<{ n: number }>(
      CompiledQuery.raw(`select count(*)::int as n from ${ident(this.table.name)}`),
    );
    return Number(rows[0]!.n);
  }
}
