/** Pure date arithmetic for the year view, on YYYY-MM-DD strings (no time zones involved). */

export interface MonthCell {
  /** YYYY-MM-DD, or null for the blanks before the 1st */
  date: string | null;
  day: number;
  /** 0 Monday … 6 Sunday */
  weekday: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function ymd(year: number, month: number, day: number): string {
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** Monday-first weekday (0 Monday … 6 Sunday) of a day. */
export function weekdayOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return (new Date(Date.UTC(y ?? 2000, (m ?? 1) - 1, d ?? 1)).getUTCDay() + 6) % 7;
}

export const isWeekend = (date: string) => weekdayOf(date) >= 5;

/** The 42 cells (six weeks, starting on Monday) of one month (1–12): blanks before the 1st and after the last day. */
export function monthCells(year: number, month: number): MonthCell[] {
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const first = weekdayOf(ymd(year, month, 1));
  const cells: MonthCell[] = Array.from({ length: first }, (_, i) => ({ date: null, day: 0, weekday: i }));
  for (let d = 1; d <= days; d++) cells.push({ date: ymd(year, month, d), day: d, weekday: (first + d - 1) % 7 });
  // every month as tall as the tallest, so that the grid lines up
  while (cells.length < 42) cells.push({ date: null, day: 0, weekday: cells.length % 7 });
  return cells;
}
