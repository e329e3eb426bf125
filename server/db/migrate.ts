import { Migrator, sql, type Kysely } from 'kysely';
import { migrations } from './migrations/index.js';

export class MigrationError extends Error {}

/**
 * Applies every pending migration in one go; throws (and applies nothing more) when one fails.
 * The bookkeeping tables live in the connection's own schema: Kysely would otherwise take a
 * `kysely_migration` table in any schema of the database for ours (several test schemas share one server).
 */
export async function migrateToLatest(db: Kysely<unknown>): Promise<string[]> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableSchema: rows[0]?.schema ?? 'public',
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new MigrationError(`migration ${failed?.migrationName ?? '?'} failed: ${String(error)}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
