import type { Actor } from '../auth/actor.js';
import { lastDayOf } from '../requests/due-scanner.js';
import { CHANNEL } from '../requests/export.service.js';
import { listRequests, type QueueFilter, type RequestDeps, type RequestView } from '../requests/requests.service.js';
import { formatTrackingNo } from '../requests/tracking-no.js';
import { EXPORT_CAP, beijingTime, listWorkbook, type Column } from './list-export.js';
import { DUE_STATE, REQUEST_STATUS, word } from './words.js';

const COLUMNS: Column<RequestView>[] = [
  { header: '受理编号', width: 18, value: (r) => formatTrackingNo(r.trackingNo) },
  { header: '服务事项', width: 12, value: (r) => r.serviceItemName },
  { header: '受理渠道', width: 10, value: (r) => word(CHANNEL, r.channel) },
  { header: '状态', width: 12, value: (r) => word(REQUEST_STATUS, r.status) },
  { header: '申请人', width: 10, value: (r) => r.requesterName },
  // the list masks the phone for everyone, the handler too (toView's inList); so does the file
  { header: '联系电话', width: 14, value: (r) => r.requesterPhone },
  { header: '身份证号', width: 20, value: (r) => r.requesterIdNumber },
  { header: '所属区划', width: 18, value: (r) => r.regionName },
  { header: '诉求内容', width: 40, value: (r) => r.description },
  { header: '受理站点', width: 26, value: (r) => r.receivedSite?.name },
  { header: '办理单位', width: 26, value: (r) => r.handlerSite?.name },
  { header: '办理人', width: 12, value: (r) => r.handler?.name },
  { header: '受理时间', width: 17, value: (r) => beijingTime(r.createdAt) },
  { header: '办理期限', width: 12, value: (r) => (r.dueAt ? lastDayOf(new Date(r.dueAt)) : '') },
  { header: '期限状态', width: 10, value: (r) => (r.dueAt && r.status !== 'concluded' ? word(DUE_STATE, r.dueState) : '') },
  { header: '办结时间', width: 17, value: (r) => beijingTime(r.concludedAt) },
  { header: '办理结果', width: 40, value: (r) => r.result },
];

/** 工单台账: the queue and query of 工单办理, in scope, phones and ID numbers masked. */
export async function exportRequests(deps: RequestDeps, actor: Actor, filter: Omit<QueueFilter, 'limit' | 'offset'>) {
  const { items, total } = await listRequests(deps, actor, { ...filter, limit: EXPORT_CAP, offset: 0 });
  return listWorkbook(deps.db, actor, { list: 'requests', title: '工单台账', columns: COLUMNS, rows: items, total, filter });
}
