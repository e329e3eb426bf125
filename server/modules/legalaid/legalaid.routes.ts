import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../http/context.js';
import { AppError } from '../../http/errors.js';
import { can, type Actor } from '../auth/actor.js';
import { errors } from '../../http/schemas.js';
import { IdParams } from '../org/org.schemas.js';
import { PublicReceipt, TrackingParams, PhoneQuery } from '../requests/requests.schemas.js';
import type { RequestDeps } from '../requests/requests.service.js';
import * as S from './legalaid.schemas.js';
import { AID_ACTIONS, type AidAction } from './rules.js';
import {
  actOnCase,
  applyAtDesk,
  applyFromPublic,
  getCase,
  listCases,
  loadCase,
  revealApplicantPhone,
  revealProxyPhone,
  type AidActionInput,
} from './cases.service.js';
import { decideObjection, objectAtDesk, objectFromPublic } from './objections.service.js';
import { aidStatusForCitizen, publicStandard } from './public.service.js';
import { createProvider, listProviders, suggestProviders, updateProvider } from './providers.service.js';
import { aidSettings, createStandard, deleteStandard, listStandards, updateAidSettings, updateStandard } from './settings.service.js';
import { listObjections } from './objection-list.js';
import { documentFor } from './case-documents.js';

function requireAidStaff(actor: Actor) {
  if (!can(actor, 'legalAid.review') && !can(actor, 'org.manage') && !can(actor, 'legalAid.objection')) {
    throw new AppError('FORBIDDEN', { permission: 'legalAid.review' });
  }
}

