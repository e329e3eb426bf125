import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../http/context.js';
import { AppError } from '../../http/errors.js';
import { errors, Text } from '../../http/schemas.js';
import { REGION_CODE_PATTERN } from '../org/region-codes.js';
import type { RequestDeps } from '../requests/requests.service.js';
import {
  callToRequest,
  getCall,
  listCalls,
  logCall,
  monthFigures,
  recordEvent,
  updateCall,
  verifySignature,
  type CallEvent,
} from './calls.service.js';
import { addToRoster, answerSwap, cancelSwap, hotlineStaff, listRoster, removeFromRoster, requestSwap } from './roster.service.js';

const Day = Type.String({ format: 'date' });
const IntId = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });
const Outcome = Type.Enum(['answered', 'transferred', 'request', 'missed', 'abandoned']);
const Phone = Type.String({ pattern: '^[0-9+\\- ]{5,20}$' });
/** The call log's query (its export takes the same, without the paging). */
export const CallQuery = Type.Object({
  from: Day,
  to: Day,
  staffId: Type.Optional(Type.String({ format: 'uuid' })),
  outcome: Type.Optional(Type.Enum(['answered', 'transferred', 'request', 'missed', 'abandoned', 'open'])),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
});
const Call = Type.Object({
  id: Type.Integer(),
  startedAt: Type.String(),
  endedAt: Type.Union([Type.String(), Type.Null()]),
  durationSeconds: Type.Union([Type.Integer(), Type.Null()]),
  callerPhone: Type.String(),
  staff: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
  category: Type.Union([Type.String(), Type.Null()]),
  summary: Type.String(),
  answer: Type.String(),
  outcome: Type.Union([Outcome, Type.Null()]),
  transferredTo: Type.Union([Type.String(), Type.Null()]),
  requestId: Type.Union([Type.String(), Type.Null()]),
  trackingNo: Type.Union([Type.String(), Type.Null()]),
  satisfaction: Type.Union([Type.Integer(), Type.Null()]),
  version: Type.Integer(),
  repeatCaller: Type.Boolean(),
});
const CallFields = {
  durationSeconds: Type.Optional(Type.Integer({ minimum: 0, maximum: 6 * 3600 })),
  callerPhone: Type.Optional(Phone),
  category: Type.Optional(Type.Union([Text(40), Type.Null()])),
  summary: Type.Optional(Text(2000)),
  answer: Type.Optional(Text(5000)),
  outcome: Type.Optional(Outcome),
  transferredTo: Type.Optional(Type.Union([Text(60), Type.Null()])),
  satisfaction: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 5 }), Type.Null()])),
};
const RosterEntry = Type.Object({
  id: Type.Integer(),
  day: Type.String(),
  shift: Type.Enum(['am', 'pm']),
  staff: Type.Object({ id: Type.String(), name: Type.String(), phone: Type.String() }),
  swap: Type.Union([
    Type.Object({ id: Type.Integer(), toStaffId: Type.String(), toName: Type.String(), reason: Type.String(), requestedBy: Type.String() }),
    Type.Null(),
  ]),
});

