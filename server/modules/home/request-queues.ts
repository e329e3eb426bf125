import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { DB } from '../../db/schema.js';
import { scopePattern, type Actor } from '../auth/actor.js';
import { FOLLOW_UP_DAYS } from '../consultation/messages.service.js';
import { DUE_ITEMS, type DueItem } from './todo.types.js';

/*
 * The requests waiting for a person, as workflow.ts decides who takes each open request's next step (a legal aid
 * application excepted: its case has its own steps, aid-queues.ts), in one aggregate statement; and the nearest of
 * their own that are due soon or overdue.
 */

const OPEN = ['submitted', 'dispatched', 'accepted', 'awaitingMaterials'] as const;

type R = ExpressionBuilder<DB & { r: DB['service_requests'] }, 'r'>;

/** The conditions of workflow.ts, as SQL over `service_requests as r`: who may take each open request's next step. */
function mine(eb: R, actor: Actor) {
  const atDesk = eb.and([
    eb('r.status', '=', 'submitted'),
    eb.or([eb('r.owner_id', '=', actor.id), eb.and([eb('r.owner_id', 'is', null), eb('r.received_site_id', '=', actor.siteId)])]),
  ]);
  // isAddressee: the person named, else anyone there with the post it was sent to (an administrator with any)
  const post: Expression<SqlBool> = actor.posts.includes('admin')
    ? sql<SqlBool>`true`
    : eb.or([eb('r.handler_post', 'is', null), eb('r.handler_post', 'in', actor.posts)]);
  const toAccept = eb.and([
    eb('r.status', '=', 'dispatched'),
    eb('r.handler_site_id', '=', actor.siteId),
    eb.or([eb('r.handler_id', '=', actor.id), eb.and([eb('r.handler_id', 'is', null), post])]),
  ]);
  const inHand = eb.and([eb('r.status', '=', 'accepted'), eb('r.handler_id', '=', actor.id)]);
  const paused = eb.and([eb('r.status', '=', 'awaitingMaterials'), eb('r.handler_id', '=', actor.id)]);
  return { atDesk, toAccept, inHand, paused };
}

function inScope(eb: R, actor: Actor) {
  const pattern = scopePattern(actor);
  return eb.or([
    eb('r.region_code', 'like', pattern),
    eb('r.received_region_code', 'like', pattern),
    eb('r.handler_region_code', 'like', pattern),
  ]);
}

const noAidCase = (eb: R) => eb.not(eb.exists(eb.selectFrom('aid_cases as a').select('a.id').whereRef('a.request_id', '=', 'r.id')));

/** The request queues, the consultations and my due counts: one aggregate statement. */
export async function requestFigures(db: Kysely<DB>, actor: Actor) {
  const followUpSince = new Date(Date.now() - FOLLOW_UP_DAYS * 86_400_000);
  return db
    .selectFrom('service_requests as r')
    .where((eb) => inScope(eb, actor))
    .where((eb) =>
      eb.or([
        eb('r.status', 'in', OPEN),
        eb.and([eb('r.service_item', '=', 'consultation'), eb('r.status', '=', 'concluded'), eb('r.concluded_at', '>', followUpSince)]),
      ]),
    )
    .where((eb) => noAidCase(eb))
    .select((eb) => {
      const m = mine(eb, actor);
      const any = eb.or([m.atDesk, m.toAccept, m.inHand, m.paused]);
      const responsible = eb.and([eb('r.status', 'in', OPEN), eb.or([any, eb('r.owner_id', '=', actor.id)])]);
      // the citizen wrote last on a consultation I answered (or hold as its first responder)
      const followUp = eb.and([
        eb('r.status', '=', 'concluded'),
        eb.or([eb('r.handler_id', '=', actor.id), eb('r.owner_id', '=', actor.id)]),
        eb(
          eb
            .selectFrom('consultation_messages as msg')
            .select('msg.author')
            .whereRef('msg.request_id', '=', 'r.id')
            .orderBy('msg.id', 'desc')
            .limit(1),
          '=',
          'citizen',
        ),
      ]);
      return [
        eb.fn.countAll<string>().filterWhere(m.atDesk).as('at_desk'),
        eb.fn.countAll<string>().filterWhere(m.toAccept).as('to_accept'),
        eb.fn.countAll<string>().filterWhere(m.inHand).as('in_hand'),
        eb.fn.countAll<string>().filterWhere(m.paused).as('paused'),
        eb.fn
          .countAll<string>()
          .filterWhere(eb.and([eb('r.service_item', '=', 'consultation'), eb.or([any, followUp])]))
          .as('consultations'),
        eb.fn
          .countAll<string>()
          .filterWhere(eb.and([responsible, eb('r.due_state', '=', 'dueSoon')]))
          .as('due_soon'),
        eb.fn
          .countAll<string>()
          .filterWhere(eb.and([responsible, eb('r.due_state', '=', 'overdue')]))
          .as('overdue'),
      ];
    })
    .executeTakeFirstOrThrow();
}

/** My open requests nearest their due date among those due soon or overdue. */
export async function dueRequests(db: Kysely<DB>, actor: Actor): Promise<DueItem[]> {
  const rows = await db
    .selectFrom('service_requests as r')
    .innerJoin('service_items as item', 'item.code', 'r.service_item')
    .where((eb) => inScope(eb, actor))
    .where('r.status', 'in', OPEN)
    .where('r.due_state', 'in', ['dueSoon', 'overdue'])
    .where('r.due_at', 'is not', null)
    .where((eb) => noAidCase(eb))
    .where((eb) => {
      const m = mine(eb, actor);
      return eb.or([m.atDesk, m.toAccept, m.inHand, m.paused, eb('r.owner_id', '=', actor.id)]);
    })
    .select(['r.id', 'r.tracking_no', 'item.name as item_name', 'r.due_at', 'r.due_state'])
    .orderBy('r.due_at')
    .limit(DUE_ITEMS)
    .execute();
  return rows.map((r) => ({
    kind: 'request' as const,
    id: r.id,
    trackingNo: r.tracking_no,
    caseNo: null,
    title: r.item_name,
    dueAt: r.due_at!.toISOString(),
    dueState: r.due_state as 'dueSoon' | 'overdue',
  }));
}
