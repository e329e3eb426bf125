import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { actorForSession } from '../modules/auth/auth.service.js';
import { AppError } from './errors.js';

export const SESSION_COOKIE = 'lh_session';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Writes that may come without the CSRF header: signing in has no session to protect yet. */
const CSRF_EXEMPT = new Set(['/api/v1/auth/login']);

/**
 * Resolves the session cookie into `request.actor` on every API call, and guards cookie-authenticated
 * writes against cross-site requests: the `X-CSRF-Token` header must match the session's token. A page on
 * another site can make the browser send the cookie, but cannot read the token to send it back.
 */
export function registerAuthHooks(app: FastifyInstance, db: Kysely<DB>, ttlHours: number): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('sessionToken', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const token = request.cookies[SESSION_COOKIE];
    if (!token || token.length > 200) return;
    request.sessionToken = token;
    const session = await actorForSession(db, token, { ip: request.ip, requestId: String(request.id) }, ttlHours);
    if (!session) return;
    request.actor = session.actor;
    request.csrfToken = session.csrfToken;
    const path = request.url.split('?')[0] ?? '';
    if (UNSAFE.has(request.method) && !CSRF_EXEMPT.has(path)) {
      const sent = request.headers['x-csrf-token'];
      if (sent !== session.csrfToken) throw new AppError('CSRF_TOKEN_INVALID');
    }
  });
}
