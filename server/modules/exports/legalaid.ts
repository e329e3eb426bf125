import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../auth/actor.js';
import { maskPhone } from '../org/mask.js';
import { listCases, type AidCaseFilter } from '../legalaid/cases.service.js';
import { listObjections, type ObjectionFilter } from '../legalaid/objection-list.js';
import { listProviders, type ProviderView } from '../legalaid/providers.service.js';
import { MATTER_CATEGORIES, PROVIDER_KINDS, type MatterCategory, type ProviderKind } from '../legalaid/rules.js';
import { lastDayOf } from '../requests/due-scanner.js';
import type { RequestDeps } from '../requests/requests.service.js';
import { formatTrackingNo } from '../requests/tracking-no.js';
import { EXPORT_CAP, beijingDay, beijingTime, listWorkbook, maskName, type Column } from './list-export.js';
import { AID_STAGE, DUE_STATE, OBJECTION_AGAINST, OBJECTION_DECISION, OBJECTION_VIA, word, yesNo } from './words.js';

type CaseRow = Awaited<ReturnType<typeof listCases>>['items'][number] & { regionName: string };
type ObjectionRow = Awaited<ReturnType<typeof listObjections>>['items'][number];

const due = (iso: string | null) => (iso ? lastDayOf(new Date(iso)) : '');

async function regionNames(db: Kysely<DB>, codes: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(codes)];
  if (!unique.length) return new Map();
  const rows = await db.selectFrom('regions').select(['code', 'name']).where('code', 'in', unique).execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}

const CASE_COLUMNS: Column<CaseRow>[] = [
  { header: '案号', width: 20, value: (c) => c.caseNo },
  { header: '受理编号', width: 18, value: (c) => formatTrackingNo(c.trackingNo) },
  // the list shows the applicant's name and phone masked (a case file is more sensitive than a request)
  { header: '申请人', width: 10, value: (c) => maskName(c.applicantName) },
  { header: '联系电话', width: 14, value: (c) => c.phoneMasked },
  { header: '申请事项', width: 30, value: (c) => word(MATTER_CATEGORIES, c.matterCategory) },
  { header: '办理阶段', width: 12, value: (c) => word(AID_STAGE, c.stage) },
  { header: '先行援助', width: 9, value: (c) => (c.earlyAid ? '是' : '') },
  { header: '本阶段期限', width: 12, value: (c) => due(c.dueAt) },
  { header: '期限状态', width: 10, value: (c) => (c.dueAt ? word(DUE_STATE, c.dueState) : '') },
  { header: '所属区划', width: 20, value: (c) => c.regionName },
  { header: '办理站点', width: 26, value: (c) => c.siteName },
  { header: '承办人员', width: 12, value: (c) => c.providerName },
  { header: '申请日期', width: 12, value: (c) => beijingDay(c.createdAt) },
];

/** 法律援助案件: the queue and query of the case list, in scope, names and phones masked as the list shows them. */
export async function exportAidCases(deps: RequestDeps, actor: Actor, filter: Omit<AidCaseFilter, 'page' | 'pageSize'>) {
  const { items, total } = await listCases(deps, actor, { ...filter, page: 1, pageSize: EXPORT_CAP });
  const names = await regionNames(
    deps.db,
    items.map((c) => c.regionCode),
  );
  const rows = items.map((c) => ({ ...c, regionName: names.get(c.regionCode) ?? c.regionCode }));
  return listWorkbook(deps.db, actor, { list: 'aidCases', title: '法律援助案件', columns: CASE_COLUMNS, rows, total, filter });
}

