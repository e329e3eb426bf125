import type { Kysely } from 'kysely';
import type { DB, RequestStatus } from '../../db/schema.js';
import { AppError, notFound } from '../../http/errors.js';
import { BatchedWindowCounter, hit } from '../auth/rate-limit.js';
import { preparedStatement } from '../../db/database.js';
import { insertEvent } from './requests.repository.js';
import { attachByCitizen } from './attachments.service.js';
import { loadCalendar } from '../timelimits/calendar.service.js';
import { addWorkingDays } from '../timelimits/rules.js';
import { dayOf, endOfDay } from '../timelimits/days.js';
import { notifyStaff, supervisorsOver } from '../notify/notifications.service.js';
import { normalizePhone, submitPublicRequest, type IntakeInput } from './intake.service.js';
import type { RequestDeps } from './requests.service.js';
import { normalizeTrackingNo } from './tracking-no.js';

/** The citizen sends the materials asked for (补正) from the tracking page. */
export async function attachFromCitizen(
  deps: RequestDeps,
  trackingNo: string,
  phone: string,
  file: { filename: string; data: Buffer },
  ip: string,
) {
  await limit(deps.db, `upload:${ip}`, UPLOADS_PER_ADDRESS, SUBMISSION_WINDOW_SECONDS);
  const row = await findForCitizen(deps, trackingNo, phone, ip);
  return attachByCitizen(deps, row.id, row.status, file);
}

export const UPLOADS_PER_ADDRESS = 30;

/** 不满意 (2) and 非常不满意 (1) open a rectification. */
export const BAD_GRADE = 2;
export const RECTIFY_WORKING_DAYS = 15;

/** How often one address may submit, and look up, before it is asked to wait. */
export const SUBMISSIONS_PER_ADDRESS = 10;
export const SUBMISSION_WINDOW_SECONDS = 10 * 60;
export const LOOKUPS_PER_ADDRESS = 60;
export const LOOKUP_WINDOW_SECONDS = 60;

async function limit(db: Kysely<DB>, key: string, max: number, windowSeconds: number) {
  if ((await hit(db, key, windowSeconds)) > max) throw new AppError('RATE_LIMITED', { retryAfterSeconds: windowSeconds });
}

export async function submitFromPublic(deps: RequestDeps, input: IntakeInput, ip: string) {
  const { id: _id, ...answer } = await submitPublicRequest(deps, input, {
    key: `submit:${ip}`,
    max: SUBMISSIONS_PER_ADDRESS,
    windowSeconds: SUBMISSION_WINDOW_SECONDS,
  });
  return answer;
}

/**
 * The citizen's view: found by tracking number and the phone given with it. A wrong phone and an unknown
 * number answer the same 404, so the page cannot be used to find out which numbers exist.
 */
interface TimelineRow {
  at: string;
  type: string;
  note: string;
  data: unknown;
}

interface LookUpRow {
  id: string;
  tracking_no: string;
  status: RequestStatus;
  service_item: string;
  service_item_name: string;
  due_at: string | null;
  missing_materials: unknown;
  result: string | null;
  created_at: string;
  concluded_at: string | null;
  handler_site_name: string | null;
  events: TimelineRow[] | null;
  evaluation: { grade: number; at: string } | null;
}

// the whole answer as one JSON value: one field for pg to parse (JSON.parse) instead of a dozen typed ones
const lookUp = preparedStatement<{ phone_hash: string; j: LookUpRow }>(
  'public_look_up',
  `select r.requester_phone_hash as phone_hash,
          json_build_object(
            'id', r.id, 'tracking_no', r.tracking_no, 'status', r.status, 'service_item', r.service_item,
            'service_item_name', item.name, 'due_at', r.due_at, 'missing_materials', r.missing_materials,
            'result', r.result, 'created_at', r.created_at, 'concluded_at', r.concluded_at,
            'handler_site_name', handler_site.name,
            'events', (select json_agg(json_build_object('at', e.at, 'type', e.type, 'note', e.note, 'data', e.data) order by e.id)
                         from request_events e where e.request_id = r.id and e.public),
            'evaluation', (select json_build_object('grade', v.grade, 'at', v.created_at) from evaluations v where v.request_id = r.id)
          ) as j
   from service_requests r
   join service_items item on item.code = r.service_item
   left join sites handler_site on handler_site.id = r.handler_site_id
   where r.tracking_no = $1`,
);

/**
 * One statement, prepared once per connection: the request, its public timeline and its rating, so a look-up is
 * one round trip. The address's look-ups are counted first, in memory, and shared with the other instances
 * through rate_limits in batches (BatchedWindowCounter): no write per look-up, and a refused address costs no
 * query at all.
 */
const lookupCounters = new WeakMap<Kysely<DB>, BatchedWindowCounter>();
/** Writes the look-ups not yet shared, and stops the counter's timer (the app is closing). */
export async function closeLookupCounter(db: Kysely<DB>): Promise<void> {
  await lookupCounters.get(db)?.close();
  lookupCounters.delete(db);
}

