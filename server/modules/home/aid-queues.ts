import { sql, type Kysely } from 'kysely';
import type { AidStage, DB } from '../../db/schema.js';
import { can, scopePattern, type Actor } from '../auth/actor.js';
import { stagePolicy } from '../legalaid/cases.service.js';
import { aidSettings } from '../legalaid/settings.service.js';
import { reference } from '../requests/reference.js';
import { status as dueStatus } from '../timelimits/rules.js';
import { DUE_ITEMS, type DueItem, type TodoQueue } from './todo.types.js';

/*
 * Legal aid cases at the person's step (first review at a station; decision, assignment and archiving at the
 * county center; the cases assigned to them as provider) and objections under review, with the due states the case
 * list computes (each stage's own period and the county's settings).
 */

/** The legal aid stages at which this person takes the next step (rules.ts AID_ACTION_RULES, by post and site). */
function aidStages(actor: Actor): { queue: TodoQueue; stage: AidStage }[] {
  const reviewer = can(actor, 'legalAid.review');
  const out: { queue: TodoQueue; stage: AidStage }[] = [];
  if (reviewer && actor.siteKind === 'station') out.push({ queue: 'aidFirstReview', stage: 'firstReview' });
  if (reviewer && actor.siteKind === 'center')
    out.push({ queue: 'aidReview', stage: 'review' }, { queue: 'aidGranted', stage: 'granted' }, { queue: 'aidClosed', stage: 'closed' });
  if (reviewer && actor.siteKind !== 'room') out.push({ queue: 'aidMaterials', stage: 'awaitingMaterials' });
  return out;
}

const STAGE_DUE = {
  firstReview: 'c.first_review_due_at',
  review: 'c.decision_due_at',
  granted: 'c.assignment_due_at',
  awaitingMaterials: 'c.materials_due_at',
} as const;

/** The legal aid cases at my steps: counts per stage, and those due soon or overdue (the case list's own clocks). */
export async function aidFigures(db: Kysely<DB>, actor: Actor) {
  const stages = aidStages(actor);
  const provider = can(actor, 'legalAid.provide');
  if (!stages.length && !provider) return { queues: [], due: [] };
  const pattern = scopePattern(actor);
  const wanted = stages.map((s) => s.stage);
  const base = db
    .selectFrom('aid_cases as c')
    .innerJoin('service_requests as r', 'r.id', 'c.request_id')
    .leftJoin('aid_providers as p', 'p.id', 'c.provider_id')
    .where('c.region_code', 'like', pattern)
    .where((eb) =>
      eb.or([
        ...(wanted.length ? [eb('c.stage', 'in', wanted)] : []),
        ...(provider ? [eb.and([eb('c.stage', '=', 'assigned'), eb('p.staff_id', '=', actor.id)])] : []),
      ]),
    );
  const [counts, candidates, ref] = await Promise.all([
    base
      .select(['c.stage', sql<string>`count(*)`.as('n')])
      .groupBy('c.stage')
      .execute(),
    // the nearest deadlines of the stages that run against one
    base
      .where('c.stage', 'in', ['firstReview', 'review', 'granted', 'awaitingMaterials'])
      .select([
        'c.id',
        'c.case_no',
        'c.stage',
        'c.county_code',
        'c.matter_category',
        'r.tracking_no',
        sql<Date | null>`case c.stage ${sql.join(
          Object.entries(STAGE_DUE).map(([stage, column]) => sql`when ${stage} then ${sql.ref(column)}`),
          sql` `,
        )} end`.as('due_at'),
      ])
      .orderBy('due_at')
      .limit(50)
      .execute(),
    reference(db),
  ]);
  const n = new Map(counts.map((c) => [c.stage, Number(c.n)]));
  const queues: { key: TodoQueue; count: number }[] = stages.map((s) => ({ key: s.queue, count: n.get(s.stage) ?? 0 }));
  if (provider) queues.push({ key: 'aidAssigned', count: n.get('assigned') ?? 0 });
  const counties = [...new Set(candidates.map((c) => c.county_code))];
  const settingsOf = new Map(await Promise.all(counties.map(async (k) => [k, await aidSettings(db, k)] as const)));
  const now = new Date();
  const due: DueItem[] = [];
  for (const c of candidates) {
    if (!c.due_at) continue;
    const at = new Date(c.due_at);
    const state = dueStatus(ref.calendar, now, at, stagePolicy(ref, settingsOf.get(c.county_code)!, c.stage));
    if (state === 'normal') continue;
    due.push({
      kind: 'aidCase',
      id: c.id,
      trackingNo: c.tracking_no,
      caseNo: c.case_no,
      title: c.matter_category,
      dueAt: at.toISOString(),
      dueState: state,
    });
  }
  return { queues, due };
}

/** Objections under review in the bureau's area: the count, and those due soon or overdue. */
export async function objectionFigures(db: Kysely<DB>, actor: Actor) {
  const rows = await db
    .selectFrom('aid_objections as o')
    .innerJoin('aid_cases as c', 'c.id', 'o.case_id')
    .innerJoin('service_requests as r', 'r.id', 'c.request_id')
    .where('c.region_code', 'like', scopePattern(actor))
    .where('o.decision', 'is', null)
    .select([
      'o.id',
      'o.due_at',
      'o.against',
      'c.id as case_id',
      'c.case_no',
      'c.county_code',
      'r.tracking_no',
      sql<string>`count(*) over ()`.as('total'),
    ])
    .orderBy('o.due_at')
    .limit(DUE_ITEMS)
    .execute();
  const [ref, settings] = await Promise.all([
    reference(db),
    Promise.all([...new Set(rows.map((o) => o.county_code))].map(async (k) => [k, await aidSettings(db, k)] as const)).then(
      (e) => new Map(e),
    ),
  ]);
  const now = new Date();
  const due: DueItem[] = [];
  for (const o of rows) {
    const state = dueStatus(ref.calendar, now, o.due_at, settings.get(o.county_code)!.objectionPolicy);
    if (state !== 'normal')
      due.push({
        kind: 'objection',
        id: o.case_id,
        trackingNo: o.tracking_no,
        caseNo: o.case_no,
        title: o.against,
        dueAt: o.due_at.toISOString(),
        dueState: state,
      });
  }
  return { count: Number(rows[0]?.total ?? 0), due };
}

/** Open supervision orders in scope addressed to me (answersFor) or issued by me and not yet closed. */
