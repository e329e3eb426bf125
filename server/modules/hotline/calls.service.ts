import { createHmac, timingSafeEqual } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { CallOutcome, DB } from '../../db/schema.js';
import { AppError, notFound } from '../../http/errors.js';
import { can, requirePermission, type Actor } from '../auth/actor.js';
import { audit } from '../audit/audit.service.js';
import { maskPhone } from '../org/mask.js';
import { intakeAtDesk, normalizePhone } from '../requests/intake.service.js';
import type { RequestDeps } from '../requests/requests.service.js';
import { hotlineCounty, onDuty } from './roster.service.js';

/*
 * 12348 通话记录: a call is logged by the lawyer who took it (or opened by the telephony system's signed
 * event and completed by the lawyer): the caller's number sealed and masked, the category, summary, answer,
 * duration and outcome — answered, transferred (to 12345, 110 or another agency) or turned into a service
 * request, or missed. The figures per lawyer and month come from it.
 */

export interface CallView {
  id: number;
  startedAt: string;
  endedAt: string | null;
  durationSeconds: number | null;
  callerPhone: string;
  staff: { id: string; name: string } | null;
  category: string | null;
  summary: string;
  answer: string;
  outcome: CallOutcome | null;
  transferredTo: string | null;
  requestId: string | null;
  trackingNo: string | null;
  satisfaction: number | null;
  version: number;
  /** a caller who rang before (same number, by its blind index) */
  repeatCaller: boolean;
}

function requireHotline(actor: Actor) {
  if (!can(actor, 'hotline.answer') && !can(actor, 'hotline.manage')) throw new AppError('FORBIDDEN', { permission: 'hotline.answer' });
}

function baseQuery(db: Kysely<DB>, county: string) {
  return db
    .selectFrom('hotline_calls as c')
    .leftJoin('staff as s', 's.id', 'c.staff_id')
    .leftJoin('service_requests as r', 'r.id', 'c.request_id')
    .select([
      'c.id',
      'c.started_at',
      'c.ended_at',
      'c.duration_seconds',
      'c.caller_phone_masked',
      'c.caller_phone_hash',
      'c.staff_id',
      's.display_name',
      'c.category',
      'c.summary',
      'c.answer',
      'c.outcome',
      'c.transferred_to',
      'c.request_id',
      'r.tracking_no',
      'c.satisfaction',
      'c.version',
      sql<boolean>`exists (select 1 from hotline_calls p where p.caller_phone_hash = c.caller_phone_hash and p.id < c.id)`.as('repeat'),
    ])
    .where('c.county_code', '=', county);
}
type CallRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

const view = (c: CallRow): CallView => ({
  id: c.id,
  startedAt: c.started_at.toISOString(),
  endedAt: c.ended_at?.toISOString() ?? null,
  durationSeconds: c.duration_seconds,
  callerPhone: c.caller_phone_masked,
  staff: c.staff_id ? { id: c.staff_id, name: c.display_name ?? '' } : null,
  category: c.category,
  summary: c.summary,
  answer: c.answer,
  outcome: c.outcome,
  transferredTo: c.transferred_to,
  requestId: c.request_id,
  trackingNo: c.tracking_no,
  satisfaction: c.satisfaction,
  version: c.version,
  repeatCaller: Boolean(c.repeat),
});

export async function getCall(db: Kysely<DB>, actor: Actor, id: number): Promise<CallView> {
  requireHotline(actor);
  const row = await baseQuery(db, hotlineCounty(actor)).where('c.id', '=', id).executeTakeFirst();
  // a lawyer sees the calls they took (and unassigned ones); a manager sees all
  if (!row || (!can(actor, 'hotline.manage') && row.staff_id && row.staff_id !== actor.id)) throw notFound();
  return view(row);
}

