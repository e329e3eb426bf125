import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { audit } from '../audit/audit.service.js';
import { insertDaysIfAbsent, yearsWithDays } from './calendar.repository.js';
import { isWeekend, parseDay, yearOf, type Day } from './days.js';
import type { DayKind } from './rules.js';

/** The platform's calendar starts here: nothing before it is counted, so older years are not loaded. */
export const FIRST_CALENDAR_YEAR = 2024;

export interface SourceDay {
  date: Day;
  kind: DayKind;
  name: string;
}

export interface PackageCalendar {
  /** `chinese-days@<version>`, stored as each row's source */
  source: string;
  /** year → its days, for every year from FIRST_CALENDAR_YEAR that the package holds */
  years: Map<number, SourceDay[]>;
  /** entries that cannot be right (a worked weekday, a date outside its file's year): left out */
  rejected: string[];
}

interface YearFile {
  holidays?: Record<string, string>;
  workdays?: Record<string, string>;
  inLieuDays?: Record<string, string>;
}

/** "Spring Festival,春节,4" (English, Chinese, length in days) → 春节 */
function chineseName(value: string): string {
  const parts = value.split(',');
  return (parts.length >= 2 ? parts[1] : value)?.trim() ?? '';
}

function yearDays(year: number, file: YearFile, rejected: string[]): SourceDay[] {
  const days: SourceDay[] = [];
  const take = (date: string, kind: DayKind, name: string) => {
    const day = parseDay(date);
    if (!day || yearOf(day) !== year) rejected.push(`${year}: ${date} is not a date of that year`);
    else if (kind === 'workday' && !isWeekend(day)) rejected.push(`${year}: ${date} is a weekday listed as a make-up working day`);
    else days.push({ date: day, kind, name });
  };
  const inLieu = file.inLieuDays ?? {};
  // a day off in lieu (调休) is also listed among the holidays; its name says it was swapped
  for (const [date, value] of Object.entries(file.holidays ?? {})) {
    take(date, 'holiday', date in inLieu ? `${chineseName(value)}（调休）` : chineseName(value));
  }
  for (const [date, value] of Object.entries(file.workdays ?? {})) take(date, 'workday', `${chineseName(value)}（调休上班）`);
  return days.sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * Reads the State Council's arrangements that the `chinese-days` package ships, one JSON file per published
 * year (`dist/years/<year>.json`: `holidays`, `workdays`, `inLieuDays`). A year appears there only once it
 * is published, so a missing file is a year without an official arrangement.
 */
export function readPackageCalendar(firstYear = FIRST_CALENDAR_YEAR): PackageCalendar {
  const dir = path.join(path.dirname(manifestPath()), 'dist', 'years');
  const rejected: string[] = [];
  const years = new Map<number, SourceDay[]>();
  for (const file of readdirSync(dir).sort()) {
    const m = /^(\d{4})\.json$/.exec(file);
    const year = Number(m?.[1]);
    if (!m || year < firstYear) continue;
    const data = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as YearFile;
    years.set(year, yearDays(year, data, rejected));
  }
  return { source: packageSource(), years, rejected };
}

function manifestPath(): string {
  return createRequire(import.meta.url).resolve('chinese-days/package.json');
}

let source: string | undefined;
/** `chinese-days@<version>`: the installed package, the source its rows are stored with. */
export function packageSource(): string {
  if (!source) {
    const { version } = JSON.parse(readFileSync(manifestPath(), 'utf8')) as { version: string };
    source = `chinese-days@${version}`;
  }
  return source;
}

export interface CalendarLoadReport {
  source: string;
  /** years written now */
  loaded: number[];
  /** years the package holds that the table already had (left as they are) */
  kept: number[];
  rejected: string[];
}

/**
 * Loads every package year that the table does not have yet. Safe to call at every start and from several
 * instances at once. A year that already has any day is left alone, whoever wrote it: so an administrator's
 * edits and deletions survive, and a year an administrator entered before the package shipped it stays theirs.
 * The price: a correction a newer package makes to a year already loaded is not applied; an administrator
 * edits that day.
 */
export async function loadCalendarFromPackage(db: Kysely<DB>, pkg: PackageCalendar = readPackageCalendar()): Promise<CalendarLoadReport> {
  return db.transaction().execute(async (trx) => {
    const present = new Set(await yearsWithDays(trx));
    const loaded: number[] = [];
    const kept: number[] = [];
    for (const [year, days] of pkg.years) {
      if (present.has(year) || days.length === 0) {
        kept.push(year);
        continue;
      }
      await insertDaysIfAbsent(
        trx,
        days.map((d) => ({ ...d, source: pkg.source })),
      );
      loaded.push(year);
    }
    if (loaded.length > 0) {
      await audit(
        trx,
        null,
        { action: 'calendar.load', entityType: 'calendar', entityId: pkg.source, regionCode: null, after: { years: loaded } },
        { ip: '', requestId: '', username: 'system' },
      );
    }
    return { source: pkg.source, loaded, kept, rejected: pkg.rejected };
  });
}
