import { sql, type Kysely } from 'kysely';
import type { DB, RequestStatus } from '../../db/schema.js';
import { AppError, notFound } from '../../http/errors.js';
import type { PersonalDataCipher } from '../../security/personal-data.js';
import { can, requirePermission, type Actor } from '../auth/actor.js';
import { audit } from '../audit/audit.service.js';
import type { Policy } from '../timelimits/rules.js';
import { eventsOf, scopedRequests, type RequestRow } from './requests.repository.js';
import { containsPattern } from '../../db/like.js';
import { allowedActions, type Action } from './workflow.js';
import { maskNumbersIn } from '../privacy/mask-text.js';
import { requestMatches, searchTerms } from './search-terms.js';

export interface RequestDeps {
  db: Kysely<DB>;
  cipher: PersonalDataCipher;
  /** also tell the configured webhook (e.g. the 12345 exchange) about each status change */
  webhook?: boolean | undefined;
  /** the address citizens reach the portal at (for receipts' QR codes); else the request's own origin */
  publicUrl?: string | undefined;
}

export interface RequestView {
  id: string;
  trackingNo: string;
  serviceItem: string;
  serviceItemName: string;
  channel: string;
  status: RequestStatus;
  requesterName: string;
  /** full for the people handling it (the first responder and the handler), masked for everyone else */
  requesterPhone: string;
  requesterIdNumber: string | null;
  requesterAddress: string | null;
  regionCode: string;
  regionName: string;
  description: string;
  receivedSite: { id: string; name: string } | null;
  owner: { id: string; name: string } | null;
  handlerSite: { id: string; name: string } | null;
  handlerPost: string | null;
  handler: { id: string; name: string } | null;
  timeLimit: Policy;
  startedAt: string;
  dueAt: string | null;
  dueState: 'normal' | 'dueSoon' | 'overdue';
  missingMaterials: string[] | null;
  result: string | null;
  dispatchedAt: string | null;
  acceptedAt: string | null;
  concludedAt: string | null;
  createdAt: string;
  version: number;
  allowedActions: Action[];
  /** the legal aid case behind this request, whose page takes its steps */
  aidCaseId: string | null;
  /** whether this actor may see the ID number in full (the handlers, and those with personal.reveal) */
  canRevealIdNumber: boolean;
}

export function handles(actor: Actor, r: Pick<RequestRow, 'owner_id' | 'handler_id'>): boolean {
  return r.owner_id === actor.id || r.handler_id === actor.id;
}

/** `inList`: a list (and the export built on it) shows phones and addresses masked to everyone, handlers too. */
export function toView(deps: RequestDeps, actor: Actor, r: RequestRow, inList = false): RequestView {
  const mine = handles(actor, r) && !inList;
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    id: r.id,
    trackingNo: r.tracking_no,
    serviceItem: r.service_item,
    serviceItemName: r.service_item_name,
    channel: r.channel,
    status: r.status,
    requesterName: r.requester_name,
    requesterPhone: mine && r.requester_phone_enc ? deps.cipher.decrypt(r.requester_phone_enc) : r.requester_phone_masked,
    requesterIdNumber: r.requester_id_masked,
    requesterAddress:
      mine && r.requester_address_enc ? deps.cipher.decrypt(r.requester_address_enc) : r.requester_address_enc ? '***' : null,
    regionCode: r.region_code,
    regionName: r.region_name,
    // a phone or ID number typed into the text is masked in lists too
    description: inList ? maskNumbersIn(r.description) : r.description,
    receivedSite: r.received_site_id ? { id: r.received_site_id, name: r.received_site_name ?? '' } : null,
    owner: r.owner_id ? { id: r.owner_id, name: r.owner_name ?? '' } : null,
    handlerSite: r.handler_site_id ? { id: r.handler_site_id, name: r.handler_site_name ?? '' } : null,
    handlerPost: r.handler_post,
    handler: r.handler_id ? { id: r.handler_id, name: r.handler_name ?? '' } : null,
    timeLimit: r.time_limit as Policy,
    startedAt: r.started_at.toISOString(),
    dueAt: iso(r.due_at),
    dueState: r.due_state,
    missingMaterials: (r.missing_materials as string[] | null) ?? null,
    result: inList && r.result ? maskNumbersIn(r.result) : r.result,
    dispatchedAt: iso(r.dispatched_at),
    acceptedAt: iso(r.accepted_at),
    concludedAt: iso(r.concluded_at),
    createdAt: r.created_at.toISOString(),
    version: r.version,
    allowedActions: allowedActions(actor, r),
    aidCaseId: r.aid_case_id,
    canRevealIdNumber: r.requester_id_masked !== null && (handles(actor, r) || can(actor, 'personal.reveal')),
  };
}

