import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

export interface AuditEntry {
  actorId: string | null;
  actorUsername: string;
  action: string;
  entityType: string;
  entityId: string;
  regionCode: string | null;
  before?: unknown;
  after?: unknown;
  ip: string;
  requestId: string;
}

export async function insertAudit(db: Kysely<DB>, e: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_id: e.actorId,
      actor_username: e.actorUsername,
      action: e.action,
      entity_type: e.entityType,
      entity_id: e.entityId,
      region_code: e.regionCode,
      before: e.before === undefined ? null : JSON.stringify(e.before),
      after: e.after === undefined ? null : JSON.stringify(e.after),
      ip: e.ip,
      request_id: e.requestId,
    })
    .execute();
}

export interface AuditQuery {
  scopePattern: string;
  actor?: string | undefined;
  action?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
  offset: number;
}

export async function searchAudit(db: Kysely<DB>, q: AuditQuery) {
  let query = db
    .selectFrom('audit_log')
    // county-wide events (a login, a config change with no region) are shown to county-level readers only
    .where((eb) =>
      q.scopePattern.length <= 7
        ? eb.or([eb('region_code', 'like', q.scopePattern), eb('region_code', 'is', null)])
        : eb('region_code', 'like', q.scopePattern),
    );
  if (q.actor) query = query.where('actor_username', '=', q.actor);
  if (q.action) query = query.where('action', '=', q.action);
  if (q.entityType) query = query.where('entity_type', '=', q.entityType);
  if (q.entityId) query = query.where('entity_id', '=', q.entityId);
  if (q.from) query = query.where('at', '>=', new Date(q.from));
  if (q.to) query = query.where('at', '<', new Date(q.to));
  const [rows, total] = await Promise.all([
    query.selectAll().orderBy('id', 'desc').limit(q.limit).offset(q.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}
