import { Migrator, sql, type DatabaseIntrospector, type Kysely, type TableMetadata } from 'kysely';
import { migrations } from './migrations/index.js';

export class MigrationError extends Error {}

/**
 * What the migrator needs to know of the catalog (whether its bookkeeping tables exist), asked of this schema
 * only. Kysely's own introspector reads the tables of every schema of the database and resolves each one's
 * serial sequences by name, so a schema dropped by someone else at that moment (another application on the
 * server, another test file) made our migration fail with "schema … does not exist".
 */
class OwnSchemaIntrospector implements DatabaseIntrospector {
  constructor(private readonly db: Kysely<unknown>) {}

  async getSchemas() {
    const { rows } = await sql<{ name: string }>`select current_schema() as name`.execute(this.db);
    return rows;
  }

  async getTables(): Promise<TableMetadata[]> {
    const { rows } = await sql<{ name: string; schema: string; is_view: boolean }>`
      select c.relname as name, n.nspname as schema, c.relkind in ('v', 'm') as is_view
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = current_schema() and c.relkind in ('r', 'p', 'v', 'm')`.execute(this.db);
    return rows.map((r) => ({ name: r.name, schema: r.schema, isView: r.is_view, columns: [] }));
  }

  async getMetadata() {
    return { tables: await this.getTables() };
  }
}

/** A migrator over `db` that keeps its bookkeeping in, and looks only at, the connection's own schema. */
export function migratorFor(db: Kysely<unknown>, schema: string): Migrator {
  const introspector = new OwnSchemaIntrospector(db);
  const scoped = new Proxy(db, {
    get(target, prop) {
      if (prop === 'introspection') return introspector;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return new Migrator({ db: scoped, provider: { getMigrations: async () => migrations }, migrationTableSchema: schema });
}

/**
 * Applies every pending migration in one go; throws (and applies nothing more) when one fails.
 * The bookkeeping tables live in the connection's own schema: Kysely would otherwise take a
 * `kysely_migration` table in any schema of the database for ours (several test schemas share one server).
 */
export async function migrateToLatest(db: Kysely<unknown>): Promise<string[]> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const migrator = migratorFor(db, rows[0]?.schema ?? 'public');
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new MigrationError(`migration ${failed?.migrationName ?? '?'} failed: ${String(error)}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
