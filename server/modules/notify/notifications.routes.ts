import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { actorOf } from '../../http/context.js';
import { errors } from '../../http/schemas.js';
import { listNotifications, markRead } from './notifications.service.js';

export async function notificationRoutes(fastify: FastifyInstance, { db }: { db: Kysely<DB> }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: '我的消息（临期、超期、督办）',
        querystring: Type.Object({
          unread: Type.Optional(Type.Boolean()),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 30 })),
        }),
        response: {
          200: Type.Object({
            unread: Type.Integer(),
            items: Type.Array(
              Type.Object({
                id: Type.Integer(),
                kind: Type.String(),
                requestId: Type.Union([Type.String(), Type.Null()]),
                title: Type.String(),
                body: Type.String(),
                createdAt: Type.String(),
                readAt: Type.Union([Type.String(), Type.Null()]),
              }),
            ),
          }),
          ...errors(400, 401),
        },
      },
    },
    (req) => listNotifications(db, actorOf(req), req.query.unread ?? false, req.query.limit ?? 30),
  );
  app.post(
    '/notifications/:id/read',
    {
      schema: {
        tags: ['notifications'],
        summary: '标记已读（id 为 all 时全部已读）',
        params: Type.Object({ id: Type.Union([Type.Literal('all'), Type.String({ pattern: '^[0-9]{1,15}$' })]) }),
        response: { 204: Type.Null(), ...errors(400, 401, 404) },
      },
    },
    async (req, reply) => {
      await markRead(db, actorOf(req), req.params.id === 'all' ? 'all' : Number(req.params.id));
      return reply.status(204).send(null);
    },
  );
}
