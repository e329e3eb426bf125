import { existsSync } from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import { securityHeaderSets } from './http/security-headers.js';
import { knowledgeAdminRoutes } from './modules/knowledge/knowledge-admin.routes.js';
import { consultationRoutes } from './modules/consultation/consultation.routes.js';
import { hotlineRoutes } from './modules/hotline/hotline.routes.js';
import { knowledgeRoutes } from './modules/knowledge/knowledge.routes.js';
import { legalAidRoutes } from './modules/legalaid/legalaid.routes.js';
import { privacyRoutes } from './modules/privacy/privacy.routes.js';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import { sql } from 'kysely';
import type { Config } from './config.js';
import type { DB } from './db/schema.js';
import { registerAuthHooks } from './http/auth-hooks.js';
import { registerErrorHandling } from './http/error-handler.js';
import { AppError } from './http/errors.js';
import { ErrorSchema } from './http/schemas.js';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { calendarRoutes } from './modules/timelimits/calendar.routes.js';
import { requestRoutes } from './modules/requests/requests.routes.js';
import { supervisionRoutes } from './modules/requests/supervision.routes.js';
import { attachmentRoutes } from './modules/requests/attachments.routes.js';
import { recomputeDueDates } from './modules/requests/recompute.js';
import { invalidateReference } from './modules/requests/reference.js';
import { notificationRoutes } from './modules/notify/notifications.routes.js';
import { feedbackRoutes } from './modules/feedback/feedback.routes.js';
import { homeRoutes } from './modules/home/home.routes.js';
import { exportRoutes } from './modules/exports/exports.routes.js';
import type { PersonalDataCipher } from './security/personal-data.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { orgRoutes } from './modules/org/org.routes.js';
import { staffImportRoutes } from './modules/org/staff-import.routes.js';
import './http/context.js';
import { registerMetrics } from './ops/metrics.js';
import { registerRequestIds, requestIdGenerator } from './ops/request-id.js';

export interface AppDeps {
  config: Config;
  db: Kysely<DB>;
  cipher: PersonalDataCipher;
  engine: 'pglite' | 'postgres';
  logger?: FastifyServerOptions['logger'];
}

/** Half of a UTF-16 surrogate pair on its own: not a character, and UTF-8 (the database's encoding) cannot hold it. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Whether any string holds U+0000 or a lone surrogate (PostgreSQL cannot store either) or any number is not finite ("1e309"). */
function hasUnstorable(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000') || LONE_SURROGATE.test(value);
  if (typeof value === 'number') return !Number.isFinite(value);
  if (depth > 20 || value === null || typeof value !== 'object') return false;
  for (const v of Object.values(value)) if (hasUnstorable(v, depth + 1)) return true;
  return false;
}

