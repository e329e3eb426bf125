import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import { requirePermission, type Actor } from '../auth/actor.js';
import { audit } from '../audit/audit.service.js';

/*
 * Retention periods (保存期限) per record type: a default here, which a county may change (privacy_retention).
 * The reasons for each default are in README.md of this folder.
 */
export const RECORD_TYPES = ['request', 'consultationMessage', 'legalAidCase', 'hotlineCall', 'attachment', 'outbox'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

/** Months after the clock of each type (see `CLOCK`) before the record is anonymised (or, for outbox rows, deleted). */
export const DEFAULT_MONTHS: Record<RecordType, number> = {
  request: 36,
  consultationMessage: 36,
  legalAidCase: 360,
  hotlineCall: 24,
  attachment: 12,
  outbox: 3,
};

/** What starts each type's clock, in words for the page and the README. */
export const CLOCK: Record<RecordType, string> = {
  request: 'concluded or withdrawn',
  consultationMessage: 'the consultation concluded',
  legalAidCase: 'the last change of a case that ended (refused, closed, terminated, archived, withdrawn)',
  hotlineCall: 'the call',
  attachment: 'the request concluded',
  outbox: 'the message created (sent or failed)',
};

/** Kept for a time of their own, not set per county: listed so the page tells the whole story. */
export const FIXED_PERIODS = [
  { recordType: 'sessions', rule: 'deleted when they expire (idle time-out)' },
  { recordType: 'rateLimits', rule: 'deleted one day after their window' },
  { recordType: 'auditLog', rule: 'kept: append-only, holds masked values only' },
] as const;

/** An SQL interval: the county's own period for the type, or the default. */
export function periodOf(type: RecordType, countyCode: RawBuilder<unknown>) {
  return sql`make_interval(months => coalesce(
    (select p.months from privacy_retention p where p.county_code = ${countyCode} and p.record_type = ${type}),
    ${DEFAULT_MONTHS[type]}::int))`;
}

/** Privacy settings and citizens' exports are the county's (the personal information handler's) business. */
export function requirePrivacyOfficer(actor: Actor): string {
  requirePermission(actor, 'privacy.manage');
  if (actor.regionCode.length !== 6) throw new AppError('PRIVACY_COUNTY_LEVEL_ONLY');
  return actor.regionCode;
}

export interface RetentionItem {
  recordType: RecordType;
  months: number;
  defaultMonths: number;
  /** the county set its own period */
  custom: boolean;
  /** 0 while the default applies; send it back with a change */
  version: number;
  updatedAt: string | null;
}

export interface RetentionView {
  countyCode: string;
  items: RetentionItem[];
  /** kept by their own rules (FIXED_PERIODS), shown so the page tells the whole story */
  fixed: { recordType: string; rule: string }[];
}

export async function listRetention(db: Kysely<DB>, actor: Actor): Promise<RetentionView> {
  const county = requirePrivacyOfficer(actor);
  const rows = await db.selectFrom('privacy_retention').selectAll().where('county_code', '=', county).execute();
  const own = new Map(rows.map((r) => [r.record_type, r]));
  const items: RetentionItem[] = RECORD_TYPES.map((type) => {
    const r = own.get(type);
    return {
      recordType: type,
      months: r?.months ?? DEFAULT_MONTHS[type],
      defaultMonths: DEFAULT_MONTHS[type],
      custom: Boolean(r),
      version: r?.version ?? 0,
      updatedAt: r ? r.updated_at.toISOString() : null,
    };
  });
  return { countyCode: county, items, fixed: FIXED_PERIODS.map((f) => ({ ...f })) };
}

/**
 * Sets the county's period for a type. `version` is the one read (0 while the default applied): a change made
 * meanwhile by someone else answers 409.
 */
export async function setRetention(db: Kysely<DB>, actor: Actor, type: RecordType, input: { months: number; version: number }) {
  const county = requirePrivacyOfficer(actor);
  await db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('privacy_retention')
      .select(['months', 'version'])
      .where('county_code', '=', county)
      .where('record_type', '=', type)
      .forUpdate()
      .executeTakeFirst();
    if ((before?.version ?? 0) !== input.version) throw new AppError('VERSION_CONFLICT', { currentVersion: before?.version ?? 0 });
    const row = await trx
      .insertInto('privacy_retention')
      .values({ county_code: county, record_type: type, months: input.months, updated_by: actor.id })
      .onConflict((oc) =>
        oc
          .columns(['county_code', 'record_type'])
          .doUpdateSet({ months: input.months, updated_by: actor.id, updated_at: sql`now()`, version: sql`privacy_retention.version + 1` })
          .where('privacy_retention.version', '=', input.version),
      )
      .returning('version')
      .executeTakeFirst();
    // two first settings at once: the second's insert met the first's row
    if (!row) throw new AppError('VERSION_CONFLICT');
    await audit(trx, actor, {
      action: 'privacy.retention.update',
      entityType: 'retention',
      entityId: type,
      regionCode: county,
      before: { months: before?.months ?? DEFAULT_MONTHS[type], custom: Boolean(before) },
      after: { months: input.months },
    });
  });
  return listRetention(db, actor);
}
