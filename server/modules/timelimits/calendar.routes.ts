import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { actorOf } from '../../http/context.js';
import { errors } from '../../http/schemas.js';
import * as S from './calendar.schemas.js';
import { deleteCalendarDay, dueDateFrom, getCalendarYear, listCalendarYears, setCalendarDay } from './calendar.service.js';

/** The working-day calendar (节假日与调休). Registered under /api/v1. */
export interface CalendarRouteOptions {
  db: Kysely<DB>;
  /** told after an administrator changes a day, so that stored due dates spanning it are computed again */
  onDayChanged?: (day: string) => Promise<unknown>;
}

export async function calendarRoutes(fastify: FastifyInstance, { db, onDayChanged }: CalendarRouteOptions) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/calendar',
    {
      schema: {
        tags: ['calendar'],
        summary: '某年的节假日与调休上班日（公开）',
        querystring: S.YearQuery,
        response: { 200: S.CalendarYear, ...errors(400) },
      },
    },
    (req) => getCalendarYear(db, req.query.year),
  );

  app.get(
    '/calendar/years',
    {
      schema: {
        tags: ['calendar'],
        summary: '已载入的年份及来源，缺少官方安排的年份（公开）',
        response: { 200: S.CalendarYears },
      },
    },
    () => listCalendarYears(db),
  );

  app.get(
    '/calendar/working-days',
    {
      schema: {
        tags: ['calendar'],
        summary: '按时限计算截止日（公开）',
        querystring: S.DueDateQuery,
        response: { 200: S.DueDate, ...errors(400) },
      },
    },
    (req) => dueDateFrom(db, { from: req.query.from, days: req.query.days, unit: req.query.unit ?? 'working' }),
  );

  app.put(
    '/calendar/:date',
    {
      schema: {
        tags: ['calendar'],
        summary: '设置某日为节假日或调休上班日（县级管理员）',
        params: S.DateParams,
        body: S.CalendarDayBody,
        response: { 200: S.CalendarDay, ...errors(400, 401, 403, 422) },
      },
    },
    async (req) => {
      const day = await setCalendarDay(db, actorOf(req), req.params.date, req.body);
      await onDayChanged?.(day.date);
      return day;
    },
  );

  app.delete(
    '/calendar/:date',
    {
      schema: {
        tags: ['calendar'],
        summary: '删除某日的设置，恢复按周计算（县级管理员）',
        params: S.DateParams,
        response: { 204: Type.Null({ description: 'removed' }), ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await deleteCalendarDay(db, actorOf(req), req.params.date);
      await onDayChanged?.(req.params.date);
      return reply.status(204).send(null);
    },
  );
}
