import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../http/context.js';
import { errors, Text, Uuid } from '../../http/schemas.js';
import { IdParams } from '../org/org.schemas.js';
import type { RequestDeps } from './requests.service.js';
import { closeOrder, listOrders, replyToOrder, superviseRequest } from './supervision.service.js';

const Order = Type.Object({
  id: Uuid,
  requestId: Uuid,
  trackingNo: Type.String(),
  serviceItemName: Type.String(),
  issuedBy: Type.String(),
  instruction: Type.String(),
  dueAt: Type.String(),
  status: Type.Enum(['open', 'replied', 'closed']),
  reply: Type.Union([Type.String(), Type.Null()]),
  repliedAt: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  allowedActions: Type.Array(Type.Enum(['reply', 'close'])),
});

export async function supervisionRoutes(fastify: FastifyInstance, deps: RequestDeps) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/requests/:id/supervision',
    {
      schema: {
        tags: ['supervision'],
        summary: '督办（限期办理）',
        params: IdParams,
        body: Type.Object(
          { instruction: Text(1000, 2), days: Type.Integer({ minimum: 1, maximum: 60, description: 'working days to act' }) },
          { additionalProperties: false },
        ),
        response: { 201: Order, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => reply.status(201).send(await superviseRequest(deps, actorOf(req), req.params.id, req.body)),
  );
  app.get(
    '/supervision',
    {
      schema: {
        tags: ['supervision'],
        summary: '督办单列表',
        querystring: Type.Object({ status: Type.Optional(Type.Enum(['open', 'replied', 'closed'])), requestId: Type.Optional(Uuid) }),
        response: { 200: Type.Array(Order), ...errors(400, 401, 403) },
      },
    },
    (req) => listOrders(deps.db, actorOf(req), req.query),
  );
  app.post(
    '/supervision/:id/reply',
    {
      schema: {
        tags: ['supervision'],
        summary: '回复督办',
        params: IdParams,
        body: Type.Object({ reply: Text(2000, 2) }, { additionalProperties: false }),
        response: { 200: Order, ...errors(400, 401, 403, 404, 409) },
      },
    },
    (req) => replyToOrder(deps.db, actorOf(req), req.params.id, req.body.reply),
  );
  app.post(
    '/supervision/:id/close',
    {
      schema: {
        tags: ['supervision'],
        summary: '办结督办',
        params: IdParams,
        response: { 200: Order, ...errors(400, 401, 403, 404, 409) },
      },
    },
    (req) => closeOrder(deps.db, actorOf(req), req.params.id),
  );
}
