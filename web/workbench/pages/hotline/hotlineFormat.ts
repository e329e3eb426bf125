import type { HotlineShift } from '../../../shared/api/hotline.js';

/** 390 → 06:30; 3725 → 62:05 (a call is minutes, never hours, so minutes run on). */
export function mmss(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '';
  const s = Math.max(0, Math.round(seconds));
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

// Days are the county's calendar days as YYYY-MM-DD; the arithmetic runs in UTC so the browser's zone never shifts them.

const parse = (day: string) => new Date(`${day}T00:00:00Z`);
const print = (date: Date) => date.toISOString().slice(0, 10);

export function addDays(day: string, days: number): string {
  return print(new Date(parse(day).getTime() + days * 86_400_000));
}

/** The Monday of the day's week (the roster's weeks run Monday to Sunday). */
export function mondayOf(day: string): string {
  const weekday = (parse(day).getUTCDay() + 6) % 7;
  return addDays(day, -weekday);
}

export function weekDays(monday: string): string[] {
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

export function monthRange(day: string): [string, string] {
  const first = `${day.slice(0, 7)}-01`;
  const next = parse(first);
  next.setUTCMonth(next.getUTCMonth() + 1);
  return [first, addDays(print(next), -1)];
}

const hourFormatter = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', hourCycle: 'h23' });

/** The shift on duty now in the county: the morning one until 12:00 (as the server decides who a call rings). */
export function currentShift(now = new Date()): HotlineShift {
  return Number(hourFormatter.format(now)) < 12 ? 'am' : 'pm';
}

/** The server's rule for a caller's number. */
export const CALLER_PHONE = /^[0-9+\- ]{5,20}$/;