export async function listCalls(
  db: Kysely<DB>,
  actor: Actor,
  filter: {
    from: string;
    to: string;
    staffId?: string | undefined;
    outcome?: CallOutcome | 'open' | undefined;
    page: number;
    pageSize: number;
  },
) {
  requireHotline(actor);
  let q = baseQuery(db, hotlineCounty(actor))
    .where('c.started_at', '>=', new Date(`${filter.from}T00:00:00+08:00`))
    .where('c.started_at', '<', new Date(new Date(`${filter.to}T00:00:00+08:00`).getTime() + 86_400_000));
  if (!can(actor, 'hotline.manage')) q = q.where((eb) => eb.or([eb('c.staff_id', '=', actor.id), eb('c.staff_id', 'is', null)]));
  else if (filter.staffId) q = q.where('c.staff_id', '=', filter.staffId);
  if (filter.outcome === 'open') q = q.where('c.outcome', 'is', null);
  else if (filter.outcome) q = q.where('c.outcome', '=', filter.outcome);
  const rows = await q
    .orderBy('c.started_at', 'desc')
    .limit(filter.pageSize + 1)
    .offset((filter.page - 1) * filter.pageSize)
    .execute();
  return {
    items: rows.slice(0, filter.pageSize).map(view),
    hasMore: rows.length > filter.pageSize,
    page: filter.page,
    pageSize: filter.pageSize,
  };
}

export interface CallInput {
  startedAt: string;
  durationSeconds?: number | undefined;
  callerPhone?: string | undefined;
  category?: string | null | undefined;
  summary?: string | undefined;
  answer?: string | undefined;
  outcome?: CallOutcome | undefined;
  transferredTo?: string | null | undefined;
  satisfaction?: number | null | undefined;
}

function checkOutcome(outcome: CallOutcome | null | undefined, transferredTo: string | null | undefined) {
  if (outcome === 'transferred' && !transferredTo?.trim())
    throw new AppError('VALIDATION_FAILED', [{ field: 'transferredTo', problem: 'required when transferred' }]);
}

function sealed(deps: RequestDeps, phone: string | undefined) {
  if (!phone) return {};
  const p = normalizePhone(phone);
  return { caller_phone_enc: deps.cipher.encrypt(p), caller_phone_masked: maskPhone(p), caller_phone_hash: deps.cipher.hash(p) };
}

/** A call logged by the lawyer who took it. */
export async function logCall(deps: RequestDeps, actor: Actor, input: CallInput): Promise<CallView> {
  requirePermission(actor, 'hotline.answer');
  const county = hotlineCounty(actor);
  checkOutcome(input.outcome, input.transferredTo);
  const started = new Date(input.startedAt);
  const id = await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('hotline_calls')
      .values({
        county_code: county,
        started_at: started,
        ended_at: input.durationSeconds !== undefined ? new Date(started.getTime() + input.durationSeconds * 1000) : null,
        duration_seconds: input.durationSeconds ?? null,
        ...sealed(deps, input.callerPhone),
        staff_id: actor.id,
        category: input.category ?? null,
        summary: input.summary ?? '',
        answer: input.answer ?? '',
        outcome: input.outcome ?? null,
        transferred_to: input.transferredTo ?? null,
        satisfaction: input.satisfaction ?? null,
        external_id: null,
        request_id: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, actor, { action: 'hotline.call.log', entityType: 'hotlineCall', entityId: String(row.id), regionCode: county });
    return row.id;
  });
  return getCall(deps.db, actor, id);
}

