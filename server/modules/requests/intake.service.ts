import type { Kysely } from 'kysely';
import type { DB, RequestStatus } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import { can, requirePermission, type Actor } from '../auth/actor.js';
import { hit } from '../auth/rate-limit.js';
import { audit } from '../audit/audit.service.js';
import { enqueue, type OutboxEntry } from '../notify/outbox.js';
import { categoryOf, KIND_TITLE, type Category, type NoticeKind } from '../notify/kinds.js';
import { staffTextsSql } from '../notify/notifications.service.js';
import { addresseeSql } from '../notify/recipients.js';
import { maskNumbersIn } from '../privacy/mask-text.js';
import { maskPhone } from '../org/mask.js';
import { normalizeRegionCode } from '../org/region-codes.js';
import { computeDeadline, status as dueStatus, type Calendar, type Deadline, type Pause, type Policy } from '../timelimits/rules.js';
import { dayOf } from '../timelimits/days.js';
import type { Channel } from './catalogue-defaults.js';
import { idNumberProblem, maskIdNumber, normalizeIdNumber } from './id-number.js';
import { reference, siteKey } from './reference.js';
import { preparedStatement } from '../../db/database.js';
import { getRequest, type RequestDeps } from './requests.service.js';
import { routeFrom } from './routing.js';
import { formatTrackingNo, newTrackingNo } from './tracking-no.js';

/*
 * Taking a request in (受理), whatever the channel: the checks every channel shares, sealing the personal data,
 * the first due date, the insert with its opening timeline rows, and the first word to the citizen.
 */
export const MOBILE = /^1[3-9][0-9]{9}$/;

/** What the citizen is told, and on which channels: an SMS to the requester, and the webhook if configured. */
export function citizenMessages(
  deps: RequestDeps,
  r: { id: string | null; trackingNo: string; phone: string; itemName: string; status: RequestStatus },
  template: string,
  extra: Record<string, string> = {},
): OutboxEntry[] {
  const payload = { no: formatTrackingNo(r.trackingNo), item: r.itemName, ...extra };
  return [
    // a landline cannot take a text; the tracking page and the receipt still tell them
    ...(MOBILE.test(r.phone) ? [{ requestId: r.id, channel: 'sms' as const, recipient: r.phone, template, payload }] : []),
    ...(deps.webhook
      ? [{ requestId: r.id, channel: 'webhook' as const, template, payload: { ...payload, trackingNo: r.trackingNo, status: r.status } }]
      : []),
  ];
}

export async function tellCitizen(
  deps: RequestDeps,
  trx: Kysely<DB>,
  r: { id: string; trackingNo: string; phone: string; itemName: string; status: RequestStatus },
  template: string,
  extra: Record<string, string> = {},
) {
  await enqueue(trx, deps.cipher, citizenMessages(deps, r, template, extra));
}

export interface IntakeInput {
  serviceItem: string;
  channel: Channel;
  name: string;
  phone: string;
  idNumber?: string | undefined;
  address?: string | undefined;
  regionCode: string;
  description: string;
}

export const normalizePhone = (phone: string) => phone.replace(/[\s-]/g, '');

