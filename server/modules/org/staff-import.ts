import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import { inScope, requirePermission, type Actor } from '../auth/actor.js';
import { hashPassword } from '../auth/passwords.js';
import { isPost, POSTS, type Post } from '../auth/permissions.js';
import { insertStaff, temporaryPassword } from './staff.service.js';
import { normalizeRegionCode } from './region-codes.js';

/** The Chinese post names people write in a sheet, and our codes. */
export const POST_LABELS: Record<Post, string> = {
  reception: '综合接待岗',
  consultationDesk: '法律咨询岗',
  legalAidDesk: '法律援助岗',
  dutyLawyer: '值班律师',
  mediator: '调解员',
  villageAdviser: '村居法律顾问',
  legalLiaison: '法律明白人',
  supervisor: '督办',
  admin: '管理员',
};

const COLUMNS = {
  username: ['用户名', '账号', 'username'],
  displayName: ['姓名', 'name'],
  phone: ['手机号', '手机', '电话', 'phone'],
  site: ['站点', '所属站点', '区划代码', 'site'],
  posts: ['岗位', 'posts'],
} as const;
type Column = keyof typeof COLUMNS;

export const MAX_IMPORT_ROWS = 2000;

export interface RowProblem {
  row: number;
  field: Column | 'file';
  problem: string;
  problemEn: string;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    if ('text' in value && typeof value.text === 'string') return value.text.trim();
    if ('result' in value) return String(value.result ?? '').trim();
    if ('richText' in value)
      return value.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if (value instanceof Date) return value.toISOString();
  }
  return String(value).trim();
}

function parsePost(word: string): Post | undefined {
  const w = word.trim();
  if (isPost(w)) return w;
  return POSTS.find((p) => POST_LABELS[p] === w || POST_LABELS[p].replace(/岗$/, '') === w);
}

