import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../auth/actor.js';
import { KIND_TITLE } from '../notify/kinds.js';
import { notifyStaff } from '../notify/notifications.service.js';
import { enqueue } from '../notify/outbox.js';
import { staffFor, type Addressee } from '../notify/recipients.js';
import { countyTextsStaff } from '../notify/settings.service.js';
import type { RequestDeps } from '../requests/requests.service.js';

/*
 * Who hears of a legal aid case's new work, in the transaction of the step: the station (or center) that
 * reviews a new application, the county's legal aid desk when a station forwards it, the provider when assigned.
 */

type AidKind = 'aidApplication' | 'aidForwarded' | 'aidAssigned';

interface CaseRef {
  caseId: string;
  requestId: string;
  /** the case number once granted, else the request's tracking number */
  label: string;
}

const titleOf = (kind: AidKind, c: CaseRef) => `【${KIND_TITLE[kind]}】${c.label}`;

/** Tells the addressees of a step, except the person who took it. `step` tells one step's notices from the next. */
export async function tellAidStaff(
  trx: Kysely<DB>,
  actor: Actor | null,
  c: CaseRef,
  notice: { kind: AidKind; to: Addressee; step: string | number; body?: string },
): Promise<number> {
  const people = await staffFor(trx, notice.to, [actor?.id]);
  return notifyStaff(
    trx,
    people.map((staffId) => ({
      staffId,
      requestId: c.requestId,
      kind: notice.kind,
      target: { type: 'aidCase', id: c.caseId },
      dedupeKey: `${notice.kind}:${c.caseId}:${notice.step}`,
      title: titleOf(notice.kind, c),
      body: notice.body ?? (actor ? `${actor.siteName} ${actor.displayName}` : ''),
    })),
  );
}

/** A new application: whoever its request now waits on (the station's legal aid desk, or the center's). */
export async function tellOfApplication(trx: Kysely<DB>, actor: Actor | null, requestId: string): Promise<number> {
  const r = await trx
    .selectFrom('service_requests as r')
    .innerJoin('aid_cases as c', 'c.request_id', 'r.id')
    .select(['c.id as case_id', 'r.tracking_no', 'r.handler_site_id', 'r.handler_post', 'r.handler_id'])
    .where('r.id', '=', requestId)
    .executeTakeFirstOrThrow();
  return tellAidStaff(
    trx,
    actor,
    { caseId: r.case_id, requestId, label: r.tracking_no },
    {
      kind: 'aidApplication',
      to: { siteId: r.handler_site_id, post: r.handler_post, staffId: r.handler_id },
      step: 'new',
    },
  );
}

/**
 * An assignment: the provider's staff account, if it has one. A lawyer without an account has no bell: where the
 * county texts its staff (and chose this kind), the lawyer gets the text at the phone the provider list holds.
 */
export async function tellProvider(
  deps: RequestDeps,
  trx: Kysely<DB>,
  actor: Actor,
  c: CaseRef & { countyCode: string; version: number },
  providerId: string,
): Promise<void> {
  const p = await trx.selectFrom('aid_providers').select(['staff_id', 'phone']).where('id', '=', providerId).executeTakeFirstOrThrow();
  if (p.staff_id) {
    await tellAidStaff(trx, actor, c, { kind: 'aidAssigned', to: { staffId: p.staff_id }, step: c.version + 1, body: actor.siteName });
    return;
  }
  const phone = p.phone.replace(/[\s-]/g, '');
  if (/^1[3-9][0-9]{9}$/.test(phone) && (await countyTextsStaff(trx, c.countyCode, 'aidAssigned'))) {
    await enqueue(trx, deps.cipher, [
      { requestId: c.requestId, channel: 'sms', recipient: phone, template: 'staffNotice', payload: { title: titleOf('aidAssigned', c) } },
    ]);
  }
}
