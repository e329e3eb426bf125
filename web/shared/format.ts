/** Dates are stored in UTC (ISO 8601) and shown in the county's own time zone, whatever the browser's. */
const ZONE = 'Asia/Shanghai';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(language: string, withSeconds: boolean): Intl.DateTimeFormat {
  const key = `${language}:${withSeconds}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(language.startsWith('en') ? 'en-GB' : 'zh-CN', {
      timeZone: ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      ...(withSeconds && { second: '2-digit' }),
      hour12: false,
    });
    formatters.set(key, f);
  }
  return f;
}

/** 2026-11-26T05:32:00Z → 2026/11/26 13:32 (zh-CN) */
export function formatDateTime(iso: string | null | undefined, language: string, withSeconds = false): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return formatter(language, withSeconds).format(date);
}

const dayFormatter = new Intl.DateTimeFormat('en-US', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The county's calendar day (YYYY-MM-DD) of an instant. Assembled from parts: locales disagree on the order. */
export function dayOf(iso: string | Date): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  const part = (type: string) => dayFormatter.formatToParts(date).find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/**
 * The last day of a time limit: a period runs out at 24:00 Beijing time of its last day, which is stored as
 * the next day's first instant. 2026-12-28T16:00:00Z → 2026-12-28.
 */
export function lastDayOf(dueAt: string | null | undefined): string {
  if (!dueAt) return '';
  const due = new Date(dueAt);
  if (Number.isNaN(due.getTime())) return dueAt;
  return dayOf(new Date(due.getTime() - 1));
}

/** Today in the county (YYYY-MM-DD). */
export function today(): string {
  return dayOf(new Date());
}
