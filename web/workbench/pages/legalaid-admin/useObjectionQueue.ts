import { useCallback, useMemo, useState } from 'react';
import { api } from '../../../shared/api/client.js';
import type { AidCaseForObjection, AidCaseList, AidObjection } from '../../../shared/api/legalaid-admin.js';
import { useApiData } from '../../../shared/hooks/useApiData.js';

export interface ObjectionRow {
  objection: AidObjection;
  case: AidCaseForObjection;
}

const PAGE = 100;

async function casesOf(queue: 'objections' | 'done', signal: AbortSignal, maxPages: number) {
  const items: AidCaseList['items'] = [];
  for (let page = 1; page <= maxPages; page++) {
    const list = await api.get<AidCaseList>('/legal-aid/cases', { queue, page, pageSize: PAGE }, signal);
    items.push(...list.items);
    if (page * PAGE >= list.total) break;
  }
  return items;
}

/** A few at a time: the queue reads each case for its objections. */
async function details(ids: string[], signal: AbortSignal): Promise<AidCaseForObjection[]> {
  const out: AidCaseForObjection[] = [];
  const queue = [...ids];
  const worker = async () => {
    for (let id = queue.shift(); id; id = queue.shift())
      out.push(await api.get<AidCaseForObjection>(`/legal-aid/cases/${id}`, undefined, signal));
  };
  await Promise.all(Array.from({ length: Math.min(6, ids.length) }, worker));
  return out;
}

/** Grows with every change of the case or of one of its objections (an upheld objection leaves the case as it was). */
const freshness = (c: AidCaseForObjection) => c.version + c.objections.reduce((n, o) => n + o.version, 0);

/**
 * The bureau's objections. The server lists the cases with an objection under review (`queue=objections`) but not
 * the objections themselves, so each case is read for its objections; decided ones are looked for among the cases
 * still refused or terminated (an upheld decision leaves them there), and the ones decided on this page are kept.
 */
export function useObjectionQueue() {
  const [decidedHere, setDecidedHere] = useState<Map<string, AidCaseForObjection>>(new Map());
  const data = useApiData(async (signal) => {
    const [open, done] = await Promise.all([casesOf('objections', signal, 10), casesOf('done', signal, 1)]);
    const ids = new Set(open.map((c) => c.id));
    for (const c of done) if (c.stage === 'refused' || c.stage === 'terminated') ids.add(c.id);
    return details([...ids], signal);
  }, []);

  const rows = useMemo(() => {
    const byId = new Map((data.data ?? []).map((c) => [c.id, c]));
    // whichever is newer: the case as decided here, or as loaded since
    for (const [id, c] of decidedHere) {
      const loaded = byId.get(id);
      if (!loaded || freshness(c) > freshness(loaded)) byId.set(id, c);
    }
    const all: ObjectionRow[] = [...byId.values()].flatMap((c) => c.objections.map((objection) => ({ objection, case: c })));
    const pending = all.filter((r) => !r.objection.decision).sort((a, b) => a.objection.dueAt.localeCompare(b.objection.dueAt));
    const decided = all
      .filter((r) => r.objection.decision)
      .sort((a, b) => (b.objection.decidedAt ?? '').localeCompare(a.objection.decidedAt ?? ''));
    return { pending, decided };
  }, [data.data, decidedHere]);

  /** the case as the decision returned it: its objection moves to the decided list at once */
  const markDecided = useCallback((c: AidCaseForObjection) => {
    setDecidedHere((m) => new Map(m).set(c.id, c));
  }, []);

  return { ...rows, loading: data.loading, error: data.error, reload: data.reload, markDecided };
}
