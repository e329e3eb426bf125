import { sql, type ExpressionBuilder, type Kysely, type SqlBool, type Expression } from 'kysely';
import type { AidStage, DB } from '../../db/schema.js';
import { can, scopePattern, type Actor } from '../auth/actor.js';
import { FOLLOW_UP_DAYS } from '../consultation/messages.service.js';
import { stagePolicy } from '../legalaid/cases.service.js';
import { aidSettings } from '../legalaid/settings.service.js';
import { reference } from '../requests/reference.js';
import { answersFor } from '../requests/supervision.service.js';
import { dayOf } from '../timelimits/days.js';
import { status as dueStatus } from '../timelimits/rules.js';
import { currentMonth, leadsSite, siteFigures, type SiteFigures } from './site-figures.js';

/*
 * 首页待办: for the signed-in person, the queues that wait for them (with counts, each the filter of a list), what
 * is due soon or overdue among their own work, the supervision orders addressed to them or issued by them, their
 * unread notices, their 12348 shifts today, and for those who lead a site its figures for the month. A handful of
 * aggregate statements, each scoped to the person's region subtree like the lists it points to.
 */

export const TODO_QUEUES = [
  /** submitted at my desk: to dispatch or answer on the spot (workflow.ts holdsAtDesk) */
  'requestsAtDesk',
  /** sent to me, or to my site with my post (isAddressee): to accept */
  'requestsToAccept',
  /** accepted by me */
  'requestsInHand',
  /** mine, paused for the citizen's materials */
  'requestsPaused',
  /** online consultations waiting for my answer, or for my reply to a follow-up question */
  'consultations',
  /** legal aid: first reviews at my station */
  'aidFirstReview',
  /** legal aid: decisions at the county center */
  'aidReview',
  /** legal aid: granted, to assign */
  'aidGranted',
  /** legal aid: waiting for the applicant's materials */
  'aidMaterials',
  /** legal aid: closed, to archive */
  'aidClosed',
  /** legal aid: assigned to me as the provider */
  'aidAssigned',
  /** legal aid: objections under review */
  'aidObjections',
  /** 12348: my calls whose record is not complete */
  'hotlineOpenCalls',
  /** 差评整改 of my site still open */
  'rectifications',
] as const;
export type TodoQueue = (typeof TODO_QUEUES)[number];

export interface DueItem {
  kind: 'request' | 'aidCase' | 'objection';
  /** the record the link opens: a request, a legal aid case (an objection opens its case) */
  id: string;
  trackingNo: string;
  caseNo: string | null;
  /** the service item, the matter or the step */
  title: string;
  dueAt: string;
  dueState: 'dueSoon' | 'overdue';
}

export interface SupervisionItem {
  id: string;
  requestId: string;
  trackingNo: string;
  serviceItemName: string;
  instruction: string;
  dueAt: string;
  status: 'open' | 'replied';
  /** addressed to me (I reply), or issued by me (I close it once replied) */
  role: 'addressed' | 'issued';
}

export interface TodoView {
  queues: { key: TodoQueue; count: number }[];
  due: { dueSoon: number; overdue: number; items: DueItem[] };
  supervision: { toReply: number; issuedOpen: number; items: SupervisionItem[] };
  notifications: { unread: number };
  /** on the 12348 roster today (county center only) */
  hotline: { today: ('am' | 'pm')[] } | null;
  /** for those who lead a site: its area's figures for the month */
  site: SiteFigures | null;
}

const OPEN = ['submitted', 'dispatched', 'accepted', 'awaitingMaterials'] as const;
const DUE_ITEMS = 8;

type R = ExpressionBuilder<DB & { r: DB['service_requests'] }, 'r'>;

/** The conditions of workflow.ts, as SQL over `service_requests as r`: who may take each open request's next step. */
function mine(eb: R, actor: Actor) {
  const atDesk = eb.and([
    eb('r.status', '=', 'submitted'),
    eb.or([eb('r.owner_id', '=', actor.id), eb.and([eb('r.owner_id', 'is', null), eb('r.received_site_id', '=', actor.siteId)])]),
  ]);
  // isAddressee: the person named, else anyone there with the post it was sent to (an administrator with any)
  const post: Expression<SqlBool> = actor.posts.includes('admin')
    ? sql<SqlBool>`true`
    : eb.or([eb('r.handler_post', 'is', null), eb('r.handler_post', 'in', actor.posts)]);
  const toAccept = eb.and([
    eb('r.status', '=', 'dispatched'),
    eb('r.handler_site_id', '=', actor.siteId),
    eb.or([eb('r.handler_id', '=', actor.id), eb.and([eb('r.handler_id', 'is', null), post])]),
  ]);
  const inHand = eb.and([eb('r.status', '=', 'accepted'), eb('r.handler_id', '=', actor.id)]);
  const paused = eb.and([eb('r.status', '=', 'awaitingMaterials'), eb('r.handler_id', '=', actor.id)]);
  return { atDesk, toAccept, inHand, paused };
}

