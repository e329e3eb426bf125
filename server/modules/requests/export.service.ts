/*
 * Words and times shared by the files the requests module hands out: the request ledger (exports/requests.ts) and
 * the citizen's copy (privacy/citizen-export.xlsx.ts).
 */

/** How a request reached us, in the words of the county's ledgers (also the citizen's copy). */
export const CHANNEL: Record<string, string> = {
  walk_in: '窗口来访',
  hotline: '12348热线',
  letter: '来信',
  web: '网上申请',
  wechat: '微信',
  kiosk: '自助终端',
  gov_hotline_12345: '12345转办',
  referral: '部门转介',
};

/** A time as Beijing's clock shows it, to the minute: 2026-05-01 09:30 ('' for none). */
export const beijing = (iso: string | null) =>
  iso ? new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ') : '';
