/**
 * Calendar days as the law counts them: a `Day` is a date in Asia/Shanghai written `YYYY-MM-DD`.
 * China has one zone, UTC+8, with no daylight saving, so a day starts at 16:00 UTC of the day before and
 * the conversion is a fixed shift. Arithmetic goes through day numbers (days since 1970-01-01), never
 * through local time, so the host's zone cannot change a result.
 */

/** `YYYY-MM-DD`, a real date. Make one with `parseDay` (input) or the arithmetic below. */
export type Day = string;

/** The span the platform accepts: a typo such as 0202 or 20260 is a caller mistake, not a far date. */
export const FIRST_VALID_YEAR = 2000;
export const LAST_VALID_YEAR = 2100;

const MS_PER_DAY = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day, if `text` is a real date of 2000–2100 in `YYYY-MM-DD` form; otherwise null. */
export function parseDay(text: string): Day | null {
  const m = DAY_PATTERN.exec(text);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < FIRST_VALID_YEAR || year > LAST_VALID_YEAR) return null;
  const ms = Date.UTC(year, month - 1, day);
  // Date.UTC rolls 2025-02-30 over to 2025-03-02: a real date survives the round trip unchanged
  return toDay(ms) === text ? text : null;
}

function toDay(ms: number): Day {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Days since 1970-01-01. Throws on text that is not `YYYY-MM-DD` (a programming error: validate input with parseDay). */
export function dayNumber(day: Day): number {
  const m = DAY_PATTERN.exec(day);
  if (!m) throw new RangeError(`not a day: ${JSON.stringify(day)}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / MS_PER_DAY;
}

export function dayFromNumber(n: number): Day {
  return toDay(n * MS_PER_DAY);
}

export function addDays(day: Day, n: number): Day {
  return dayFromNumber(dayNumber(day) + n);
}

/** Days from `a` to `b` (positive when b is later). */
export function daysBetween(a: Day, b: Day): number {
  return dayNumber(b) - dayNumber(a);
}

export function yearOf(day: Day): number {
  return Number(day.slice(0, 4));
}

/** ISO weekday: 1 Monday … 6 Saturday, 7 Sunday. */
export function isoWeekday(day: Day): number {
  // 1970-01-01 was a Thursday (4)
  return ((((dayNumber(day) + 3) % 7) + 7) % 7) + 1;
}

export function isWeekend(day: Day): boolean {
  return isoWeekday(day) >= 6;
}

/** The Shanghai calendar day an instant falls on. */
export function dayOf(instant: Date): Day {
  return toDay(instant.getTime() + SHANGHAI_OFFSET_MS);
}

/** 00:00 Asia/Shanghai of the day, as an instant (16:00 UTC of the day before). */
export function startOfDay(day: Day): Date {
  return new Date(dayNumber(day) * MS_PER_DAY - SHANGHAI_OFFSET_MS);
}

/** 24:00 Asia/Shanghai of the day, the instant a period ending that day runs out (Civil Code art. 203). */
export function endOfDay(day: Day): Date {
  return startOfDay(addDays(day, 1));
}