/** The lawyer completes a call: what was asked and answered, and how it ended. */
export async function updateCall(
  deps: RequestDeps,
  actor: Actor,
  id: number,
  input: Partial<CallInput> & { version: number },
): Promise<CallView> {
  requirePermission(actor, 'hotline.answer');
  const current = await getCall(deps.db, actor, id);
  checkOutcome(input.outcome ?? current.outcome, input.transferredTo !== undefined ? input.transferredTo : current.transferredTo);
  const done = await deps.db
    .updateTable('hotline_calls')
    .set({
      ...(input.category !== undefined ? { category: input.category } : {}),
      ...(input.summary !== undefined ? { summary: input.summary } : {}),
      ...(input.answer !== undefined ? { answer: input.answer } : {}),
      ...(input.outcome !== undefined ? { outcome: input.outcome } : {}),
      ...(input.transferredTo !== undefined ? { transferred_to: input.transferredTo } : {}),
      ...(input.satisfaction !== undefined ? { satisfaction: input.satisfaction } : {}),
      ...(input.durationSeconds !== undefined ? { duration_seconds: input.durationSeconds } : {}),
      ...(input.callerPhone !== undefined ? sealed(deps, input.callerPhone) : {}),
      // whoever completes an unassigned call took it
      ...(current.staff ? {} : { staff_id: actor.id }),
      version: sql`version + 1`,
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .where('version', '=', input.version)
    .executeTakeFirst();
  if (Number(done.numUpdatedRows) !== 1) throw new AppError('VERSION_CONFLICT', { currentVersion: current.version });
  return getCall(deps.db, actor, id);
}

/** A call that needs more than an answer becomes a service request taken on the hotline channel. */
export async function callToRequest(
  deps: RequestDeps,
  actor: Actor,
  id: number,
  input: { version: number; serviceItem: string; name: string; phone?: string | undefined; regionCode: string; description: string },
): Promise<CallView> {
  requirePermission(actor, 'hotline.answer');
  const current = await getCall(deps.db, actor, id);
  if (current.requestId) throw new AppError('VERSION_CONFLICT', { reason: 'already a request' });
  const row = await deps.db.selectFrom('hotline_calls').select('caller_phone_enc').where('id', '=', id).executeTakeFirstOrThrow();
  const phone = input.phone ?? (row.caller_phone_enc ? deps.cipher.decrypt(row.caller_phone_enc) : undefined);
  if (!phone) throw new AppError('VALIDATION_FAILED', [{ field: 'phone', problem: 'the caller’s number is needed for the request' }]);
  await intakeAtDesk(
    deps,
    actor,
    {
      serviceItem: input.serviceItem,
      channel: 'hotline',
      name: input.name,
      phone,
      regionCode: input.regionCode,
      description: input.description,
    },
    async (trx, created) => {
      const done = await trx
        .updateTable('hotline_calls')
        .set({
          request_id: created.id,
          outcome: 'request',
          staff_id: current.staff?.id ?? actor.id,
          version: sql`version + 1`,
          updated_at: new Date(),
        })
        .where('id', '=', id)
        .where('version', '=', input.version)
        .executeTakeFirst();
      if (Number(done.numUpdatedRows) !== 1) throw new AppError('VERSION_CONFLICT', { currentVersion: current.version });
    },
  );
  return getCall(deps.db, actor, id);
}

// ---------------------------------------------------------------------------------------------------------
// the telephony system's events

export interface CallEvent {
  type: 'call.started' | 'call.ended';
  callId: string;
  at: string;
  caller?: string | undefined;
  /** the workbench username of the lawyer whose phone rang, when the system knows it */
  agent?: string | undefined;
  answered?: boolean | undefined;
  durationSeconds?: number | undefined;
}

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`, within five minutes. */
export function verifySignature(secret: string | undefined, header: string | undefined, raw: string, now = Date.now()): boolean {
  if (!secret || !header) return false;
  const parts = Object.fromEntries(header.split(',').map((p) => p.trim().split('=', 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isFinite(t) || Math.abs(now / 1000 - t) > 300 || !parts.v1) return false;
  const expected = createHmac('sha256', secret).update(`${parts.t}.${raw}`).digest();
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function sign(secret: string, raw: string, now = Date.now()): string {
  const t = Math.floor(now / 1000);
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${raw}`).digest('hex')}`;
}

/**
 * Records an event: a call opens on call.started (with the lawyer whose phone rang, or the lawyer on duty when
 * there is only one), and closes on call.ended (duration; missed if nobody answered). Repeated events change
 * nothing more (idempotent on the call id).
 */
export async function recordEvent(deps: RequestDeps, county: string, e: CallEvent): Promise<{ id: number }> {
  const at = new Date(e.at);
  const staffId = e.agent
    ? ((await deps.db.selectFrom('staff').select('id').where('username', '=', e.agent).where('status', '=', 'active').executeTakeFirst())
        ?.id ?? null)
    : await onDuty(deps.db, county, at).then((people) => (people.length === 1 ? people[0]!.id : null));
  const opened = await deps.db
    .insertInto('hotline_calls')
    .values({
      county_code: county,
      external_id: e.callId,
      started_at: at,
      ...sealed(deps, e.caller),
      staff_id: staffId,
      ended_at: null,
      duration_seconds: null,
      category: null,
      outcome: null,
      transferred_to: null,
      request_id: null,
      satisfaction: null,
    })
    .onConflict((oc) => oc.column('external_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  const id =
    opened?.id ?? (await deps.db.selectFrom('hotline_calls').select('id').where('external_id', '=', e.callId).executeTakeFirstOrThrow()).id;
  if (e.type === 'call.ended') {
    await deps.db
      .updateTable('hotline_calls')
      .set({
        ended_at: at,
        duration_seconds: e.durationSeconds ?? null,
        // nobody answered: missed, unless a lawyer already wrote what happened
        ...(e.answered === false ? { outcome: sql<CallOutcome>`coalesce(outcome, 'missed')` } : {}),
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .where('ended_at', 'is', null)
      .execute();
  }
  return { id };
}

// ---------------------------------------------------------------------------------------------------------
// figures

/** Per lawyer for a month (Beijing time): calls, answered, missed, answer rate, handling time, satisfaction. */
export async function monthFigures(db: Kysely<DB>, actor: Actor, month: string) {
  if (!can(actor, 'hotline.manage')) throw new AppError('FORBIDDEN', { permission: 'hotline.manage' });
  const county = hotlineCounty(actor);
  const from = new Date(`${month}-01T00:00:00+08:00`);
  const [y, m] = month.split('-').map(Number) as [number, number];
  const to = new Date(`${m === 12 ? y + 1 : y}-${String(m === 12 ? 1 : m + 1).padStart(2, '0')}-01T00:00:00+08:00`);
  const rows = await db
    .selectFrom('hotline_calls as c')
    .leftJoin('staff as s', 's.id', 'c.staff_id')
    .select([
      'c.staff_id',
      's.display_name',
      (eb) => eb.fn.countAll<string>().as('calls'),
      sql<string>`count(*) filter (where c.outcome in ('answered', 'transferred', 'request'))`.as('answered'),
      sql<string>`count(*) filter (where c.outcome in ('missed', 'abandoned'))`.as('missed'),
      sql<string>`count(*) filter (where c.outcome = 'transferred')`.as('transferred'),
      sql<string>`count(*) filter (where c.outcome = 'request')`.as('requests'),
      sql<string | null>`avg(c.duration_seconds) filter (where c.outcome in ('answered', 'transferred', 'request'))`.as('avg_seconds'),
      sql<string | null>`avg(c.satisfaction)`.as('satisfaction'),
      sql<string>`count(c.satisfaction)`.as('rated'),
    ])
    .where('c.county_code', '=', county)
    .where('c.started_at', '>=', from)
    .where('c.started_at', '<', to)
    .groupBy(['c.staff_id', 's.display_name'])
    .orderBy('s.display_name')
    .execute();
  const round = (x: string | null, d = 1) => (x === null ? null : Math.round(Number(x) * 10 ** d) / 10 ** d);
  const people = rows.map((r) => {
    const calls = Number(r.calls);
    const answered = Number(r.answered);
    const missed = Number(r.missed);
    return {
      staff: r.staff_id ? { id: r.staff_id, name: r.display_name ?? '' } : null,
      calls,
      answered,
      missed,
      transferred: Number(r.transferred),
      requests: Number(r.requests),
      answerRate: answered + missed ? Math.round((answered / (answered + missed)) * 1000) / 1000 : null,
      averageHandlingSeconds: round(r.avg_seconds, 0),
      satisfaction: round(r.satisfaction, 2),
      rated: Number(r.rated),
    };
  });
  const sum = (k: 'calls' | 'answered' | 'missed' | 'transferred' | 'requests') => people.reduce((a, p) => a + p[k], 0);
  const answered = sum('answered');
  const missed = sum('missed');
  return {
    month,
    people,
    total: {
      calls: sum('calls'),
      answered,
      missed,
      transferred: sum('transferred'),
      requests: sum('requests'),
      answerRate: answered + missed ? Math.round((answered / (answered + missed)) * 1000) / 1000 : null,
    },
  };
}
