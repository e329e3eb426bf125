import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { actorOf } from '../../http/context.js';
import { errors, Page, Paging, Text } from '../../http/schemas.js';
import { listAudit } from './audit.service.js';

const Entry = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  actorId: Type.Union([Type.String(), Type.Null()]),
  actorUsername: Type.String(),
  action: Type.String(),
  entityType: Type.String(),
  entityId: Type.String(),
  regionCode: Type.Union([Type.String(), Type.Null()]),
  before: Type.Unknown(),
  after: Type.Unknown(),
  ip: Type.String(),
  requestId: Type.String(),
});

/** The audit log's query (its export takes the same, without the paging). */
export const AuditQuerystring = Type.Object({
  actor: Type.Optional(Text(64)),
  action: Type.Optional(Text(64)),
  entityType: Type.Optional(Text(40)),
  entityId: Type.Optional(Text(64)),
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
  ...Paging,
});

export async function auditRoutes(fastify: FastifyInstance, { db }: { db: Kysely<DB> }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary: '审计日志查询（管理员、督办）',
        querystring: AuditQuerystring,
        response: { 200: Page(Entry), ...errors(400, 401, 403) },
      },
    },
    (req) => {
      const { limit = 50, offset = 0, ...filter } = req.query;
      return listAudit(db, actorOf(req), { ...filter, limit, offset });
    },
  );
}
