import { rename, rm, stat } from 'node:fs/promises';
import { CompiledQuery, sql, type Kysely, type Transaction } from 'kysely';
import { AppError } from '../http/errors.js';
import { BackupWriter, FORMAT, type BackupHeader, type KeyFingerprints } from './backup-file.js';
import { appliedMigrations, ident, readSequences, readTables, type Table } from './catalog.js';

export interface BackupOptions {
  out: string;
  engine: 'pglite' | 'postgres';
  release: string;
  keys: KeyFingerprints | null;
  /** rows read per statement */
  pageSize?: number;
  /** told after each table, for progress */
  onTable?: (table: string, rows: number) => void;
}

export interface BackupReport {
  file: string;
  migrations: string[];
  tables: { name: string; rows: number }[];
  rows: number;
  /** size of the gzip file, and of the lines before compression */
  bytes: number;
  rawBytes: number;
  seconds: number;
}

export const SEALED_NOTE =
  'Personal data (phones, ID numbers, addresses) is in this file sealed as stored; the keys are not. ' +
  'Restore where the same LEGALHUB_DATA_KEYS and LEGALHUB_INDEX_KEY (or the same keys.json) are configured.';

/**
 * A logical backup of every row of every table of the schema, read in one repeatable-read transaction (a
 * consistent picture while the server keeps working on PostgreSQL) and streamed page by page into the file, so
 * a library of millions of postings never sits in memory. Values are written as PostgreSQL prints them, which
 * both engines read back exactly.
 */
export async function backupDatabase(db: Kysely<unknown>, options: BackupOptions): Promise<BackupReport> {
  const started = performance.now();
  const migrations = await appliedMigrations(db);
  if (!migrations.length) throw new AppError('BACKUP_SCHEMA_UNKNOWN', { reason: 'no migrations recorded: not a LegalHub database' });
  // written beside the target and renamed when complete: a backup that failed never looks like one
  const partial = `${options.out}.partial`;
  const writer = new BackupWriter(partial);
  const report: BackupReport = { file: options.out, migrations, tables: [], rows: 0, bytes: 0, rawBytes: 0, seconds: 0 };
  try {
    await db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        // fixed output forms, whatever the server's settings: the same rows give the same file on either engine
        await sql`set local time zone 'UTC'`.execute(trx);
        await sql`set local datestyle = 'ISO, YMD'`.execute(trx);
        await sql`set local bytea_output = 'hex'`.execute(trx);
        await sql`set local extra_float_digits = 1`.execute(trx);
        const header: BackupHeader = {
          legalhubBackup: FORMAT,
          createdAt: new Date().toISOString(),
          engine: options.engine,
          release: options.release,
          migrations,
          keys: options.keys,
          note: SEALED_NOTE,
        };
        await writer.line(JSON.stringify(header));
        for (const table of await readTables(trx as Kysely<unknown>)) {
          await writer.line(JSON.stringify({ table: table.name, columns: table.columns.map((c) => [c.name, c.type]) }));
          let rows = 0;
          for await (const page of pages(trx, table, options.pageSize ?? 5000)) {
            for (const row of page) await writer.line(JSON.stringify(row));
            rows += page.length;
          }
          await writer.line(JSON.stringify({ end: table.name, rows }));
          report.tables.push({ name: table.name, rows });
          report.rows += rows;
          options.onTable?.(table.name, rows);
        }
        // sequences move outside transactions: read after the rows, a value is never below an id backed up
        await writer.line(JSON.stringify({ sequences: await readSequences(trx as Kysely<unknown>) }));
      });
    await writer.finish({ tables: report.tables.length, rows: report.rows });
    await rename(partial, options.out);
  } catch (error) {
    await writer.abort();
    await rm(partial, { force: true });
    throw error;
  }
  report.rawBytes = writer.bytesIn;
  report.bytes = (await stat(options.out)).size;
  report.seconds = (performance.now() - started) / 1000;
  return report;
}

type Row = (string | null)[];

/**
 * A table's rows page by page, each value as text. Tables with a primary key are read in key order, each page
 * after the last key seen (an index range, however deep into the table). A table that refers to itself
 * (regions → parent region) is read parents first, so that each page's parents are already restored.
 */
async function* pages(trx: Transaction<unknown>, table: Table, size: number): AsyncGenerator<Row[]> {
  const name = ident(table.name);
  const list = table.columns.map((c, i) => `t.${ident(c.name)}::text as c${i}`).join(', ');
  const toRow = (r: Record<string, string | null>): Row => table.columns.map((_, i) => r[`c${i}`] ?? null);
  const run = async (text: string, parameters: unknown[] = []) =>
    (await trx.executeQuery<Record<string, string | null>>(CompiledQuery.raw(text, parameters))).rows.map(toRow);

  if (table.selfReferences.length || !table.primaryKey.length) {
    const order = table.primaryKey.length ? table.primaryKey.map((k) => `t.${ident(k)}`).join(', ') : 't.ctid';
    const from = table.selfReferences.length ? `${name} t left join (${depths(table)}) d on d.rid = t.ctid` : `${name} t`;
    const orderBy = table.selfReferences.length ? `coalesce(d.depth, 0), ${order}` : order;
    for (let offset = 0; ; offset += size) {
      const page = await run(`select ${list} from ${from} order by ${orderBy} limit ${size} offset ${offset}`);
      if (page.length) yield page;
      if (page.length < size) return;
    }
  }
  const keyIndex = table.primaryKey.map((k) => table.columns.findIndex((c) => c.name === k));
  const keys = table.primaryKey.map((k) => `t.${ident(k)}`).join(', ');
  const bounds = keyIndex.map((i, n) => `$${n + 1}::${table.columns[i]!.type}`).join(', ');
  let last: Row | undefined;
  for (;;) {
    const after = last ? `where (${keys}) > (${bounds})` : '';
    const page = await run(
      `select ${list} from ${name} t ${after} order by ${keys} limit ${size}`,
      last ? keyIndex.map((i) => last![i]) : [],
    );
    if (page.length) yield page;
    if (page.length < size) return;
    last = page[page.length - 1];
  }
}

/** Each row's depth below a row with no parent in the table (a recursive walk down the self-references). */
function depths(table: Table): string {
  const name = ident(table.name);
  const parentOf = (child: string, parent: string) =>
    table.selfReferences
      .map((pairs) => `(${pairs.map(([col, ref]) => `${parent}.${ident(ref)} = ${child}.${ident(col)}`).join(' and ')})`)
      .join(' or ');
  return `with recursive tree (rid, depth) as (
      select r.ctid, 0 from ${name} r
       where not exists (select 1 from ${name} p where (${parentOf('r', 'p')}) and p.ctid <> r.ctid)
      union all
      select c.ctid, tree.depth + 1 from tree
        join ${name} p on p.ctid = tree.rid
        join ${name} c on (${parentOf('c', 'p')}) and c.ctid <> p.ctid
       where tree.depth < 1000)
    select rid, max(depth) as depth from tree group by rid`;
}
