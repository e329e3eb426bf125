import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { PersonalDataCipher } from '../../security/personal-data.js';
import { insertAudit } from '../audit/audit.repository.js';
import { anonymise } from '../knowledge/anonymise.js';
import { periodOf, RECORD_TYPES, type RecordType } from './retention.js';

/*
 * The retention sweep (housekeeping): records past their county's period for their type are anonymised — the
 * personal fields cleared (name → 已匿名; phone, ID number and address nulled, sealed values and blind indexes
 * alike), free texts run through the consultation anonymiser, attachments' bytes deleted — while what the
 * figures need stays (service item, channel, status, region, dates, ratings, outcome, duration).
 * `anonymised_at` marks what is done, so nothing runs twice; rows are taken with FOR UPDATE SKIP LOCKED, so
 * several instances sweeping at once share the work instead of repeating it.
 */

export const ANONYMISED_NAME = '已匿名';
export const PURGED_FILENAME = '已删除（保存期限届满）';
export const REMOVED_TEXT = '（保存期限届满，已删除）';
const ENDED_REQUEST = sql`('concluded', 'withdrawn')`;
const ENDED_CASE = sql`('refused', 'closed', 'terminated', 'archived', 'withdrawn')`;

export type SweepCounts = Record<RecordType, number>;

/** The known names, then the address, then the anonymiser's patterns (phones, ID numbers, e-mails, accounts). */
export function redact(text: string, names: (string | null | undefined)[], address?: string | null): string {
  let out = text;
  for (const name of names) if (name && name !== ANONYMISED_NAME) out = anonymise(out, { name });
  return anonymise(out, { address: address ?? null });
}

/** Every string inside a JSON value, redacted. */
function redactJson(value: unknown, names: (string | null)[], address: string | null): unknown {
  if (typeof value === 'string') return redact(value, names, address);
  if (Array.isArray(value)) return value.map((v) => redactJson(v, names, address));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactJson(v, names, address)]));
  return value;
}

function openQuietly(cipher: PersonalDataCipher, stored: string | null): string | null {
  if (!stored) return null;
  try {
    return cipher.decrypt(stored);
  } catch {
    // a value no key opens still goes: the address is then only caught by the anonymiser's patterns
    return null;
  }
}

interface RequestToAnonymise {
  id: string;
  requester_name: string;
  requester_address_enc: string | null;
  description: string;
  result: string | null;
}