export async function hotlineRoutes(fastify: FastifyInstance, deps: RequestDeps & { hotlineSecret?: string | undefined }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = deps;
  const tags = ['hotline'];

  // --- roster ---------------------------------------------------------------------------------------------
  app.get(
    '/hotline/roster',
    {
      schema: {
        tags,
        summary: '12348 值班表',
        querystring: Type.Object({ from: Day, to: Day }),
        response: { 200: Type.Array(RosterEntry), ...errors(400, 401, 403) },
      },
    },
    (req) => listRoster(db, actorOf(req), req.query.from, req.query.to),
  );
  app.get(
    '/hotline/staff',
    {
      schema: {
        tags,
        summary: '可排班的值班律师与咨询岗人员',
        response: { 200: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), phone: Type.String() })), ...errors(401, 403) },
      },
    },
    (req) => hotlineStaff(db, actorOf(req)),
  );
  app.post(
    '/hotline/roster',
    {
      schema: {
        tags,
        summary: '排班',
        body: Type.Object(
          { day: Day, shift: Type.Enum(['am', 'pm']), staffId: Type.String({ format: 'uuid' }) },
          { additionalProperties: false },
        ),
        response: { 201: RosterEntry, ...errors(400, 401, 403, 409, 422) },
      },
    },
    async (req, reply) => reply.status(201).send(await addToRoster(db, actorOf(req), req.body)),
  );
  app.delete(
    '/hotline/roster/:id',
    { schema: { tags, summary: '取消排班', params: IntId, response: { 204: Type.Null(), ...errors(400, 401, 403, 404) } } },
    async (req, reply) => {
      await removeFromRoster(db, actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/hotline/roster/:id/swaps',
    {
      schema: {
        tags,
        summary: '申请换班（对方同意后生效）',
        params: IntId,
        body: Type.Object({ toStaffId: Type.String({ format: 'uuid' }), reason: Text(200) }, { additionalProperties: false }),
        response: { 201: Type.Object({ id: Type.Integer() }), ...errors(400, 401, 403, 404, 422) },
      },
    },
    async (req, reply) => reply.status(201).send({ id: await requestSwap(db, actorOf(req), req.params.id, req.body) }),
  );
  for (const [path, accept] of [
    ['accept', true],
    ['decline', false],
  ] as const) {
    app.post(
      `/hotline/swaps/:id/${path}`,
      {
        schema: {
          tags,
          summary: accept ? '同意换班' : '婉拒换班',
          params: IntId,
          response: { 204: Type.Null(), ...errors(400, 401, 403, 404, 409, 422) },
        },
      },
      async (req, reply) => {
        await answerSwap(db, actorOf(req), req.params.id, accept);
        return reply.status(204).send(null);
      },
    );
  }

  app.post(
    '/hotline/swaps/:id/cancel',
    {
      schema: {
        tags,
        summary: '撤回换班申请（对方答复前）',
        params: IntId,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404, 422) },
      },
    },
    async (req, reply) => {
      await cancelSwap(db, actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  // --- calls ----------------------------------------------------------------------------------------------
  app.get(
    '/hotline/calls',
    {
      schema: {
        tags,
        summary: '通话记录（律师看本人的，管理岗看全部）',
        querystring: CallQuery,
        response: {
          200: Type.Object({ items: Type.Array(Call), hasMore: Type.Boolean(), page: Type.Integer(), pageSize: Type.Integer() }),
          ...errors(400, 401, 403),
        },
      },
    },
    (req) => listCalls(db, actorOf(req), { ...req.query, page: req.query.page ?? 1, pageSize: req.query.pageSize ?? 50 }),
  );
  app.get(
    '/hotline/calls/:id',
    { schema: { tags, summary: '一次通话', params: IntId, response: { 200: Call, ...errors(400, 401, 403, 404) } } },
    (req) => getCall(db, actorOf(req), req.params.id),
  );
  app.post(
    '/hotline/calls',
    {
      schema: {
        tags,
        summary: '登记通话',
        body: Type.Object({ startedAt: Type.String({ format: 'date-time' }), ...CallFields }, { additionalProperties: false }),
        response: { 201: Call, ...errors(400, 401, 403) },
      },
    },
    async (req, reply) => reply.status(201).send(await logCall(deps, actorOf(req), req.body)),
  );
  app.patch(
    '/hotline/calls/:id',
    {
      schema: {
        tags,
        summary: '补全通话记录（问题、解答、结果）',
        params: IntId,
        body: Type.Object({ version: Type.Integer({ minimum: 1 }), ...CallFields }, { additionalProperties: false }),
        response: { 200: Call, ...errors(400, 401, 403, 404, 409) },
      },
    },
    (req) => updateCall(deps, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/hotline/calls/:id/request',
    {
      schema: {
        tags,
        summary: '来电转为服务申请（热线渠道受理）',
        params: IntId,
        body: Type.Object(
          {
            version: Type.Integer({ minimum: 1 }),
            serviceItem: Text(40, 2),
            name: Text(50, 1),
            phone: Type.Optional(Phone),
            regionCode: Type.String({ pattern: REGION_CODE_PATTERN }),
            description: Text(5000, 2),
          },
          { additionalProperties: false },
        ),
        response: { 200: Call, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    (req) => callToRequest(deps, actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/hotline/figures',
    {
      schema: {
        tags,
        summary: '按律师、按月：接听率、平均处理时长、满意度',
        querystring: Type.Object({ month: Type.String({ pattern: '^20[0-9]{2}-(0[1-9]|1[0-2])$' }) }),
        response: {
          200: Type.Object({
            month: Type.String(),
            people: Type.Array(
              Type.Object({
                staff: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
                calls: Type.Integer(),
                answered: Type.Integer(),
                missed: Type.Integer(),
                transferred: Type.Integer(),
                requests: Type.Integer(),
                answerRate: Type.Union([Type.Number(), Type.Null()]),
                averageHandlingSeconds: Type.Union([Type.Number(), Type.Null()]),
                satisfaction: Type.Union([Type.Number(), Type.Null()]),
                rated: Type.Integer(),
              }),
            ),
            total: Type.Object({
              calls: Type.Integer(),
              answered: Type.Integer(),
              missed: Type.Integer(),
              transferred: Type.Integer(),
              requests: Type.Integer(),
              answerRate: Type.Union([Type.Number(), Type.Null()]),
            }),
          }),
          ...errors(400, 401, 403),
        },
      },
    },
    (req) => monthFigures(db, actorOf(req), req.query.month),
  );

  // --- the telephony system's signed events ----------------------------------------------------------------
  await app.register(async (events) => {
    // the signature covers the body as sent: keep the raw text
    events.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: 16 * 1024 }, (req, body, done) => {
      (req as unknown as { rawBody: string }).rawBody = body as string;
      try {
        done(null, JSON.parse(body as string));
      } catch {
        done(new AppError('VALIDATION_FAILED', [{ field: 'body', problem: 'not JSON' }]), undefined);
      }
    });
    let county: string | undefined;
    events.withTypeProvider<TypeBoxTypeProvider>().post(
      '/hotline/events',
      {
        schema: {
          tags: ['hotline'],
          summary: '电话系统推送来电事件（HMAC-SHA256 签名：X-LegalHub-Signature: t=…,v1=…）',
          body: Type.Object(
            {
              type: Type.Enum(['call.started', 'call.ended']),
              callId: Type.String({ minLength: 1, maxLength: 100 }),
              at: Type.String({ format: 'date-time' }),
              caller: Type.Optional(Phone),
              agent: Type.Optional(Type.String({ maxLength: 64 })),
              answered: Type.Optional(Type.Boolean()),
              durationSeconds: Type.Optional(Type.Integer({ minimum: 0, maximum: 6 * 3600 })),
            },
            { additionalProperties: false },
          ),
          response: { 202: Type.Object({ id: Type.Integer() }), ...errors(400, 401) },
        },
        // checked before the body is validated: an unsigned caller learns nothing about the shape
        preValidation: async (req) => {
          const raw = (req as unknown as { rawBody?: string }).rawBody ?? '';
          const header = req.headers['x-legalhub-signature'];
          if (!verifySignature(deps.hotlineSecret, typeof header === 'string' ? header : undefined, raw))
            throw new AppError('HOTLINE_SIGNATURE_INVALID');
        },
      },
      async (req, reply) => {
        county ??= (await db.selectFrom('regions').select('code').where('level', '=', 'county').executeTakeFirstOrThrow()).code;
        return reply.status(202).send(await recordEvent(deps, county, req.body as CallEvent));
      },
    );
  });
}
