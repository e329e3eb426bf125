import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { requirePermission, scopePattern, type Actor } from '../auth/actor.js';
import { insertAudit, searchAudit, type AuditQuery } from './audit.repository.js';

export interface AuditInput {
  action: string;
  entityType: string;
  entityId: string;
  regionCode: string | null;
  before?: unknown;
  after?: unknown;
}

/** Records one change or one view of personal data. Call it inside the transaction that made the change. */
export function audit(
  db: Kysely<DB>,
  actor: Actor | null,
  input: AuditInput,
  anonymous?: { ip: string; requestId: string; username?: string },
) {
  return insertAudit(db, {
    actorId: actor?.id ?? null,
    actorUsername: actor?.username ?? anonymous?.username ?? '',
    ip: actor?.ip ?? anonymous?.ip ?? '',
    requestId: actor?.requestId ?? anonymous?.requestId ?? '',
    ...input,
  });
}

export async function listAudit(db: Kysely<DB>, actor: Actor, filter: Omit<AuditQuery, 'scopePattern'>) {
  requirePermission(actor, 'audit.read');
  const { rows, total } = await searchAudit(db, { ...filter, scopePattern: scopePattern(actor) });
  return {
    total,
    items: rows.map((r) => ({
      id: Number(r.id),
      at: r.at.toISOString(),
      actorId: r.actor_id,
      actorUsername: r.actor_username,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      regionCode: r.region_code,
      before: r.before ?? null,
      after: r.after ?? null,
      ip: r.ip,
      requestId: r.request_id,
    })),
  };
}
