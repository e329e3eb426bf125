import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { AppError, notFound } from '../../http/errors.js';
import { can, requirePermission, type Actor } from '../auth/actor.js';
import { audit } from '../audit/audit.service.js';
import { maskPhone } from '../org/mask.js';
import { MATTER_CATEGORY_CODES, type MatterCategory, type ProviderKind } from './rules.js';

/*
 * The pool of legal aid personnel (法律援助人员) and the choice of one for a case: fit (the matter types they
 * take), load (open cases against their limit), and the conflict check against the opposing party.
 */

/** Names compare without spaces, brackets' width or letter case: "张 三" and "张三", "（有限公司）" and "(有限公司)". */
export function partyKey(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[\s\u200B-\u200D\uFEFF·•.]/g, '')
    .toLowerCase();
}

export interface ProviderInput {
  name: string;
  kind: ProviderKind;
  organisation?: string | undefined;
  phone?: string | undefined;
  staffId?: string | null | undefined;
  matterCategories: MatterCategory[];
  maxLoad?: number | undefined;
  priorClients?: string[] | undefined;
  active?: boolean | undefined;
}

export async function providerLoad(db: Kysely<DB>, providerId: string): Promise<number> {
  const row = await db
    .selectFrom('aid_cases')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('provider_id', '=', providerId)
    .where('stage', '=', 'assigned')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Whom the provider has acted for that is now the opposing party: a declared prior client, or a recipient of
 * an earlier legal aid case of theirs.
 */
export async function conflictsOf(
  db: Kysely<DB>,
  providerId: string,
  opposingParty: string | null,
  exceptCaseId?: string,
): Promise<string[]> {
  if (!opposingParty?.trim()) return [];
  const provider = await db.selectFrom('aid_providers').select('prior_clients').where('id', '=', providerId).executeTakeFirst();
  const found = await conflictsAmong(db, [{ id: providerId, priorClients: provider?.prior_clients ?? [] }], opposingParty, exceptCaseId);
  return found.get(providerId) ?? [];
}

/** The same check for a whole pool at once: one query for the earlier cases of all of them. */
async function conflictsAmong(
  db: Kysely<DB>,
  providers: readonly { id: string; priorClients: readonly string[] }[],
  opposingParty: string | null,
  exceptCaseId?: string,
): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>(providers.map((p) => [p.id, []]));
  if (!opposingParty?.trim() || providers.length === 0) return found;
  const key = partyKey(opposingParty);
  for (const p of providers) for (const client of p.priorClients) if (partyKey(client) === key) found.get(p.id)!.push(`曾代理：${client}`);
  const earlier = await db
    .selectFrom('aid_cases as c')
    .innerJoin('service_requests as r', 'r.id', 'c.request_id')
    .select(['c.provider_id', 'r.requester_name', 'c.case_no', 'r.tracking_no'])
    .where(
      'c.provider_id',
      'in',
      providers.map((p) => p.id),
    )
    .$if(Boolean(exceptCaseId), (q) => q.where('c.id', '!=', exceptCaseId!))
    .execute();
  for (const e of earlier)
    if (e.provider_id && partyKey(e.requester_name) === key)
      found.get(e.provider_id)?.push(`曾为其提供法律援助：${e.case_no ?? e.tracking_no}`);
  return found;
}

function toView(p: {
  id: string;
  staff_id: string | null;
  name: string;
  kind: ProviderKind;
  organisation: string;
  phone: string;
  matter_categories: string[];
  max_load: number;
  prior_clients: string[];
  active: boolean;
  version: number;
  load?: number | string | null;
  staff_username?: string | null;
  staff_display_name?: string | null;
}) {
  return {
    id: p.id,
    staffId: p.staff_id,
    name: p.name,
    kind: p.kind,
    organisation: p.organisation,
    phone: p.phone,
    matterCategories: p.matter_categories as MatterCategory[],
    maxLoad: p.max_load,
    priorClients: p.prior_clients,
    active: p.active,
    load: Number(p.load ?? 0),
    version: p.version,
    staff: p.staff_id && p.staff_username ? { username: p.staff_username, displayName: p.staff_display_name ?? '' } : null,
  };
}
export type ProviderView = ReturnType<typeof toView>;

