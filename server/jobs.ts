import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from './db/schema.js';
import { sweepSessions } from './modules/auth/auth.service.js';
import { sweepRateLimits } from './modules/auth/rate-limit.js';

/** Periodic clean-up of expired sessions and old rate-limit windows. Idempotent, so any instance may run it. */
export function startHousekeeping(db: Kysely<DB>, log: FastifyBaseLogger, everyMs = 10 * 60_000): () => void {
  const run = async () => {
    try {
      await sweepSessions(db);
      await sweepRateLimits(db);
    } catch (error) {
      log.warn({ err: error }, 'housekeeping failed; will retry');
    }
  };
  const timer = setInterval(() => void run(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
