import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { actorOf } from '../../http/context.js';
import { errors } from '../../http/schemas.js';
import { TODO_QUEUES, todoFor } from './todo.service.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const DueState = Type.Enum(['dueSoon', 'overdue']);

export const Todo = Type.Object({
  queues: Type.Array(Type.Object({ key: Type.Enum(TODO_QUEUES), count: Type.Integer() }), {
    description: 'the queues that fit the person’s posts, each the filter of a list',
  }),
  due: Type.Object({
    dueSoon: Type.Integer(),
    overdue: Type.Integer(),
    items: Type.Array(
      Type.Object({
        kind: Type.Enum(['request', 'aidCase', 'objection']),
        id: Type.String({ description: 'the request, or the legal aid case (an objection opens its case)' }),
        trackingNo: Type.String(),
        caseNo: Nullable(Type.String()),
        title: Type.String({ description: 'the service item’s name; a legal aid matter code; an objection’s against code' }),
        dueAt: Type.String(),
        dueState: DueState,
      }),
    ),
  }),
  supervision: Type.Object({
    toReply: Type.Integer(),
    issuedOpen: Type.Integer(),
    items: Type.Array(
      Type.Object({
        id: Type.String(),
        requestId: Type.String(),
        trackingNo: Type.String(),
        serviceItemName: Type.String(),
        instruction: Type.String(),
        dueAt: Type.String(),
        status: Type.Enum(['open', 'replied']),
        role: Type.Enum(['addressed', 'issued']),
      }),
    ),
  }),
  notifications: Type.Object({ unread: Type.Integer() }),
  hotline: Nullable(Type.Object({ today: Type.Array(Type.Enum(['am', 'pm'])) })),
  site: Nullable(
    Type.Object({
      month: Type.String(),
      regionCode: Type.String(),
      received: Type.Integer(),
      concluded: Type.Integer(),
      concludedWithLimit: Type.Integer(),
      onTime: Type.Integer(),
      onTimeRate: Nullable(Type.Number()),
      overdueNow: Type.Integer(),
      ratings: Type.Integer(),
      averageRating: Nullable(Type.Number()),
    }),
  ),
});

export async function homeRoutes(fastify: FastifyInstance, { db }: { db: Kysely<DB> }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/me/todo',
    {
      schema: {
        tags: ['home'],
        summary: '我的待办：各队列数量、临期与超期、督办、未读消息、今日值班，站点负责人另有本月数据',
        querystring: Type.Object({
          month: Type.Optional(
            Type.String({ pattern: '^20[0-9]{2}-(0[1-9]|1[0-2])$', description: 'the month of the site’s figures (default this month)' }),
          ),
        }),
        response: { 200: Todo, ...errors(400, 401) },
      },
    },
    (req) => todoFor(db, actorOf(req), req.query.month),
  );
}
