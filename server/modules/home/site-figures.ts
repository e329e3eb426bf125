import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { scopePattern, type Actor } from '../auth/actor.js';
import { addDays, dayOf, startOfDay } from '../timelimits/days.js';

/** Those who lead a site see its figures on their home page. */
export const leadsSite = (actor: Actor) => actor.posts.includes('supervisor') || actor.posts.includes('admin');

export interface SiteFigures {
  /** YYYY-MM, Beijing time */
  month: string;
  /** the area the figures cover: the site's region and everything under it */
  regionCode: string;
  /** requests made in the month about the area or received or handled by its sites */
  received: number;
  /** of those requests (made any time), the ones concluded in the month */
  concluded: number;
  /** of those concluded with a time limit, the ones concluded by their due date */
  concludedWithLimit: number;
  onTime: number;
  /** onTime / concludedWithLimit, null when none had a limit */
  onTimeRate: number | null;
  /** open now and past their due date */
  overdueNow: number;
  /** ratings given in the month to the area's sites */
  ratings: number;
  averageRating: number | null;
}

/** This month in Beijing: 2026-05. */
export const currentMonth = (now = new Date()) => dayOf(now).slice(0, 7);

/** The instants a month starts and ends (Beijing time). */
function monthBounds(month: string): [Date, Date] {
  const first = `${month}-01`;
  const next = addDays(first, 32).slice(0, 7);
  return [startOfDay(first), startOfDay(`${next}-01`)];
}

/**
 * The month's figures of the actor's area, in two aggregate statements: the requests (made, concluded, on time,
 * overdue now) and the ratings. Both scoped the way the lists are, so each figure matches the list it summarises.
 */
export async function siteFigures(db: Kysely<DB>, actor: Actor, month: string): Promise<SiteFigures> {
  const [from, to] = monthBounds(month);
  const pattern = scopePattern(actor);
  const [requests, ratings] = await Promise.all([
    db
      .selectFrom('service_requests as r')
      .where((eb) =>
        eb.or([
          eb('r.region_code', 'like', pattern),
          eb('r.received_region_code', 'like', pattern),
          eb('r.handler_region_code', 'like', pattern),
        ]),
      )
      .where((eb) =>
        eb.or([
          eb.and([eb('r.created_at', '>=', from), eb('r.created_at', '<', to)]),
          eb.and([eb('r.concluded_at', '>=', from), eb('r.concluded_at', '<', to)]),
          eb('r.due_state', '=', 'overdue'),
        ]),
      )
      .select((eb) => [
        eb.fn
          .countAll<string>()
          .filterWhere((w) => w.and([w('r.created_at', '>=', from), w('r.created_at', '<', to)]))
          .as('received'),
        eb.fn
          .countAll<string>()
          .filterWhere((w) => w.and([w('r.status', '=', 'concluded'), w('r.concluded_at', '>=', from), w('r.concluded_at', '<', to)]))
          .as('concluded'),
        eb.fn
          .countAll<string>()
          .filterWhere((w) =>
            w.and([
              w('r.status', '=', 'concluded'),
              w('r.concluded_at', '>=', from),
              w('r.concluded_at', '<', to),
              w('r.due_at', 'is not', null),
            ]),
          )
          .as('with_limit'),
        eb.fn
          .countAll<string>()
          .filterWhere((w) =>
            w.and([
              w('r.status', '=', 'concluded'),
              w('r.concluded_at', '>=', from),
              w('r.concluded_at', '<', to),
              w('r.due_at', 'is not', null),
              w('r.concluded_at', '<=', w.ref('r.due_at')),
            ]),
          )
          .as('on_time'),
        eb.fn
          .countAll<string>()
          .filterWhere((w) =>
            w.and([w('r.status', 'in', ['submitted', 'dispatched', 'accepted', 'awaitingMaterials']), w('r.due_state', '=', 'overdue')]),
          )
          .as('overdue_now'),
      ])
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('evaluations as e')
      .innerJoin('sites as s', 's.id', 'e.handler_site_id')
      .where('s.region_code', 'like', pattern)
      .where('e.created_at', '>=', from)
      .where('e.created_at', '<', to)
      .select([sql<string>`count(*)`.as('n'), sql<string | null>`round(avg(e.grade)::numeric, 2)`.as('average')])
      .executeTakeFirstOrThrow(),
  ]);
  const withLimit = Number(requests.with_limit);
  const onTime = Number(requests.on_time);
  return {
    month,
    regionCode: actor.regionCode,
    received: Number(requests.received),
    concluded: Number(requests.concluded),
    concludedWithLimit: withLimit,
    onTime,
    onTimeRate: withLimit ? onTime / withLimit : null,
    overdueNow: Number(requests.overdue_now),
    ratings: Number(ratings.n),
    averageRating: ratings.average === null ? null : Number(ratings.average),
  };
}
