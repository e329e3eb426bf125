/**
 * The time-limit rules (限时办结), pure: no database, no clock. A `Calendar` is built once from the
 * `calendar_days` rows; the request module calls `computeDeadline` when a request is accepted, paused (补正)
 * and resumed, and stores the answer — due dates are not recomputed on every read.
 *
 * The law followed:
 * - Civil Code art. 201: the day a period starts is not counted; counting begins the next day.
 * - Civil Code art. 203: when the last day of a period is a statutory holiday or rest day, the period ends
 *   on the first working day after it; the last day ends at 24:00.
 * - A working day is Monday–Friday unless the State Council's arrangement makes it a holiday, plus the
 *   weekend days it makes working days (调休上班).
 *
 * Programming mistakes (a malformed day, a negative limit, pauses out of order) throw `RangeError`; the
 * services validate what callers send before calling in.
 */
import { addDays, daysBetween, dayNumber, dayOf, endOfDay, isWeekend, yearOf, type Day } from './days.js';

export type DayKind = 'holiday' | 'workday';

export interface CalendarEntry {
  date: Day;
  /** `holiday`: a day off (a weekday or a weekend day inside a holiday); `workday`: a weekend day worked (调休上班). */
  kind: DayKind;
}

export interface Calendar {
  /** The days that differ from the plain week, or that name a holiday. Any other day follows the week. */
  readonly entries: ReadonlyMap<Day, DayKind>;
  /** Years whose official arrangement is loaded. In other years only the week counts, so results there are provisional. */
  readonly officialYears: ReadonlySet<number>;
}

/**
 * A year counts as having its official arrangement once it has any entry: the package ships only published
 * years, and an administrator enters a new year from the State Council's notice (every year has 元旦 and 春节).
 */
export function buildCalendar(entries: Iterable<CalendarEntry>): Calendar {
  const map = new Map<Day, DayKind>();
  const years = new Set<number>();
  for (const e of entries) {
    dayNumber(e.date); // throws on a malformed day
    map.set(e.date, e.kind);
    years.add(yearOf(e.date));
  }
  return { entries: map, officialYears: years };
}

export function hasOfficialArrangement(calendar: Calendar, year: number): boolean {
  return calendar.officialYears.has(year);
}

export function isWorkingDay(calendar: Calendar, day: Day): boolean {
  const kind = calendar.entries.get(day);
  if (kind === 'holiday') return false;
  if (kind === 'workday') return true;
  return !isWeekend(day);
}

/** Records whether a result leaned on a year without an official arrangement. */
interface Trace {
  provisional: boolean;
}

function working(calendar: Calendar, day: Day, trace: Trace): boolean {
  if (!calendar.officialYears.has(yearOf(day))) trace.provisional = true;
  return isWorkingDay(calendar, day);
}

/** No arrangement has a rest period this long; meeting one means the calendar data is broken. */
const MAX_REST_RUN = 366;

function firstWorkingDayFrom(calendar: Calendar, day: Day, trace: Trace): Day {
  let d = day;
  for (let i = 0; !working(calendar, d, trace); i++) {
    if (i > MAX_REST_RUN) throw new RangeError(`no working day within a year after ${day}: check the calendar`);
    d = addDays(d, 1);
  }
  return d;
}

