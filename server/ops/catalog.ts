import { sql, type Kysely } from 'kysely';
import { migratorFor } from '../db/migrate.js';

/**
 * What the database itself says about the schema it works in (the connection's current schema): tables,
 * columns, keys, sequences and the migrations applied. Backup and restore read this instead of a list kept by
 * hand, so a table a new migration adds is backed up without anyone remembering to.
 */

/** Kysely's own bookkeeping: stands for the schema version, restored by migrating, not by copying rows. */
const BOOKKEEPING = ['kysely_migration', 'kysely_migration_lock'];

export interface Column {
  name: string;
  /** as format_type() prints it, e.g. `numeric(10,2)`, `text[]`, `timestamp with time zone` */
  type: string;
  /** a GENERATED ALWAYS identity: inserting a value needs OVERRIDING SYSTEM VALUE */
  identityAlways: boolean;
}

export interface Table {
  name: string;
  /** stored columns in their order; generated columns are left out (the database computes them) */
  columns: Column[];
  primaryKey: string[];
  /** foreign keys to itself (regions.parent_code → regions.code): [column, referenced column] pairs per key */
  selfReferences: [string, string][][];
}

export const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function currentSchema(db: Kysely<unknown>): Promise<string> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  return rows[0]?.schema ?? 'public';
}

/** Every table of the schema, parents before the tables that refer to them (so rows load in this order). */
export async function readTables(db: Kysely<unknown>): Promise<Table[]> {
  const { rows: cols } = await sql<{ table: string; name: string; type: string; identity: string; generated: string }>`
    select c.relname as table, a.attname as name, format_type(a.atttypid, a.atttypmod) as type,
           a.attidentity as identity, a.attgenerated as generated
      from pg_attribute a
      join pg_class c on c.oid = a.attrelid
      join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = current_schema() and c.relkind = 'r' and not c.relispartition
       and a.attnum > 0 and not a.attisdropped
     order by c.relname, a.attnum`.execute(db);
  const { rows: keys } = await sql<{
    table: string;
    kind: string;
    name: string;
    ref_table: string | null;
    col: string;
    ref_col: string | null;
  }>`
    select c.relname as table, con.contype as kind, con.conname as name, r.relname as ref_table,
           a.attname as col, ra.attname as ref_col
      from pg_constraint con
      join pg_class c on c.oid = con.conrelid
      join pg_namespace n on n.oid = c.relnamespace
      left join pg_class r on r.oid = con.confrelid
      cross join lateral unnest(con.conkey) with ordinality as k (attnum, ord)
      join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum
      left join pg_attribute ra on ra.attrelid = con.confrelid and ra.attnum = con.confkey[k.ord]
     where n.nspname = current_schema() and con.contype in ('p', 'f')
     order by c.relname, con.conname, k.ord`.execute(db);

  const tables = new Map<string, Table>();
  for (const c of cols) {
    if (BOOKKEEPING.includes(c.table)) continue;
    let t = tables.get(c.table);
    if (!t) tables.set(c.table, (t = { name: c.table, columns: [], primaryKey: [], selfReferences: [] }));
    if (c.generated) continue;
    t.columns.push({ name: c.name, type: c.type, identityAlways: c.identity === 'a' });
  }
  const parents = new Map<string, Set<string>>();
  const selfKeys = new Map<string, Map<string, [string, string][]>>();
  for (const k of keys) {
    const t = tables.get(k.table);
    if (!t) continue;
    if (k.kind === 'p') t.primaryKey.push(k.col);
    else if (k.ref_table === k.table) {
      const byName = selfKeys.get(k.table) ?? new Map<string, [string, string][]>();
      selfKeys.set(k.table, byName);
      byName.set(k.name, [...(byName.get(k.name) ?? []), [k.col, k.ref_col!]]);
    } else if (k.ref_table && tables.has(k.ref_table)) {
      parents.set(k.table, (parents.get(k.table) ?? new Set()).add(k.ref_table));
    }
  }
  for (const [table, byName] of selfKeys) tables.get(table)!.selfReferences = [...byName.values()];

  // depth-first topological order, alphabetical among equals so that two runs write the same file
  const ordered: Table[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, path: string[]) => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') throw new Error(`foreign keys form a cycle: ${[...path, name].join(' → ')}`);
    state.set(name, 'visiting');
    for (const p of [...(parents.get(name) ?? [])].sort()) visit(p, [...path, name]);
    state.set(name, 'done');
    ordered.push(tables.get(name)!);
  };
  for (const name of [...tables.keys()].sort()) visit(name, []);
  return ordered;
}

/** The sequences of the schema (serial and identity columns) with their current value; null when never used. */
export async function readSequences(db: Kysely<unknown>): Promise<[string, string | null][]> {
  const { rows } = await sql<{ name: string; value: string | null }>`
    select sequencename as name, last_value::text as value
      from pg_sequences where schemaname = current_schema() order by sequencename`.execute(db);
  return rows.map((r) => [r.name, r.value]);
}

/** The migrations recorded as applied, in order; empty when the schema has never been migrated. */
export async function appliedMigrations(db: Kysely<unknown>): Promise<string[]> {
  const { rows: exists } = await sql<{ found: boolean }>`
    select exists (select 1 from information_schema.tables
                    where table_schema = current_schema() and table_name = 'kysely_migration') as found`.execute(db);
  if (!exists[0]?.found) return [];
  const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return rows.map((r) => r.name);
}

/** Tables that hold at least one row (the bookkeeping left out). */
export async function tablesWithRows(db: Kysely<unknown>): Promise<string[]> {
  const found: string[] = [];
  for (const t of await readTables(db)) {
    const { rows } = await sql<{ any: boolean }>`select exists (select 1 from ${sql.raw(ident(t.name))}) as any`.execute(db);
    if (rows[0]?.any) found.push(t.name);
  }
  return found;
}

/** Applies the migrations up to and including `name` (the schema a backup was made at). */
export async function migrateTo(db: Kysely<unknown>, name: string): Promise<void> {
  const { error } = await migratorFor(db, await currentSchema(db)).migrateTo(name);
  if (error) throw error instanceof Error ? error : new Error(String(error));
}

/**
 * Drops what the migrations made in this schema: every table (with its indexes, triggers and sequences) and
 * every function that no extension owns. Used only on a schema that is empty or that the operator asked to erase.
 */
export async function dropSchemaObjects(db: Kysely<unknown>): Promise<string[]> {
  const { rows: tables } = await sql<{ name: string }>`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = current_schema() and c.relkind in ('r', 'p') and not c.relispartition
     order by c.relname`.execute(db);
  if (tables.length) await sql.raw(`drop table ${tables.map((t) => ident(t.name)).join(', ')} cascade`).execute(db);
  const { rows: functions } = await sql<{ signature: string }>`
    select p.oid::regprocedure::text as signature from pg_proc p join pg_namespace n on n.oid = p.pronamespace
     where n.nspname = current_schema()
       and not exists (select 1 from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')`.execute(
    db,
  );
  for (const f of functions) await sql.raw(`drop function ${f.signature} cascade`).execute(db);
  return tables.map((t) => t.name);
}
