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
