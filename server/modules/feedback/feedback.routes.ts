import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { actorOf } from '../../http/context.js';
import { errors, Text } from '../../http/schemas.js';
import { IdParams } from '../org/org.schemas.js';
import { completeRectification, evaluationStats, listFollowUps, listRectifications, recordFollowUp } from './feedback.service.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
/** The lists' queries (their exports take the same). */
export const RectificationQuery = Type.Object({ status: Type.Optional(Type.Enum(['open', 'done'])) });
export const FollowUpQuery = Type.Object({ status: Type.Optional(Type.Enum(['planned', 'done'])) });
export const StatsQuery = Type.Object({
  by: Type.Enum(['staff', 'site']),
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
});

export async function feedbackRoutes(fastify: FastifyInstance, { db }: { db: Kysely<DB> }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/rectifications',
    {
      schema: {
        tags: ['feedback'],
        summary: '差评整改任务',
        querystring: RectificationQuery,
        response: {
          200: Type.Array(
            Type.Object({
              id: Type.String(),
              requestId: Type.String(),
              trackingNo: Type.String(),
              serviceItemName: Type.String(),
              grade: Type.Integer(),
              comment: Type.String(),
              siteName: Type.String(),
              staffName: Nullable(Type.String()),
              dueAt: Type.String(),
              status: Type.String(),
              measures: Nullable(Type.String()),
              doneAt: Nullable(Type.String()),
            }),
          ),
          ...errors(400, 401, 403),
        },
      },
    },
    (req) => listRectifications(db, actorOf(req), req.query.status),
  );
  app.post(
    '/rectifications/:id/complete',
    {
      schema: {
        tags: ['feedback'],
        summary: '整改完成',
        params: IdParams,
        body: Type.Object({ measures: Text(2000, 2) }, { additionalProperties: false }),
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      await completeRectification(db, actorOf(req), req.params.id, req.body.measures);
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/follow-up-calls',
    {
      schema: {
        tags: ['feedback'],
        summary: '回访任务',
        querystring: FollowUpQuery,
        response: {
          200: Type.Array(
            Type.Object({
              id: Type.String(),
              requestId: Type.String(),
              trackingNo: Type.String(),
              serviceItemName: Type.String(),
              requesterName: Type.String(),
              requesterPhone: Type.String(),
              status: Type.String(),
              outcome: Nullable(Type.String()),
              satisfied: Nullable(Type.Boolean()),
              note: Type.String(),
              calledAt: Nullable(Type.String()),
            }),
          ),
          ...errors(400, 401, 403),
        },
      },
    },
    (req) => listFollowUps(db, actorOf(req), req.query.status),
  );
  app.post(
    '/follow-up-calls/:id',
    {
      schema: {
        tags: ['feedback'],
        summary: '记录回访结果',
        params: IdParams,
        body: Type.Object(
          {
            outcome: Type.Enum(['reached', 'unreachable', 'declined']),
            satisfied: Type.Optional(Type.Boolean()),
            note: Type.Optional(Text(1000)),
          },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await recordFollowUp(db, actorOf(req), req.params.id, req.body);
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/evaluations/stats',
    {
      schema: {
        tags: ['feedback'],
        summary: '好差评统计（按人员或站点）',
        querystring: StatsQuery,
        response: {
          200: Type.Array(
            Type.Object({
              key: Type.String(),
              name: Type.String(),
              count: Type.Integer(),
              average: Type.Number(),
              satisfiedRate: Type.Number(),
              bad: Type.Integer(),
            }),
          ),
          ...errors(400, 401, 403),
        },
      },
    },
    (req) => evaluationStats(db, actorOf(req), req.query.by, req.query.from, req.query.to),
  );
}
