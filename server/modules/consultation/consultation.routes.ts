import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../http/context.js';
import { errors, Text } from '../../http/schemas.js';
import { IdParams } from '../org/org.schemas.js';
import { PhoneQuery, TrackingParams } from '../requests/requests.schemas.js';
import type { RequestDeps } from '../requests/requests.service.js';
import { citizenThread, citizenWrites, staffThread, staffWrites } from './messages.service.js';

const Message = Type.Object({
  id: Type.Integer(),
  author: Type.Enum(['citizen', 'staff']),
  authorName: Type.Union([Type.String(), Type.Null()]),
  body: Type.String(),
  createdAt: Type.String(),
});
const Thread = Type.Object({ messages: Type.Array(Message), canWrite: Type.Boolean() });
const CitizenThread = Type.Object({ messages: Type.Array(Message), canWrite: Type.Boolean(), followUpDays: Type.Integer() });

export async function consultationRoutes(fastify: FastifyInstance, deps: RequestDeps) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['consultation'];

  app.get(
    '/public/requests/:trackingNo/messages',
    {
      schema: {
        tags: ['public', ...tags],
        summary: '在线咨询的追问与答复（凭受理编号和手机号）',
        params: TrackingParams,
        querystring: PhoneQuery,
        response: { 200: CitizenThread, ...errors(400, 404, 409, 429) },
      },
    },
    (req) => citizenThread(deps, req.params.trackingNo, req.query.phone, req.ip),
  );
  app.post(
    '/public/requests/:trackingNo/messages',
    {
      schema: {
        tags: ['public', ...tags],
        summary: '群众追问（答复后 7 日内）',
        params: TrackingParams,
        body: Type.Object({ phone: Type.String({ minLength: 5, maxLength: 20 }), body: Text(2000, 2) }, { additionalProperties: false }),
        response: { 201: CitizenThread, ...errors(400, 404, 409, 429) },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await citizenWrites(deps, req.params.trackingNo, req.body.phone, req.body.body.trim(), req.ip)),
  );
  app.get(
    '/requests/:id/messages',
    {
      schema: {
        tags,
        summary: '在线咨询的往来（工作台）',
        params: IdParams,
        response: { 200: Thread, ...errors(400, 401, 403, 404, 409) },
      },
    },
    (req) => staffThread(deps, actorOf(req), req.params.id),
  );
  app.post(
    '/requests/:id/messages',
    {
      schema: {
        tags,
        summary: '律师继续答复（短信提醒群众查看）',
        params: IdParams,
        body: Type.Object({ body: Text(5000, 2) }, { additionalProperties: false }),
        response: { 201: Thread, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => reply.status(201).send(await staffWrites(deps, actorOf(req), req.params.id, req.body.body.trim())),
  );
}