export async function buildApp({ config, db, cipher, engine, logger }: AppDeps) {
  const app = Fastify({
    logger: logger ?? { level: config.logLevel },
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    // X-Request-Id from a trusted proxy when well formed, else a fresh uuid (ops/request-id.ts)
    genReqId: requestIdGenerator(config.trustProxy),
    requestIdHeader: false,
    routerOptions: { maxParamLength: 200 },
    ajv: { customOptions: { removeAdditional: 'all', coerceTypes: 'array', useDefaults: true, allErrors: false } },
    // a malformed URL ("%zz") or an over-long path parameter is the caller's mistake, in our error shape
    frameworkErrors: (error, request, reply) => {
      // answered before any hook runs: name the request here too
      void reply.header('x-request-id', request.id);
      const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH' || error.statusCode === 414;
      const body = new AppError(tooLong ? 'URI_TOO_LONG' : 'VALIDATION_FAILED', [{ field: 'url', problem: error.message }]).toBody();
      void (reply as FastifyReply).code(tooLong ? 414 : 400).send(body);
    },
  });
  // first: every later hook, the handler and the log lines run with the request's id
  registerRequestIds(app);
  registerMetrics(app, { db: db as Kysely<unknown>, token: config.metricsToken });
  registerErrorHandling(app);
  app.addSchema(ErrorSchema);

  // computed once at start-up: the same headers on every answer, without rebuilding the CSP per request; HSTS only
  // over TLS (a trusted proxy's X-Forwarded-Proto, or LEGALHUB_COOKIE_SECURE without one)
  const headersFor = securityHeaderSets(config);
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(headersFor(request));
    done();
  });
  // the portal's site list is 180 KB of JSON and its scripts ~300 KB: a cheap phone on a village signal wants them small
  await app.register(compress, { threshold: 2048, encodings: ['br', 'gzip'] });
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: 10 * 1024 * 1024, files: 1, fields: 10, parts: 12 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'LegalHub 公共法律服务平台 API',
        version: '1',
        description:
          'Errors answer `{ code, message (中文), messageEn, details? }`. Writes with a session cookie need the `X-CSRF-Token` header (from `GET /api/v1/me`).',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'lh_session' } } },
    },
    refResolver: { buildLocalReference: (json, _base, _frag, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
    // an upload route has no body schema (the multipart parser reads the file, not the validator): the document
    // still says that it takes one file, as multipart/form-data
    transform: ({ schema, url }) => {
      const consumes = (schema as { consumes?: string[] } | undefined)?.consumes;
      if (!schema || schema.body || !consumes?.includes('multipart/form-data')) return { schema, url };
      return { schema: { ...schema, body: Type.Object({ file: Type.String({ format: 'binary' }) }) }, url };
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });

  registerAuthHooks(app, db, config.sessionTtlHours);
  // refuse as the caller's mistake what the database would fail on later: U+0000 in a text, or a number that is
  // not finite (checked after validation, since coercion turns the text "Infinity" into a number that skips
  // minimum and maximum; validation leaves a text's U+0000 as it was)
  app.addHook('preHandler', (request: FastifyRequest, _reply, done) => {
    if (hasUnstorable(request.body) || hasUnstorable(request.query) || hasUnstorable(request.params)) {
      done(
        new AppError('VALIDATION_FAILED', [
          { field: 'request', problem: 'contains U+0000, a lone surrogate or a number that is not finite' },
        ]),
      );
      return;
    }
    done();
  });

  app.get('/healthz', { schema: { hide: true } }, async (_req, reply) => {
    try {
      await sql`select 1`.execute(db);
      return { status: 'ok', engine };
    } catch {
      return reply.status(503).send(new AppError('SERVICE_UNAVAILABLE').toBody());
    }
  });

  await app.register(
    async (api) => {
      api.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
      await api.register(authRoutes, { db, ttlHours: config.sessionTtlHours, cookieSecure: config.cookieSecure });
      await api.register(orgRoutes, { db });
      await api.register(staffImportRoutes, { db });
      await api.register(auditRoutes, { db });
      const onDayChanged = (day: string) => {
        invalidateReference(db);
        return recomputeDueDates(db, day);
      };
      await api.register(calendarRoutes, { db, onDayChanged });
      const requestDeps = { db, cipher, webhook: Boolean(config.webhookUrl), publicUrl: config.publicUrl };
      await api.register(requestRoutes, requestDeps);
      await api.register(supervisionRoutes, requestDeps);
      await api.register(attachmentRoutes, requestDeps);
      await api.register(legalAidRoutes, requestDeps);
      await api.register(knowledgeRoutes, { db });
      await api.register(knowledgeAdminRoutes, requestDeps);
      await api.register(consultationRoutes, requestDeps);
      await api.register(hotlineRoutes, { ...requestDeps, hotlineSecret: config.hotlineSecret });
      await api.register(notificationRoutes, { db });
      await api.register(feedbackRoutes, { db });
      await api.register(homeRoutes, { db });
      await api.register(exportRoutes, requestDeps);
      await api.register(privacyRoutes, { db, cipher });
    },
    { prefix: '/api/v1' },
  );

  const web = await registerWeb(app, config.webDist);
  app.setNotFoundHandler((request, reply) => {
    if (web && request.method === 'GET' && !request.url.startsWith('/api/') && request.headers.accept?.includes('text/html')) {
      // a portal page opened by its address (history routing): the portal's shell renders it
      reply.header('cache-control', 'no-cache');
      return reply.sendFile('index.html');
    }
    return reply.status(404).send(new AppError('ROUTE_NOT_FOUND').toBody());
  });
  return app;
}

/** Web pages are not API: keep them out of the OpenAPI document. */
const hidden = { schema: { hide: true } };

/** Serves the built web app: the portal at /, the workbench at /workbench/, each with its own history fallback. */
async function registerWeb(app: FastifyInstance, dist: string): Promise<boolean> {
  if (!existsSync(path.join(dist, 'index.html'))) {
    app.log.warn({ dist }, 'web app not built: run `npm run build:web` (npm start does it)');
    return false;
  }
  await app.register(fastifyStatic, { root: dist, serve: false, cacheControl: false });
  const assetCache = 'public, max-age=31536000, immutable';
  app.get('/assets/*', hidden, (req, reply) => {
    reply.header('cache-control', assetCache);
    return reply.sendFile((req.params as { '*': string })['*'], path.join(dist, 'assets'));
  });
  for (const entry of ['kiosk', 'dashboard', 'workbench'] as const) {
    if (!existsSync(path.join(dist, entry, 'index.html'))) continue;
    const send = (_req: FastifyRequest, reply: FastifyReply) => {
      reply.header('cache-control', 'no-cache');
      return reply.sendFile(`${entry}/index.html`);
    };
    app.get(`/${entry}`, hidden, send);
    app.get(`/${entry}/*`, hidden, send);
  }
  const portal = (_req: FastifyRequest, reply: FastifyReply) => {
    reply.header('cache-control', 'no-cache');
    return reply.sendFile('index.html');
  };
  app.get('/', hidden, portal);
  for (const file of ['favicon.svg', 'robots.txt']) {
    if (existsSync(path.join(dist, file))) app.get(`/${file}`, hidden, (_req, reply) => reply.sendFile(file));
  }
  return true;
}
