import type { HotlineFigures, LawyerFigures } from '../../../shared/api/hotline.js';
import { mmss } from './hotlineFormat.js';

/** 0.667 → 66.7% */
export const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`;

/**
 * The month's satisfaction over everyone: each lawyer's average weighted by their ratings. The server's averages
 * carry two decimals, so this is within 0.005 of the exact figure.
 */
export function weightedSatisfaction(people: readonly LawyerFigures[]): { average: number; rated: number } | null {
  const rated = people.reduce((n, p) => n + (p.satisfaction === null ? 0 : p.rated), 0);
  if (!rated) return null;
  return { average: people.reduce((s, p) => s + (p.satisfaction ?? 0) * p.rated, 0) / rated, rated };
}

const cell = (value: string | number) => {
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** The figures as CSV (what Excel opens), one row per lawyer and the total. */
export function figuresCsv(figures: HotlineFigures, words: { header: string[]; unassigned: string; total: string }): string {
  const rows: (string | number)[][] = [words.header];
  for (const p of figures.people)
    rows.push([
      p.staff?.name ?? words.unassigned,
      p.calls,
      p.answered,
      p.missed,
      p.transferred,
      p.requests,
      p.answerRate === null ? '' : percent(p.answerRate),
      mmss(p.averageHandlingSeconds),
      p.satisfaction === null ? '' : p.satisfaction.toFixed(2),
      p.rated,
    ]);
  const t = figures.total;
  const s = weightedSatisfaction(figures.people);
  rows.push([
    words.total,
    t.calls,
    t.answered,
    t.missed,
    t.transferred,
    t.requests,
    t.answerRate === null ? '' : percent(t.answerRate),
    '',
    s ? s.average.toFixed(2) : '',
    s?.rated ?? 0,
  ]);
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
