import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { actorOf } from '../../http/context.js';
import { errors } from '../../http/schemas.js';
import { CATEGORIES, ENTITY_TYPES, NOTICE_KINDS } from './kinds.js';
import { listNotifications, markRead } from './notifications.service.js';
import { getNotifySettings, setNotifySettings } from './settings.service.js';

const Category = Type.Enum(CATEGORIES);
const NoticeKind = Type.Enum(NOTICE_KINDS);

export const NotificationList = Type.Object({
  unread: Type.Integer(),
  /** unread notices per menu (every category, 0 included) */
  unreadByCategory: Type.Object(
    Object.fromEntries(CATEGORIES.map((c) => [c, Type.Integer()])) as Record<(typeof CATEGORIES)[number], Type.TInteger>,
  ),
  items: Type.Array(
    Type.Object({
      id: Type.Integer(),
      kind: Type.String(),
      category: Category,
      requestId: Type.Union([Type.String(), Type.Null()]),
      /** the record it opens */
      target: Type.Union([Type.Object({ type: Type.Enum(ENTITY_TYPES), id: Type.String() }), Type.Null()]),
      /** the workbench page of that record */
      link: Type.Union([Type.String(), Type.Null()]),
      title: Type.String(),
      body: Type.String(),
      createdAt: Type.String(),
      readAt: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
});

export const NotifySettings = Type.Object({
  countyCode: Type.String(),
  staffSms: Type.Boolean(),
  kinds: Type.Array(NoticeKind),
  version: Type.Integer(),
  updatedAt: Type.Union([Type.String(), Type.Null()]),
});

export async function notificationRoutes(fastify: FastifyInstance, { db }: { db: Kysely<DB> }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['notifications'];
  app.get(
    '/notifications',
    {
      schema: {
        tags,
        summary: '我的消息（新工单、派单转办退回、临期超期、督办、法律援助、换班）及各菜单未读数',
        querystring: Type.Object({
          unread: Type.Optional(Type.Boolean()),
          category: Type.Optional(Category),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 30 })),
        }),
        response: { 200: NotificationList, ...errors(400, 401) },
      },
    },
    (req) => listNotifications(db, actorOf(req), { unread: req.query.unread, category: req.query.category, limit: req.query.limit ?? 30 }),
  );
  app.post(
    '/notifications/:id/read',
    {
      schema: {
        tags,
        summary: '标记已读（id 为 all 时全部已读；可限某一菜单 category）',
        params: Type.Object({ id: Type.Union([Type.Literal('all'), Type.String({ pattern: '^[0-9]{1,15}$' })]) }),
        querystring: Type.Object({ category: Type.Optional(Category) }),
        response: { 204: Type.Null(), ...errors(400, 401, 404) },
      },
    },
    async (req, reply) => {
      await markRead(db, actorOf(req), req.params.id === 'all' ? 'all' : Number(req.params.id), req.query.category);
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/notification-settings',
    {
      schema: {
        tags,
        summary: '本县工作人员短信提醒设置（县级管理员）',
        response: { 200: NotifySettings, ...errors(401, 403) },
      },
    },
    (req) => getNotifySettings(db, actorOf(req)),
  );
  app.put(
    '/notification-settings',
    {
      schema: {
        tags,
        summary: '设置本县是否以短信提醒工作人员，及提醒哪些消息（不选即全部）',
        body: Type.Object(
          {
            staffSms: Type.Boolean(),
            kinds: Type.Array(NoticeKind, { maxItems: NOTICE_KINDS.length, uniqueItems: true }),
            version: Type.Integer({ minimum: 0, maximum: 2_147_483_647, description: 'the version read; 0 before the first setting' }),
          },
          { additionalProperties: false },
        ),
        response: { 200: NotifySettings, ...errors(400, 401, 403, 409) },
      },
    },
    (req) => setNotifySettings(db, actorOf(req), req.body),
  );
}
