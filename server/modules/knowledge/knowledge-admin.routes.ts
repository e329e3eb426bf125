import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../http/context.js';
import { errors, Text } from '../../http/schemas.js';
import { IdParams } from '../org/org.schemas.js';
import type { RequestDeps } from '../requests/requests.service.js';
import {
  archiveEntry,
  createEntry,
  draftFromConsultation,
  getEntryForStaff,
  listEntriesForStaff,
  publishEntry,
  submitEntry,
  updateEntry,
} from './entries.service.js';

const IntId = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });
const Status = Type.Enum(['draft', 'review', 'published', 'restricted', 'archived']);
const Kind = Type.Enum(['qa', 'guide']);
/** The editors' list query (its export takes the same, without the paging). */
export const EntryQuery = Type.Object({
  status: Type.Optional(Status),
  kind: Type.Optional(Kind),
  origin: Type.Optional(Type.Enum(['imported', 'staff', 'consultation'])),
  q: Type.Optional(Text(100)),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});
const Refs = Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 30 });
const Entry = Type.Object({
  id: Type.Integer(),
  kind: Kind,
  title: Type.String(),
  body: Type.String(),
  status: Status,
  origin: Type.String(),
  answerBy: Type.String(),
  license: Type.String(),
  serviceItem: Type.Union([Type.String(), Type.Null()]),
  fromRequestId: Type.Union([Type.String(), Type.Null()]),
  refs: Type.Array(Type.Object({ articleId: Type.Integer(), law: Type.String(), article: Type.String() })),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  publishedAt: Type.Union([Type.String(), Type.Null()]),
  version: Type.Integer(),
  allowedActions: Type.Array(Type.Enum(['edit', 'submit', 'publish', 'archive'])),
});
const Version = Type.Object({ version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });

export async function knowledgeAdminRoutes(fastify: FastifyInstance, deps: RequestDeps) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = deps;
  const tags = ['knowledge'];

  app.get(
    '/knowledge/admin/entries',
    {
      schema: {
        tags,
        summary: '问答与指南（编辑、审核）',
        querystring: EntryQuery,
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Type.Integer(),
                kind: Kind,
                title: Type.String(),
                status: Status,
                origin: Type.String(),
                answerBy: Type.String(),
                license: Type.String(),
                updatedAt: Type.String(),
                publishedAt: Type.Union([Type.String(), Type.Null()]),
              }),
            ),
            total: Type.Integer(),
            page: Type.Integer(),
            pageSize: Type.Integer(),
          }),
          ...errors(400, 401, 403),
        },
      },
    },
    (req) => listEntriesForStaff(db, actorOf(req), { ...req.query, page: req.query.page ?? 1, pageSize: req.query.pageSize ?? 20 }),
  );
  app.get(
    '/knowledge/admin/entries/:id',
    { schema: { tags, summary: '一条问答或指南', params: IntId, response: { 200: Entry, ...errors(400, 401, 403, 404) } } },
    (req) => getEntryForStaff(db, actorOf(req), req.params.id),
  );
  app.post(
    '/knowledge/admin/entries',
    {
      schema: {
        tags,
        summary: '编写问答或指南（草稿）',
        body: Type.Object(
          {
            kind: Kind,
            title: Text(300, 4),
            body: Text(20_000, 10),
            serviceItem: Type.Optional(Type.Union([Text(40), Type.Null()])),
            refs: Type.Optional(Refs),
          },
          { additionalProperties: false },
        ),
        response: { 201: Entry, ...errors(400, 401, 403, 422) },
      },
    },
    async (req, reply) => reply.status(201).send(await createEntry(db, actorOf(req), req.body)),
  );
  app.patch(
    '/knowledge/admin/entries/:id',
    {
      schema: {
        tags,
        summary: '修改问答或指南',
        params: IntId,
        body: Type.Object(
          {
            version: Type.Integer({ minimum: 1 }),
            title: Type.Optional(Text(300, 4)),
            body: Type.Optional(Text(20_000, 10)),
            serviceItem: Type.Optional(Type.Union([Text(40), Type.Null()])),
            refs: Type.Optional(Refs),
          },
          { additionalProperties: false },
        ),
        response: { 200: Entry, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    (req) => updateEntry(db, actorOf(req), req.params.id, req.body),
  );
  for (const [path, run, summary] of [
    ['submit', submitEntry, '提交审核'],
    ['publish', publishEntry, '审核发布（检查个人信息）'],
    ['archive', archiveEntry, '撤下'],
  ] as const) {
    app.post(
      `/knowledge/admin/entries/:id/${path}`,
      { schema: { tags, summary, params: IntId, body: Version, response: { 200: Entry, ...errors(400, 401, 403, 404, 409, 422) } } },
      (req) => run(db, actorOf(req), req.params.id, req.body.version),
    );
  }
  app.post(
    '/requests/:id/knowledge-draft',
    {
      schema: {
        tags,
        summary: '把已答复的在线咨询整理为问答草稿（自动去除个人信息，待审核）',
        params: IdParams,
        response: { 201: Entry, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => reply.status(201).send(await draftFromConsultation(deps, actorOf(req), req.params.id)),
  );
}