function inScope(eb: R, actor: Actor) {
  const pattern = scopePattern(actor);
  return eb.or([
    eb('r.region_code', 'like', pattern),
    eb('r.received_region_code', 'like', pattern),
    eb('r.handler_region_code', 'like', pattern),
  ]);
}

const noAidCase = (eb: R) => eb.not(eb.exists(eb.selectFrom('aid_cases as a').select('a.id').whereRef('a.request_id', '=', 'r.id')));

/** The request queues, the consultations and my due counts: one aggregate statement. */
async function requestFigures(db: Kysely<DB>, actor: Actor) {
  const followUpSince = new Date(Date.now() - FOLLOW_UP_DAYS * 86_400_000);
  return db
    .selectFrom('service_requests as r')
    .where((eb) => inScope(eb, actor))
    .where((eb) =>
      eb.or([
        eb('r.status', 'in', OPEN),
        eb.and([eb('r.service_item', '=', 'consultation'), eb('r.status', '=', 'concluded'), eb('r.concluded_at', '>', followUpSince)]),
      ]),
    )
    .where((eb) => noAidCase(eb))
    .select((eb) => {
      const m = mine(eb, actor);
      const any = eb.or([m.atDesk, m.toAccept, m.inHand, m.paused]);
      const responsible = eb.and([eb('r.status', 'in', OPEN), eb.or([any, eb('r.owner_id', '=', actor.id)])]);
      // the citizen wrote last on a consultation I answered (or hold as its first responder)
      const followUp = eb.and([
        eb('r.status', '=', 'concluded'),
        eb.or([eb('r.handler_id', '=', actor.id), eb('r.owner_id', '=', actor.id)]),
        eb(
          eb
            .selectFrom('consultation_messages as msg')
            .select('msg.author')
            .whereRef('msg.request_id', '=', 'r.id')
            .orderBy('msg.id', 'desc')
            .limit(1),
          '=',
          'citizen',
        ),
      ]);
      return [
        eb.fn.countAll<string>().filterWhere(m.atDesk).as('at_desk'),
        eb.fn.countAll<string>().filterWhere(m.toAccept).as('to_accept'),
        eb.fn.countAll<string>().filterWhere(m.inHand).as('in_hand'),
        eb.fn.countAll<string>().filterWhere(m.paused).as('paused'),
        eb.fn
          .countAll<string>()
          .filterWhere(eb.and([eb('r.service_item', '=', 'consultation'), eb.or([any, followUp])]))
          .as('consultations'),
        eb.fn
          .countAll<string>()
          .filterWhere(eb.and([responsible, eb('r.due_state', '=', 'dueSoon')]))
          .as('due_soon'),
        eb.fn
          .countAll<string>()
          .filterWhere(eb.and([responsible, eb('r.due_state', '=', 'overdue')]))
          .as('overdue'),
      ];
    })
    .executeTakeFirstOrThrow();
}

