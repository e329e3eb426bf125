import { sql, type Kysely } from 'kysely';
import type { CalendarDayKind, DB } from '../../db/schema.js';
import type { Day } from './days.js';

/** PGlite reads a `date` as a JS Date at UTC midnight, pg as text: read it as text on both. */
const dateText = sql<string>`to_char(date, 'YYYY-MM-DD')`;
const yearOfDate = sql<number>`cast(extract(year from date) as integer)`;

export interface CalendarDayRow {
  date: Day;
  kind: CalendarDayKind;
  name: string;
  source: string;
  updatedAt: Date;
  updatedBy: string | null;
}

function selectDays(db: Kysely<DB>) {
  return db
    .selectFrom('calendar_days')
    .select([dateText.as('date'), 'kind', 'name', 'source', 'updated_at as updatedAt', 'updated_by as updatedBy']);
}

export function listDaysBetween(db: Kysely<DB>, from: Day, to: Day): Promise<CalendarDayRow[]> {
  return selectDays(db).where('date', '>=', from).where('date', '<=', to).orderBy('calendar_days.date').execute();
}

/** Every row's date and kind: the whole table is a few dozen rows a year. */
export function allEntries(db: Kysely<DB>): Promise<{ date: Day; kind: CalendarDayKind }[]> {
  return db
    .selectFrom('calendar_days')
    .select([dateText.as('date'), 'kind'])
    .orderBy('calendar_days.date')
    .execute();
}

export async function findDay(db: Kysely<DB>, date: Day, forUpdate = false): Promise<CalendarDayRow | undefined> {
  const q = selectDays(db).where('date', '=', date);
  return (forUpdate ? q.forUpdate() : q).executeTakeFirst();
}

export async function yearsWithDays(db: Kysely<DB>): Promise<number[]> {
  const rows = await db.selectFrom('calendar_days').select(yearOfDate.as('year')).distinct().execute();
  return rows.map((r) => Number(r.year));
}

export interface YearCount {
  year: number;
  source: string;
  kind: CalendarDayKind;
  n: number;
}

export async function countsByYear(db: Kysely<DB>): Promise<YearCount[]> {
  const rows = await db
    .selectFrom('calendar_days')
    .select([yearOfDate.as('year'), 'source', 'kind', sql<number>`cast(count(*) as integer)`.as('n')])
    .groupBy([yearOfDate, 'source', 'kind'])
    .orderBy(yearOfDate)
    .execute();
  return rows.map((r) => ({ ...r, year: Number(r.year), n: Number(r.n) }));
}

export async function insertDaysIfAbsent(
  db: Kysely<DB>,
  days: { date: Day; kind: CalendarDayKind; name: string; source: string }[],
): Promise<void> {
  if (days.length === 0) return;
  await db
    .insertInto('calendar_days')
    .values(days)
    .onConflict((oc) => oc.column('date').doNothing())
    .execute();
}

export async function upsertDay(
  db: Kysely<DB>,
  day: { date: Day; kind: CalendarDayKind; name: string; source: string; updatedBy: string },
): Promise<void> {
  const set = { kind: day.kind, name: day.name, source: day.source, updated_by: day.updatedBy, updated_at: sql<Date>`now()` };
  await db
    .insertInto('calendar_days')
    .values({ date: day.date, ...set })
    .onConflict((oc) => oc.column('date').doUpdateSet(set))
    .execute();
}

export async function deleteDay(db: Kysely<DB>, date: Day): Promise<number> {
  const result = await db.deleteFrom('calendar_days').where('date', '=', date).executeTakeFirst();
  return Number(result.numDeletedRows);
}
