import { mkdir } from 'node:fs/promises';
import { CompiledQuery, Kysely, PostgresDialect, sql, type QueryResult } from 'kysely';
import pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import type { DB } from './schema.js';
import { PGliteDialect } from './pglite-dialect.js';

export type Engine = 'pglite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  engine: Engine;
  close(): Promise<void>;
  /** the embedded instance, for backups and test templates */
  pglite?: PGlite;
}

// int8 (count(*), bigserial) as number: our counts and ids stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));
// timestamptz and date stay strings in ISO form would need care; pg gives Date for timestamptz, which we keep.
pg.types.setTypeParser(1082, (v) => v);

export interface OpenOptions {
  databaseUrl?: string | undefined;
  /** A PostgreSQL schema to work in (created if missing); tests use one per run. */
  schema?: string | undefined;
  dataDir?: string | undefined;
  /** Open PGlite from an earlier `dumpDataDir()` tarball instead of a directory (tests). */
  loadDataDir?: Blob | undefined;
  poolSize?: number;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    });
    pool.on('error', () => {
      /* a broken idle connection is dropped by the pool; the next query opens a new one */
    });
    if (options.schema) {
      const client = await pool.connect();
      try {
        await client.query(`create schema if not exists "${options.schema}"`);
      } finally {
        client.release();
      }
    }
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: namingPool(pool) }) });
    return { db, engine: 'postgres', close: () => db.destroy() };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  let pglite;
  if (options.loadDataDir) {
    pglite = await PGlite.create({ loadDataDir: options.loadDataDir, extensions: { pg_trgm } });
  } else if (options.dataDir) {
    await mkdir(options.dataDir, { recursive: true });
    pglite = await PGlite.create({ dataDir: options.dataDir, extensions: { pg_trgm } });
  } else {
    pglite = await PGlite.create({ extensions: { pg_trgm } });
  }
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  await sql`set time zone 'UTC'`.execute(db);
  return { db, engine: 'pglite', close: () => db.destroy(), pglite };
}

/** Statement text → the name it is prepared under on each server connection. */
const preparedNames = new Map<string, string>();

/**
 * A statement the busiest public endpoints run on every request, in fixed text with $n parameters. On the
 * PostgreSQL server each connection parses and plans it once (a named prepared statement) instead of on
 * every call, and no query builder compiles it per request. PGlite runs the same text as any other query.
 */
export function preparedStatement<R>(name: string, text: string) {
  preparedNames.set(text, name);
  return (db: Kysely<DB>, parameters: readonly unknown[]): Promise<QueryResult<R>> =>
    db.executeQuery<R>(CompiledQuery.raw(text, [...parameters]));
}

type PoolClient = pg.PoolClient & { namedQueries?: true };

/** The pool Kysely gets: the same connections, whose `query` runs a registered text as its named statement. */
function namingPool(pool: pg.Pool) {
  return {
    end: () => pool.end(),
    async connect() {
      const client = (await pool.connect()) as PoolClient;
      if (!client.namedQueries) {
        const query = client.query.bind(client) as (...args: unknown[]) => unknown;
        client.query = ((text: unknown, values?: unknown[]) => {
          const name = typeof text === 'string' ? preparedNames.get(text) : undefined;
          return name ? query({ name, text, values }) : values === undefined ? query(text) : query(text, values);
        }) as typeof client.query;
        client.namedQueries = true;
      }
      return client;
    },
  };
}
