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

/** Removes windows that ended long ago; called now and then by the session sweeper. */
export async function sweepRateLimits(db: Kysely<DB>): Promise<void> {
  await sql`delete from rate_limits where window_start < now() - interval '1 day'`.execute(db);
}

/**
 * A fixed-window counter shared by every instance through rate_limits, without a database write per hit: each
 * instance counts locally and adds its counts to the shared row in one statement every `flushMs`, learning the
 * others' counts back. An address is refused as soon as this instance's view (shared + its own since the last
 * flush) passes the limit; across several instances the limit holds within one flush interval. For the busiest
 * public path (tracking look-ups), where a write per look-up would cost more than the look-up itself.
 */
export class BatchedWindowCounter {
  private readonly entries = new Map<string, { shared: number; pending: number; windowStart: number }>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly windowSeconds: number,
    private readonly flushMs = 500,
  ) {}

  /** Counts one hit; returns the hits in the window as this instance knows them, this one included. */
  hit(key: string, now = Date.now()): number {
    let e = this.entries.get(key);
    if (!e || now - e.windowStart >= this.windowSeconds * 1000) {
      e = { shared: 0, pending: 0, windowStart: now };
      this.entries.set(key, e);
    }
    e.pending++;
    this.timer ??= setTimeout(() => void this.flush(), this.flushMs).unref();
    return e.shared + e.pending;
  }

  /** At shutdown: no timer left behind, and the counts not yet shared are written (waiting for a flush under way). */
  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.flushing;
    await this.flush();
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Adds the local counts to the shared rows and reads the totals back. */
  async flush(): Promise<void> {
    this.timer = undefined;
    if (this.flushing) return this.flushing;
    const keys: string[] = [];
    const deltas: number[] = [];
    for (const [key, e] of this.entries) {
      if (e.pending > 0) {
        keys.push(key);
        deltas.push(e.pending);
      }
    }
    if (!keys.length) return;
    this.flushing = (async () => {
      try {
        const { rows } = await sql<{ key: string; hits: number; window_start: Date }>`
          insert into rate_limits (key, window_start, hits)
          select k, now(), d from unnest(${keys}::text[], ${deltas}::int[]) as t(k, d)
          on conflict (key) do update set
            hits = case when rate_limits.window_start < now() - make_interval(secs => ${this.windowSeconds})
                        then excluded.hits else rate_limits.hits + excluded.hits end,
            window_start = case when rate_limits.window_start < now() - make_interval(secs => ${this.windowSeconds})
                        then now() else rate_limits.window_start end
          returning key, hits, window_start`.execute(this.db);
        const sent = new Map(keys.map((k, i) => [k, deltas[i]!]));
        for (const r of rows) {
          const e = this.entries.get(r.key);
          if (!e) continue;
          e.pending = Math.max(0, e.pending - (sent.get(r.key) ?? 0));
          e.shared = Number(r.hits);
          e.windowStart = new Date(r.window_start).getTime();
        }
      } catch {
        // the database is away (or closing): the counts stay local and go with the next flush
      } finally {
        this.flushing = undefined;
      }
      const now = Date.now();
      for (const [key, e] of this.entries)
        if (e.pending === 0 && now - e.windowStart >= this.windowSeconds * 1000) this.entries.delete(key);
      if ([...this.entries.values()].some((e) => e.pending > 0)) this.timer ??= setTimeout(() => void this.flush(), this.flushMs).unref();
    })();
    return this.flushing;
  }
}
