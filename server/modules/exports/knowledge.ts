import type { Kysely } from 'kysely';
import type { DB, KbKind, KbStatus } from '../../db/schema.js';
import type { Actor } from '../auth/actor.js';
import { listEntriesForStaff } from '../knowledge/entries.service.js';
import { EXPORT_CAP, beijingTime, listWorkbook, type Column } from './list-export.js';
import { KB_KIND, KB_ORIGIN, KB_STATUS, word } from './words.js';

type Entry = Awaited<ReturnType<typeof listEntriesForStaff>>['items'][number];

export interface EntryFilter {
  status?: KbStatus | undefined;
  kind?: KbKind | undefined;
  origin?: string | undefined;
  q?: string | undefined;
}

const ENTRY_COLUMNS: Column<Entry>[] = [
  { header: '编号', width: 8, value: (e) => e.id },
  { header: '标题', width: 48, value: (e) => e.title },
  { header: '类别', width: 10, value: (e) => word(KB_KIND, e.kind) },
  { header: '状态', width: 10, value: (e) => word(KB_STATUS, e.status) },
  { header: '来源', width: 12, value: (e) => word(KB_ORIGIN, e.origin) },
  { header: '解答人', width: 16, value: (e) => e.answerBy },
  { header: '许可', width: 16, value: (e) => e.license },
  { header: '更新时间', width: 17, value: (e) => beijingTime(e.updatedAt) },
  { header: '发布时间', width: 17, value: (e) => beijingTime(e.publishedAt) },
];

/** 问答与指南: the tab and query of the editors' list. */
export async function exportKnowledgeEntries(db: Kysely<DB>, actor: Actor, filter: EntryFilter) {
  const { items, total } = await listEntriesForStaff(db, actor, { ...filter, page: 1, pageSize: EXPORT_CAP });
  return listWorkbook(db, actor, { list: 'knowledgeEntries', title: '问答与指南', columns: ENTRY_COLUMNS, rows: items, total, filter });
}
