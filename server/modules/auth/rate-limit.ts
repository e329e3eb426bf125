import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

/**
 * A fixed-window counter kept in the database, so that every server instance shares it.
 * Returns the number of hits in the current window, this one included.
 */
export async function hit(db: Kysely<DB>, key: string, windowSeconds: number): Promise<number> {
  const result = await hitSql(key, windowSeconds).execute(db);
  return Number(result.rows[0]?.hits ?? 0);
}

/** The counting statement, to run alone or as a CTE of a larger statement (one round trip for both). */
export function hitSql(key: string, windowSeconds: number) {
  return sql<{ hits: number }>`
    insert into rate_limits (key, window_start, hits) values (${key}, now(), 1)
    on conflict (key) do update set
      hits = case when rate_limits.window_start < now() - make_interval(secs => ${windowSeconds})
                  then 1 else rate_limits.hits + 1 end,
      window_start = case when rate_limits.window_start < now() - make_interval(secs => ${windowSeconds})
                  then now() else rate_limits.window_start end
    returning hits`;
}

/** The hits in the current window, without counting one. */
export async function peek(db: Kysely<DB>, key: string, windowSeconds: number): Promise<number> {
  const row = await db
    .selectFrom('rate_limits')
    .select('hits')
    .where('key', '=', key)
    .where(sql<boolean>`window_start >= now() - make_interval(secs => ${windowSeconds})`)
    .executeTakeFirst();
  return row?.hits ?? 0;
}

/** Removes windows that ended long ago; called now and then by the session sweeper. */
export async function sweepRateLimits(db: Kysely<DB>): Promise<void> {
  await sql`delete from rate_limits where window_start < now() - interval '1 day'`.execute(db);
}
