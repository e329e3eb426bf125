import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';

/**
 * The id of the request being served, for code that has no request in hand: an audit row written by a
 * service (which never sees the request) records it, so the row leads to the request's log lines.
 */
const context = new AsyncLocalStorage<{ requestId: string }>();

export function currentRequestId(): string | undefined {
  return context.getStore()?.requestId;
}

/** A uuid, or a short token such as nginx's `$request_id` (32 hex digits). Anything else is replaced. */
const WELL_FORMED = /^[A-Za-z0-9][A-Za-z0-9._:-]{7,63}$/;

/**
 * Fastify's `genReqId`: the caller's `X-Request-Id` when it came through a trusted proxy and is well formed
 * (so one id follows a request from the proxy's log to ours), otherwise a fresh uuid. Without a trusted proxy
 * any client could choose the id and plant it in the log and the audit trail.
 */
export function requestIdGenerator(trustProxy: boolean) {
  return (raw: IncomingMessage): string => {
    const sent = raw.headers['x-request-id'];
    if (trustProxy && typeof sent === 'string' && WELL_FORMED.test(sent)) return sent;
    return randomUUID();
  };
}

/**
 * Every answer carries `X-Request-Id`, and the request's hooks and handler run with the id in context.
 * Register first, before any other hook: later `onRequest` hooks run inside the context. Parsing the body
 * leaves it (the socket's events come from elsewhere), so `preValidation` enters it again.
 */
export function registerRequestIds(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    context.run({ requestId: String(request.id) }, done);
  });
  app.addHook('preValidation', (request, _reply, done) => {
    context.run({ requestId: String(request.id) }, done);
  });
}
