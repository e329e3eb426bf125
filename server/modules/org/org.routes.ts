import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { actorOf } from '../../http/context.js';
import { errors, Page } from '../../http/schemas.js';
import * as S from './org.schemas.js';
import { getRegion, regionTree, updateRegion } from './regions.service.js';
import { getSite, listSites, updateSite } from './sites.service.js';
import {
  createStaff,
  getStaff,
  listStaff,
  resetStaffPassword,
  revealStaffPhone,
  setStaffStatus,
  unlockStaff,
  updateStaff,
} from './staff.service.js';

/**
 * The network's public directory changes a few times a year: phones and browsers may keep it a minute, which
 * spares the server the portal's heaviest list on every visit (an edit shows within that minute).
 */
const PUBLIC_CACHE = 'public, max-age=60';

export async function orgRoutes(fastify: FastifyInstance, { db }: { db: Kysely<DB> }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/regions/tree',
    {
      schema: {
        tags: ['regions'],
        summary: '行政区划树（公开）',
        querystring: Type.Object({ under: Type.Optional(S.RegionCode) }),
        response: { 200: Type.Array(S.RegionTreeNode), ...errors(400) },
      },
    },
    (req, reply) => {
      reply.header('cache-control', PUBLIC_CACHE);
      return regionTree(db, req.query.under);
    },
  );

  app.get(
    '/regions/:code',
    {
      schema: {
        tags: ['regions'],
        summary: '区划详情（公开）',
        params: S.CodeParams,
        response: { 200: S.RegionDetail, ...errors(400, 404) },
      },
    },
    (req) => getRegion(db, req.params.code),
  );

  app.patch(
    '/regions/:code',
    {
      schema: {
        tags: ['regions'],
        summary: '修改区划名称',
        params: S.CodeParams,
        body: S.RegionPatchBody,
        response: { 200: S.RegionDetail, ...errors(400, 401, 403, 404) },
      },
    },
    (req) => updateRegion(db, actorOf(req), req.params.code, req.body),
  );

  app.get(
    '/sites',
    {
      schema: {
        tags: ['sites'],
        summary: '服务站点列表（公开；scope=mine 为本人管辖范围）',
        querystring: S.SiteQuery,
        response: { 200: Page(S.Site), ...errors(400, 401, 403) },
      },
    },
    (req, reply) => {
      const { scope, limit = 500, offset = 0, ...filter } = req.query;
      if (scope === 'mine') return listSites(db, { ...filter, limit, offset }, actorOf(req));
      reply.header('cache-control', PUBLIC_CACHE);
      return listSites(db, { ...filter, limit, offset });
    },
  );

  app.get(
    '/sites/:id',
    {
      schema: {
        tags: ['sites'],
        summary: '站点详情',
        params: S.IdParams,
        querystring: Type.Object({ scope: Type.Optional(Type.Literal('mine')) }),
        response: { 200: S.Site, ...errors(400, 401, 404) },
      },
    },
    (req) => getSite(db, req.params.id, req.query.scope === 'mine' ? actorOf(req) : undefined),
  );

  app.patch(
    '/sites/:id',
    {
      schema: {
        tags: ['sites'],
        summary: '修改站点信息',
        params: S.IdParams,
        body: S.SitePatchBody,
        response: { 200: S.Site, ...errors(400, 401, 403, 404, 409) },
      },
    },
    (req) => updateSite(db, actorOf(req), req.params.id, req.body),
  );

  app.get(
    '/staff',
    {
      schema: {
        tags: ['staff'],
        summary: '工作人员列表（本人管辖范围）',
        querystring: S.StaffQuery,
        response: { 200: Page(S.Staff), ...errors(400, 401, 403) },
      },
    },
    (req) => {
      const { limit = 50, offset = 0, ...filter } = req.query;
      return listStaff(db, actorOf(req), { ...filter, limit, offset });
    },
  );

  app.get(
    '/staff/:id',
    { schema: { tags: ['staff'], summary: '工作人员详情', params: S.IdParams, response: { 200: S.Staff, ...errors(400, 401, 403, 404) } } },
    (req) => getStaff(db, actorOf(req), req.params.id),
  );

  app.get(
    '/staff/:id/phone',
    {
      schema: {
        tags: ['staff'],
        summary: '查看完整手机号（记入审计日志）',
        params: S.IdParams,
        response: { 200: Type.Object({ phone: Type.String() }), ...errors(400, 401, 403, 404) },
      },
    },
    (req) => revealStaffPhone(db, actorOf(req), req.params.id),
  );

  const StaffWithPassword = Type.Object({ staff: S.Staff, temporaryPassword: Type.Optional(Type.String()) });

  app.post(
    '/staff',
    {
      schema: {
        tags: ['staff'],
        summary: '新增工作人员',
        body: S.StaffCreateBody,
        response: { 201: StaffWithPassword, ...errors(400, 401, 403, 409, 422) },
      },
    },
    async (req, reply) => reply.status(201).send(await createStaff(db, actorOf(req), req.body)),
  );

  app.patch(
    '/staff/:id',
    {
      schema: {
        tags: ['staff'],
        summary: '修改工作人员',
        params: S.IdParams,
        body: S.StaffPatchBody,
        response: { 200: S.Staff, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    (req) => updateStaff(db, actorOf(req), req.params.id, req.body),
  );

  const action = (summary: string) => ({
    schema: { tags: ['staff'], summary, params: S.IdParams, response: { 200: S.Staff, ...errors(400, 401, 403, 404, 422) } },
  });
  app.post('/staff/:id/disable', action('停用账号（并结束其所有会话）'), (req) =>
    setStaffStatus(db, actorOf(req), req.params.id, 'disabled'),
  );
  app.post('/staff/:id/enable', action('启用账号'), (req) => setStaffStatus(db, actorOf(req), req.params.id, 'active'));
  app.post('/staff/:id/unlock', action('解除登录锁定'), (req) => unlockStaff(db, actorOf(req), req.params.id));
  app.post(
    '/staff/:id/reset-password',
    {
      schema: {
        tags: ['staff'],
        summary: '重置密码（生成一次性临时密码）',
        params: S.IdParams,
        response: { 200: Type.Object({ staff: S.Staff, temporaryPassword: Type.String() }), ...errors(400, 401, 403, 404) },
      },
    },
    (req) => resetStaffPassword(db, actorOf(req), req.params.id),
  );
}
