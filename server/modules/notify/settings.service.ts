import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import { requirePermission, type Actor } from '../auth/actor.js';
import { audit } from '../audit/audit.service.js';
import type { NoticeKind } from './kinds.js';

/*
 * Whether a county texts its staff their notices as well as showing them in the bell (notify_settings); off
 * until a county administrator turns it on. Texts cost money and reach phones after hours, so a county may
 * choose the kinds (overdue and supervision only, say); none chosen means every kind.
 */

export interface NotifySettingsView {
  countyCode: string;
  staffSms: boolean;
  kinds: NoticeKind[];
  /** 0 while the county has never set them; send it back with a change */
  version: number;
  updatedAt: string | null;
}

/** The county's settings are its administrators' at the county center. */
function countyOf(actor: Actor): string {
  requirePermission(actor, 'org.manage');
  if (actor.regionCode.length !== 6) throw new AppError('FORBIDDEN', { permission: 'org.manage', scope: 'county' });
  return actor.regionCode;
}

export async function getNotifySettings(db: Kysely<DB>, actor: Actor): Promise<NotifySettingsView> {
  const county = countyOf(actor);
  const row = await db.selectFrom('notify_settings').selectAll().where('county_code', '=', county).executeTakeFirst();
  return {
    countyCode: county,
    staffSms: row?.staff_sms ?? false,
    kinds: (row?.kinds ?? []) as NoticeKind[],
    version: row?.version ?? 0,
    updatedAt: row ? row.updated_at.toISOString() : null,
  };
}

/** Sets them; `version` is the one read (0 before the first setting): a change made meanwhile answers 409. */
export async function setNotifySettings(
  db: Kysely<DB>,
  actor: Actor,
  input: { staffSms: boolean; kinds: NoticeKind[]; version: number },
): Promise<NotifySettingsView> {
  const county = countyOf(actor);
  const kinds = [...new Set(input.kinds)];
  await db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('notify_settings')
      .select(['staff_sms', 'kinds', 'version'])
      .where('county_code', '=', county)
      .forUpdate()
      .executeTakeFirst();
    if ((before?.version ?? 0) !== input.version) throw new AppError('VERSION_CONFLICT', { currentVersion: before?.version ?? 0 });
    const row = await trx
      .insertInto('notify_settings')
      .values({ county_code: county, staff_sms: input.staffSms, kinds, updated_by: actor.id })
      .onConflict((oc) =>
        oc
          .column('county_code')
          .doUpdateSet({
            staff_sms: input.staffSms,
            kinds,
            updated_by: actor.id,
            updated_at: sql`now()`,
            version: sql`notify_settings.version + 1`,
          })
          .where('notify_settings.version', '=', input.version),
      )
      .returning('version')
      .executeTakeFirst();
    // two first settings at once: the second's insert met the first's row
    if (!row) throw new AppError('VERSION_CONFLICT');
    await audit(trx, actor, {
      action: 'notify.settings.update',
      entityType: 'notifySettings',
      entityId: county,
      regionCode: county,
      before: { staffSms: before?.staff_sms ?? false, kinds: before?.kinds ?? [] },
      after: { staffSms: input.staffSms, kinds },
    });
  });
  return getNotifySettings(db, actor);
}

/** Whether the county texts its staff notices of this kind (for a text sent outside notifyStaff). */
export async function countyTextsStaff(db: Kysely<DB>, countyCode: string, kind: NoticeKind): Promise<boolean> {
  const row = await db
    .selectFrom('notify_settings')
    .select(['staff_sms', 'kinds'])
    .where('county_code', '=', countyCode)
    .executeTakeFirst();
  return Boolean(row?.staff_sms && (row.kinds.length === 0 || row.kinds.includes(kind)));
}
