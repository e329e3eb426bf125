import type { HardshipStandard } from '../../../shared/api/legalaid-admin.js';

/*
 * The same arithmetic as the server's rules.ts (thresholdOf, standardFor), so that the page can show the threshold
 * before saving and mark the standard in force; the server's own `threshold` is what the table shows once saved.
 */

export function thresholdOf(s: Pick<HardshipStandard, 'basis' | 'amount' | 'multiple'>): number {
  return s.basis === 'perCapitaIncome' ? s.amount : Math.round(s.amount * (s.multiple ?? 1) * 100) / 100;
}

export type StandardStatus = 'inForce' | 'superseded' | 'future' | 'expired';

/** Where each standard stands today for the county: the longest region prefix wins, then the latest start. */
export function statusOfStandards(standards: readonly HardshipStandard[], countyCode: string, day: string): Map<string, StandardStatus> {
  const status = new Map<string, StandardStatus>();
  const current = standards.filter(
    (s) => countyCode.startsWith(s.regionCode) && s.effectiveFrom <= day && (s.effectiveTo === null || s.effectiveTo >= day),
  );
  current.sort((a, b) => b.regionCode.length - a.regionCode.length || b.effectiveFrom.localeCompare(a.effectiveFrom));
  for (const s of standards) {
    if (s.effectiveFrom > day) status.set(s.id, 'future');
    else if (s.effectiveTo !== null && s.effectiveTo < day) status.set(s.id, 'expired');
    else status.set(s.id, s.id === current[0]?.id ? 'inForce' : 'superseded');
  }
  return status;
}

/** 2850 → "2850", 766.667 → "766.67" */
export function money(n: number): string {
  return (Math.round(n * 100) / 100).toFixed(2).replace(/\.00$/, '');
}
