import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { AppError, notFound } from '../../http/errors.js';
import { requirePermission, type Actor } from '../auth/actor.js';
import { audit } from '../audit/audit.service.js';
import type { Policy } from '../timelimits/rules.js';
import { SERVICE_ITEM_DEFAULTS, type Channel, type Guide, type Level, type SiteLevel } from './catalogue-defaults.js';
import { STATUTORY_DAYS, withinStatute } from '../legalaid/rules.js';

export interface ServiceItemView {
  code: string;
  name: string;
  category: 'basic' | 'extended';
  summary: string;
  guide: Guide;
  levels: SiteLevel[];
  channels: Channel[];
  handlingUnit: string;
  timeLimit: Policy;
  active: boolean;
  version: number;
}

/** Loads the default catalogue and routing rules; items and rules already present are kept as edited. */
export async function seedCatalogue(db: Kysely<DB>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const [i, item] of SERVICE_ITEM_DEFAULTS.entries()) {
      await trx
        .insertInto('service_items')
        .values({
          code: item.code,
          name: item.name,
          category: item.category,
          summary: item.summary,
          guide: JSON.stringify(item.guide),
          levels: item.levels,
          channels: item.channels,
          handling_unit: item.handlingUnit,
          time_limit: JSON.stringify(item.timeLimit),
          sort: i,
        })
        .onConflict((oc) => oc.column('code').doNothing())
        .execute();
      for (const level of ['county', 'town', 'village'] as Level[]) {
        const route = item.routes[level];
        await trx
          .insertInto('routing_rules')
          .values({ service_item: item.code, region_level: level, handler_level: route.handlerLevel, handler_post: route.post })
          .onConflict((oc) => oc.columns(['service_item', 'region_level']).doNothing())
          .execute();
      }
    }
  });
}

function toView(r: {
  code: string;
  name: string;
  category: string;
  summary: string;
  guide: unknown;
  levels: string[];
  channels: string[];
  handling_unit: string;
  time_limit: unknown;
  active: boolean;
  version: number;
}): ServiceItemView {
  return {
    code: r.code,
    name: r.name,
    category: r.category as ServiceItemView['category'],
    summary: r.summary,
    guide: r.guide as Guide,
    levels: r.levels as SiteLevel[],
    channels: r.channels as Channel[],
    handlingUnit: r.handling_unit,
    timeLimit: r.time_limit as Policy,
    active: r.active,
    version: r.version,
  };
}

export async function listServiceItems(db: Kysely<DB>, includeInactive = false): Promise<ServiceItemView[]> {
  let q = db.selectFrom('service_items').selectAll().orderBy('sort').orderBy('code');
  if (!includeInactive) q = q.where('active', '=', true);
  return (await q.execute()).map(toView);
}

export async function getServiceItem(db: Kysely<DB>, code: string): Promise<ServiceItemView> {
  const row = await db.selectFrom('service_items').selectAll().where('code', '=', code).executeTakeFirst();
  if (!row) throw notFound();
  return toView(row);
}

export interface ServiceItemPatch {
  version: number;
  name?: string | undefined;
  summary?: string | undefined;
  guide?: Guide | undefined;
  levels?: SiteLevel[] | undefined;
  channels?: Channel[] | undefined;
  handlingUnit?: string | undefined;
  timeLimit?: Policy | undefined;
  active?: boolean | undefined;
}

/** The catalogue is the county's: only a county-level administrator edits it. */
export async function updateServiceItem(db: Kysely<DB>, actor: Actor, code: string, patch: ServiceItemPatch): Promise<ServiceItemView> {
  requirePermission(actor, 'org.manage');
  if (actor.regionCode.length !== 6) throw new AppError('FORBIDDEN', { reason: 'county administrators only' });
  const before = await getServiceItem(db, code);
  // 法律援助法 第四十三条: seven calendar days to decide; shorter may be set, working days or longer may not
  if (code === 'legalAid' && patch.timeLimit && !withinStatute(patch.timeLimit, STATUTORY_DAYS.decision))
    throw new AppError('AID_STATUTORY_PERIOD', { field: 'timeLimit', unit: 'calendar', maxDays: STATUTORY_DAYS.decision });
  const set = {
    ...(patch.name !== undefined && { name: patch.name }),
    ...(patch.summary !== undefined && { summary: patch.summary }),
    ...(patch.guide !== undefined && { guide: JSON.stringify(patch.guide) }),
    ...(patch.levels !== undefined && { levels: [...new Set(patch.levels)] }),
    ...(patch.channels !== undefined && { channels: [...new Set(patch.channels)] }),
    ...(patch.handlingUnit !== undefined && { handling_unit: patch.handlingUnit }),
    ...(patch.timeLimit !== undefined && { time_limit: JSON.stringify(patch.timeLimit) }),
    ...(patch.active !== undefined && { active: patch.active }),
  };
  await db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('service_items')
      .set({ ...set, version: sql`version + 1`, updated_at: new Date() })
      .where('code', '=', code)
      .where('version', '=', patch.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new AppError('VERSION_CONFLICT', { currentVersion: before.version });
    await audit(trx, actor, {
      action: 'serviceItem.update',
      entityType: 'serviceItem',
      entityId: code,
      regionCode: null,
      before,
      after: patch,
    });
  });
  return getServiceItem(db, code);
}
