import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql, type Kysely } from 'kysely';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { AppError } from '../http/errors.js';

/**
 * `/metrics` for Prometheus. Each instance answers for itself: its HTTP traffic and its process (memory, event
 * loop lag, GC); the domain gauges are read from the shared database at each scrape, so every instance reports
 * the same values (aggregate them with max(), not sum()).
 */

// Node's process metrics exist once per process, whatever number of apps a test builds in it.
let processRegistry: Registry | undefined;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

const OPEN_STATUSES = sql`('submitted', 'dispatched', 'accepted', 'awaitingMaterials')`;

export interface MetricsOptions {
  db: Kysely<unknown>;
  /** LEGALHUB_METRICS_TOKEN: lets a scraper that is not on this machine in with `Authorization: Bearer <token>` */
  token: string | undefined;
}

export function registerMetrics(app: FastifyInstance, { db, token }: MetricsOptions): void {
  const registry = new Registry();
  const labelNames = ['method', 'route', 'status_code'] as const;
  const requests = new Counter({ name: 'http_requests_total', help: 'HTTP requests answered', labelNames, registers: [registry] });
  const durations = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from receiving a request to sending the answer',
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const gauges = {
    up: new Gauge({ name: 'legalhub_database_up', help: '1 when the database answered the scrape, else 0', registers: [registry] }),
    queryTime: new Gauge({
      name: 'legalhub_database_scrape_seconds',
      help: "Time the database took for this scrape's domain figures",
      registers: [registry],
    }),
    outbox: new Gauge({
      name: 'legalhub_outbox_messages',
      help: 'Messages to citizens and other systems waiting to be sent (pending) or given up on (failed)',
      labelNames: ['status'] as const,
      registers: [registry],
    }),
    outboxAge: new Gauge({
      name: 'legalhub_outbox_oldest_pending_seconds',
      help: 'Age of the oldest pending outbox message (0 when none): a stuck sender shows here first',
      registers: [registry],
    }),
    due: new Gauge({
      name: 'legalhub_requests_due',
      help: 'Open service requests near (dueSoon) or past (overdue) their time limit',
      labelNames: ['county', 'due_state'] as const,
      registers: [registry],
    }),
    supervision: new Gauge({
      name: 'legalhub_supervision_orders_open',
      help: 'Supervision orders (督办) not yet replied to',
      labelNames: ['county'] as const,
      registers: [registry],
    }),
  };
  const domain = [gauges.outbox, gauges.outboxAge, gauges.due, gauges.supervision, gauges.queryTime];

  // the route's pattern, never the raw URL: ids and query strings would make a new series per request
  app.addHook('onResponse', (request, reply, done) => {
    const labels = { method: request.method, route: request.routeOptions.url ?? 'unmatched', status_code: String(reply.statusCode) };
    requests.inc(labels);
    durations.observe(labels, reply.elapsedTime / 1000);
    done();
  });

  async function readDomain(): Promise<void> {
    const started = performance.now();
    try {
      const { rows } = await sql<{ metric: string; a: string; b: string; n: number }>`
        select 'outbox' as metric, s.status as a, '' as b,
               (select count(*) from outbox o where o.status = s.status)::float8 as n
          from (values ('pending'), ('failed')) as s (status)
        union all
        select 'outboxAge', '', '',
               coalesce(extract(epoch from now() - min(created_at)), 0)::float8
          from outbox where status = 'pending'
        union all
        select 'due', c.code, d.state,
               (select count(*) from service_requests r
                 where r.county_code = c.code and r.due_state = d.state and r.status in ${OPEN_STATUSES})::float8
          from regions c cross join (values ('dueSoon'), ('overdue')) as d (state)
         where c.level = 'county'
        union all
        select 'supervision', c.code, '',
               (select count(*) from supervision_orders o join service_requests r on r.id = o.request_id
                 where o.status = 'open' and r.county_code = c.code)::float8
          from regions c
         where c.level = 'county'`.execute(db);
      for (const g of domain) g.reset();
      for (const r of rows) {
        const n = Number(r.n);
        if (r.metric === 'outbox') gauges.outbox.set({ status: r.a }, n);
        else if (r.metric === 'outboxAge') gauges.outboxAge.set(n);
        else if (r.metric === 'due') gauges.due.set({ county: r.a, due_state: r.b }, n);
        else if (r.metric === 'supervision') gauges.supervision.set({ county: r.a }, n);
      }
      gauges.up.set(1);
      gauges.queryTime.set((performance.now() - started) / 1000);
    } catch (err) {
      // no stale figures: a scrape with the database down shows up = 0 and no domain series
      for (const g of domain) g.reset();
      gauges.up.set(0);
      app.log.warn({ err }, 'metrics: the database did not answer');
    }
  }

  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    checkAccess(request, token);
    await readDomain();
    const text = (await processMetrics().metrics()) + (await registry.metrics());
    return reply.type(registry.contentType).header('cache-control', 'no-store').send(text);
  });
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * A scrape from this machine is let in; one that came through a proxy is not local, whatever the socket says
 * (a reverse proxy on the same host would otherwise open /metrics to the internet). From elsewhere, the bearer
 * token when one is configured (403 without it); with no token configured the endpoint does not exist (404).
 */
function checkAccess(request: FastifyRequest, token: string | undefined): void {
  const h = request.headers;
  const proxied = h['x-forwarded-for'] !== undefined || h.forwarded !== undefined || h['x-real-ip'] !== undefined;
  if (!proxied && LOOPBACK.has(request.socket.remoteAddress ?? '')) return;
  if (!token) throw new AppError('ROUTE_NOT_FOUND');
  const sent = /^Bearer (\S+)$/i.exec(h.authorization ?? '')?.[1] ?? '';
  if (!timingSafeEqual(digest(sent), digest(token))) throw new AppError('METRICS_FORBIDDEN');
}

const digest = (s: string) => createHash('sha256').update(s).digest();