/** Checks what every channel must check, and seals the personal data. */
async function prepareIntake(deps: RequestDeps, input: IntakeInput) {
  const ref = await reference(deps.db);
  const item = ref.items.get(input.serviceItem);
  if (!item || !item.active) throw new AppError('SERVICE_ITEM_UNAVAILABLE', { serviceItem: input.serviceItem });
  if (!item.channels.includes(input.channel)) throw new AppError('CHANNEL_NOT_OFFERED', { serviceItem: item.code, channel: input.channel });
  const regionCode = normalizeRegionCode(input.regionCode);
  if (!ref.regions.has(regionCode)) throw new AppError('REGION_UNKNOWN', { regionCode: input.regionCode });
  let idNumber: string | undefined;
  if (input.idNumber) {
    idNumber = normalizeIdNumber(input.idNumber);
    const problem = idNumberProblem(idNumber);
    if (problem) throw new AppError('ID_NUMBER_INVALID', { problem });
  }
  const phone = normalizePhone(input.phone);
  const { cipher } = deps;
  return {
    ref,
    item,
    regionCode,
    values: {
      county_code: regionCode.slice(0, 6),
      service_item: item.code,
      channel: input.channel,
      requester_name: input.name.trim(),
      requester_phone_enc: cipher.encrypt(phone),
      requester_phone_hash: cipher.hash(phone),
      requester_phone_masked: maskPhone(phone),
      requester_id_enc: idNumber ? cipher.encrypt(idNumber) : null,
      requester_id_masked: idNumber ? maskIdNumber(idNumber) : null,
      // the blind index finds everything held about one citizen by their ID number (privacy/citizen-export.ts)
      requester_id_hash: idNumber ? cipher.hash(idNumber) : null,
      requester_address_enc: input.address ? cipher.encrypt(input.address.trim()) : null,
      region_code: regionCode,
      description: input.description.trim(),
      time_limit: JSON.stringify(item.timeLimit),
    },
  };
}

/** A new request's deadline depends only on the policy and the day it starts: worked out once per day and policy. */
const firstDeadlines = new WeakMap<Calendar, Map<string, Deadline>>();
function firstDeadline(calendar: Calendar, policy: Policy, startedAt: Date): Deadline {
  let known = firstDeadlines.get(calendar);
  if (!known) firstDeadlines.set(calendar, (known = new Map()));
  const key = `${policy.unit}:${policy.days}:${dayOf(startedAt)}`;
  let deadline = known.get(key);
  if (!deadline) {
    deadline = computeDeadline(calendar, policy, startedAt);
    // the days of a few months at most: a long-running process drops the old ones now and then
    if (known.size > 1000) known.clear();
    known.set(key, deadline);
  }
  return deadline;
}

/** The stored due date and its state, computed when a request starts, pauses or resumes (never on read). */
export async function deadlineFrom(db: Kysely<DB>, policy: Policy, startedAt: Date, pauses: Pause[], now = new Date()) {
  const { calendar } = await reference(db);
  const deadline = pauses.length ? computeDeadline(calendar, policy, startedAt, pauses) : firstDeadline(calendar, policy, startedAt);
  const state = deadline.dueAt ? dueStatus(calendar, now, deadline.dueAt, policy) : 'normal';
  return { dueAt: deadline.dueAt, state };
}

/** The columns a new request is inserted with, in the order of the statement's parameters $4… */
const INTAKE_COLUMNS = [
  ['tracking_no', 'text'],
  ['county_code', 'text'],
  ['service_item', 'text'],
  ['channel', 'text'],
  ['status', 'text'],
  ['requester_name', 'text'],
  ['requester_phone_enc', 'text'],
  ['requester_phone_hash', 'text'],
  ['requester_phone_masked', 'text'],
  ['requester_id_enc', 'text'],
  ['requester_id_masked', 'text'],
  ['requester_id_hash', 'text'],
  ['requester_address_enc', 'text'],
  ['region_code', 'text'],
  ['description', 'text'],
  ['received_site_id', 'uuid'],
  ['received_region_code', 'text'],
  ['received_by', 'uuid'],
  ['owner_id', 'uuid'],
  ['handler_site_id', 'uuid'],
  ['handler_region_code', 'text'],
  ['handler_post', 'text'],
  ['time_limit', 'jsonb'],
  ['started_at', 'timestamptz'],
  ['due_at', 'timestamptz'],
  ['due_state', 'text'],
  ['dispatched_at', 'timestamptz'],
] as const;
type IntakeRow = Record<(typeof INTAKE_COLUMNS)[number][0], unknown>;
const EVENTS_PARAM = INTAKE_COLUMNS.length + 4;
/** A column's parameter in the intake statement, cast to its type. */
const param = (column: (typeof INTAKE_COLUMNS)[number][0]) => {
  const i = INTAKE_COLUMNS.findIndex(([c]) => c === column);
  return `$${i + 4}::${INTAKE_COLUMNS[i]![1]}`;
};