/** Staff see requests in scope; a liaison, who may only take requests, sees those of their village too. */
function requireRequestReader(actor: Actor): void {
  if (!can(actor, 'requests.intake')) requirePermission(actor, 'org.read');
}

export async function loadScoped(deps: RequestDeps, actor: Actor, id: string): Promise<RequestRow> {
  requireRequestReader(actor);
  const row = await scopedRequests(deps.db, actor).where('r.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

export async function getRequest(deps: RequestDeps, actor: Actor, id: string): Promise<RequestView> {
  const row = await loadScoped(deps, actor, id);
  return toView(deps, actor, row);
}

export async function requestTimeline(deps: RequestDeps, actor: Actor, id: string) {
  await loadScoped(deps, actor, id);
  const events = await eventsOf(deps.db, id);
  return events.map((e) => ({
    id: Number(e.id),
    at: e.at.toISOString(),
    type: e.type,
    actorName: e.actor_name,
    fromStatus: e.from_status,
    toStatus: e.to_status,
    note: e.note,
    data: e.data ?? null,
    public: e.public,
  }));
}

/** The ID number in clear, for those allowed to see it; every look is audited. */
export async function revealIdNumber(deps: RequestDeps, actor: Actor, id: string) {
  const row = await loadScoped(deps, actor, id);
  if (!handles(actor, row) && !can(actor, 'personal.reveal')) throw new AppError('FORBIDDEN');
  const enc = await deps.db.selectFrom('service_requests').select('requester_id_enc').where('id', '=', id).executeTakeFirstOrThrow();
  await audit(deps.db, actor, {
    action: 'personal.view',
    entityType: 'serviceRequest',
    entityId: id,
    regionCode: row.region_code,
    after: { field: 'idNumber' },
  });
  return { idNumber: enc.requester_id_enc ? deps.cipher.decrypt(enc.requester_id_enc) : null };
}

export const QUEUES = ['mine', 'unit', 'unassigned', 'dueSoon', 'overdue', 'supervised', 'open', 'concluded', 'all'] as const;
export type Queue = (typeof QUEUES)[number];

export interface QueueFilter {
  queue: Queue;
  q?: string | undefined;
  serviceItem?: string | undefined;
  status?: RequestStatus | undefined;
  limit: number;
  offset: number;
}

const OPEN: RequestStatus[] = ['submitted', 'dispatched', 'accepted', 'awaitingMaterials'];

/** The work queues of the workbench, each inside the actor's scope. */
export async function listRequests(deps: RequestDeps, actor: Actor, f: QueueFilter) {
  requireRequestReader(actor);
  let q = scopedRequests(deps.db, actor);
  switch (f.queue) {
    case 'mine':
      q = q.where('r.status', 'in', OPEN).where((eb) => eb.or([eb('r.handler_id', '=', actor.id), eb('r.owner_id', '=', actor.id)]));
      break;
    case 'unit':
      q = q
        .where('r.status', 'in', OPEN)
        .where((eb) => eb.or([eb('r.handler_site_id', '=', actor.siteId), eb('r.received_site_id', '=', actor.siteId)]));
      break;
    case 'unassigned':
      q = q.where((eb) =>
        eb.or([
          eb.and([eb('r.status', '=', 'submitted'), eb('r.received_site_id', '=', actor.siteId)]),
          eb.and([eb('r.status', '=', 'dispatched'), eb('r.handler_site_id', '=', actor.siteId), eb('r.handler_id', 'is', null)]),
        ]),
      );
      break;
    case 'dueSoon':
    case 'overdue':
      q = q.where('r.status', 'in', OPEN).where('r.due_state', '=', f.queue);
      break;
    case 'supervised':
      q = q.where('r.id', 'in', (eb) => eb.selectFrom('supervision_orders').select('request_id').where('status', '!=', 'closed'));
      break;
    case 'open':
      q = q.where('r.status', 'in', OPEN);
      break;
    case 'concluded':
      q = q.where('r.status', '=', 'concluded');
      break;
    case 'all':
      break;
  }
  if (f.serviceItem) q = q.where('r.service_item', '=', f.serviceItem);
  if (f.status) q = q.where('r.status', '=', f.status);
  if (f.q?.trim()) {
    // the number as printed or said, the full phone or ID number (blind indexes), a name, words of the text
    const terms = searchTerms(f.q, deps.cipher);
    const like = containsPattern(terms.text);
    q = q.where((eb) => eb.or([...requestMatches(terms), eb('r.requester_name', 'like', like), eb('r.description', 'like', like)]));
  }
  const [rows, total] = await Promise.all([
    q
      .orderBy(sql`r.due_at asc nulls last`)
      .orderBy('r.created_at', 'desc')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map((r) => toView(deps, actor, r, true)), total: Number(total.n) };
}