/** The linked account's name, for a row just written. */
async function withStaff<R extends { staff_id: string | null }>(db: Kysely<DB>, row: R) {
  const s = row.staff_id
    ? await db.selectFrom('staff').select(['username', 'display_name']).where('id', '=', row.staff_id).executeTakeFirst()
    : undefined;
  return { ...row, staff_username: s?.username ?? null, staff_display_name: s?.display_name ?? null };
}

function requireReader(actor: Actor) {
  if (!can(actor, 'legalAid.review') && !can(actor, 'org.manage')) throw new AppError('FORBIDDEN', { permission: 'legalAid.review' });
}

export async function listProviders(db: Kysely<DB>, actor: Actor, includeInactive = false): Promise<ProviderView[]> {
  requireReader(actor);
  const rows = await db
    .selectFrom('aid_providers as p')
    .leftJoin('staff as s', 's.id', 'p.staff_id')
    .selectAll('p')
    .select(['s.username as staff_username', 's.display_name as staff_display_name'])
    .select((eb) =>
      eb
        .selectFrom('aid_cases as c')
        .select(sql<number>`count(*)`.as('n'))
        .whereRef('c.provider_id', '=', 'p.id')
        .where('c.stage', '=', 'assigned')
        .as('load'),
    )
    .where('p.county_code', '=', actor.regionCode.slice(0, 6))
    .$if(!includeInactive, (q) => q.where('p.active', '=', true))
    .orderBy('p.name')
    .execute();
  return rows.map(toView);
}

function requireManager(actor: Actor) {
  requirePermission(actor, 'org.manage');
  if (actor.siteKind !== 'center') throw new AppError('FORBIDDEN', { reason: 'the county center keeps the pool' });
}

async function checkStaff(db: Kysely<DB>, actor: Actor, staffId: string | null | undefined) {
  if (!staffId) return;
  const s = await db
    .selectFrom('staff as s')
    .innerJoin('sites', 'sites.id', 's.site_id')
    .select('s.id')
    .where('s.id', '=', staffId)
    .where('sites.region_code', 'like', `${actor.regionCode.slice(0, 6)}%`)
    .executeTakeFirst();
  if (!s) throw new AppError('AID_PROVIDER_INVALID', { staffId });
}

export async function createProvider(db: Kysely<DB>, actor: Actor, input: ProviderInput): Promise<ProviderView> {
  requireManager(actor);
  await checkStaff(db, actor, input.staffId);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('aid_providers')
      .values({
        county_code: actor.regionCode.slice(0, 6),
        staff_id: input.staffId ?? null,
        name: input.name.trim(),
        kind: input.kind,
        organisation: input.organisation?.trim() ?? '',
        phone: input.phone?.trim() ?? '',
        matter_categories: input.matterCategories,
        max_load: input.maxLoad ?? 8,
        prior_clients: (input.priorClients ?? []).map((c) => c.trim()).filter(Boolean),
        active: input.active ?? true,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, actor, {
      action: 'aidProvider.create',
      entityType: 'aidProvider',
      entityId: row.id,
      regionCode: row.county_code,
      // the audit log is append-only: a phone written there could never be removed, so it goes in masked
      after: { ...input, ...(input.phone !== undefined ? { phone: maskPhone(input.phone) } : {}) },
    });
    return toView(await withStaff(trx, row));
  });
}

export async function updateProvider(
  db: Kysely<DB>,
  actor: Actor,
  id: string,
  version: number,
  input: Partial<ProviderInput>,
): Promise<ProviderView> {
  requireManager(actor);
  await checkStaff(db, actor, input.staffId);
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('aid_providers')
      .selectAll()
      .where('id', '=', id)
      .where('county_code', '=', actor.regionCode.slice(0, 6))
      .executeTakeFirst();
    if (!before) throw notFound();
    const row = await trx
      .updateTable('aid_providers')
      .set({
        ...(input.name !== undefined ? { name: input.name.trim() } : {}),
        ...(input.kind !== undefined ? { kind: input.kind } : {}),
        ...(input.organisation !== undefined ? { organisation: input.organisation.trim() } : {}),
        ...(input.phone !== undefined ? { phone: input.phone.trim() } : {}),
        ...(input.staffId !== undefined ? { staff_id: input.staffId } : {}),
        ...(input.matterCategories !== undefined ? { matter_categories: input.matterCategories } : {}),
        ...(input.maxLoad !== undefined ? { max_load: input.maxLoad } : {}),
        ...(input.priorClients !== undefined ? { prior_clients: input.priorClients.map((c) => c.trim()).filter(Boolean) } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
        version: sql`version + 1`,
        updated_at: sql`now()`,
      })
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new AppError('VERSION_CONFLICT');
    await audit(trx, actor, {
      action: 'aidProvider.update',
      entityType: 'aidProvider',
      entityId: id,
      regionCode: row.county_code,
      before: { ...before, phone: maskPhone(before.phone) },
      after: { ...input, ...(input.phone !== undefined ? { phone: maskPhone(input.phone) } : {}) },
    });
    return toView(await withStaff(trx, row));
  });
}