/** Anonymises requests and everything hanging from them, inside the caller's transaction. */
async function anonymiseRequests(
  trx: Transaction<DB>,
  cipher: PersonalDataCipher,
  rows: RequestToAnonymise[],
  extraNames = new Map<string, string[]>(),
) {
  if (!rows.length) return;
  const ids = rows.map((r) => r.id);
  const known = new Map(
    rows.map((r) => [
      r.id,
      { names: [r.requester_name, ...(extraNames.get(r.id) ?? [])], address: openQuietly(cipher, r.requester_address_enc) },
    ]),
  );
  const clean = (requestId: string, text: string) => {
    const k = known.get(requestId)!;
    return redact(text, k.names, k.address);
  };
  for (const r of rows) {
    await trx
      .updateTable('service_requests')
      .set({
        requester_name: ANONYMISED_NAME,
        requester_phone_enc: null,
        requester_phone_hash: null,
        requester_phone_masked: '',
        requester_id_enc: null,
        requester_id_masked: null,
        requester_id_hash: null,
        requester_address_enc: null,
        description: clean(r.id, r.description),
        result: r.result === null ? null : clean(r.id, r.result),
        anonymised_at: sql`now()`,
      })
      .where('id', '=', r.id)
      .where('anonymised_at', 'is', null)
      .execute();
  }
  // the texts written about them: timeline notes, ratings' comments, follow-up notes, supervision, notices
  const events = await trx
    .selectFrom('request_events')
    .select(['id', 'request_id', 'note'])
    .where('request_id', 'in', ids)
    .where('note', '!=', '')
    .execute();
  for (const e of events) {
    const note = clean(e.request_id, e.note);
    if (note !== e.note) await trx.updateTable('request_events').set({ note }).where('id', '=', e.id).execute();
  }
  const evaluations = await trx
    .selectFrom('evaluations')
    .select(['request_id', 'comment'])
    .where('request_id', 'in', ids)
    .where('comment', '!=', '')
    .execute();
  for (const e of evaluations) {
    await trx
      .updateTable('evaluations')
      .set({ comment: clean(e.request_id, e.comment) })
      .where('request_id', '=', e.request_id)
      .execute();
  }
  const calls = await trx
    .selectFrom('follow_up_calls')
    .select(['id', 'request_id', 'note'])
    .where('request_id', 'in', ids)
    .where('note', '!=', '')
    .execute();
  for (const c of calls)
    await trx
      .updateTable('follow_up_calls')
      .set({ note: clean(c.request_id, c.note) })
      .where('id', '=', c.id)
      .execute();
  const orders = await trx
    .selectFrom('supervision_orders')
    .select(['id', 'request_id', 'instruction', 'reply'])
    .where('request_id', 'in', ids)
    .execute();
  for (const o of orders) {
    await trx
      .updateTable('supervision_orders')
      .set({ instruction: clean(o.request_id, o.instruction), reply: o.reply === null ? null : clean(o.request_id, o.reply) })
      .where('id', '=', o.id)
      .execute();
  }
  const fixes = await trx
    .selectFrom('rectifications')
    .select(['id', 'request_id', 'measures'])
    .where('request_id', 'in', ids)
    .where('measures', 'is not', null)
    .execute();
  for (const f of fixes)
    await trx
      .updateTable('rectifications')
      .set({ measures: clean(f.request_id, f.measures!) })
      .where('id', '=', f.id)
      .execute();
  const notices = await trx
    .selectFrom('notifications')
    .select(['id', 'request_id', 'title', 'body'])
    .where('request_id', 'in', ids)
    .execute();
  for (const n of notices) {
    await trx
      .updateTable('notifications')
      .set({ title: clean(n.request_id!, n.title), body: clean(n.request_id!, n.body) })
      .where('id', '=', n.id)
      .execute();
  }
  // the thread and the materials go with the request, whatever their own (shorter or longer) period says
  const messages = await trx
    .selectFrom('consultation_messages')
    .select(['id', 'request_id', 'body'])
    .where('request_id', 'in', ids)
    .where('anonymised_at', 'is', null)
    .execute();
  for (const m of messages) {
    await trx
      .updateTable('consultation_messages')
      .set({ body: clean(m.request_id, m.body), anonymised_at: sql`now()` })
      .where('id', '=', m.id)
      // another instance's message sweep may have taken it meanwhile
      .where('anonymised_at', 'is', null)
      .execute();
  }
  await purgeAttachments(trx, { requestIds: ids });
  await trx
    .updateTable('outbox')
    .set({ recipient_enc: null })
    .where('request_id', 'in', ids)
    .where('recipient_enc', 'is not', null)
    .execute();
}

/** Deletes the bytes of attachments (by their ids, or all of some requests); the rows stay for the figures. */
async function purgeAttachments(trx: Transaction<DB>, by: { ids: string[] } | { requestIds: string[] }): Promise<number> {
  const done = await trx
    .updateTable('request_attachments')
    .set({ data: new Uint8Array(0), filename: PURGED_FILENAME, sha256: '', purged_at: sql`now()` })
    .where('purged_at', 'is', null)
    .where('ids' in by ? 'id' : 'request_id', 'in', 'ids' in by ? by.ids : by.requestIds)
    .executeTakeFirst();
  return Number(done.numUpdatedRows);
}

// ---------------------------------------------------------------------------------------------------------
// one batch of each type: rows taken FOR UPDATE SKIP LOCKED, changed, in one transaction; returns how many

async function requestsBatch(db: Kysely<DB>, cipher: PersonalDataCipher, limit: number): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<RequestToAnonymise>`
      select r.id, r.requester_name, r.requester_address_enc, r.description, r.result
        from service_requests r
       where r.anonymised_at is null and r.status in ${ENDED_REQUEST}
         and coalesce(r.concluded_at, r.updated_at) < now() - ${periodOf('request', sql.ref('r.county_code'))}
         and not exists (select 1 from aid_cases a where a.request_id = r.id)
       order by r.concluded_at
       limit ${limit}
       for update of r skip locked`.execute(trx);
    await anonymiseRequests(trx, cipher, rows);
    return rows.length;
  });
}