const OBJECTION_COLUMNS: Column<ObjectionRow>[] = [
  { header: '案号', width: 20, value: (o) => o.caseNo },
  { header: '受理编号', width: 18, value: (o) => formatTrackingNo(o.trackingNo) },
  { header: '申请人', width: 10, value: (o) => maskName(o.applicantName) },
  { header: '联系电话', width: 14, value: (o) => o.phoneMasked },
  { header: '异议对象', width: 18, value: (o) => word(OBJECTION_AGAINST, o.against) },
  { header: '异议理由', width: 40, value: (o) => o.grounds },
  { header: '提出方式', width: 10, value: (o) => word(OBJECTION_VIA, o.filedVia) },
  { header: '提出时间', width: 17, value: (o) => beijingTime(o.filedAt) },
  { header: '审查期限', width: 12, value: (o) => due(o.dueAt) },
  { header: '期限状态', width: 10, value: (o) => (o.decision ? '' : word(DUE_STATE, o.dueState)) },
  { header: '审查决定', width: 12, value: (o) => word(OBJECTION_DECISION, o.decision) },
  { header: '决定理由', width: 40, value: (o) => o.decisionReason },
  { header: '审查人', width: 10, value: (o) => o.decidedBy },
  { header: '决定时间', width: 17, value: (o) => beijingTime(o.decidedAt) },
];

/** 异议审查: the tab shown (pending or decided), in the bureau's area. */
export async function exportObjections(deps: RequestDeps, actor: Actor, filter: Omit<ObjectionFilter, 'page' | 'pageSize'>) {
  const { items, total } = await listObjections(deps, actor, { ...filter, page: 1, pageSize: EXPORT_CAP });
  return listWorkbook(deps.db, actor, {
    list: 'aidObjections',
    title: filter.state === 'decided' ? '法律援助异议（已决定）' : '法律援助异议（待审查）',
    columns: OBJECTION_COLUMNS,
    rows: items,
    total,
    filter,
  });
}

export interface ProviderFilter {
  kind?: ProviderKind | undefined;
  matter?: MatterCategory | undefined;
  /** the list's default: those in the pool now */
  active?: 'active' | 'inactive' | 'all' | undefined;
  q?: string | undefined;
}

/** The filter of 法律援助人员库, which the page applies to the whole pool it loads. */
export function providerMatches(p: ProviderView, f: ProviderFilter): boolean {
  const text = f.q?.trim().toLowerCase() ?? '';
  const active = f.active ?? 'active';
  return (
    (!f.kind || p.kind === f.kind) &&
    (!f.matter || p.matterCategories.includes(f.matter)) &&
    (active === 'all' || p.active === (active === 'active')) &&
    (!text || p.name.toLowerCase().includes(text) || p.organisation.toLowerCase().includes(text))
  );
}

const PROVIDER_COLUMNS: Column<ProviderView>[] = [
  { header: '姓名', width: 10, value: (p) => p.name },
  { header: '类别', width: 20, value: (p) => word(PROVIDER_KINDS, p.kind) },
  { header: '执业机构 / 所在单位', width: 26, value: (p) => p.organisation },
  // shown in full to the center's staff on screen; a file that leaves the system carries it masked
  { header: '联系电话', width: 14, value: (p) => maskPhone(p.phone) },
  { header: '承办事项', width: 40, value: (p) => p.matterCategories.map((m) => word(MATTER_CATEGORIES, m)).join('、') },
  { header: '在办案件', width: 9, value: (p) => p.load },
  { header: '在办上限', width: 9, value: (p) => p.maxLoad },
  { header: '曾代理当事人', width: 24, value: (p) => p.priorClients.join('、') },
  { header: '工作台账号', width: 14, value: (p) => p.staff?.username },
  { header: '状态', width: 8, value: (p) => yesNo(p.active, '在册', '已停用') },
];

/** 法律援助人员库: the county's pool, filtered as on the page. */
export async function exportProviders(db: Kysely<DB>, actor: Actor, filter: ProviderFilter) {
  const rows = (await listProviders(db, actor, true)).filter((p) => providerMatches(p, filter));
  const shown = rows.slice(0, EXPORT_CAP);
  return listWorkbook(db, actor, {
    list: 'aidProviders',
    title: '法律援助人员库',
    columns: PROVIDER_COLUMNS,
    rows: shown,
    total: rows.length,
    filter,
  });
}
