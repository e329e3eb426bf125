import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB, RequestStatus, ServiceRequestsTable } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import { can, requirePermission, type Actor } from '../auth/actor.js';
import { hit, hitSql } from '../auth/rate-limit.js';
import { audit } from '../audit/audit.service.js';
import { enqueue, type OutboxEntry } from '../notify/outbox.js';
import { maskPhone } from '../org/mask.js';
import { normalizeRegionCode } from '../org/region-codes.js';
import { computeDeadline, status as dueStatus, type Pause, type Policy } from '../timelimits/rules.js';
import type { Channel } from './catalogue-defaults.js';
import { idNumberProblem, maskIdNumber, normalizeIdNumber } from './id-number.js';
import { reference, siteKey } from './reference.js';
import { isUniqueViolation } from '../../db/pg-errors.js';
import { insertEvent } from './requests.repository.js';
import { getRequest, type RequestDeps } from './requests.service.js';
import { routeFrom } from './routing.js';
import { formatTrackingNo, newTrackingNo } from './tracking-no.js';

/*
 * Taking a request in (受理), whatever the channel: the checks every channel shares, sealing the personal data,
 * the first due date, the insert with its opening timeline rows, and the first word to the citizen.
 */
const MOBILE = /^1[3-9][0-9]{9}$/;

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
      requester_address_enc: input.address ? cipher.encrypt(input.address.trim()) : null,
      region_code: regionCode,
      description: input.description.trim(),
      time_limit: JSON.stringify(item.timeLimit),
    },
  };
}

/** The stored due date and its state, computed when a request starts, pauses or resumes (never on read). */
export async function deadlineFrom(db: Kysely<DB>, policy: Policy, startedAt: Date, pauses: Pause[], now = new Date()) {
  const { calendar } = await reference(db);
  const deadline = computeDeadline(calendar, policy, startedAt, pauses);
  const state = deadline.dueAt ? dueStatus(calendar, now, deadline.dueAt, policy) : 'normal';
  return { dueAt: deadline.dueAt, state };
}