/** The template people fill in: the header row and one example. */
export async function staffImportTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('工作人员');
  ws.columns = [
    { header: '用户名', key: 'u', width: 20 },
    { header: '姓名', key: 'n', width: 12 },
    { header: '手机号', key: 'p', width: 16 },
    { header: '站点', key: 's', width: 34 },
    { header: '岗位', key: 'r', width: 30 },
  ];
  ws.addRow({ u: 'zhangsan', n: '张三', p: '13800000000', s: '十里镇公共法律服务工作站', r: '综合接待岗、法律援助岗' });
  ws.getRow(1).font = { bold: true };
  const help = wb.addWorksheet('说明');
  help.addRow(['站点：填写站点全称，或填写区划代码（村名相同时请用区划代码，如 411522101203）']);
  help.addRow([`岗位：可填多个，用顿号或逗号分隔。可选：${POSTS.map((p) => POST_LABELS[p]).join('、')}`]);
  help.addRow(['用户名：3–40 位字母、数字或 . _ -；留空时用手机号作为用户名']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

interface ParsedRow {
  row: number;
  username: string;
  displayName: string;
  phone: string;
  siteId: string;
  regionCode: string;
  posts: Post[];
}

/**
 * Imports staff from an .xlsx sheet. Every row is checked first; a single bad row means nothing is
 * imported and the answer lists every problem by row. Good files go in one transaction.
 */
export async function importStaff(db: Kysely<DB>, actor: Actor, file: Buffer) {
  requirePermission(actor, 'org.manage');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    throw new AppError('XLSX_UNREADABLE');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new AppError('XLSX_UNREADABLE');

  const header = ws.getRow(1);
  const index = new Map<Column, number>();
  header.eachCell((cell, col) => {
    const text = cellText(cell.value).toLowerCase();
    for (const [key, names] of Object.entries(COLUMNS) as [Column, readonly string[]][]) {
      if (names.some((n) => n.toLowerCase() === text)) index.set(key, col);
    }
  });
  const missing = (['displayName', 'site', 'posts'] as Column[]).filter((c) => !index.has(c));
  if (missing.length) {
    throw new AppError('STAFF_IMPORT_INVALID', {
      rows: missing.map((c) => ({ row: 1, field: c, problem: `缺少“${COLUMNS[c][0]}”列`, problemEn: `missing column "${COLUMNS[c][0]}"` })),
    });
  }

  const sites = await db
    .selectFrom('sites')
    .select(['id', 'name', 'region_code'])
    .where('region_code', 'like', `${actor.regionCode}%`)
    .execute();
  const sitesByName = new Map<string, (typeof sites)[number][]>();
  for (const s of sites) sitesByName.set(s.name, [...(sitesByName.get(s.name) ?? []), s]);
  const sitesByCode = new Map(sites.map((s) => [s.region_code, s]));
  const existing = new Set(
    (
      await db
        .selectFrom('staff')
        .select(sql<string>`lower(username)`.as('u'))
        .execute()
    ).map((r) => r.u),
  );

  const problems: RowProblem[] = [];
  const parsed: ParsedRow[] = [];
  const seen = new Map<string, number>();
  const last = ws.actualRowCount > 0 ? ws.rowCount : 0;
  if (last - 1 > MAX_IMPORT_ROWS) {
    throw new AppError('STAFF_IMPORT_INVALID', {
      rows: [
        { row: 0, field: 'file', problem: `一次最多导入 ${MAX_IMPORT_ROWS} 行`, problemEn: `at most ${MAX_IMPORT_ROWS} rows at a time` },
      ],
    });
  }
  for (let r = 2; r <= last; r++) {
    const row = ws.getRow(r);
    const get = (c: Column) => (index.has(c) ? cellText(row.getCell(index.get(c)!).value) : '');
    const values = {
      username: get('username'),
      displayName: get('displayName'),
      phone: get('phone').replace(/\s+/g, ''),
      site: get('site'),
      posts: get('posts'),
    };
    if (Object.values(values).every((v) => v === '')) continue;
    const bad = (field: Column, problem: string, problemEn: string) => problems.push({ row: r, field, problem, problemEn });

    if (!values.displayName || values.displayName.length > 40)
      bad('displayName', '姓名不能为空且不超过 40 字', 'name is required, at most 40 characters');
    if (values.phone && !/^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$/.test(values.phone))
      bad('phone', `手机号“${values.phone}”格式不正确`, `phone "${values.phone}" is not valid`);
    const username = values.username || values.phone;
    if (!username) bad('username', '用户名和手机号不能都为空', 'give a username or a phone number');
    else if (!/^[A-Za-z0-9][A-Za-z0-9._-]{2,39}$/.test(username))
      bad(
        'username',
        `用户名“${username}”只能包含 3–40 位字母、数字或 . _ -`,
        `username "${username}" must be 3–40 letters, digits, . _ -`,
      );
    else if (existing.has(username.toLowerCase())) bad('username', `用户名“${username}”已存在`, `username "${username}" already exists`);
    else if (seen.has(username.toLowerCase()))
      bad(
        'username',
        `用户名“${username}”与第 ${seen.get(username.toLowerCase())} 行重复`,
        `username "${username}" repeats row ${seen.get(username.toLowerCase())}`,
      );
    if (username) seen.set(username.toLowerCase(), r);

    let site: (typeof sites)[number] | undefined;
    const code = normalizeRegionCode(values.site);
    if (!values.site) bad('site', '站点不能为空', 'site is required');
    else if (/^[0-9]+$/.test(code)) {
      site = sitesByCode.get(code);
      if (!site)
        bad('site', `区划代码“${values.site}”不存在或不在您的管辖范围内`, `region code "${values.site}" is unknown or outside your area`);
    } else {
      const matches = sitesByName.get(values.site) ?? [];
      if (matches.length === 1) site = matches[0];
      else if (matches.length > 1)
        bad(
          'site',
          `有 ${matches.length} 个站点叫“${values.site}”，请改填区划代码`,
          `${matches.length} sites share the name "${values.site}"; use the region code`,
        );
      else bad('site', `站点“${values.site}”不存在或不在您的管辖范围内`, `site "${values.site}" is unknown or outside your area`);
    }
    if (site && !inScope(actor, site.region_code)) bad('site', '站点不在您的管辖范围内', 'site outside your area');

    const words = values.posts.split(/[、,，;；\s/]+/).filter(Boolean);
    const posts = words.map(parsePost);
    const unknown = words.filter((_, i) => !posts[i]);
    if (!words.length) bad('posts', '岗位不能为空', 'posts are required');
    else if (unknown.length) bad('posts', `无法识别的岗位：${unknown.join('、')}`, `unknown posts: ${unknown.join(', ')}`);

    if (site && username && words.length && !unknown.length) {
      parsed.push({
        row: r,
        username,
        displayName: values.displayName,
        phone: values.phone,
        siteId: site.id,
        regionCode: site.region_code,
        posts: [...new Set(posts as Post[])],
      });
    }
  }
  if (problems.length) throw new AppError('STAFF_IMPORT_INVALID', { rows: problems });
  if (!parsed.length) {
    throw new AppError('STAFF_IMPORT_INVALID', {
      rows: [{ row: 2, field: 'file', problem: '表格中没有数据行', problemEn: 'the sheet has no data rows' }],
    });
  }

  // hashing is slow and needs no lock: do it before the transaction
  const prepared = await Promise.all(
    parsed.map(async (p) => {
      const password = temporaryPassword();
      return { ...p, password, passwordHash: await hashPassword(password) };
    }),
  );
  await db.transaction().execute(async (trx) => {
    for (const p of prepared) {
      await insertStaff(trx, actor, { ...p, mustChange: true });
    }
  });
  return {
    created: prepared.map((p) => ({ row: p.row, username: p.username, displayName: p.displayName, temporaryPassword: p.password })),
  };
}