/** My open requests nearest their due date among those due soon or overdue. */
async function dueRequests(db: Kysely<DB>, actor: Actor): Promise<DueItem[]> {
  const rows = await db
    .selectFrom('service_requests as r')
    .innerJoin('service_items as item', 'item.code', 'r.service_item')
    .where((eb) => inScope(eb, actor))
    .where('r.status', 'in', OPEN)
    .where('r.due_state', 'in', ['dueSoon', 'overdue'])
    .where('r.due_at', 'is not', null)
    .where((eb) => noAidCase(eb))
    .where((eb) => {
      const m = mine(eb, actor);
      return eb.or([m.atDesk, m.toAccept, m.inHand, m.paused, eb('r.owner_id', '=', actor.id)]);
    })
    .select(['r.id', 'r.tracking_no', 'item.name as item_name', 'r.due_at', 'r.due_state'])
    .orderBy('r.due_at')
    .limit(DUE_ITEMS)
    .execute();
  return rows.map((r) => ({
    kind: 'request' as const,
    id: r.id,
    trackingNo: r.tracking_no,
    caseNo: null,
    title: r.item_name,
    dueAt: r.due_at!.toISOString(),
    dueState: r.due_state as 'dueSoon' | 'overdue',
  }));
}

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
async function aidFigures(db: Kysely<DB>, actor: Actor) {
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
async function objectionFigures(db: Kysely<DB>, actor: Actor) {
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
async function supervisionFigures(db: Kysely<DB>, actor: Actor) {
  const pattern = scopePattern(actor);
  const rows = await db
    .selectFrom('supervision_orders as o')
    .innerJoin('service_requests as r', 'r.id', 'o.request_id')
    .innerJoin('service_items as item', 'item.code', 'r.service_item')
    .where((eb) =>
      eb.or([
        eb('r.region_code', 'like', pattern),
        eb('r.received_region_code', 'like', pattern),
        eb('r.handler_region_code', 'like', pattern),
      ]),
    )
    .where((eb) =>
      eb.or([
        eb.and([eb('o.issued_by', '=', actor.id), eb('o.status', 'in', ['open', 'replied'])]),
        eb.and([
          eb('o.status', '=', 'open'),
          // the candidates answersFor decides among: the request's people and sites that are mine
          eb.or([
            eb('r.owner_id', '=', actor.id),
            eb('r.handler_id', '=', actor.id),
            eb('r.handler_site_id', '=', actor.siteId),
            eb('r.received_site_id', '=', actor.siteId),
          ]),
        ]),
      ]),
    )
    .select([
      'o.id',
      'o.request_id',
      'o.issued_by',
      'o.instruction',
      'o.due_at',
      'o.status',
      'r.tracking_no',
      'item.name as item_name',
      'r.status as request_status',
      'r.owner_id',
      'r.handler_id',
      'r.handler_site_id',
      'r.handler_post',
      'r.received_site_id',
    ])
    .orderBy('o.due_at')
    .limit(100)
    .execute();
  const items: SupervisionItem[] = [];
  for (const o of rows) {
    const addressed = o.status === 'open' && answersFor(actor, { ...o, status: o.request_status });
    const issued = o.issued_by === actor.id;
    if (!addressed && !issued) continue;
    items.push({
      id: o.id,
      requestId: o.request_id,
      trackingNo: o.tracking_no,
      serviceItemName: o.item_name,
      instruction: o.instruction,
      dueAt: o.due_at.toISOString(),
      status: o.status as 'open' | 'replied',
      role: addressed ? 'addressed' : 'issued',
    });
  }
  return {
    toReply: items.filter((i) => i.role === 'addressed').length,
    issuedOpen: items.filter((i) => i.role === 'issued').length,
    items: items.slice(0, DUE_ITEMS),
  };
}

async function unreadNotices(db: Kysely<DB>, actor: Actor): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('staff_id', '=', actor.id)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The 12348 line is the county center's: my shifts today, and my calls whose record is still open. */
async function hotlineFigures(db: Kysely<DB>, actor: Actor) {
  if (actor.regionCode.length !== 6 || (!can(actor, 'hotline.answer') && !can(actor, 'hotline.manage'))) return null;
  const [shifts, open] = await Promise.all([
    db
      .selectFrom('hotline_roster')
      .select('shift')
      .where('county_code', '=', actor.regionCode)
      .where('staff_id', '=', actor.id)
      .where('day', '=', dayOf(new Date()))
      .orderBy('shift')
      .execute(),
    can(actor, 'hotline.answer')
      ? db
          .selectFrom('hotline_calls')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('county_code', '=', actor.regionCode)
          .where('staff_id', '=', actor.id)
          .where('outcome', 'is', null)
          .executeTakeFirstOrThrow()
      : Promise.resolve(null),
  ]);
  return { today: shifts.map((s) => s.shift as 'am' | 'pm'), openCalls: open === null ? null : Number(open.n) };
}

async function openRectifications(db: Kysely<DB>, actor: Actor): Promise<number> {
  const row = await db
    .selectFrom('rectifications as x')
    .innerJoin('sites as s', 's.id', 'x.site_id')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('s.region_code', 'like', scopePattern(actor))
    .where('x.site_id', '=', actor.siteId)
    .where('x.status', '=', 'open')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function todoFor(db: Kysely<DB>, actor: Actor, month = currentMonth()): Promise<TodoView> {
  const handles = can(actor, 'requests.handle');
  const [requests, due, aid, objections, supervision, unread, hotline, rectifications, site] = await Promise.all([
    handles ? requestFigures(db, actor) : null,
    handles ? dueRequests(db, actor) : [],
    aidFigures(db, actor),
    can(actor, 'legalAid.objection') ? objectionFigures(db, actor) : null,
    supervisionFigures(db, actor),
    unreadNotices(db, actor),
    hotlineFigures(db, actor),
    handles ? openRectifications(db, actor) : null,
    leadsSite(actor) ? siteFigures(db, actor, month) : null,
  ]);
  const queues: { key: TodoQueue; count: number }[] = [];
  if (requests)
    queues.push(
      { key: 'requestsAtDesk', count: Number(requests.at_desk) },
      { key: 'requestsToAccept', count: Number(requests.to_accept) },
      { key: 'requestsInHand', count: Number(requests.in_hand) },
      { key: 'requestsPaused', count: Number(requests.paused) },
      { key: 'consultations', count: Number(requests.consultations) },
    );
  queues.push(...aid.queues);
  if (objections) queues.push({ key: 'aidObjections', count: objections.count });
  if (hotline?.openCalls !== null && hotline?.openCalls !== undefined) queues.push({ key: 'hotlineOpenCalls', count: hotline.openCalls });
  if (rectifications !== null) queues.push({ key: 'rectifications', count: rectifications });

  const dueItems = [...due, ...aid.due, ...(objections?.due ?? [])].sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  const extra = (state: 'dueSoon' | 'overdue') => [...aid.due, ...(objections?.due ?? [])].filter((d) => d.dueState === state).length;
  return {
    queues,
    due: {
      dueSoon: Number(requests?.due_soon ?? 0) + extra('dueSoon'),
      overdue: Number(requests?.overdue ?? 0) + extra('overdue'),
      items: dueItems.slice(0, DUE_ITEMS),
    },
    supervision,
    notifications: { unread },
    hotline: hotline && { today: hotline.today },
    site,
  };
}
