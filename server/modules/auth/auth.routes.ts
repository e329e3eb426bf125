import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { actorOf } from '../../http/context.js';
import { AppError } from '../../http/errors.js';
import { errors } from '../../http/schemas.js';
import { SESSION_COOKIE } from '../../http/auth-hooks.js';
import { PostSchema, SiteKind } from '../org/org.schemas.js';
import { changePassword, login, logout } from './auth.service.js';
import { POST_PERMISSIONS, POSTS } from './permissions.js';
import type { Actor } from './actor.js';

const Me = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  siteId: Type.String(),
  siteName: Type.String(),
  siteKind: SiteKind,
  regionCode: Type.String(),
  posts: Type.Array(PostSchema),
  permissions: Type.Array(Type.String()),
  mustChangePassword: Type.Boolean(),
  csrfToken: Type.String({ description: 'send back as the X-CSRF-Token header on every write' }),
});

const me = (actor: Actor, csrfToken: string, mustChangePassword: boolean) => ({
  id: actor.id,
  username: actor.username,
  displayName: actor.displayName,
  siteId: actor.siteId,
  siteName: actor.siteName,
  siteKind: actor.siteKind,
  regionCode: actor.regionCode,
  posts: actor.posts,
  permissions: actor.permissions,
  mustChangePassword,
  csrfToken,
});

function sameOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (!origin) return true;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export async function authRoutes(fastify: FastifyInstance, opts: { db: Kysely<DB>; ttlHours: number; cookieSecure: boolean }) {
  const { db, ttlHours, cookieSecure } = opts;
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  // Secure when the operator says the site is HTTPS only, and otherwise whenever the sign-in came over TLS (directly,
  // or by a trusted proxy's X-Forwarded-Proto: a deployment behind an HTTPS proxy needs no other setting)
  const cookie = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: cookieSecure ? true : ('auto' as const) };

  app.post(
    '/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: '登录',
        body: Type.Object(
          { username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 128 }) },
          { additionalProperties: false },
        ),
        response: { 200: Me, ...errors(400, 401, 403, 423, 429) },
      },
    },
    async (req, reply) => {
      // a login form posted from another site would sign the victim into the attacker's account
      if (!sameOrigin(req.headers.origin, req.headers.host)) throw new AppError('CSRF_TOKEN_INVALID');
      const result = await login(
        db,
        req.body.username.trim(),
        req.body.password,
        { ip: req.ip, userAgent: req.headers['user-agent'] ?? '', requestId: String(req.id) },
        ttlHours,
        req.sessionToken ?? undefined,
      );
      reply.setCookie(SESSION_COOKIE, result.token, { ...cookie, maxAge: ttlHours * 3600 });
      return me(result.actor, result.csrfToken, result.mustChangePassword);
    },
  );

  app.post(
    '/auth/logout',
    { schema: { tags: ['auth'], summary: '退出登录', response: { 204: Type.Null(), ...errors(403) } } },
    async (req, reply) => {
      if (req.sessionToken) await logout(db, req.sessionToken, req.actor);
      reply.clearCookie(SESSION_COOKIE, cookie);
      return reply.status(204).send(null);
    },
  );

  app.get('/me', { schema: { tags: ['auth'], summary: '当前用户', response: { 200: Me, ...errors(401) } } }, async (req) => {
    const actor = actorOf(req);
    const row = await db.selectFrom('staff').select('must_change_password').where('id', '=', actor.id).executeTakeFirstOrThrow();
    return me(actor, req.csrfToken ?? '', row.must_change_password);
  });

  app.post(
    '/me/password',
    {
      schema: {
        tags: ['auth'],
        summary: '修改本人密码',
        body: Type.Object(
          { currentPassword: Type.String({ minLength: 1, maxLength: 128 }), newPassword: Type.String({ minLength: 1, maxLength: 128 }) },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null(), ...errors(400, 401, 403, 422) },
      },
    },
    async (req, reply) => {
      await changePassword(db, actorOf(req), req.sessionToken ?? '', req.body.currentPassword, req.body.newPassword);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/posts',
    {
      schema: {
        tags: ['auth'],
        summary: '岗位与权限（公开）',
        response: { 200: Type.Array(Type.Object({ post: PostSchema, permissions: Type.Array(Type.String()) })) },
      },
    },
    async () => POSTS.map((post) => ({ post, permissions: [...POST_PERMISSIONS[post]] })),
  );
}
