import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import { can, requirePermission, type Actor } from '../auth/actor.js';
import { audit } from '../audit/audit.service.js';
import { notifyStaff } from '../notify/notifications.service.js';
import { addresseeOf, staffFor } from '../notify/recipients.js';
import { hit } from '../auth/rate-limit.js';
import { tellCitizen } from '../requests/intake.service.js';
import { findForCitizen } from '../requests/public.service.js';
import { handles, loadScoped, type RequestDeps } from '../requests/requests.service.js';

/*
 * 在线咨询: a citizen's question is a service request for `consultation` (taken through the intake model and
 * routed to the duty lawyers); the lawyer answers by concluding it, and the two may go on writing on it — the
 * citizen's follow-up questions and the lawyer's further answers — on the tracking page and in the workbench.
 */

/** After the answer, the citizen may still follow up for this long. */
export const FOLLOW_UP_DAYS = 7;
export const MESSAGES_PER_ADDRESS = 20;
const MESSAGE_WINDOW_SECONDS = 60 * 60;

export interface MessageView {
  id: number;
  author: 'citizen' | 'staff';
  authorName: string | null;
  body: string;
  createdAt: string;
}

async function thread(db: Kysely<DB>, requestId: string, forCitizen: boolean): Promise<MessageView[]> {
  const rows = await db
    .selectFrom('consultation_messages as m')
    .leftJoin('staff as s', 's.id', 'm.staff_id')
    .select(['m.id', 'm.author', 's.display_name', 'm.body', 'm.created_at'])
    .where('m.request_id', '=', requestId)
    .orderBy('m.id')
    .execute();
  return rows.map((m) => ({
    id: m.id,
    author: m.author,
    // the citizen reads "律师" rather than a staff member's name
    authorName: forCitizen ? null : (m.display_name ?? null),
    body: m.body,
    createdAt: m.created_at.toISOString(),
  }));
}

function mayFollowUp(r: { status: string; concluded_at: Date | string | null }, now = new Date()): boolean {
  if (r.status === 'withdrawn') return false;
  if (r.status !== 'concluded' || !r.concluded_at) return true;
  return now.getTime() - new Date(r.concluded_at).getTime() < FOLLOW_UP_DAYS * 86_400_000;
}

export async function citizenThread(deps: RequestDeps, trackingNo: string, phone: string, ip: string) {
  const r = await findForCitizen(deps, trackingNo, phone, ip);
  if (r.service_item !== 'consultation') throw new AppError('NOT_A_CONSULTATION');
  return {
    messages: await thread(deps.db, r.id, true),
    canWrite: mayFollowUp(r),
    followUpDays: FOLLOW_UP_DAYS,
  };
}

/** A follow-up question from the citizen: stored, and the lawyer who answered (or the desk holding it) is told. */
export async function citizenWrites(deps: RequestDeps, trackingNo: string, phone: string, body: string, ip: string) {
  if ((await hit(deps.db, `message:${ip}`, MESSAGE_WINDOW_SECONDS)) > MESSAGES_PER_ADDRESS)
    throw new AppError('RATE_LIMITED', { retryAfterSeconds: MESSAGE_WINDOW_SECONDS });
  const r = await findForCitizen(deps, trackingNo, phone, ip);
  if (r.service_item !== 'consultation') throw new AppError('NOT_A_CONSULTATION');
  if (!mayFollowUp(r)) throw new AppError('FOLLOW_UP_CLOSED', { days: FOLLOW_UP_DAYS });
  const holder = await deps.db
    .selectFrom('service_requests')
    .select(['status', 'handler_id', 'owner_id', 'tracking_no', 'handler_site_id', 'handler_post', 'received_site_id'])
    .where('id', '=', r.id)
    .executeTakeFirstOrThrow();
  await deps.db.transaction().execute(async (trx) => {
    await trx.insertInto('consultation_messages').values({ request_id: r.id, author: 'citizen', staff_id: null, body }).execute();
    // the lawyer who answered and the first responder; before anyone took it on, the post it waits on
    const people = await staffFor(trx, [{ staffId: holder.handler_id }, { staffId: holder.owner_id }, addresseeOf(holder)]);
    await notifyStaff(
      trx,
      people.map((staffId) => ({
        staffId,
        requestId: r.id,
        kind: 'consultationFollowUp',
        dedupeKey: `followUp:${r.id}:${Date.now()}`,
        title: `【咨询追问】${holder.tracking_no}`,
        body: body.slice(0, 200),
      })),
    );
  });
  return { messages: await thread(deps.db, r.id, true), canWrite: true, followUpDays: FOLLOW_UP_DAYS };
}

export async function staffThread(deps: RequestDeps, actor: Actor, requestId: string) {
  const r = await loadScoped(deps, actor, requestId);
  if (r.service_item !== 'consultation') throw new AppError('NOT_A_CONSULTATION');
  return { messages: await thread(deps.db, r.id, false), canWrite: handles(actor, r) && mayFollowUp(r) };
}

/** The lawyer's further answer: stored, on the timeline, and the citizen gets a text to look at the page. */
export async function staffWrites(deps: RequestDeps, actor: Actor, requestId: string, body: string) {
  requirePermission(actor, 'requests.handle');
  const r = await loadScoped(deps, actor, requestId);
  if (r.service_item !== 'consultation') throw new AppError('NOT_A_CONSULTATION');
  if (!handles(actor, r) && !can(actor, 'requests.supervise')) throw new AppError('FORBIDDEN');
  if (!mayFollowUp(r)) throw new AppError('FOLLOW_UP_CLOSED', { days: FOLLOW_UP_DAYS });
  await deps.db.transaction().execute(async (trx) => {
    await trx.insertInto('consultation_messages').values({ request_id: r.id, author: 'staff', staff_id: actor.id, body }).execute();
    await tellCitizen(
      deps,
      trx,
      {
        id: r.id,
        trackingNo: r.tracking_no,
        phone: deps.cipher.openOrEmpty(r.requester_phone_enc),
        itemName: r.service_item_name,
        status: r.status,
      },
      'consultationAnswered',
    );
    await audit(trx, actor, {
      action: 'consultation.answer',
      entityType: 'serviceRequest',
      entityId: r.id,
      regionCode: r.region_code,
    });
  });
  return staffThread(deps, actor, requestId);
}
