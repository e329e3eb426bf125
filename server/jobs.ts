import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from './config.js';
import type { DB } from './db/schema.js';
import type { PersonalDataCipher } from './security/personal-data.js';
import { sweepSessions } from './modules/auth/auth.service.js';
import { sweepRateLimits } from './modules/auth/rate-limit.js';
import { scanDueStates } from './modules/requests/due-scanner.js';
import { scanStuck } from './modules/requests/stuck-scanner.js';
import { deliverDue } from './modules/notify/outbox.js';
import { adaptersFrom } from './modules/notify/channels.js';
import { withdrawLapsed } from './modules/legalaid/cases.service.js';
import { backfillIdHashes } from './modules/privacy/keys.service.js';
import { sweepExpired } from './modules/privacy/sweep.js';

/**
 * The background work every instance runs: the outbox sender (every 5 s), the time-limit scanner (every
 * minute) and housekeeping (every 10 min), or as LEGALHUB_JOB_INTERVALS says. Each is safe to run on several
 * instances at once (see each one); a failure is logged and the next tick tries again.
 */
export function startJobs(db: Kysely<DB>, config: Config, cipher: PersonalDataCipher, log: FastifyBaseLogger): () => void {
  const adapters = adaptersFrom(config, (line) => log.info(line));
  const every = (ms: number, name: string, work: () => Promise<unknown>) => {
    let running = false;
    const timer = setInterval(() => {
      if (running) return;
      running = true;
      work()
        .catch((err: unknown) => log.warn({ err }, `${name} failed; will retry`))
        .finally(() => (running = false));
    }, ms);
    timer.unref();
    return timer;
  };
  const timers = [
    every(config.jobIntervals.outbox * 1000, 'outbox', () => deliverDue(db, cipher, adapters)),
    every(config.jobIntervals.scanner * 1000, 'time-limit scanner', async () => {
      const report = await scanDueStates(db);
      // which instance moved which request: with several instances each change is made by exactly one
      if (report.changed)
        log.info({ scanner: report }, `time-limit scanner: ${report.changed} requests due soon or overdue, ${report.notices} notices`);
      // requests nobody at their site can act on: the site's supervisors are told (once per request, state and version)
      const stuck = await scanStuck(db);
      if (stuck.notices) log.info({ stuck }, `stuck-request scanner: ${stuck.stuck} requests nobody can act on, ${stuck.notices} notices`);
      // legal aid applications whose materials did not come in time are deemed withdrawn (art. 43)
      await withdrawLapsed({ db, cipher, webhook: Boolean(config.webhookUrl), publicUrl: config.publicUrl });
    }),
    every(config.jobIntervals.housekeeping * 1000, 'housekeeping', async () => {
      await sweepSessions(db);
      await sweepRateLimits(db);
      // records past their retention period anonymised (privacy/README.md); rows taken with SKIP LOCKED
      await sweepExpired(db, cipher);
      await backfillIdHashes(db, cipher);
    }),
  ];
  return () => timers.forEach((t) => clearInterval(t));
}