interface CaseToAnonymise extends RequestToAnonymise {
  case_id: string;
  proxy_name: string | null;
  opposing_party: string | null;
  family_members: unknown;
  matter_summary: string;
  first_review: unknown;
  eligibility: unknown;
  follow_up: unknown;
  quality: unknown;
  override_reason: string | null;
  decision_reason: string | null;
  conflict_override: string | null;
  termination_reason: string | null;
  closing_report: string | null;
}

async function legalAidBatch(db: Kysely<DB>, cipher: PersonalDataCipher, limit: number): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<CaseToAnonymise>`
      select r.id, r.requester_name, r.requester_address_enc, r.description, r.result,
             a.id as case_id, a.proxy_name, a.opposing_party, a.family_members, a.matter_summary, a.first_review,
             a.eligibility, a.follow_up, a.quality, a.override_reason, a.decision_reason, a.conflict_override,
             a.termination_reason, a.closing_report
        from aid_cases a
        join service_requests r on r.id = a.request_id
       where a.anonymised_at is null and a.stage in ${ENDED_CASE}
         and a.updated_at < now() - ${periodOf('legalAidCase', sql.ref('a.county_code'))}
       order by a.updated_at
       limit ${limit}
       for update of a, r skip locked`.execute(trx);
    const members = (c: CaseToAnonymise) => (Array.isArray(c.family_members) ? (c.family_members as { name?: string }[]) : []);
    const names = new Map(
      rows.map((c) => [c.id, [c.proxy_name, c.opposing_party, ...members(c).map((m) => m.name)].filter((n): n is string => Boolean(n))]),
    );
    for (const c of rows) {
      const all = [c.requester_name, ...names.get(c.id)!];
      const address = openQuietly(cipher, c.requester_address_enc);
      const text = (s: string | null) => (s === null ? null : redact(s, all, address));
      const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(redactJson(v, all, address)));
      await trx
        .updateTable('aid_cases')
        .set({
          proxy_name: c.proxy_name === null ? null : ANONYMISED_NAME,
          proxy_phone_enc: null,
          proxy_phone_masked: null,
          proxy_phone_hash: null,
          opposing_party: c.opposing_party === null ? null : ANONYMISED_NAME,
          // the family's size and incomes stay for the figures; their names go
          family_members: JSON.stringify(members(c).map((m) => ({ ...m, name: ANONYMISED_NAME }))),
          matter_summary: redact(c.matter_summary, all, address),
          first_review: json(c.first_review),
          eligibility: json(c.eligibility) ?? '{}',
          follow_up: json(c.follow_up),
          quality: json(c.quality),
          override_reason: text(c.override_reason),
          decision_reason: text(c.decision_reason),
          conflict_override: text(c.conflict_override),
          termination_reason: text(c.termination_reason),
          closing_report: text(c.closing_report),
          anonymised_at: sql`now()`,
        })
        .where('id', '=', c.case_id)
        .where('anonymised_at', 'is', null)
        .execute();
      const objections = await trx
        .selectFrom('aid_objections')
        .select(['id', 'grounds', 'decision_reason'])
        .where('case_id', '=', c.case_id)
        .execute();
      for (const o of objections) {
        await trx
          .updateTable('aid_objections')
          .set({ grounds: redact(o.grounds, all, address), decision_reason: text(o.decision_reason) })
          .where('id', '=', o.id)
          .execute();
      }
    }
    await anonymiseRequests(trx, cipher, rows, names);
    return rows.length;
  });
}

async function hotlineBatch(db: Kysely<DB>, limit: number): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ id: number; summary: string; answer: string }>`
      select c.id, c.summary, c.answer
        from hotline_calls c
       where c.anonymised_at is null
         and c.started_at < now() - ${periodOf('hotlineCall', sql.ref('c.county_code'))}
       order by c.started_at
       limit ${limit}
       for update of c skip locked`.execute(trx);
    for (const c of rows) {
      await trx
        .updateTable('hotline_calls')
        .set({
          caller_phone_enc: null,
          caller_phone_hash: null,
          caller_phone_masked: '',
          // what the caller told about themselves, with no name on the call to look for: it goes entirely
          summary: c.summary ? REMOVED_TEXT : '',
          answer: redact(c.answer, []),
          anonymised_at: sql`now()`,
        })
        .where('id', '=', c.id)
        .where('anonymised_at', 'is', null)
        .execute();
    }
    return rows.length;
  });
}