/**
 * Taking a request in is ONE statement (data-modifying CTEs), prepared once per connection: the address's
 * count (`l`, the counter of rate-limit.ts; none at a desk), the request — inserted only while the count
 * allows —, its opening timeline rows, the citizen's messages, and the notices (and texts, where the county
 * texts its staff) to whoever it now waits on: the site and post it was routed to, or the desk a legal liaison
 * left it on (notify/recipients.ts). Atomic without BEGIN/COMMIT, one round trip.
 */
const insertIntake = preparedStatement<{ id: string | null; hits: number | null }>(
  'intake_insert',
  `with l as (
     insert into rate_limits (key, window_start, hits) select $1::text, now(), 1 where $1::text is not null
     on conflict (key) do update set
       hits = case when rate_limits.window_start < now() - make_interval(secs => $2::int) then 1 else rate_limits.hits + 1 end,
       window_start = case when rate_limits.window_start < now() - make_interval(secs => $2::int) then now() else rate_limits.window_start end
     returning hits
   ), r as (
     insert into service_requests (${INTAKE_COLUMNS.map(([c]) => c).join(', ')})
     select ${INTAKE_COLUMNS.map(([, type], i) => `$${i + 4}::${type}`).join(', ')}
     where $3::int is null or (select hits from l) <= $3::int
     on conflict (tracking_no) do nothing
     returning id
   ), e as (
     insert into request_events (request_id, actor_id, actor_name, type, from_status, to_status, data, public)
     select r.id, v.actor_id, coalesce(v.actor_name, ''), v.type, v.from_status, v.to_status, v.data, v.public
     from r, rows from (jsonb_to_recordset($${EVENTS_PARAM}::jsonb)
       as (actor_id uuid, actor_name text, type text, from_status text, to_status text, data jsonb, public boolean)) with ordinality
       as v (actor_id, actor_name, type, from_status, to_status, data, public, n)
     order by v.n
   ), o as (
     insert into outbox (request_id, channel, recipient_enc, template, payload)
     select r.id, m.channel, m.recipient_enc, m.template, m.payload
     from r, jsonb_to_recordset($${EVENTS_PARAM + 1}::jsonb) as m (channel text, recipient_enc text, template text, payload jsonb)
   ), n as (
     insert into notifications (staff_id, request_id, kind, category, entity_type, entity_id, dedupe_key, title, body)
     select s.id, r.id, k.kind, k.category, 'serviceRequest', r.id::text, k.kind || ':' || r.id::text, k.title, k.body
     from r, jsonb_to_record($${EVENTS_PARAM + 2}::jsonb) as k (kind text, category text, title text, body text), staff s
     where $${EVENTS_PARAM + 2}::jsonb is not null
       and ${addresseeSql('s', param('owner_id'), `coalesce(${param('handler_site_id')}, ${param('received_site_id')})`, param('handler_post'))}
       and s.id is distinct from ${param('received_by')}
     returning staff_id, request_id, kind, title
   ), t as (${staffTextsSql('n')})
   select (select id from r) as id, (select hits from l) as hits`,
);

interface OpeningEvent {
  type: string;
  from: string | null;
  to: string;
  data: unknown;
  actor?: Actor | undefined;
  /** a line on the citizen's tracking page; each such line comes with one text (see CITIZEN_MESSAGES) */
  public: boolean;
}

/** The notice to whoever a new request waits on (its tracking number is added to the title). */
interface IntakeNotice {
  kind: NoticeKind;
  category: Category;
  title: string;
  body: string;
}

