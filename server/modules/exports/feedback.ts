import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../auth/actor.js';
import { evaluationStats, listFollowUps, listRectifications } from '../feedback/feedback.service.js';
import { lastDayOf } from '../requests/due-scanner.js';
import { formatTrackingNo } from '../requests/tracking-no.js';
import { EXPORT_CAP, beijingTime, listWorkbook, type Column } from './list-export.js';
import { FOLLOW_UP_OUTCOME, FOLLOW_UP_STATUS, GRADE, RECTIFICATION_STATUS, word, yesNo } from './words.js';

type Rectification = Awaited<ReturnType<typeof listRectifications>>[number];
type FollowUp = Awaited<ReturnType<typeof listFollowUps>>[number];
type Stat = Awaited<ReturnType<typeof evaluationStats>>[number];

/** One more row than the cap, to know whether it cut the list. */
const capped = <T>(rows: T[]) => ({ rows: rows.slice(0, EXPORT_CAP), total: rows.length, exact: rows.length <= EXPORT_CAP });

const RECTIFICATION_COLUMNS: Column<Rectification>[] = [
  { header: '受理编号', width: 18, value: (x) => formatTrackingNo(x.trackingNo) },
  { header: '服务事项', width: 12, value: (x) => x.serviceItemName },
  { header: '评价', width: 10, value: (x) => GRADE[x.grade] ?? String(x.grade) },
  { header: '群众意见', width: 40, value: (x) => x.comment },
  { header: '办理站点', width: 26, value: (x) => x.siteName },
  { header: '办理人', width: 10, value: (x) => x.staffName },
  { header: '整改期限', width: 12, value: (x) => lastDayOf(new Date(x.dueAt)) },
  { header: '状态', width: 8, value: (x) => word(RECTIFICATION_STATUS, x.status) },
  { header: '整改措施', width: 40, value: (x) => x.measures },
  { header: '完成时间', width: 17, value: (x) => beijingTime(x.doneAt) },
];

/** 差评整改: open ones, or all with 显示已完成. */
export async function exportRectifications(db: Kysely<DB>, actor: Actor, filter: { status?: 'open' | 'done' | undefined }) {
  const { rows, total, exact } = capped(await listRectifications(db, actor, filter.status, EXPORT_CAP + 1));
  return listWorkbook(db, actor, { list: 'rectifications', title: '差评整改', columns: RECTIFICATION_COLUMNS, rows, total, exact, filter });
}

const FOLLOW_UP_COLUMNS: Column<FollowUp>[] = [
  { header: '受理编号', width: 18, value: (f) => formatTrackingNo(f.trackingNo) },
  { header: '服务事项', width: 12, value: (f) => f.serviceItemName },
  { header: '当事人', width: 10, value: (f) => f.requesterName },
  { header: '联系电话', width: 14, value: (f) => f.requesterPhone },
  { header: '状态', width: 8, value: (f) => word(FOLLOW_UP_STATUS, f.status) },
  { header: '回访结果', width: 10, value: (f) => word(FOLLOW_UP_OUTCOME, f.outcome) },
  { header: '当事人是否满意', width: 12, value: (f) => yesNo(f.satisfied, '满意', '不满意') },
  { header: '回访记录', width: 40, value: (f) => f.note },
  { header: '回访时间', width: 17, value: (f) => beijingTime(f.calledAt) },
];

/** 回访: planned ones, or all with 显示已完成. */
export async function exportFollowUps(db: Kysely<DB>, actor: Actor, filter: { status?: 'planned' | 'done' | undefined }) {
  const { rows, total, exact } = capped(await listFollowUps(db, actor, filter.status, EXPORT_CAP + 1));
  return listWorkbook(db, actor, { list: 'followUps', title: '差评回访', columns: FOLLOW_UP_COLUMNS, rows, total, exact, filter });
}

const percent = (r: number) => `${(r * 100).toFixed(1)}%`;

/** 评价统计: per site or per staff member, in scope. */
export async function exportEvaluationStats(
  db: Kysely<DB>,
  actor: Actor,
  filter: { by: 'staff' | 'site'; from?: string | undefined; to?: string | undefined },
) {
  const rows = await evaluationStats(db, actor, filter.by, filter.from, filter.to);
  const columns: Column<Stat>[] = [
    { header: filter.by === 'site' ? '站点' : '人员', width: 30, value: (s) => s.name || '（未接收即办结）' },
    { header: '评价数', width: 9, value: (s) => s.count },
    { header: '平均分', width: 9, value: (s) => s.average },
    { header: '满意率', width: 9, value: (s) => percent(s.satisfiedRate) },
    { header: '差评数', width: 9, value: (s) => s.bad },
  ];
  return listWorkbook(db, actor, {
    list: 'evaluationStats',
    title: filter.by === 'site' ? '好差评统计（按站点）' : '好差评统计（按人员）',
    columns,
    rows,
    total: rows.length,
    filter,
  });
}
