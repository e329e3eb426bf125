import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../auth/actor.js';

/**
 * What an actor may see of requests: those about a region in their scope, or received or handled by a site in
 * it. The scope sits in every query's WHERE clause.
 */
export function scopedRequests(db: Kysely<DB> | Transaction<DB>, actor: Actor) {
  const pattern = `${actor.regionCode}%`;
  return db
    .selectFrom('service_requests as r')
    .innerJoin('service_items as item', 'item.code', 'r.service_item')
    .innerJoin('regions as region', 'region.code', 'r.region_code')
    .leftJoin('sites as received', 'received.id', 'r.received_site_id')
    .leftJoin('sites as handlerSite', 'handlerSite.id', 'r.handler_site_id')
    .leftJoin('staff as owner', 'owner.id', 'r.owner_id')
    .leftJoin('staff as handler', 'handler.id', 'r.handler_id')
    .leftJoin('aid_cases as aid', 'aid.request_id', 'r.id')
    .where((eb) =>
      eb.or([
        eb('r.region_code', 'like', pattern),
        eb('r.received_region_code', 'like', pattern),
        eb('r.handler_region_code', 'like', pattern),
      ]),
    )
    .select([
      'r.id',
      'r.tracking_no',
      'r.service_item',
      'item.name as service_item_name',
      'r.channel',
      'r.status',
      'r.requester_name',
      'r.requester_phone_enc',
      'r.requester_phone_masked',
      'r.requester_id_masked',
      'r.requester_address_enc',
      'r.region_code',
      'region.name as region_name',
      'r.description',
      'r.received_site_id',
      'received.name as received_site_name',
      'r.received_region_code',
      'r.received_by',
      'r.owner_id',
      'owner.display_name as owner_name',
      'r.handler_site_id',
      'handlerSite.name as handler_site_name',
      'r.handler_region_code',
      'r.handler_post',
      'r.handler_id',
      'handler.display_name as handler_name',
      'r.time_limit',
      'r.started_at',
      'r.due_at',
      'r.due_state',
      'r.pauses',
      'r.missing_materials',
      'r.result',
      'r.dispatched_at',
      'r.accepted_at',
      'r.concluded_at',
      'r.created_at',
      'r.version',
      'aid.id as aid_case_id',
    ]);
}

export type RequestRow = Awaited<ReturnType<ReturnType<typeof scopedRequests>['executeTakeFirstOrThrow']>>;

export async function insertEvent(
  trx: Kysely<DB> | Transaction<DB>,
  e: {
    requestId: string;
    actor: Actor | null;
    type: string;
    from: string | null;
    to: string | null;
    note?: string;
    data?: unknown;
    public?: boolean;
  },
) {
  await trx
    .insertInto('request_events')
    .values({
      request_id: e.requestId,
      actor_id: e.actor?.id ?? null,
      actor_name: e.actor?.displayName ?? '',
      type: e.type,
      from_status: e.from,
      to_status: e.to,
      note: e.note ?? '',
      data: e.data === undefined ? null : JSON.stringify(e.data),
      public: e.public ?? true,
    })
    .execute();
}

/** The whole timeline, for staff (the citizen's public part is read with the tracking look-up). */
export async function eventsOf(db: Kysely<DB>, requestId: string) {
  return db.selectFrom('request_events').selectAll().where('request_id', '=', requestId).orderBy('id').execute();
}