/**
 * What a new request tells staff. A legal aid application tells them of its case instead (legalaid/cases.service.ts),
 * which is written after the request.
 */
function intakeNotice(item: { code: string; name: string }, description: string): IntakeNotice | null {
  if (item.code === 'legalAid') return null;
  const kind = item.code === 'consultation' ? 'newConsultation' : 'newRequest';
  return {
    kind,
    category: categoryOf(kind),
    title: `【${KIND_TITLE[kind]}】${item.name}`,
    body: maskNumbersIn(description.trim()).slice(0, 100),
  };
}

/** A per-address limit counted in the same statement: the insert happens only while the count allows it. */
export interface StatementLimit {
  key: string;
  max: number;
  windowSeconds: number;
}

/** Inserts with a fresh tracking number, drawing again in the (1 in 10^12 a day) case of a clash. */
async function insertAtOnce(
  deps: RequestDeps,
  db: Kysely<DB>,
  values: Omit<IntakeRow, 'tracking_no'>,
  events: OpeningEvent[],
  messages: (trackingNo: string) => OutboxEntry[],
  limit?: StatementLimit,
  notice?: IntakeNotice | null,
): Promise<{ id: string; trackingNo: string }> {
  const eventRows = JSON.stringify(
    events.map((e) => ({
      actor_id: e.actor?.id ?? null,
      actor_name: e.actor?.displayName ?? '',
      type: e.type,
      from_status: e.from,
      to_status: e.to,
      data: e.data,
      public: e.public,
    })),
  );
  for (let attempt = 0; ; attempt++) {
    const trackingNo = newTrackingNo();
    const row: IntakeRow = { ...values, tracking_no: trackingNo };
    const outbox = messages(trackingNo).map((m) => ({
      channel: m.channel,
      recipient_enc: m.recipient ? deps.cipher.encrypt(m.recipient) : null,
      template: m.template,
      payload: m.payload,
    }));
    const { rows } = await insertIntake(db, [
      limit?.key ?? null,
      limit?.windowSeconds ?? null,
      limit?.max ?? null,
      ...INTAKE_COLUMNS.map(([c]) => row[c] ?? null),
      eventRows,
      JSON.stringify(outbox),
      notice ? JSON.stringify({ ...notice, title: `${notice.title} ${trackingNo}` }) : null,
    ]);
    const answer = rows[0];
    if (answer?.id) return { id: answer.id, trackingNo };
    if (limit && Number(answer?.hits) > limit.max) throw new AppError('RATE_LIMITED', { retryAfterSeconds: limit.windowSeconds });
    // the number was drawn before (on conflict do nothing): draw again — no error, so a caller's transaction lives on
    if (attempt >= 3) throw new Error('four tracking-number clashes in a row: the random source is broken');
  }
}

/**
 * A request from the portal, WeChat or a kiosk. The county center is the front desk of the online channels;
 * the routing rules send it straight on to whoever handles it, and its clock starts now.
 */
/** Written in the transaction that takes a request in, e.g. the legal aid case behind a legal aid request. */
export type AfterIntake = (trx: Kysely<DB>, created: { id: string; trackingNo: string }) => Promise<void>;

