import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../auth/actor.js';
import { audit } from '../audit/audit.service.js';
import { maskNumbersIn } from '../privacy/mask-text.js';
import { beijing } from '../requests/export.service.js';

/*
 * Every workbench list exports what it shows: the same filter, all its pages up to EXPORT_CAP rows, as an .xlsx the
 * county opens in Excel or WPS. The list's own service makes the rows (so scope, filters and the masking of its
 * view apply unchanged); this file turns rows and columns into the workbook and writes the audit row.
 */

/** The most rows one export holds; a larger filter gets the first EXPORT_CAP and a line saying so. */
export const EXPORT_CAP = 10_000;
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type CellValue = string | number | null | undefined;

export interface Column<T> {
  header: string;
  /** in characters (Excel's unit) */
  width?: number;
  value: (row: T) => CellValue;
}

export interface ListExport<T> {
  /** the list's name: the audit action is `export.<list>` */
  list: string;
  /** the sheet's name and the file's */
  title: string;
  columns: readonly Column<T>[];
  rows: readonly T[];
  /** how many rows the filter holds: more than rows.length when the cap cut it */
  total: number;
  /** false when the list only knows there are more (a list paged without a count): total is then rows + 1 */
  exact?: boolean;
  /** the filter as asked, for the audit row */
  filter: object;
}

export interface ExportFile {
  body: Buffer;
  fileName: string;
  rows: number;
  /** null when the list does not count its rows */
  total: number | null;
  /** the cap cut the filter's rows */
  capped: boolean;
}

/**
 * A phone or ID number typed into free text (a description, a summary, grounds) is masked in every cell, whatever
 * the list's view did: a file leaves the system, the full values never do.
 */
const cell = (v: CellValue): string | number => (typeof v === 'number' ? v : v ? maskNumbersIn(v) : '');

/** Excel refuses a sheet name over 31 characters or with []:*?/\ */
const sheetName = (title: string) => title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);

/** The rows as a workbook with a bold, frozen header row; one audit row says who took which list with what filter. */
export async function listWorkbook<T>(db: Kysely<DB>, actor: Actor, spec: ListExport<T>): Promise<ExportFile> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'LegalHub 公共法律服务平台';
  const ws = wb.addWorksheet(sheetName(spec.title), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = spec.columns.map((c, i) => ({ header: c.header, key: String(i), width: c.width ?? 14 }));
  ws.getRow(1).font = { bold: true };
  for (const row of spec.rows) ws.addRow(spec.columns.map((c) => cell(c.value(row))));
  const capped = spec.total > spec.rows.length;
  if (capped)
    ws.addRow([
      spec.exact === false
        ? `（超过 ${spec.rows.length} 条，本表导出前 ${spec.rows.length} 条，请缩小查询范围后分批导出）`
        : `（共 ${spec.total} 条，本表导出前 ${spec.rows.length} 条，请缩小查询范围后分批导出）`,
    ]);
  await audit(db, actor, {
    action: `export.${spec.list}`,
    entityType: 'export',
    entityId: spec.list,
    regionCode: actor.regionCode,
    after: { filter: spec.filter, rows: spec.rows.length, ...(spec.exact === false ? { capped } : { total: spec.total }) },
  });
  return {
    body: Buffer.from(await wb.xlsx.writeBuffer()),
    fileName: `${spec.title}.xlsx`,
    rows: spec.rows.length,
    total: spec.exact === false ? null : spec.total,
    capped,
  };
}

/** The file as a download; `x-export-rows`, `x-export-total` and `x-export-capped` tell the workbench what the cap cut. */
export function sendExport(reply: FastifyReply, file: ExportFile) {
  reply
    .header('content-type', XLSX_TYPE)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
    .header('cache-control', 'no-store')
    .header('x-export-rows', String(file.rows))
    .header('x-export-capped', file.capped ? '1' : '0');
  if (file.total !== null) reply.header('x-export-total', String(file.total));
  return reply.send(file.body);
}

/** 张三 → 张*, 欧阳娜娜 → 欧**娜: how the legal aid lists show an applicant's name. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return name;
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** A time as Beijing's clock shows it, to the minute: 2026-05-01 09:30 ('' for none). */
export const beijingTime = (iso: string | null | undefined) => beijing(iso ?? null);

/** The day in Beijing: 2026-05-01. */
export const beijingDay = (iso: string | null | undefined) => beijingTime(iso).slice(0, 10);
