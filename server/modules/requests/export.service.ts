import ExcelJS from 'exceljs';
import type { Actor } from '../auth/actor.js';
import { audit } from '../audit/audit.service.js';
import { lastDayOf } from './due-scanner.js';
import { maskPhone } from '../org/mask.js';
import { listRequests, type QueueFilter, type RequestDeps } from './requests.service.js';
import { formatTrackingNo } from './tracking-no.js';

export const MAX_EXPORT_ROWS = 5000;

const STATUS: Record<string, string> = {
  submitted: '已受理待分流',
  dispatched: '已分流待接收',
  accepted: '办理中',
  awaitingMaterials: '补正材料中',
  concluded: '已办结',
  withdrawn: '已撤回',
};
/** How a request reached us, in the words of the county's ledgers (also the citizen's copy). */
export const CHANNEL: Record<string, string> = {
  walk_in: '窗口来访',
  hotline: '12348热线',
  letter: '来信',
  web: '网上申请',
  wechat: '微信',
  kiosk: '自助终端',
  gov_hotline_12345: '12345转办',
  referral: '部门转介',
};

/** A time as Beijing's clock shows it, to the minute: 2026-05-01 09:30 ('' for none). */
export const beijing = (iso: string | null) =>
  iso ? new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ') : '';

/**
 * The request ledger (工单台账) as an .xlsx the county opens in Excel or WPS: the queue the actor chose, in
 * scope, with phones and ID numbers always masked (an export leaves the system; the full values never do).
 */
export async function exportRequests(deps: RequestDeps, actor: Actor, filter: Omit<QueueFilter, 'limit' | 'offset'>): Promise<Buffer> {
  const { items, total } = await listRequests(deps, actor, { ...filter, limit: MAX_EXPORT_ROWS, offset: 0 });
  const wb = new ExcelJS.Workbook();
  wb.creator = 'LegalHub 公共法律服务平台';
  const ws = wb.addWorksheet('工单台账', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: '受理编号', key: 'no', width: 18 },
    { header: '服务事项', key: 'item', width: 12 },
    { header: '受理渠道', key: 'channel', width: 10 },
    { header: '状态', key: 'status', width: 12 },
    { header: '申请人', key: 'name', width: 10 },
    { header: '联系电话', key: 'phone', width: 14 },
    { header: '身份证号', key: 'id', width: 20 },
    { header: '所属区划', key: 'region', width: 18 },
    { header: '诉求内容', key: 'description', width: 40 },
    { header: '受理站点', key: 'received', width: 26 },
    { header: '办理单位', key: 'handlerSite', width: 26 },
    { header: '办理人', key: 'handler', width: 12 },
    { header: '受理时间', key: 'created', width: 17 },
    { header: '办理期限', key: 'due', width: 12 },
    { header: '办结时间', key: 'concluded', width: 17 },
    { header: '办理结果', key: 'result', width: 40 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const r of items) {
    ws.addRow({
      no: formatTrackingNo(r.trackingNo),
      item: r.serviceItemName,
      channel: CHANNEL[r.channel] ?? r.channel,
      status: STATUS[r.status] ?? r.status,
      name: r.requesterName,
      // the view shows the full phone to the person handling it; an export never does
      phone: maskPhone(r.requesterPhone),
      id: r.requesterIdNumber ?? '',
      region: r.regionName,
      description: r.description,
      received: r.receivedSite?.name ?? '',
      handlerSite: r.handlerSite?.name ?? '',
      handler: r.handler?.name ?? '',
      created: beijing(r.createdAt),
      due: r.dueAt ? lastDayOf(new Date(r.dueAt)) : '',
      concluded: beijing(r.concludedAt),
      result: r.result ?? '',
    });
  }
  if (total > items.length) ws.addRow({ no: `（共 ${total} 条，本表导出前 ${items.length} 条，请缩小查询范围）` });
  await audit(deps.db, actor, {
    action: 'request.export',
    entityType: 'serviceRequest',
    entityId: '',
    regionCode: actor.regionCode,
    after: { queue: filter.queue, rows: items.length },
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
