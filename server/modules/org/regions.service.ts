import type { Kysely, Selectable } from 'kysely';
import type { DB, RegionLevel, RegionsTable } from '../../db/schema.js';
import { AppError, notFound } from '../../http/errors.js';
import { inScope, requirePermission, type Actor } from '../auth/actor.js';
import { audit } from '../audit/audit.service.js';
import { fullRegionCode, normalizeRegionCode } from './region-codes.js';
import { invalidateDirectory } from './sites.service.js';

export interface RegionNode {
  code: string;
  fullCode: string;
  name: string;
  shortName: string;
  level: RegionLevel;
  type: string;
  parentCode: string | null;
  children: RegionNode[];
}

function toNode(r: Pick<Selectable<RegionsTable>, 'code' | 'name' | 'short_name' | 'level' | 'type' | 'parent_code'>): RegionNode {
  return {
    code: r.code,
    fullCode: fullRegionCode(r.code),
    name: r.name,
    shortName: r.short_name,
    level: r.level,
    type: r.type,
    parentCode: r.parent_code,
    children: [],
  };
}

function selectRegions(db: Kysely<DB>) {
  return db.selectFrom('regions').select(['code', 'name', 'short_name', 'level', 'type', 'parent_code', 'sort']);
}

/** The whole division tree (public): county → towns → villages, in the official order. */
export async function regionTree(db: Kysely<DB>, under?: string): Promise<RegionNode[]> {
  let q = selectRegions(db).orderBy('sort').orderBy('code');
  if (under) q = q.where('code', 'like', `${normalizeRegionCode(under)}%`);
  const rows = await q.execute();
  const byCode = new Map(rows.map((r) => [r.code, toNode(r)]));
  const roots: RegionNode[] = [];
  for (const node of byCode.values()) {
    const parent = node.parentCode ? byCode.get(node.parentCode) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

export async function getRegion(db: Kysely<DB>, code: string) {
  const normalized = normalizeRegionCode(code);
  const row = await selectRegions(db).where('code', '=', normalized).executeTakeFirst();
  if (!row) throw notFound();
  const [parent, children] = await Promise.all([
    row.parent_code ? selectRegions(db).where('code', '=', row.parent_code).executeTakeFirst() : undefined,
    selectRegions(db).where('parent_code', '=', normalized).orderBy('sort').orderBy('code').execute(),
  ]);
  return { ...toNode(row), parent: parent ? toNode(parent) : null, children: children.map(toNode) };
}

export interface RegionPatch {
  name?: string | undefined;
  shortName?: string | undefined;
}

/** Renames a region (a village merged or renamed by the civil affairs bureau). Scoped: 404 outside. */
export async function updateRegion(db: Kysely<DB>, actor: Actor, code: string, patch: RegionPatch) {
  const normalized = normalizeRegionCode(code);
  if (!inScope(actor, normalized)) throw notFound();
  requirePermission(actor, 'org.manage');
  if (patch.name === undefined && patch.shortName === undefined)
    throw new AppError('VALIDATION_FAILED', [{ field: 'body', problem: 'nothing to change' }]);
  await db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('regions')
      .select(['name', 'short_name'])
      .where('code', '=', normalized)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw notFound();
    const after = { name: patch.name ?? before.name, short_name: patch.shortName ?? before.short_name };
    await trx
      .updateTable('regions')
      .set({ ...after, updated_at: new Date() })
      .where('code', '=', normalized)
      .execute();
    await audit(trx, actor, { action: 'region.update', entityType: 'region', entityId: normalized, regionCode: normalized, before, after });
  });
  invalidateDirectory(db);
  return getRegion(db, normalized);
}