export interface Suggestion extends ProviderView {
  fits: boolean;
  conflicts: string[];
  /** higher is better: fit first, then spare capacity; a conflict sends the person to the bottom */
  score: number;
}

/** Providers for a case, best first: fit by matter type, then spare capacity; conflicts flagged and last. */
export async function suggestProviders(
  db: Kysely<DB>,
  actor: Actor,
  c: { id: string; matter_category: string; opposing_party: string | null },
) {
  const pool = await listProviders(db, actor);
  const conflictsBy = await conflictsAmong(db, pool, c.opposing_party, c.id);
  const out: Suggestion[] = [];
  for (const p of pool) {
    const fits = p.matterCategories.includes(c.matter_category as MatterCategory);
    const conflicts = conflictsBy.get(p.id) ?? [];
    const spare = Math.max(0, p.maxLoad - p.load) / p.maxLoad;
    const score = Math.round(((fits ? 1 : 0) + spare * 0.9 - (p.load >= p.maxLoad ? 1 : 0) - (conflicts.length ? 3 : 0)) * 1000) / 1000;
    out.push({ ...p, fits, conflicts, score });
  }
  return out.sort((a, b) => b.score - a.score || a.load - b.load || a.name.localeCompare(b.name, 'zh-CN'));
}

/** The demo pool: lawyers of two firms, grassroots legal workers and center staff, with a spread of matter types. */
export async function seedDemoProviders(db: Kysely<DB>, countyCode: string): Promise<void> {
  const any = await db.selectFrom('aid_providers').select('id').limit(1).executeTakeFirst();
  if (any) return;
  const all = MATTER_CATEGORY_CODES;
  const staff = await db.selectFrom('staff').select(['id', 'username']).where('username', 'in', ['lawyer', 'legalaid']).execute();
  const idOf = (u: string) => staff.find((s) => s.username === u)?.id ?? null;
  const people: ProviderInput[] = [
    {
      name: '陈律师',
      kind: 'lawyer',
      organisation: '河南弦山律师事务所',
      phone: '0376-8881001',
      staffId: idOf('lawyer'),
      matterCategories: ['labourRemuneration', 'workInjury', 'trafficAccident', 'criminalDefence'],
      priorClients: ['光山县宏达建筑有限公司'],
    },
    {
      name: '周律师',
      kind: 'lawyer',
      organisation: '河南弦山律师事务所',
      phone: '0376-8881002',
      matterCategories: ['maintenance', 'capacity', 'medicalAccident', 'criminalVictim', 'criminalDefence'],
    },
    {
      name: '吴律师',
      kind: 'lawyer',
      organisation: '河南光州律师事务所',
      phone: '0376-8882001',
      matterCategories: ['stateCompensation', 'socialInsurance', 'pension', 'environment', 'foodDrugSafety'],
    },
    {
      name: '郑法律工作者',
      kind: 'grassrootsWorker',
      organisation: '光山县紫水法律服务所',
      phone: '0376-8883001',
      matterCategories: ['labourRemuneration', 'maintenance', 'trafficAccident'],
    },
    {
      name: '法援中心值班人员',
      kind: 'aidStaff',
      organisation: '光山县法律援助中心',
      phone: '0376-12348',
      staffId: idOf('legalaid'),
      matterCategories: all.filter((c) => c !== 'criminalDefence'),
    },
  ];
  for (const p of people) {
    await db
      .insertInto('aid_providers')
      .values({
        county_code: countyCode,
        staff_id: p.staffId ?? null,
        name: p.name,
        kind: p.kind,
        organisation: p.organisation ?? '',
        phone: p.phone ?? '',
        matter_categories: p.matterCategories,
        prior_clients: p.priorClients ?? [],
      })
      .execute();
  }
}