async function messagesBatch(db: Kysely<DB>, cipher: PersonalDataCipher, limit: number): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ id: number; body: string; requester_name: string; requester_address_enc: string | null }>`
      select m.id, m.body, r.requester_name, r.requester_address_enc
        from consultation_messages m
        join service_requests r on r.id = m.request_id
       where m.anonymised_at is null and r.status in ${ENDED_REQUEST}
         and coalesce(r.concluded_at, r.updated_at) < now() - ${periodOf('consultationMessage', sql.ref('r.county_code'))}
       order by m.id
       limit ${limit}
       for update of m skip locked`.execute(trx);
    for (const m of rows) {
      await trx
        .updateTable('consultation_messages')
        .set({ body: redact(m.body, [m.requester_name], openQuietly(cipher, m.requester_address_enc)), anonymised_at: sql`now()` })
        .where('id', '=', m.id)
        .where('anonymised_at', 'is', null)
        .execute();
    }
    return rows.length;
  });
}

async function attachmentsBatch(db: Kysely<DB>, limit: number): Promise<number> {
  return db.transaction().execute(async (trx) => {
    // a legal aid case's materials are part of its file: they follow the case's period
    const { rows } = await sql<{ id: string }>`
      select t.id
        from request_attachments t
        join service_requests r on r.id = t.request_id
       where t.purged_at is null and r.status in ${ENDED_REQUEST}
         and coalesce(r.concluded_at, r.updated_at) < now() - ${periodOf('attachment', sql.ref('r.county_code'))}
         and not exists (select 1 from aid_cases a where a.request_id = r.id)
       limit ${limit}
       for update of t skip locked`.execute(trx);
    if (!rows.length) return 0;
    return purgeAttachments(trx, { ids: rows.map((r) => r.id) });
  });
}

async function outboxBatch(db: Kysely<DB>, limit: number): Promise<number> {
  const { rows } = await sql<{ id: string }>`
    delete from outbox where id in (
      select o.id
        from outbox o
        left join service_requests r on r.id = o.request_id
       where o.status <> 'pending'
         and o.created_at < now() - ${periodOf('outbox', sql`coalesce(r.county_code, '')`)}
       limit ${limit}
       for update of o skip locked)
    returning id`.execute(db);
  return rows.length;
}

const BATCH: Record<RecordType, (db: Kysely<DB>, cipher: PersonalDataCipher, limit: number) => Promise<number>> = {
  // the legal aid cases first: their requests are never taken by the request type
  legalAidCase: legalAidBatch,
  request: requestsBatch,
  consultationMessage: messagesBatch,
  hotlineCall: (db, _c, limit) => hotlineBatch(db, limit),
  attachment: (db, _c, limit) => attachmentsBatch(db, limit),
  outbox: (db, _c, limit) => outboxBatch(db, limit),
};

/**
 * Anonymises what has passed its period, type by type, in batches (at most `maxBatches` a type per run, so
 * one housekeeping tick stays short; the next tick goes on). Writes one audit row when anything changed.
 */
export async function sweepExpired(
  db: Kysely<DB>,
  cipher: PersonalDataCipher,
  options: { batchSize?: number; maxBatches?: number } = {},
): Promise<SweepCounts> {
  const batchSize = options.batchSize ?? 100;
  const maxBatches = options.maxBatches ?? 20;
  const counts = Object.fromEntries(RECORD_TYPES.map((t) => [t, 0])) as SweepCounts;
  for (const type of Object.keys(BATCH) as RecordType[]) {
    for (let i = 0; i < maxBatches; i++) {
      const n = await BATCH[type](db, cipher, batchSize);
      counts[type] += n;
      if (n < batchSize) break;
    }
  }
  if (Object.values(counts).some((n) => n > 0)) {
    await insertAudit(db, {
      actorId: null,
      actorUsername: 'system',
      action: 'privacy.retentionSweep',
      entityType: 'retention',
      entityId: '',
      regionCode: null,
      after: counts,
      ip: '',
      requestId: '',
    });
  }
  return counts;
}
