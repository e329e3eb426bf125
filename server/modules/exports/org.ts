import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { requirePermission, type Actor } from '../auth/actor.js';
import { listAudit } from '../audit/audit.service.js';
import type { AuditQuery } from '../audit/audit.repository.js';
import { isPost } from '../auth/permissions.js';
import { listSites, type SiteFilter, type SiteView } from '../org/sites.service.js';
import { listStaff, type StaffFilter, type StaffView } from '../org/staff.service.js';
import { POST_LABELS } from '../org/staff-import.js';
import { listServiceItems, type ServiceItemView } from '../requests/catalogue.service.js';
import { CHANNEL } from '../requests/export.service.js';
import { EXPORT_CAP, beijingTime, listWorkbook, type Column } from './list-export.js';
import { ITEM_CATEGORY, SITE_KIND, SITE_LEVEL, word, yesNo } from './words.js';

const SITE_COLUMNS: Column<SiteView>[] = [
  { header: '站点名称', width: 30, value: (s) => s.name },
  { header: '类型', width: 18, value: (s) => word(SITE_KIND, s.kind) },
  { header: '所属镇（街道）', width: 16, value: (s) => s.townName },
  { header: '区划代码', width: 14, value: (s) => s.regionCode },
  { header: '地址', width: 36, value: (s) => s.address },
  { header: '开放时间', width: 30, value: (s) => s.openingHours },
  // the site's public phone, as the portal shows it to everyone
  { header: '联系电话', width: 16, value: (s) => s.phone },
  { header: '门户公开', width: 9, value: (s) => yesNo(s.isPublic, '公开', '不公开') },
];

/** 站点管理: the sites of my area, narrowed by the tree and the query. */
export async function exportSites(db: Kysely<DB>, actor: Actor, filter: Omit<SiteFilter, 'limit' | 'offset'>) {
  const { items, total } = await listSites(db, { ...filter, limit: EXPORT_CAP, offset: 0 }, actor);
  return listWorkbook(db, actor, { list: 'sites', title: '服务站点', columns: SITE_COLUMNS, rows: items, total, filter });
}

const STAFF_COLUMNS: Column<StaffView>[] = [
  { header: '姓名', width: 10, value: (s) => s.displayName },
  { header: '用户名', width: 16, value: (s) => s.username },
  // masked by the staff list itself; the full number only through the audited reveal
  { header: '联系电话', width: 14, value: (s) => s.phone },
  { header: '所属站点', width: 30, value: (s) => s.siteName },
  { header: '岗位', width: 24, value: (s) => s.posts.map((p) => (isPost(p) ? POST_LABELS[p] : p)).join('、') },
  { header: '状态', width: 8, value: (s) => yesNo(s.status === 'active', '在用', '已停用') },
  { header: '已锁定', width: 8, value: (s) => (s.lockedUntil ? '是' : '') },
  { header: '须改密码', width: 9, value: (s) => (s.mustChangePassword ? '是' : '') },
  { header: '最近登录', width: 17, value: (s) => beijingTime(s.lastLoginAt) },
];

/** 人员管理: the staff of my area, phones masked. */
export async function exportStaff(db: Kysely<DB>, actor: Actor, filter: Omit<StaffFilter, 'limit' | 'offset'>) {
  const { items, total } = await listStaff(db, actor, { ...filter, limit: EXPORT_CAP, offset: 0 });
  return listWorkbook(db, actor, { list: 'staff', title: '工作人员', columns: STAFF_COLUMNS, rows: items, total, filter });
}

type AuditRow = Awaited<ReturnType<typeof listAudit>>['items'][number];

/** A snapshot as one line of JSON, cut where a cell would become unreadable. */
const snapshot = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v).slice(0, 2000));

const AUDIT_COLUMNS: Column<AuditRow>[] = [
  { header: '时间', width: 17, value: (a) => beijingTime(a.at) },
  { header: '操作人', width: 16, value: (a) => a.actorUsername },
  { header: '操作', width: 24, value: (a) => a.action },
  { header: '对象类型', width: 16, value: (a) => a.entityType },
  { header: '对象编号', width: 38, value: (a) => a.entityId },
  { header: '区划代码', width: 14, value: (a) => a.regionCode },
  { header: '变更前', width: 40, value: (a) => snapshot(a.before) },
  { header: '变更后', width: 40, value: (a) => snapshot(a.after) },
  { header: 'IP 地址', width: 16, value: (a) => a.ip },
  { header: '请求编号', width: 20, value: (a) => a.requestId },
];

/** 审计日志: the rows of the query in my scope, newest first. */
export async function exportAudit(db: Kysely<DB>, actor: Actor, filter: Omit<AuditQuery, 'scopePattern' | 'limit' | 'offset'>) {
  const { items, total } = await listAudit(db, actor, { ...filter, limit: EXPORT_CAP, offset: 0 });
  return listWorkbook(db, actor, { list: 'audit', title: '审计日志', columns: AUDIT_COLUMNS, rows: items, total, filter });
}

const limitText = (p: ServiceItemView['timeLimit']) =>
  p.days === 0 ? '当场办结' : `${p.days} 个${p.unit === 'working' ? '工作日' : '自然日'}（到期前 ${p.dueSoonDays} 天提示）`;

const ITEM_COLUMNS: Column<ServiceItemView>[] = [
  { header: '事项名称', width: 16, value: (i) => i.name },
  { header: '事项编码', width: 16, value: (i) => i.code },
  { header: '类别', width: 10, value: (i) => word(ITEM_CATEGORY, i.category) },
  { header: '简介', width: 40, value: (i) => i.summary },
  { header: '可办理层级', width: 22, value: (i) => i.levels.map((l) => word(SITE_LEVEL, l)).join('、') },
  { header: '承办单位', width: 24, value: (i) => i.handlingUnit },
  { header: '办理时限', width: 24, value: (i) => limitText(i.timeLimit) },
  { header: '受理渠道', width: 36, value: (i) => i.channels.map((c) => word(CHANNEL, c)).join('、') },
  { header: '状态', width: 8, value: (i) => yesNo(i.active, '启用', '暂停') },
];

/** 服务事项清单: the catalogue as the page lists it (suspended items too, for those who may switch them back on). */
export async function exportServiceItems(db: Kysely<DB>, actor: Actor, filter: { includeInactive?: boolean | undefined }) {
  requirePermission(actor, 'org.read');
  if (filter.includeInactive) requirePermission(actor, 'org.manage');
  const rows = await listServiceItems(db, filter.includeInactive ?? false);
  return listWorkbook(db, actor, { list: 'serviceItems', title: '服务事项清单', columns: ITEM_COLUMNS, rows, total: rows.length, filter });
}
