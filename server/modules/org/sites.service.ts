import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB, SiteKind, SitesTable } from '../../db/schema.js';
import { AppError, notFound } from '../../http/errors.js';
import { requirePermission, scopePattern, type Actor } from '../auth/actor.js';
import { audit } from '../audit/audit.service.js';
import { normalizeRegionCode } from './region-codes.js';
import { containsPattern } from '../../db/like.js';
import type { Facility } from './county-import.js';
import { contactPhone, phoneFacts, type ContactPhone } from './site-phones.js';

export interface SiteView {
  id: string;
  name: string;
  kind: SiteKind;
  regionCode: string;
  regionName: string;
  townName: string | null;
  address: string;
  openingHours: string;
  /** the site's own phone, as staff edit it */
  phone: string;
  /** the number the portal gives: its own, else its adviser's, station's, center's, or 12348 (site-phones.ts) */
  contactPhone: ContactPhone;
  latitude: number | null;
  longitude: number | null;
  facilities: string[];
  description: string;
  isPublic: boolean;
  version: number;
}

function baseQuery(db: Kysely<DB>) {
  return db
    .selectFrom('sites')
    .innerJoin('regions as r', 'r.code', 'sites.region_code')
    .leftJoin('regions as parent', 'parent.code', 'r.parent_code')
    .select([
      'sites.id',
      'sites.kind',
      'sites.name',
      'sites.region_code',
      'sites.address',
      'sites.opening_hours',
      'sites.phone',
      'sites.latitude',
      'sites.longitude',
      'sites.facilities',
      'sites.description',
      'sites.is_public',
      'sites.version',
    ])
    .select(['r.short_name as region_name', 'r.name as own_name', 'parent.name as parent_name']);
}

type SiteRow = Omit<Selectable<SitesTable>, 'created_at' | 'updated_at'> & {
  region_name: string;
  own_name: string;
  parent_name: string | null;
};

type SiteFacts = Awaited<ReturnType<typeof phoneFacts>>;

function toView(s: SiteRow, facts: SiteFacts): SiteView {
  return {
    id: s.id,
    name: s.name,
    kind: s.kind,
    regionCode: s.region_code,
    regionName: s.region_name,
    townName: s.kind === 'station' ? s.own_name : s.kind === 'room' ? s.parent_name : null,
    address: s.address,
    openingHours: s.opening_hours,
    phone: s.phone,
    contactPhone: contactPhone(facts, { id: s.id, kind: s.kind, regionCode: s.region_code, phone: s.phone }),
    latitude: s.latitude,
    longitude: s.longitude,
    facilities: s.facilities,
    description: s.description,
    isPublic: s.is_public,
    version: s.version,
  };
}

export interface SiteFilter {
  kind?: SiteKind | undefined;
  /** the region whose subtree to list (any level) */
  regionCode?: string | undefined;
  q?: string | undefined;
  limit: number;
  offset: number;
}

/** Lists sites: the public sees published ones everywhere; an actor (scope=mine) sees all within scope. */
/**
 * The public directory (every published site, 385 in the demo county) is what the portal's home page loads on
 * every visit; it changes a few times a year. Each process keeps it for DIRECTORY_TTL_MS and drops it when a
 * site or region is edited through it; another instance's edit shows within that time.
 */
export const DIRECTORY_TTL_MS = 30_000;
const directory = new WeakMap<Kysely<DB>, { at: number; sites: Promise<SiteView[]> }>();

function publicDirectory(db: Kysely<DB>): Promise<SiteView[]> {
  const cached = directory.get(db);
  if (cached && Date.now() - cached.at < DIRECTORY_TTL_MS) return cached.sites;
  const sites = Promise.all([
    baseQuery(db).where('sites.is_public', '=', true).orderBy('sites.region_code').execute(),
    phoneFacts(db),
  ]).then(([rows, facts]) => rows.map((row) => toView(row, facts)));
  directory.set(db, { at: Date.now(), sites });
  sites.catch(() => directory.delete(db));
  return sites;
}

export function invalidateDirectory(db: Kysely<DB>): void {
  directory.delete(db);
}

