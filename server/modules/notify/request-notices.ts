import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../auth/actor.js';
import { KIND_TITLE, type NoticeKind } from './kinds.js';
import { notifyStaff } from './notifications.service.js';
import { addresseeOf, sameAddressee, staffFor, type Holding } from './recipients.js';

/** A request as its notices need it. */
export interface NoticeRequest extends Holding {
  id: string;
  tracking_no: string;
  service_item_name: string;
  version: number;
}

/** The notice kind of a workflow step's timeline event (dispatched, transferred, returned…; any other as itself). */
const EVENT_KIND: Record<string, NoticeKind> = {
  dispatched: 'dispatched',
  transferred: 'transferred',
  returned: 'returned',
  reassigned: 'reassigned',
  takenOver: 'takenOver',
};

export const requestTitle = (kind: string, r: { service_item_name: string; tracking_no: string }) =>
  `【${(KIND_TITLE as Record<string, string>)[kind] ?? '待办'}】${r.service_item_name} ${r.tracking_no}`;

/**
 * After a workflow step (requests/transitions.ts), in its transaction: when the step leaves the request waiting on
 * someone new — sent to a site and post or a person (dispatch, transfer, reassign), or back on a desk (return) —
 * those people are told, except the one who took the step. Steps that keep it with the same people (accept by
 * oneself, materials, resume, conclude) tell nobody.
 */
export async function notifyForAction(
  trx: Kysely<DB> | Transaction<DB>,
  actor: Actor,
  before: NoticeRequest,
  after: Holding,
  event: { type: string; note?: string | undefined },
): Promise<number> {
  const to = addresseeOf(after);
  if (!to || sameAddressee(addresseeOf(before), to)) return 0;
  const people = await staffFor(trx, to, [actor.id]);
  const kind = EVENT_KIND[event.type] ?? event.type;
  return notifyStaff(
    trx,
    people.map((staffId) => ({
      staffId,
      requestId: before.id,
      kind,
      category: 'requests',
      // one notice per step: the version the step wrote
      dedupeKey: `${kind}:${before.id}:${before.version + 1}`,
      title: requestTitle(kind, before),
      body: `${actor.siteName} ${actor.displayName}${event.note ? `：${event.note}` : ''}`.slice(0, 500),
    })),
  );
}