/** Inserts with a fresh tracking number, drawing again in the (1 in 10^12 a day) case of a clash. */
async function insertRequest(
  deps: RequestDeps,
  values: Omit<Insertable<ServiceRequestsTable>, 'tracking_no'>,
  after: (trx: Kysely<DB>, id: string, trackingNo: string) => Promise<void>,
): Promise<{ id: string; trackingNo: string }> {
  for (let attempt = 0; ; attempt++) {
    const trackingNo = newTrackingNo();
    try {
      return await deps.db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('service_requests')
          .values({ ...values, tracking_no: trackingNo })
          .returning('id')
          .executeTakeFirstOrThrow();
        await after(trx, row.id, trackingNo);
        return { id: row.id, trackingNo };
      });
    } catch (error) {
      if (attempt < 3 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}

/**
 * Inserts a request with its first timeline rows and its messages in ONE statement (data-modifying CTEs):
 * atomic without BEGIN/COMMIT, and one round trip instead of five — the public form is the busiest write.
 */
/** Column types, for the casts that INSERT … SELECT needs (a bare parameter there would be read as text). */
const REQUEST_COLUMN_TYPES: Record<string, string> = {
  received_site_id: 'uuid',
  received_by: 'uuid',
  owner_id: 'uuid',
  handler_site_id: 'uuid',
  handler_id: 'uuid',
  time_limit: 'jsonb',
  pauses: 'jsonb',
  missing_materials: 'jsonb',
  started_at: 'timestamptz',
  due_at: 'timestamptz',
  dispatched_at: 'timestamptz',
  accepted_at: 'timestamptz',
  concluded_at: 'timestamptz',
};

/** A per-address limit to count in the same statement: the insert happens only while the count allows it. */
export interface StatementLimit {
  key: string;
  max: number;
  windowSeconds: number;
}

async function insertAtOnce(
  deps: RequestDeps,
  values: Omit<Insertable<ServiceRequestsTable>, 'tracking_no'>,
  events: { type: string; from: string | null; to: string | null; data: unknown }[],
  messages: (trackingNo: string) => OutboxEntry[],
  limit?: StatementLimit,
): Promise<{ id: string; trackingNo: string }> {
  for (let attempt = 0; ; attempt++) {
    const trackingNo = newTrackingNo();
    const row = { ...values, tracking_no: trackingNo } as Record<string, unknown>;
    const cols = Object.keys(row).filter((c) => row[c] !== undefined);
    const outbox = messages(trackingNo);
    const eventRows = sql.join(events.map((e) => sql`(${e.type}, ${e.from}::text, ${e.to}::text, ${JSON.stringify(e.data)}::jsonb)`));
    const outboxRows = sql.join(
      outbox.map(
        (m) =>
          sql`(${m.channel}, ${m.recipient ? deps.cipher.encrypt(m.recipient) : null}::text, ${m.template}, ${JSON.stringify(m.payload)}::jsonb)`,
      ),
    );
    try {
      const typed = sql.join(cols.map((c) => sql`${sql.val(row[c])}::${sql.raw(REQUEST_COLUMN_TYPES[c] ?? 'text')}`));
      const result = await sql<{ id: string | null; hits: number | null }>`
        with ${limit ? sql`l as (${hitSql(limit.key, limit.windowSeconds)}),` : sql``} r as (
          insert into service_requests (${sql.join(cols.map((c) => sql.ref(c)))})
          select ${typed} ${limit ? sql`where (select hits from l) <= ${limit.max}` : sql``}
          returning id
        ), e as (
          insert into request_events (request_id, type, from_status, to_status, data)
          select r.id, v.type, v.from_status, v.to_status, v.data from r, (values ${eventRows}) as v (type, from_status, to_status, data)
        )${
          outbox.length
            ? sql`, o as (
          insert into outbox (request_id, channel, recipient_enc, template, payload)
          select r.id, m.channel, m.recipient_enc, m.template, m.payload from r, (values ${outboxRows}) as m (channel, recipient_enc, template, payload)
        )`
            : sql``
        }
        select (select id from r) as id, ${limit ? sql`(select hits from l)` : sql`null::int`} as hits`.execute(deps.db);
      const answer = result.rows[0];
      if (!answer?.id) throw new AppError('RATE_LIMITED', { retryAfterSeconds: limit?.windowSeconds });
      return { id: answer.id, trackingNo };
    } catch (error) {
      if (attempt < 3 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}

/**
 * A request from the portal, WeChat or a kiosk. The county center is the front desk of the online channels;
 * the routing rules send it straight on to whoever handles it, and its clock starts now.
 */
export async function submitPublicRequest(deps: RequestDeps, input: IntakeInput, limit?: StatementLimit) {
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
  const created = await insertAtOnce(
    deps,
    {
      ...values,
      status: 'dispatched',
      received_site_id: center.id,
      received_region_code: center.regionCode,
      handler_site_id: route.siteId,
      handler_region_code: route.siteRegionCode,
      handler_post: route.post,
      started_at: now,
      due_at: dueAt,
      due_state: state,
      dispatched_at: now,
    },
    [
      { type: 'submitted', from: null, to: 'submitted', data: { channel: input.channel } },
      { type: 'dispatched', from: 'submitted', to: 'dispatched', data: { siteName: handlerSite.name } },
    ],
    (trackingNo) =>
      citizenMessages(
        deps,
        { id: null, trackingNo, phone: normalizePhone(input.phone), itemName: item.name, status: 'dispatched' },
        'requestReceived',
      ),
    limit,
  );
  return { trackingNo: created.trackingNo, status: 'dispatched' as RequestStatus, dueAt: dueAt?.toISOString() ?? null, id: created.id };
}

/**
 * A request taken at a desk, on the phone or from a letter: the person who takes it is its first responder.
 * A legal liaison (法律明白人) only passes it on: it waits on their village room's desk, where the adviser acts.
 */
export async function intakeAtDesk(deps: RequestDeps, actor: Actor, input: IntakeInput) {
  requirePermission(actor, 'requests.intake');
  const firstResponder = can(actor, 'requests.handle') ? actor.id : null;
  const { item, values } = await prepareIntake(deps, input);
  const now = new Date();
  const { dueAt, state } = await deadlineFrom(deps.db, item.timeLimit, now, [], now);
  const site = await deps.db.selectFrom('sites').select('region_code').where('id', '=', actor.siteId).executeTakeFirstOrThrow();
  const created = await insertRequest(
    deps,
    {
      ...values,
      status: 'submitted',
      received_site_id: actor.siteId,
      received_region_code: site.region_code,
      received_by: actor.id,
      owner_id: firstResponder,
      started_at: now,
      due_at: dueAt,
      due_state: state,
    },
    async (trx, id, trackingNo) => {
      await insertEvent(trx, {
        requestId: id,
        actor,
        type: 'submitted',
        from: null,
        to: 'submitted',
        data: { channel: input.channel, siteName: actor.siteName },
      });
      await tellCitizen(
        deps,
        trx,
        { id, trackingNo, phone: normalizePhone(input.phone), itemName: item.name, status: 'submitted' },
        'requestReceived',
      );
      await audit(trx, actor, {
        action: 'request.intake',
        entityType: 'serviceRequest',
        entityId: id,
        regionCode: values.region_code,
        after: { serviceItem: item.code, channel: input.channel },
      });
    },
  );
  return getRequest(deps, actor, created.id);
}