/** The public list, filtered in memory from the directory (same filters as the staff list). */
async function listPublicSites(db: Kysely<DB>, filter: SiteFilter) {
  const prefix = filter.regionCode ? normalizeRegionCode(filter.regionCode) : '';
  const q = filter.q?.trim() ?? '';
  const matches = (await publicDirectory(db)).filter(
    (s) =>
      (!filter.kind || s.kind === filter.kind) &&
      s.regionCode.startsWith(prefix) &&
      (!q || s.name.includes(q) || s.address.includes(q) || s.regionName.includes(q)),
  );
  return { items: matches.slice(filter.offset, filter.offset + filter.limit), total: matches.length };
}

export async function listSites(db: Kysely<DB>, filter: SiteFilter, actor?: Actor) {
  if (!actor) return listPublicSites(db, filter);
  requirePermission(actor, 'org.read');
  let q = baseQuery(db).where('sites.region_code', 'like', scopePattern(actor));
  if (filter.kind) q = q.where('sites.kind', '=', filter.kind);
  if (filter.regionCode) q = q.where('sites.region_code', 'like', `${normalizeRegionCode(filter.regionCode)}%`);
  if (filter.q) {
    const like = containsPattern(filter.q);
    q = q.where((eb) => eb.or([eb('sites.name', 'like', like), eb('sites.address', 'like', like), eb('r.name', 'like', like)]));
  }
  const [rows, total, facts] = await Promise.all([
    q.orderBy('sites.region_code').limit(filter.limit).offset(filter.offset).execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    phoneFacts(db),
  ]);
  return { items: rows.map((row) => toView(row, facts)), total: Number(total.n) };
}

export async function getSite(db: Kysely<DB>, id: string, actor?: Actor): Promise<SiteView> {
  let q = baseQuery(db).where('sites.id', '=', id);
  q = actor ? q.where('sites.region_code', 'like', scopePattern(actor)) : q.where('sites.is_public', '=', true);
  const [row, facts] = await Promise.all([q.executeTakeFirst(), phoneFacts(db)]);
  if (!row) throw notFound();
  return toView(row, facts);
}

export interface SitePatch {
  version: number;
  name?: string | undefined;
  address?: string | undefined;
  openingHours?: string | undefined;
  phone?: string | undefined;
  latitude?: number | null | undefined;
  longitude?: number | null | undefined;
  facilities?: Facility[] | undefined;
  description?: string | undefined;
  isPublic?: boolean | undefined;
}

/** Edits a site's public details. Scoped (404 outside), and guarded by the version the editor last saw. */
export async function updateSite(db: Kysely<DB>, actor: Actor, id: string, patch: SitePatch): Promise<SiteView> {
  const current = await getSite(db, id, actor);
  requirePermission(actor, 'org.manage');
  const set = {
    ...(patch.name !== undefined && { name: patch.name }),
    ...(patch.address !== undefined && { address: patch.address }),
    ...(patch.openingHours !== undefined && { opening_hours: patch.openingHours }),
    ...(patch.phone !== undefined && { phone: patch.phone }),
    ...(patch.latitude !== undefined && { latitude: patch.latitude }),
    ...(patch.longitude !== undefined && { longitude: patch.longitude }),
    ...(patch.facilities !== undefined && { facilities: [...new Set(patch.facilities)] }),
    ...(patch.description !== undefined && { description: patch.description }),
    ...(patch.isPublic !== undefined && { is_public: patch.isPublic }),
  };
  await db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('sites')
      .set({ ...set, version: sql`version + 1`, updated_at: new Date() })
      .where('id', '=', id)
      .where('version', '=', patch.version)
      .where('region_code', 'like', scopePattern(actor))
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new AppError('VERSION_CONFLICT', { currentVersion: current.version });
    const before = Object.fromEntries(Object.keys(set).map((k) => [k, (current as unknown as Record<string, unknown>)[camel(k)]]));
    await audit(trx, actor, {
      action: 'site.update',
      entityType: 'site',
      entityId: id,
      regionCode: current.regionCode,
      before,
      after: set,
    });
  });
  invalidateDirectory(db);
  return getSite(db, id, actor);
}

function camel(snake: string): string {
  return snake.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}