function lookupCounter(db: Kysely<DB>): BatchedWindowCounter {
  let c = lookupCounters.get(db);
  if (!c) lookupCounters.set(db, (c = new BatchedWindowCounter(db, LOOKUP_WINDOW_SECONDS)));
  return c;
}

export async function findForCitizen(deps: RequestDeps, trackingNo: string, phone: string, ip: string) {
  if (lookupCounter(deps.db).hit(`track:${ip}`) > LOOKUPS_PER_ADDRESS)
    throw new AppError('RATE_LIMITED', { retryAfterSeconds: LOOKUP_WINDOW_SECONDS });
  const { rows } = await lookUp(deps.db, [normalizeTrackingNo(trackingNo)]);
  const row = rows[0];
  if (!row || row.phone_hash !== deps.cipher.hash(normalizePhone(phone))) throw notFound();
  return row.j;
}

/** A timestamp as the API writes it (PostgreSQL's JSON has its own ISO form). */
const iso = (at: string | null) => (at ? new Date(at).toISOString() : null);

export async function trackForCitizen(deps: RequestDeps, trackingNo: string, phone: string, ip: string) {
  const row = await findForCitizen(deps, trackingNo, phone, ip);
  const events = row.events ?? [];
  const evaluation = row.evaluation;
  // only what is written for the citizen: the list of missing materials and the result; internal notes stay inside
  const citizenNote = (type: string, note: string) => (type === 'materialsRequested' || type === 'concluded' ? note : '');
  return {
    trackingNo: row.tracking_no,
    status: row.status,
    serviceItem: row.service_item,
    serviceItemName: row.service_item_name,
    handlerSiteName: row.handler_site_name,
    createdAt: iso(row.created_at)!,
    dueAt: iso(row.due_at),
    missingMaterials: (row.missing_materials as string[] | null) ?? null,
    result: row.status === 'concluded' ? row.result : null,
    concludedAt: iso(row.concluded_at),
    canEvaluate: row.status === 'concluded' && !evaluation,
    evaluation: evaluation ? { grade: evaluation.grade, at: new Date(evaluation.at).toISOString() } : null,
    timeline: events.map((e) => {
      const data = (e.data ?? {}) as { siteName?: string; items?: string[] };
      return {
        at: new Date(e.at).toISOString(),
        type: e.type,
        siteName: data.siteName ?? null,
        items: data.items ?? null,
        note: citizenNote(e.type, e.note),
      };
    }),
  };
}

export interface EvaluationInput {
  phone: string;
  grade: number;
  attitude: number;
  efficiency: number;
  competence: number;
  comment?: string | undefined;
}

/**
 * 好差评: once per request, after it is concluded, on the national five grades (5 非常满意 … 1 非常不满意).
 * A 不满意 or 非常不满意 opens a rectification due in 15 working days and a follow-up call, and tells the
 * handler and the supervisors over the site; all in the transaction that stores the rating.
 */
export async function evaluate(deps: RequestDeps, trackingNo: string, input: EvaluationInput, ip: string) {
  const row = await findForCitizen(deps, trackingNo, input.phone, ip);
  if (row.status !== 'concluded') throw new AppError('REQUEST_NOT_CONCLUDED');
  const handler = await deps.db
    .selectFrom('service_requests')
    .select(['handler_id', 'handler_site_id', 'received_site_id'])
    .where('id', '=', row.id)
    .executeTakeFirstOrThrow();
  const calendar = await loadCalendar(deps.db);
  const site = handler.handler_site_id ?? handler.received_site_id;
  const supervisors = site ? await supervisorsOver(deps.db, site) : [];
  await deps.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('evaluations')
      .values({
        request_id: row.id,
        grade: input.grade,
        attitude: input.attitude,
        efficiency: input.efficiency,
        competence: input.competence,
        comment: input.comment?.trim() ?? '',
        handler_id: handler.handler_id,
        handler_site_id: site,
      })
      .onConflict((oc) => oc.column('request_id').doNothing())
      .returning('request_id')
      .executeTakeFirst();
    if (!inserted) throw new AppError('EVALUATION_EXISTS');
    await insertEvent(trx, { requestId: row.id, actor: null, type: 'evaluated', from: null, to: null, data: { grade: input.grade } });
    if (input.grade > BAD_GRADE) return;
    const dueAt = endOfDay(addWorkingDays(calendar, dayOf(new Date()), RECTIFY_WORKING_DAYS));
    await trx
      .insertInto('rectifications')
      .values({ request_id: row.id, site_id: site, staff_id: handler.handler_id, due_at: dueAt })
      .execute();
    await trx.insertInto('follow_up_calls').values({ request_id: row.id }).execute();
    const people = new Set([...(handler.handler_id ? [handler.handler_id] : []), ...supervisors]);
    await notifyStaff(
      trx,
      [...people].map((staffId) => ({
        staffId,
        requestId: row.id,
        kind: 'badRating',
        dedupeKey: `badRating:${row.id}`,
        title: `【差评整改】${row.service_item_name} ${row.tracking_no}`,
        body: input.comment?.trim() ?? '',
      })),
    );
  });
  return { trackingNo: row.tracking_no, grade: input.grade };
}
