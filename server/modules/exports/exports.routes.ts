import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type TSchema } from 'typebox';
import { actorOf } from '../../http/context.js';
import { errors, Text } from '../../http/schemas.js';
import { AuditQuerystring } from '../audit/audit.routes.js';
import { FollowUpQuery, RectificationQuery, StatsQuery } from '../feedback/feedback.routes.js';
import { CallQuery } from '../hotline/hotline.routes.js';
import { EntryQuery } from '../knowledge/knowledge-admin.routes.js';
import { AidCaseQuery, ObjectionListQuery } from '../legalaid/legalaid.schemas.js';
import { MATTER_CATEGORY_CODES, PROVIDER_KINDS } from '../legalaid/rules.js';
import { SiteQuery, StaffQuery } from '../org/org.schemas.js';
import { RequestQuery } from '../requests/requests.schemas.js';
import type { RequestDeps } from '../requests/requests.service.js';
import { exportFollowUps, exportEvaluationStats, exportRectifications } from './feedback.js';
import { exportCalls } from './hotline.js';
import { exportKnowledgeEntries } from './knowledge.js';
import { exportAidCases, exportObjections, exportProviders } from './legalaid.js';
import { XLSX_TYPE, sendExport } from './list-export.js';
import { exportAudit, exportServiceItems, exportSites, exportStaff } from './org.js';
import { exportRequests } from './requests.js';

const ProviderQuery = Type.Object({
  kind: Type.Optional(Type.Enum(Object.keys(PROVIDER_KINDS) as (keyof typeof PROVIDER_KINDS)[])),
  matter: Type.Optional(Type.Enum(MATTER_CATEGORY_CODES)),
  active: Type.Optional(Type.Enum(['active', 'inactive', 'all'], { default: 'active' })),
  q: Type.Optional(Text(50)),
});

/** The OpenAPI of one export: the list's own query, answered with a workbook. */
const schema = <Q extends TSchema>(tags: string[], summary: string, querystring: Q) => ({
  tags,
  summary: `${summary}（.xlsx；与列表相同的筛选，最多 1 万行；脱敏；记入审计日志）`,
  querystring,
  produces: [XLSX_TYPE],
  response: { ...errors(400, 401, 403) },
});

/**
 * 导出 Excel on every workbench list: GET <the list's path>/export with the list's query (less the paging) answers
 * the rows of all its pages as an .xlsx, the way the list shows them (scope, filters, masking), audited. Each
 * export calls the list's own service, so the list's permission and scope checks are the export's.
 */
export async function exportRoutes(fastify: FastifyInstance, deps: RequestDeps) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = deps;

  app.get(
    '/requests/export',
    { schema: schema(['requests'], '导出工单台账', Type.Omit(RequestQuery, ['limit', 'offset'])) },
    async (req, reply) => {
      const { queue = 'open', ...filter } = req.query;
      return sendExport(reply, await exportRequests(deps, actorOf(req), { ...filter, queue }));
    },
  );
  app.get(
    '/legal-aid/cases/export',
    { schema: schema(['legal aid'], '导出法律援助案件', Type.Omit(AidCaseQuery, ['page', 'pageSize'])) },
    async (req, reply) => sendExport(reply, await exportAidCases(deps, actorOf(req), req.query)),
  );
  app.get(
    '/legal-aid/objections/export',
    { schema: schema(['legal aid'], '导出法律援助异议', Type.Omit(ObjectionListQuery, ['page', 'pageSize'])) },
    async (req, reply) => sendExport(reply, await exportObjections(deps, actorOf(req), req.query)),
  );
  app.get('/legal-aid/providers/export', { schema: schema(['legal aid'], '导出法律援助人员库', ProviderQuery) }, async (req, reply) =>
    sendExport(reply, await exportProviders(db, actorOf(req), req.query)),
  );
  app.get(
    '/hotline/calls/export',
    { schema: schema(['hotline'], '导出 12348 通话记录', Type.Omit(CallQuery, ['page', 'pageSize'])) },
    async (req, reply) => sendExport(reply, await exportCalls(db, actorOf(req), req.query)),
  );
  app.get(
    '/sites/export',
    { schema: schema(['sites'], '导出服务站点（本人管辖范围）', Type.Omit(SiteQuery, ['limit', 'offset', 'scope'])) },
    async (req, reply) => sendExport(reply, await exportSites(db, actorOf(req), req.query)),
  );
  app.get(
    '/staff/export',
    { schema: schema(['staff'], '导出工作人员（本人管辖范围）', Type.Omit(StaffQuery, ['limit', 'offset'])) },
    async (req, reply) => sendExport(reply, await exportStaff(db, actorOf(req), req.query)),
  );
  app.get(
    '/audit/export',
    { schema: schema(['audit'], '导出审计日志', Type.Omit(AuditQuerystring, ['limit', 'offset'])) },
    async (req, reply) => sendExport(reply, await exportAudit(db, actorOf(req), req.query)),
  );
  app.get('/rectifications/export', { schema: schema(['feedback'], '导出差评整改', RectificationQuery) }, async (req, reply) =>
    sendExport(reply, await exportRectifications(db, actorOf(req), req.query)),
  );
  app.get('/follow-up-calls/export', { schema: schema(['feedback'], '导出回访任务', FollowUpQuery) }, async (req, reply) =>
    sendExport(reply, await exportFollowUps(db, actorOf(req), req.query)),
  );
  app.get('/evaluations/stats/export', { schema: schema(['feedback'], '导出好差评统计', StatsQuery) }, async (req, reply) =>
    sendExport(reply, await exportEvaluationStats(db, actorOf(req), req.query)),
  );
  app.get(
    '/knowledge/admin/entries/export',
    { schema: schema(['knowledge'], '导出问答与指南', Type.Omit(EntryQuery, ['page', 'pageSize'])) },
    async (req, reply) => sendExport(reply, await exportKnowledgeEntries(db, actorOf(req), req.query)),
  );
  app.get(
    '/service-items/export',
    { schema: schema(['service catalogue'], '导出服务事项清单', Type.Object({ includeInactive: Type.Optional(Type.Boolean()) })) },
    async (req, reply) => sendExport(reply, await exportServiceItems(db, actorOf(req), req.query)),
  );
}