export async function legalAidRoutes(fastify: FastifyInstance, deps: RequestDeps) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = deps;
  const tags = ['legal aid'];

  // --- the applicant ---------------------------------------------------------------------------------------
  app.post(
    '/public/legal-aid/applications',
    {
      schema: {
        tags: ['public', ...tags],
        summary: '网上申请法律援助（免登录；由所在镇工作站初审）',
        body: S.PublicApplication,
        response: { 201: PublicReceipt, ...errors(400, 422, 429) },
      },
    },
    async (req, reply) => reply.status(201).send(await applyFromPublic(deps, req.body, req.ip)),
  );
  app.get(
    '/public/legal-aid/standard',
    {
      schema: {
        tags: ['public', ...tags],
        summary: '当地现行经济困难标准（每人每月），以及是否接受个人诚信承诺',
        querystring: S.StandardQuery,
        response: { 200: S.PublicStandard, ...errors(400, 404) },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return publicStandard(deps, req.query.regionCode);
    },
  );
  app.get(
    '/public/legal-aid/:trackingNo',
    {
      schema: {
        tags: ['public', ...tags],
        summary: '凭受理编号和手机号（申请人或代为申请人的）查询法律援助案件进度与下一步',
        params: TrackingParams,
        querystring: PhoneQuery,
        response: { 200: S.CitizenAid, ...errors(400, 404, 429) },
      },
    },
    (req) => aidStatusForCitizen(deps, req.params.trackingNo, req.query.phone, req.ip),
  );
  app.post(
    '/public/legal-aid/:trackingNo/objections',
    {
      schema: {
        tags: ['public', ...tags],
        summary: '对不予援助或终止援助的决定提出异议（法律援助法第四十九条）',
        params: TrackingParams,
        body: S.ObjectionBody,
        response: { 201: Type.Object({ id: Type.String(), dueAt: Type.String() }), ...errors(400, 404, 409, 422, 429) },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await objectFromPublic(deps, req.params.trackingNo, req.body.phone, req.body.grounds, req.ip)),
  );

  // --- the workbench ---------------------------------------------------------------------------------------
  app.get(
    '/legal-aid/cases',
    {
      schema: {
        tags,
        summary: '法律援助案件（按环节；可按姓名、编号的一部分查找，按事项、环节筛选）',
        querystring: S.AidCaseQuery,
        response: { 200: S.AidCaseList, ...errors(400, 401, 403) },
      },
    },
    (req) => listCases(deps, actorOf(req), req.query),
  );
  app.post(
    '/legal-aid/cases',
    {
      schema: {
        tags,
        summary: '窗口受理法律援助申请（村室、镇站转初审；县中心直接审查）',
        body: S.DeskApplication,
        response: { 201: S.AidCase, ...errors(400, 401, 403, 422) },
      },
    },
    async (req, reply) => reply.status(201).send(await applyAtDesk(deps, actorOf(req), req.body)),
  );
  app.get(
    '/legal-aid/cases/:id',
    {
      schema: {
        tags,
        summary: '法律援助案件详情（含可执行的操作）',
        params: IdParams,
        response: { 200: S.AidCase, ...errors(400, 401, 403, 404) },
      },
    },
    (req) => getCase(deps, actorOf(req), req.params.id),
  );
  const STEP_SUMMARIES: Record<AidAction, string> = {
    firstReview: '镇工作站初审并转县法律援助中心（中心收到之日起算7日审查期限）',
    requestMaterials: '一次性告知需补充的全部材料（审查期限暂停；逾期视为撤回）',
    materialsReceived: '材料已补齐，恢复审查计时',
    withdraw: '申请人撤回申请',
    reassess: '核实后重新审查资格（收入、家庭人口、免审情形、证明材料）',
    earlyAid: '先行提供法律援助（第四十四条）',
    decide: '作出给予或不予法律援助的决定（未通过标准而给予的，须写明理由）',
    assign: '指派法律援助人员（决定之日起3日内；利益冲突须写明理由）',
    changeProvider: '应受援人要求更换法律援助人员（第五十五条）',
    progress: '记录办理进展',
    terminate: '终止法律援助（第四十八条）',
    serve: '记录不予或终止法律援助决定书的送达（签收）日期：省级规定的异议期限自此起算（第四十九条）',
    close: '结案并提交结案报告',
    archive: '核对案卷材料并归档',
    followUp: '回访受援人',
    rateQuality: '案件质量评价',
  };
  for (const action of AID_ACTIONS) {
    const path = action.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`);
    app.post(
      `/legal-aid/cases/:id/${path}`,
      {
        schema: {
          tags,
          summary: STEP_SUMMARIES[action],
          params: IdParams,
          body: S.AID_ACTION_BODIES[action],
          response: { 200: S.AidCase, ...errors(400, 401, 403, 404, 409, 422) },
        },
      },
      (req) => {
        const { version, ...rest } = req.body as { version: number };
        return actOnCase(deps, actorOf(req), (req.params as { id: string }).id, version, { action, ...rest } as AidActionInput);
      },
    );
  }
  app.get(
    '/legal-aid/cases/:id/suggestions',
    {
      schema: {
        tags,
        summary: '指派建议：按擅长事项与在办案件数排序，标出利益冲突',
        params: IdParams,
        response: { 200: Type.Array(S.Suggestion), ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const c = await loadCase(db, actor, req.params.id);
      return suggestProviders(db, actor, c);
    },
  );
  app.post(
    '/legal-aid/cases/:id/reveal-phone',
    {
      schema: {
        tags,
        summary: '查看申请人完整手机号（留痕）',
        params: IdParams,
        response: { 200: S.RevealedPhone, ...errors(400, 401, 403, 404) },
      },
    },
    (req) => revealApplicantPhone(deps, actorOf(req), req.params.id),
  );
  app.post(
    '/legal-aid/cases/:id/reveal-proxy-phone',
    {
      schema: {
        tags,
        summary: '查看代为申请人（近亲属、监护人、代理人）完整手机号（留痕）',
        params: IdParams,
        response: { 200: S.RevealedPhone, ...errors(400, 401, 403, 404) },
      },
    },
    (req) => revealProxyPhone(deps, actorOf(req), req.params.id),
  );
  app.post(
    '/legal-aid/cases/:id/objections',
    {
      schema: {
        tags,
        summary: '窗口登记申请人的异议',
        params: IdParams,
        body: S.DeskObjectionBody,
        response: { 201: S.AidCase, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => reply.status(201).send(await objectAtDesk(deps, actorOf(req), req.params.id, req.body.grounds)),
  );
  app.get(
    '/legal-aid/objections',
    {
      schema: {
        tags,
        summary: '异议列表（司法局）：待审查的按审查期限，已决定的按决定时间倒序',
        querystring: S.ObjectionListQuery,
        response: { 200: S.ObjectionList, ...errors(400, 401, 403) },
      },
    },
    (req) => listObjections(deps, actorOf(req), req.query),
  );
  app.post(
    '/legal-aid/objections/:id/decision',
    {
      schema: {
        tags,
        summary: '司法局审查异议：维持或责令改正（5日内）',
        params: IdParams,
        body: S.ObjectionDecisionBody,
        response: { 200: S.AidCase, ...errors(400, 401, 403, 404, 409) },
      },
    },
    (req) => decideObjection(deps, actorOf(req), req.params.id, req.body.version, req.body.decision, req.body.reason),
  );
  app.get(
    '/legal-aid/cases/:id/documents/:kind',
    {
      schema: {
        tags,
        summary: '生成文书（.docx）：申请表、受理回执、补充材料通知书、决定书、指派通知书、终止决定书、结案报告',
        params: S.DocumentParams,
        response: { ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const file = await documentFor(deps, actorOf(req), req.params.id, req.params.kind);
      reply.header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
      return reply.send(file.data);
    },
  );

  // --- the pool, the standard, the periods -----------------------------------------------------------------
  app.get(
    '/legal-aid/providers',
    {
      schema: {
        tags,
        summary: '法律援助人员库',
        querystring: Type.Object({ includeInactive: Type.Optional(Type.Boolean()) }),
        response: { 200: Type.Array(S.Provider), ...errors(400, 401, 403) },
      },
    },
    (req) => listProviders(db, actorOf(req), req.query.includeInactive ?? false),
  );
  app.post(
    '/legal-aid/providers',
    {
      schema: {
        tags,
        summary: '新增法律援助人员（县级管理员）',
        body: S.ProviderBody,
        response: { 201: S.Provider, ...errors(400, 401, 403, 422) },
      },
    },
    async (req, reply) => reply.status(201).send(await createProvider(db, actorOf(req), req.body)),
  );
  app.patch(
    '/legal-aid/providers/:id',
    {
      schema: {
        tags,
        summary: '修改法律援助人员（县级管理员）',
        params: IdParams,
        body: S.ProviderPatch,
        response: { 200: S.Provider, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    (req) => {
      const { version, ...patch } = req.body;
      return updateProvider(db, actorOf(req), req.params.id, version, patch);
    },
  );
  app.get(
    '/legal-aid/standards',
    { schema: { tags, summary: '经济困难标准（含生效日期）', response: { 200: Type.Array(S.Standard), ...errors(401, 403) } } },
    (req) => {
      const actor = actorOf(req);
      requireAidStaff(actor);
      return listStandards(db, actor.regionCode.slice(0, 6));
    },
  );
  app.post(
    '/legal-aid/standards',
    {
      schema: {
        tags,
        summary: '设置经济困难标准（县级管理员）',
        body: S.StandardBody,
        response: { 201: S.Standard, ...errors(400, 401, 403, 422) },
      },
    },
    async (req, reply) => reply.status(201).send(await createStandard(db, actorOf(req), req.body)),
  );
  app.patch(
    '/legal-aid/standards/:id',
    {
      schema: {
        tags,
        summary: '设置经济困难标准的截止日期或更正说明（已适用的标准不能改金额和今天以前的日期；县级管理员）',
        params: IdParams,
        body: S.StandardPatch,
        response: { 200: S.Standard, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    (req) => updateStandard(db, actorOf(req), req.params.id, req.body),
  );
  app.delete(
    '/legal-aid/standards/:id',
    {
      schema: {
        tags,
        summary: '删除尚未生效的经济困难标准（县级管理员）',
        params: IdParams,
        response: { 204: Type.Null({ description: 'removed' }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      await deleteStandard(db, actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/legal-aid/settings',
    { schema: { tags, summary: '本县法律援助期限设置', response: { 200: S.Settings, ...errors(401, 403) } } },
    (req) => {
      const actor = actorOf(req);
      requireAidStaff(actor);
      return aidSettings(db, actor.regionCode.slice(0, 6));
    },
  );
  app.patch(
    '/legal-aid/settings',
    {
      schema: {
        tags,
        summary: '修改本县法律援助期限设置（县级管理员）',
        body: S.SettingsPatch,
        response: { 200: S.Settings, ...errors(400, 401, 403, 409, 422) },
      },
    },
    (req) => {
      const { version, ...patch } = req.body;
      return updateAidSettings(db, actorOf(req), version, patch);
    },
  );
}
