import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../http/context.js';
import { requirePermission } from '../auth/actor.js';
import { errors, Page } from '../../http/schemas.js';
import { IdParams } from '../org/org.schemas.js';
import { listServiceItems, getServiceItem, updateServiceItem } from './catalogue.service.js';
import { closeLookupCounter, evaluate, submitFromPublic, trackForCitizen } from './public.service.js';
import { intakeAtDesk } from './intake.service.js';
import { getRequest, listRequests, requestTimeline, revealIdNumber, type RequestDeps } from './requests.service.js';
import * as S from './requests.schemas.js';
import { act, type ActionInput } from './transitions.js';
import { receiptFor } from './receipt.service.js';
import { receiptForCitizen, resendTrackingNo } from './citizen-receipt.service.js';
import { invalidateReference } from './reference.js';
import { dispatchTargets } from './staffing.js';

export async function requestRoutes(fastify: FastifyInstance, deps: RequestDeps) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = deps;
  fastify.addHook('onClose', () => closeLookupCounter(db));

  app.get(
    '/service-items',
    {
      schema: {
        tags: ['service catalogue'],
        summary: '服务事项清单（公开；管理员可加 includeInactive=true 查看已暂停的事项）',
        querystring: Type.Object({ includeInactive: Type.Optional(Type.Boolean()) }),
        response: { 200: Type.Array(S.ServiceItem), ...errors(400, 401, 403) },
      },
    },
    (req) => {
      // suspended items are for the people who can switch them back on
      if (req.query.includeInactive) requirePermission(actorOf(req), 'org.manage');
      return listServiceItems(db, req.query.includeInactive ?? false);
    },
  );
  app.get(
    '/service-items/:code',
    {
      schema: {
        tags: ['service catalogue'],
        summary: '服务事项与办事指南（公开）',
        params: Type.Object({ code: S.ServiceItemCode }),
        response: { 200: S.ServiceItem, ...errors(400, 404) },
      },
    },
    (req) => getServiceItem(db, req.params.code),
  );
  app.patch(
    '/service-items/:code',
    {
      schema: {
        tags: ['service catalogue'],
        summary: '修改服务事项（县级管理员）',
        params: Type.Object({ code: S.ServiceItemCode }),
        body: S.ServiceItemPatch,
        response: { 200: S.ServiceItem, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => {
      const item = await updateServiceItem(db, actorOf(req), req.params.code, req.body);
      invalidateReference(db);
      return item;
    },
  );

  app.post(
    '/public/requests',
    {
      schema: {
        tags: ['public'],
        summary: '群众在线提交服务申请（无需登录）',
        body: S.PublicIntakeBody,
        response: { 201: S.PublicReceipt, ...errors(400, 422, 429) },
      },
    },
    async (req, reply) => reply.status(201).send(await submitFromPublic(deps, req.body, req.ip)),
  );
  app.get(
    '/public/requests/:trackingNo',
    {
      schema: {
        tags: ['public'],
        summary: '凭受理编号和手机号查询办理进度',
        params: S.TrackingParams,
        querystring: S.PhoneQuery,
        response: { 200: S.CitizenView, ...errors(400, 404, 429) },
      },
    },
    (req) => trackForCitizen(deps, req.params.trackingNo, req.query.phone, req.ip),
  );
  app.post(
    '/public/requests/:trackingNo/evaluation',
    {
      schema: {
        tags: ['public'],
        summary: '好差评（办结后评价一次）',
        params: S.TrackingParams,
        body: S.EvaluationBody,
        response: { 201: Type.Object({ trackingNo: Type.String(), grade: Type.Integer() }), ...errors(400, 404, 409, 429) },
      },
    },
    async (req, reply) => reply.status(201).send(await evaluate(deps, req.params.trackingNo, req.body, req.ip)),
  );
  app.get(
    '/public/requests/:trackingNo/receipt',
    {
      schema: {
        tags: ['public'],
        summary: '凭受理编号和手机号取本人的受理回执（含进度查询二维码）',
        params: S.TrackingParams,
        querystring: S.PhoneQuery,
        response: { 200: S.CitizenReceipt, ...errors(400, 404, 429) },
      },
    },
    (req) => receiptForCitizen(deps, req.params.trackingNo, req.query.phone, req.ip, `${req.protocol}://${req.host}`),
  );
  app.post(
    '/public/requests/:trackingNo/resend',
    {
      schema: {
        tags: ['public'],
        summary: '把受理编号用短信再发给申请时留的手机（每件每天至多 3 次）',
        params: S.TrackingParams,
        body: S.PhoneBody,
        response: { 202: S.TextSent, ...errors(400, 404, 409, 422, 429) },
      },
    },
    async (req, reply) => reply.status(202).send(await resendTrackingNo(deps, req.params.trackingNo, req.body.phone, req.ip)),
  );

  app.get(
    '/requests',
    {
      schema: {
        tags: ['requests'],
        summary: '工单队列（本人管辖范围）',
        querystring: S.RequestQuery,
        response: { 200: Page(S.Request), ...errors(400, 401, 403) },
      },
    },
    (req) => {
      const { queue = 'open', limit = 20, offset = 0, ...filter } = req.query;
      return listRequests(deps, actorOf(req), { ...filter, queue, limit, offset });
    },
  );
  app.post(
    '/requests',
    {
      schema: {
        tags: ['requests'],
        summary: '窗口/热线/来信受理登记',
        body: S.DeskIntakeBody,
        response: { 201: S.Request, ...errors(400, 401, 403, 422) },
      },
    },
    async (req, reply) => reply.status(201).send(await intakeAtDesk(deps, actorOf(req), req.body)),
  );
  app.get(
    '/requests/dispatch-targets',
    {
      schema: {
        tags: ['requests'],
        summary: '可分流、转办或改派到的站点，及各站点实际配备的岗位',
        response: { 200: Type.Array(S.DispatchTarget), ...errors(401, 403) },
      },
    },
    (req) => {
      const actor = actorOf(req);
      requirePermission(actor, 'requests.handle');
      return dispatchTargets(db, actor);
    },
  );
  app.get(
    '/requests/:id',
    { schema: { tags: ['requests'], summary: '工单详情', params: IdParams, response: { 200: S.Request, ...errors(400, 401, 403, 404) } } },
    (req) => getRequest(deps, actorOf(req), req.params.id),
  );
  app.get(
    '/requests/:id/timeline',
    {
      schema: {
        tags: ['requests'],
        summary: '办理过程',
        params: IdParams,
        response: { 200: Type.Array(S.TimelineEvent), ...errors(400, 401, 403, 404) },
      },
    },
    (req) => requestTimeline(deps, actorOf(req), req.params.id),
  );
  app.get(
    '/requests/:id/id-number',
    {
      schema: {
        tags: ['requests'],
        summary: '查看完整身份证号（记入审计日志）',
        params: IdParams,
        response: { 200: Type.Object({ idNumber: Type.Union([Type.String(), Type.Null()]) }), ...errors(400, 401, 403, 404) },
      },
    },
    (req) => revealIdNumber(deps, actorOf(req), req.params.id),
  );

  app.get(
    '/requests/:id/receipt',
    {
      schema: {
        tags: ['requests'],
        summary: '受理回执（A4 或小票打印用，含查询二维码）',
        params: IdParams,
        response: {
          200: Type.Object({
            trackingNo: Type.String(),
            trackingNoFormatted: Type.String(),
            serviceItemName: Type.String(),
            requesterName: Type.String(),
            requesterPhone: Type.String(),
            regionName: Type.String(),
            description: Type.String(),
            receivedAt: Type.String(),
            receivedSiteName: Type.String(),
            receivedByName: Type.String(),
            dueAt: Type.Union([Type.String(), Type.Null()]),
            lastDay: Type.Union([Type.String(), Type.Null()]),
            timeLimit: S.Policy,
            trackUrl: Type.String(),
            qrSvg: Type.String(),
          }),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    (req) => receiptFor(deps, actorOf(req), req.params.id, `${req.protocol}://${req.host}`),
  );

  const paths: Record<keyof typeof S.ActionBodies, [string, string]> = {
    dispatch: ['dispatch', '分流（派单）'],
    accept: ['accept', '接收办理'],
    return: ['return', '退回首问人'],
    transfer: ['transfer', '转办'],
    requestMaterials: ['request-materials', '一次性告知补正材料（暂停计时）'],
    resume: ['resume', '材料补齐，恢复计时'],
    conclude: ['conclude', '办结'],
    takeOver: ['take-over', '管理员或督办人员接管（本人成为办理人）'],
    reassign: ['reassign', '管理员或督办人员改派（另选站点、岗位或人员）'],
  };
  for (const [action, [path, summary]] of Object.entries(paths) as [keyof typeof S.ActionBodies, [string, string]][]) {
    app.post(
      `/requests/:id/${path}`,
      {
        schema: {
          tags: ['requests'],
          summary,
          params: IdParams,
          body: S.ActionBodies[action],
          response: { 200: S.Request, ...errors(400, 401, 403, 404, 409, 422) },
        },
      },
      (req) => {
        const { version, ...rest } = req.body as { version?: number } & Record<string, unknown>;
        return act(deps, actorOf(req), req.params.id, { action, ...rest } as ActionInput, version);
      },
    );
  }
}