function checkCount(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${what} must be a whole number ≥ 0, got ${n}`);
}

function addWorking(calendar: Calendar, start: Day, n: number, trace: Trace): Day {
  checkCount(n, 'days');
  if (n === 0) return firstWorkingDayFrom(calendar, start, trace);
  let d = start;
  for (let counted = 0; counted < n;) {
    d = firstWorkingDayFrom(calendar, addDays(d, 1), trace);
    counted++;
  }
  return d;
}

function addCalendar(calendar: Calendar, start: Day, n: number, trace: Trace): Day {
  checkCount(n, 'days');
  return firstWorkingDayFrom(calendar, addDays(start, n), trace);
}

/**
 * The last day of a period of `n` working days that starts on `start`: the count begins the day after
 * (art. 201) and skips every non-working day. `n = 0` (当日办结) gives the first working day on or after `start`.
 */
export function addWorkingDays(calendar: Calendar, start: Day, n: number): Day {
  return addWorking(calendar, start, n, { provisional: false });
}

/**
 * The last day of a period of `n` calendar days that starts on `start` (art. 201), moved to the first
 * working day after it when it falls on a holiday or rest day (art. 203). A make-up working Saturday is not
 * a rest day, so a period may end on one.
 */
export function addCalendarDays(calendar: Calendar, start: Day, n: number): Day {
  return addCalendar(calendar, start, n, { provisional: false });
}

export type Unit = 'calendar' | 'working';

/** A service item's time limit. */
export interface Policy {
  unit: Unit;
  days: number;
  /** The last this-many working days of the period show as "due soon" (0: never). */
  dueSoonDays: number;
}

/** A stop of the clock (补正: the applicant is supplying materials). `to` is absent while it lasts. */
export interface Pause {
  from: Date;
  to?: Date | null | undefined;
}

export interface Deadline {
  /** 24:00 Asia/Shanghai of `lastDay`; null while the clock is stopped. */
  dueAt: Date | null;
  lastDay: Day | null;
  /** Units of the policy used before the clock stopped for good or the period ran out. */
  usedDays: number;
  /** Units still to run when the clock starts again (meaningful while paused). */
  remainingDays: number;
  paused: boolean;
  /**
   * True when a day in a year without an official arrangement decided the result (only the week was known
   * there): recompute when that year's arrangement is loaded.
   */
  provisional: boolean;
}

function addUnits(calendar: Calendar, unit: Unit, start: Day, n: number, trace: Trace): Day {
  return unit === 'working' ? addWorking(calendar, start, n, trace) : addCalendar(calendar, start, n, trace);
}

/** Units of the policy in the days after `after` up to and including `through`. */
function countUnits(calendar: Calendar, unit: Unit, after: Day, through: Day, trace: Trace): number {
  const span = daysBetween(after, through);
  if (span <= 0) return 0;
  if (unit === 'calendar') return span;
  let n = 0;
  for (let i = 1; i <= span; i++) if (working(calendar, addDays(after, i), trace)) n++;
  return n;
}

function checkPauses(startedAt: Date, pauses: readonly Pause[]): void {
  let earliest = startedAt.getTime();
  pauses.forEach((p, i) => {
    if (p.from.getTime() < earliest) throw new RangeError(`pause ${i} starts before the period or the previous pause ends`);
    if (!p.to) {
      if (i !== pauses.length - 1) throw new RangeError(`pause ${i} is open but is not the last`);
      return;
    }
    if (p.to.getTime() < p.from.getTime()) throw new RangeError(`pause ${i} ends before it starts`);
    earliest = p.to.getTime();
  });
}

/**
 * When a period runs out, given the moment it started and the pauses so far (in order; only the last may
 * be open).
 *
 * A pause stops the clock: the days counted up to and including the day it starts are used (the clock ran
 * that day); when it ends, the days not yet used run again with the resume day as a new start day (art. 201).
 * A pause that starts after the period ran out changes nothing: the request is overdue.
 */
export function computeDeadline(calendar: Calendar, policy: Policy, startedAt: Date, pauses: readonly Pause[] = []): Deadline {
  checkCount(policy.days, 'policy.days');
  checkCount(policy.dueSoonDays, 'policy.dueSoonDays');
  checkPauses(startedAt, pauses);
  const trace: Trace = { provisional: false };
  let anchor = dayOf(startedAt);
  let used = 0;
  for (const pause of pauses) {
    const last = addUnits(calendar, policy.unit, anchor, policy.days - used, trace);
    if (pause.from.getTime() >= endOfDay(last).getTime()) break;
    used = Math.min(policy.days, used + countUnits(calendar, policy.unit, anchor, dayOf(pause.from), trace));
    if (!pause.to) {
      return {
        dueAt: null,
        lastDay: null,
        usedDays: used,
        remainingDays: policy.days - used,
        paused: true,
        provisional: trace.provisional,
      };
    }
    anchor = dayOf(pause.to);
  }
  const lastDay = addUnits(calendar, policy.unit, anchor, policy.days - used, trace);
  return {
    dueAt: endOfDay(lastDay),
    lastDay,
    usedDays: used,
    remainingDays: policy.days - used,
    paused: false,
    provisional: trace.provisional,
  };
}

/** The instant the period ends (24:00 Asia/Shanghai of its last day), or null while the clock is stopped. */
export function dueAt(calendar: Calendar, policy: Policy, startedAt: Date, pauses: readonly Pause[] = []): Date | null {
  return computeDeadline(calendar, policy, startedAt, pauses).dueAt;
}

/** Working days left from today (counted if it is one) through the last day; 0 once the period is over. */
export function remainingWorkingDays(calendar: Calendar, now: Date, due: Date): number {
  if (now.getTime() >= due.getTime()) return 0;
  const lastDay = dayOf(new Date(due.getTime() - 1));
  const trace: Trace = { provisional: false };
  return countUnits(calendar, 'working', addDays(dayOf(now), -1), lastDay, trace);
}

export type TimeStatus = 'normal' | 'dueSoon' | 'overdue';

/**
 * Where a running period stands at `now`: overdue from its due instant on; due soon while at most
 * `dueSoonDays` working days are left (today counted when it is one); normal before. A paused request has
 * no due instant: its own state says so.
 */
export function status(calendar: Calendar, now: Date, due: Date, policy: Pick<Policy, 'dueSoonDays'>): TimeStatus {
  if (now.getTime() >= due.getTime()) return 'overdue';
  if (policy.dueSoonDays <= 0) return 'normal';
  // count the working days left only until they pass dueSoonDays: a 60-day period needs a few steps, not 60
  const lastDay = dayOf(new Date(due.getTime() - 1));
  const trace: Trace = { provisional: false };
  let left = 0;
  for (let day = dayOf(now); day <= lastDay; day = addDays(day, 1)) {
    if (working(calendar, day, trace) && ++left > policy.dueSoonDays) return 'normal';
  }
  return 'dueSoon';
}
