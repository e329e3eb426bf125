import type { Kysely } from 'kysely';
import type { CalendarDayKind, DB } from '../../db/schema.js';
import { AppError, notFound } from '../../http/errors.js';
import { requirePermission, type Actor } from '../auth/actor.js';
import { audit } from '../audit/audit.service.js';
import { FIRST_CALENDAR_YEAR, packageSource } from './calendar-package.js';
import { allEntries, countsByYear, deleteDay, findDay, listDaysBetween, upsertDay, type CalendarDayRow } from './calendar.repository.js';
import { dayOf, isWeekend, parseDay, startOfDay, yearOf, type Day } from './days.js';
import { buildCalendar, computeDeadline, type Calendar, type Unit } from './rules.js';

export interface CalendarDayView {
  date: Day;
  kind: CalendarDayKind;
  name: string;
  source: string;
  updatedAt: string;
}

function toView(row: CalendarDayRow): CalendarDayView {
  return { date: row.date, kind: row.kind, name: row.name, source: row.source, updatedAt: new Date(row.updatedAt).toISOString() };
}

/** A day the caller sent, or a 400 naming the field. */
export function requireDay(text: string, field: string): Day {
  const day = parseDay(text);
  if (!day) throw new AppError('CALENDAR_DATE_INVALID', { field, value: text.slice(0, 40) });
  return day;
}

/** The calendar is national: only a county-level administrator edits it, never a town's. */
function requireCalendarAdmin(actor: Actor): void {
  requirePermission(actor, 'org.manage');
  if (actor.regionCode.length !== 6) throw new AppError('FORBIDDEN', { permission: 'org.manage', scope: 'county' });
}

/** The whole calendar, for the rules. The request module loads it when it computes a due date. */
export async function loadCalendar(db: Kysely<DB>): Promise<Calendar> {
  return buildCalendar(await allEntries(db));
}

export async function getCalendarYear(db: Kysely<DB>, year: number) {
  const rows = await listDaysBetween(db, `${year}-01-01`, `${year}-12-31`);
  return { year, official: rows.length > 0, days: rows.map(toView) };
}

export interface CalendarYearView {
  year: number;
  official: boolean;
  sources: string[];
  holidays: number;
  workdays: number;
}

/**
 * The years the calendar holds, with where their days came from, and the years it should hold but does
 * not: every year from the first one counted through next year (Asia/Shanghai), since a request accepted
 * late in the year runs into the next.
 */
export async function listCalendarYears(db: Kysely<DB>, now = new Date()) {
  const byYear = new Map<number, CalendarYearView>();
  for (const c of await countsByYear(db)) {
    const y = byYear.get(c.year) ?? { year: c.year, official: true, sources: [], holidays: 0, workdays: 0 };
    if (!y.sources.includes(c.source)) y.sources.push(c.source);
    if (c.kind === 'holiday') y.holidays += c.n;
    else y.workdays += c.n;
    byYear.set(c.year, y);
  }
  const missing: number[] = [];
  for (let year = FIRST_CALENDAR_YEAR; year <= yearOf(dayOf(now)) + 1; year++) {
    if (byYear.has(year)) continue;
    missing.push(year);
    byYear.set(year, { year, official: false, sources: [], holidays: 0, workdays: 0 });
  }
  return {
    packageSource: packageSource(),
    years: [...byYear.values()].sort((a, b) => a.year - b.year),
    missing,
  };
}

/** Sets one day (adds it, or changes what the package or another admin put there). Audited. */
export async function setCalendarDay(db: Kysely<DB>, actor: Actor, dateText: string, input: { kind: CalendarDayKind; name: string }) {
  requireCalendarAdmin(actor);
  const date = requireDay(dateText, 'date');
  if (input.kind === 'workday' && !isWeekend(date)) throw new AppError('CALENDAR_WORKDAY_NOT_WEEKEND', { date });
  const name = input.name.trim();
  if (!name) throw new AppError('VALIDATION_FAILED', [{ field: 'body/name', problem: 'must not be blank' }]);
  return db.transaction().execute(async (trx) => {
    const before = await findDay(trx, date, true);
    await upsertDay(trx, { date, kind: input.kind, name, source: 'admin', updatedBy: actor.id });
    await audit(trx, actor, {
      action: 'calendar.set',
      entityType: 'calendarDay',
      entityId: date,
      regionCode: null,
      before: before ? { kind: before.kind, name: before.name, source: before.source } : null,
      after: { kind: input.kind, name, source: 'admin' },
    });
    const after = await findDay(trx, date);
    if (!after) throw new Error(`calendar day ${date} vanished inside its own transaction`);
    return toView(after);
  });
}

/** Removes one day, so that it follows the plain week again. Audited; 404 when the day has no entry. */
export async function deleteCalendarDay(db: Kysely<DB>, actor: Actor, dateText: string): Promise<void> {
  requireCalendarAdmin(actor);
  const date = requireDay(dateText, 'date');
  await db.transaction().execute(async (trx) => {
    const before = await findDay(trx, date, true);
    if (!before || (await deleteDay(trx, date)) !== 1) throw notFound();
    await audit(trx, actor, {
      action: 'calendar.delete',
      entityType: 'calendarDay',
      entityId: date,
      regionCode: null,
      before: { kind: before.kind, name: before.name, source: before.source },
    });
  });
}

/** The last day and due instant that a limit of `days` (working or calendar) gives when counted from `from`. */
export async function dueDateFrom(db: Kysely<DB>, query: { from: string; days: number; unit: Unit }) {
  const from = requireDay(query.from, 'from');
  const deadline = computeDeadline(await loadCalendar(db), { unit: query.unit, days: query.days, dueSoonDays: 0 }, startOfDay(from));
  if (!deadline.dueAt || !deadline.lastDay) throw new Error('a deadline without pauses always has a due instant');
  return {
    from,
    days: query.days,
    unit: query.unit,
    lastDay: deadline.lastDay,
    dueAt: deadline.dueAt.toISOString(),
    provisional: deadline.provisional,
  };
}