export async function submitPublicRequest(deps: RequestDeps, input: IntakeInput, limit?: StatementLimit, after?: AfterIntake) {
  const { ref, item, regionCode, values } = await prepareIntake(deps, input).catch(async (error: unknown) => {
    // a refused submission still counts against its address, so that a flood of bad ones meets the limit too
    if (limit && (await hit(deps.db, limit.key, limit.windowSeconds)) > limit.max) {
      throw new AppError('RATE_LIMITED', { retryAfterSeconds: limit.windowSeconds });
    }
    throw error;
  });
  const route = routeFrom(ref, item.code, regionCode);
  const center = ref.sites.get(siteKey('center', regionCode.slice(0, 6)));
  if (!center) throw new AppError('ROUTING_RULE_MISSING', { serviceItem: item.code, regionCode });
  const now = new Date();
  const { dueAt, state } = await deadlineFrom(deps.db, item.timeLimit, now, [], now);
  const handlerSite = { name: route.siteName };
  const insert = (db: Kysely<DB>) =>
    insertAtOnce(
      deps,
      db,
      {
        ...values,
        status: 'dispatched',
        received_site_id: center.id,
        received_region_code: center.regionCode,
        handler_site_id: route.siteId,
        handler_region_code: route.siteRegionCode,
        handler_post: route.post,
        received_by: null,
        owner_id: null,
        started_at: now,
        due_at: dueAt,
        due_state: state,
        dispatched_at: now,
      },
      // one step for the citizen (and one text): "submitted, sent on to X". Staff see both rows; the citizen the
      // one that names where it went.
      [
        { type: 'submitted', from: null, to: 'submitted', data: { channel: input.channel }, public: false },
        { type: 'dispatched', from: 'submitted', to: 'dispatched', data: { siteName: handlerSite.name }, public: true },
      ],
      (trackingNo) =>
        citizenMessages(
          deps,
          { id: null, trackingNo, phone: normalizePhone(input.phone), itemName: item.name, status: 'dispatched' },
          'requestReceived',
        ),
      limit,
      intakeNotice(item, input.description),
    );
  // the busiest path stays one statement; a request with a case behind it is one transaction
  const created = after
    ? await deps.db.transaction().execute(async (trx) => {
        const inserted = await insert(trx);
        await after(trx, inserted);
        return inserted;
      })
    : await insert(deps.db);
  return { trackingNo: created.trackingNo, status: 'dispatched' as RequestStatus, dueAt: dueAt?.toISOString() ?? null, id: created.id };
}

/**
 * A request taken at a desk, on the phone or from a letter: the person who takes it is its first responder.
 * A legal liaison (法律明白人) only passes it on: it waits on their village room's desk, where the adviser acts.
 */
export async function intakeAtDesk(deps: RequestDeps, actor: Actor, input: IntakeInput, after?: AfterIntake) {
  requirePermission(actor, 'requests.intake');
  const firstResponder = can(actor, 'requests.handle') ? actor.id : null;
  const { item, values } = await prepareIntake(deps, input);
  const now = new Date();
  const { dueAt, state } = await deadlineFrom(deps.db, item.timeLimit, now, [], now);
  const site = await deps.db.selectFrom('sites').select('region_code').where('id', '=', actor.siteId).executeTakeFirstOrThrow();
  const created = await deps.db.transaction().execute(async (trx) => {
    const inserted = await insertAtOnce(
      deps,
      trx,
      {
        ...values,
        status: 'submitted',
        received_site_id: actor.siteId,
        received_region_code: site.region_code,
        received_by: actor.id,
        owner_id: firstResponder,
        handler_site_id: null,
        handler_region_code: null,
        handler_post: null,
        started_at: now,
        due_at: dueAt,
        due_state: state,
        dispatched_at: null,
      },
      [{ type: 'submitted', from: null, to: 'submitted', data: { channel: input.channel, siteName: actor.siteName }, actor, public: true }],
      (trackingNo) =>
        citizenMessages(
          deps,
          { id: null, trackingNo, phone: normalizePhone(input.phone), itemName: item.name, status: 'submitted' },
          'requestReceived',
        ),
      undefined,
      // only a legal liaison's leaves anyone to tell: the room's staff, at whose desk it waits
      intakeNotice(item, input.description),
    );
    await audit(trx, actor, {
      action: 'request.intake',
      entityType: 'serviceRequest',
      entityId: inserted.id,
      regionCode: values.region_code,
      after: { serviceItem: item.code, channel: input.channel },
    });
    await after?.(trx, inserted);
    return inserted;
  });
  return getRequest(deps, actor, created.id);
}
