import type { Kysely } from 'kysely';
import type { CallOutcome, DB } from '../../db/schema.js';
import type { Actor } from '../auth/actor.js';
import { listCalls, type CallView } from '../hotline/calls.service.js';
import { formatTrackingNo } from '../requests/tracking-no.js';
import { EXPORT_CAP, beijingTime, listWorkbook, type Column } from './list-export.js';
import { CALL_CATEGORY, CALL_OUTCOME, TRANSFER_TARGET, word } from './words.js';

export interface CallFilter {
  from: string;
  to: string;
  staffId?: string | undefined;
  outcome?: CallOutcome | 'open' | undefined;
}

const COLUMNS: Column<CallView>[] = [
  { header: '来电时间', width: 17, value: (c) => beijingTime(c.startedAt) },
  // the log keeps the caller's number masked; the sealed one never leaves it
  { header: '来电号码', width: 14, value: (c) => c.callerPhone },
  { header: '多次来电', width: 9, value: (c) => (c.repeatCaller ? '是' : '') },
  { header: '接听律师', width: 10, value: (c) => c.staff?.name },
  { header: '问题类别', width: 10, value: (c) => word(CALL_CATEGORY, c.category) },
  { header: '来电内容', width: 40, value: (c) => c.summary },
  { header: '解答内容', width: 40, value: (c) => c.answer },
  { header: '通话时长（秒）', width: 12, value: (c) => c.durationSeconds },
  { header: '处理结果', width: 12, value: (c) => (c.outcome ? word(CALL_OUTCOME, c.outcome) : '待补全') },
  { header: '转办去向', width: 14, value: (c) => word(TRANSFER_TARGET, c.transferredTo) },
  { header: '满意度', width: 8, value: (c) => c.satisfaction },
  { header: '服务申请编号', width: 18, value: (c) => (c.trackingNo ? formatTrackingNo(c.trackingNo) : '') },
];

/** 12348 通话记录: the days and filters of the call log (a lawyer's own calls, a manager's all). */
export async function exportCalls(db: Kysely<DB>, actor: Actor, filter: CallFilter) {
  const { items, hasMore } = await listCalls(db, actor, { ...filter, page: 1, pageSize: EXPORT_CAP });
  return listWorkbook(db, actor, {
    list: 'hotlineCalls',
    title: `12348通话记录 ${filter.from}至${filter.to}`,
    columns: COLUMNS,
    rows: items,
    // the log pages without a count: it knows only whether there are more
    total: hasMore ? items.length + 1 : items.length,
    exact: false,
    filter,
  });
}
