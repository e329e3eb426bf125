import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { requirePermission, scopePattern, type Actor } from '../auth/actor.js';
import { AppError } from '../../http/errors.js';
import { insertAudit, searchAudit, type AuditQuery } from './audit.repository.js';
import { currentRequestId } from '../../ops/request-id.js';

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
    // the request being served, when the caller had none in hand (a citizen's submission, a signed event)
    requestId: actor?.requestId || anonymous?.requestId || currentRequestId() || '',
    ...input,
  });
}

/** A bound of the search: a real instant in a sane range (a leap second or year 0 would break the query). */
function checkInstant(field: string, value: string | undefined): void {
  if (value === undefined) return;
  const t = new Date(value);
  if (Number.isNaN(t.getTime()) || t.getUTCFullYear() < 2000 || t.getUTCFullYear() > 2100) {
    throw new AppError('VALIDATION_FAILED', [{ field: `querystring/${field}`, problem: 'not a date-time between 2000 and 2100' }]);
  }
}

export async function listAudit(db: Kysely<DB>, actor: Actor, filter: Omit<AuditQuery, 'scopePattern'>) {
  requirePermission(actor, 'audit.read');
  checkInstant('from', filter.from);
  checkInstant('to', filter.to);
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
