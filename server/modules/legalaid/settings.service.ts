import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { AppError, notFound } from '../../http/errors.js';
import { requirePermission, type Actor } from '../auth/actor.js';
import { audit } from '../audit/audit.service.js';
import { dayOf } from '../timelimits/days.js';
import type { Policy } from '../timelimits/rules.js';
import { clampToStatute, STATUTORY_DAYS, standardFor, thresholdOf, withinStatute, type HardshipStandard } from './rules.js';

/*
 * What the law leaves to the province and the county: the hardship standard (art. 34) with its effective
 * dates, and the county's periods (materials before deemed withdrawal, objections, assignment, objection review).
 */

export interface AidSettings {
  countyCode: string;
  materialsDays: number;
  /**
   * Days to object to a refusal or a termination, counted from the applicant's receipt of the letter; null when no
   * provincial rule sets one (法律援助法 第四十九条 sets none). A period needs its basis (objectionBasis).
   */
  objectionDays: number | null;
  /** the provincial rule the period rests on (its name and article), printed on the letters */
  objectionBasis: string | null;
  assignmentPolicy: Policy;
  objectionPolicy: Policy;
  /** the town station's first review (初审): not set by the Law, so the county chooses; see README.md */
  firstReviewPolicy: Policy;
  pledgeAllowed: boolean;
  version: number;
}

/** Three working days: the station's look is a completeness check and an opinion, not the decision (see README.md). */
export const FIRST_REVIEW_DEFAULT: Policy = { unit: 'working', days: 3, dueSoonDays: 1 };

const DEFAULTS = {
  materials_days: 15,
  objection_days: null,
  objection_basis: null,
  assignment_policy: { unit: 'calendar', days: 3, dueSoonDays: 1 },
  objection_policy: { unit: 'calendar', days: 5, dueSoonDays: 1 },
  first_review_policy: FIRST_REVIEW_DEFAULT,
  pledge_allowed: true,
  version: 0,
};

export async function aidSettings(db: Kysely<DB>, countyCode: string): Promise<AidSettings> {
  const row = (await db.selectFrom('aid_settings').selectAll().where('county_code', '=', countyCode).executeTakeFirst()) ?? DEFAULTS;
  return {
    countyCode,
    materialsDays: row.materials_days,
    // a period without its basis (the old default 15 of releases before 0012) is no period
    objectionDays: row.objection_basis ? row.objection_days : null,
    objectionBasis: row.objection_basis ? row.objection_basis : null,
    // the Law's 3 calendar days at most, whatever an older release stored (第四十三条)
    assignmentPolicy: clampToStatute(row.assignment_policy as Policy, STATUTORY_DAYS.assignment),
    objectionPolicy: row.objection_policy as Policy,
    firstReviewPolicy: (row.first_review_policy as Policy | null) ?? FIRST_REVIEW_DEFAULT,
    pledgeAllowed: row.pledge_allowed,
    version: row.version,
  };
}

export async function updateAidSettings(
  db: Kysely<DB>,
  actor: Actor,
  version: number,
  patch: Partial<Omit<AidSettings, 'countyCode' | 'version'>>,
): Promise<AidSettings> {
  requirePermission(actor, 'org.manage');
  if (actor.siteKind !== 'center') throw new AppError('FORBIDDEN', { reason: 'county administrators set the periods' });
  const county = actor.regionCode.slice(0, 6);
  const before = await aidSettings(db, county);
  if (before.version !== version) throw new AppError('VERSION_CONFLICT');
  const next = { ...before, ...patch };
  // 第四十三条: three calendar days to assign; a county may shorten it, not count working days nor lengthen it
  if (patch.assignmentPolicy && !withinStatute(patch.assignmentPolicy, STATUTORY_DAYS.assignment))
    throw new AppError('AID_STATUTORY_PERIOD', { field: 'assignmentPolicy', unit: 'calendar', maxDays: STATUTORY_DAYS.assignment });
  // 第四十九条 sets no period for objecting: one set here rests on a provincial rule, named
  next.objectionBasis = next.objectionBasis?.trim() || null;
  if (next.objectionDays === null) next.objectionBasis = null;
  else if (!next.objectionBasis) throw new AppError('AID_OBJECTION_BASIS_REQUIRED', { field: 'objectionBasis' });
  const values = {
    materials_days: next.materialsDays,
    objection_days: next.objectionDays,
    objection_basis: next.objectionBasis,
    assignment_policy: JSON.stringify(next.assignmentPolicy),
    objection_policy: JSON.stringify(next.objectionPolicy),
    first_review_policy: JSON.stringify(next.firstReviewPolicy),
    pledge_allowed: next.pledgeAllowed,
  };
  await db.transaction().execute(async (trx) => {
    const written = await trx
      .insertInto('aid_settings')
      .values({ county_code: county, ...values, version: 1 })
      .onConflict((oc) =>
        oc
          .column('county_code')
          .doUpdateSet({ ...values, version: version + 1, updated_at: new Date() })
          .where('aid_settings.version', '=', version),
      )
      .returning('version')
      .executeTakeFirst();
    if (!written) throw new AppError('VERSION_CONFLICT');
    await audit(trx, actor, {
      action: 'aidSettings.update',
      entityType: 'aidSettings',
      entityId: county,
      regionCode: county,
      before: { ...before },
      after: { ...next },
    });
  });
  return aidSettings(db, county);
}

// dates as text on both engines (PGlite would give Date objects)
const STANDARD_COLUMNS = [
  'id',
  'region_code',
  'basis',
  'amount',
  'base_name',
  'multiple',
  sql<string>`effective_from::text`.as('effective_from'),
  sql<string | null>`effective_to::text`.as('effective_to'),
  'note',
] as const;

export interface StandardView extends HardshipStandard {
  id: string;
  regionCode: string;
  note: string;
  threshold: number;
}

function toStandard(r: {
  id: string;
  region_code: string;
  basis: 'perCapitaIncome' | 'multipleOfBase';
  amount: string;
  base_name: 'minimumLivingStandard' | 'minimumWage' | null;
  multiple: string | null;
  effective_from: string;
  effective_to: string | null;
  note: string;
}): StandardView {
  const s: HardshipStandard = {
    basis: r.basis,
    amount: Number(r.amount),
    baseName: r.base_name,
    multiple: r.multiple === null ? null : Number(r.multiple),
    effectiveFrom: r.effective_from,
    effectiveTo: r.effective_to,
  };
  return { ...s, id: r.id, regionCode: r.region_code, note: r.note, threshold: thresholdOf(s) };
}

/** Every standard that could apply somewhere in the county (the province's and the county's own). */
export async function listStandards(db: Kysely<DB>, countyCode: string): Promise<StandardView[]> {
  const rows = await db
    .selectFrom('aid_hardship_standards')
    .select(STANDARD_COLUMNS)
    .where((eb) => eb.or([eb('region_code', '=', countyCode.slice(0, 2)), eb('region_code', 'like', `${countyCode.slice(0, 4)}%`)]))
    .orderBy('effective_from', 'desc')
    .execute();
  return rows.map(toStandard).filter((s) => countyCode.startsWith(s.regionCode) || s.regionCode.startsWith(countyCode));
}

export async function currentStandard(db: Kysely<DB>, regionCode: string, day: string): Promise<StandardView | null> {
  return standardFor(await listStandards(db, regionCode.slice(0, 6)), regionCode, day);
}

export interface StandardInput {
  regionCode: string;
  basis: 'perCapitaIncome' | 'multipleOfBase';
  amount: number;
  baseName?: 'minimumLivingStandard' | 'minimumWage' | undefined;
  multiple?: number | undefined;
  effectiveFrom: string;
  effectiveTo?: string | undefined;
  note?: string | undefined;
}

export async function createStandard(db: Kysely<DB>, actor: Actor, input: StandardInput): Promise<StandardView> {
  requireStandardAdmin(actor);
  const county = actor.regionCode.slice(0, 6);
  // the province's standard (its two-digit prefix) or the county's own
  if (input.regionCode !== county.slice(0, 2) && input.regionCode !== county)
    throw new AppError('AID_STANDARD_INVALID', { regionCode: input.regionCode });
  if (input.basis === 'multipleOfBase' && (!input.baseName || !input.multiple))
    throw new AppError('AID_STANDARD_INVALID', { field: 'baseName/multiple' });
  if (input.effectiveTo && input.effectiveTo < input.effectiveFrom) throw new AppError('AID_STANDARD_INVALID', { field: 'effectiveTo' });
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('aid_hardship_standards')
      .values({
        region_code: input.regionCode,
        basis: input.basis,
        amount: input.amount,
        base_name: input.basis === 'multipleOfBase' ? (input.baseName ?? null) : null,
        multiple: input.basis === 'multipleOfBase' ? (input.multiple ?? null) : null,
        effective_from: input.effectiveFrom,
        effective_to: input.effectiveTo ?? null,
        note: input.note?.trim() ?? '',
        created_by: actor.id,
      })
      .returning(STANDARD_COLUMNS)
      .executeTakeFirstOrThrow();
    await audit(trx, actor, {
      action: 'aidStandard.create',
      entityType: 'aidStandard',
      entityId: row.id,
      regionCode: county,
      after: { ...input },
    });
    return toStandard(row);
  });
}

/** The county's own standard or its province's (what a county administrator sets); else not found. */
async function loadOwnStandard(db: Kysely<DB>, actor: Actor, id: string) {
  const county = actor.regionCode.slice(0, 6);
  const row = await db
    .selectFrom('aid_hardship_standards')
    .select(STANDARD_COLUMNS)
    .where('id', '=', id)
    .where('region_code', 'in', [county.slice(0, 2), county])
    .executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

function requireStandardAdmin(actor: Actor) {
  requirePermission(actor, 'org.manage');
  if (actor.siteKind !== 'center') throw new AppError('FORBIDDEN', { reason: 'county administrators set the standard' });
}

export interface StandardPatch {
  /** what the editor saw: the table keeps no version, so these guard the update */
  expected: { effectiveTo: string | null; note: string; amount: number };
  effectiveTo?: string | null | undefined;
  note?: string | undefined;
  amount?: number | undefined;
}

/**
 * Ends a standard (or moves its end), corrects its note, or — before it applies — its amount. Verdicts already
 * given rest on the standard as it stood, so once a standard applies, the days up to today keep it: its amount
 * stays, and an end date (old or new) may not fall before today.
 */
export async function updateStandard(db: Kysely<DB>, actor: Actor, id: string, patch: StandardPatch): Promise<StandardView> {
  requireStandardAdmin(actor);
  const before = await loadOwnStandard(db, actor, id);
  const { expected } = patch;
  if (before.effective_to !== expected.effectiveTo || before.note !== expected.note || Number(before.amount) !== expected.amount)
    throw new AppError('VERSION_CONFLICT');
  const today = dayOf(new Date());
  const applies = before.effective_from <= today;
  const amount = patch.amount !== undefined && patch.amount !== expected.amount ? patch.amount : undefined;
  const endChanged = patch.effectiveTo !== undefined && patch.effectiveTo !== before.effective_to;
  const effectiveTo = endChanged ? (patch.effectiveTo ?? null) : undefined;
  const note = patch.note !== undefined && patch.note.trim() !== before.note ? patch.note.trim() : undefined;
  if (amount !== undefined && applies)
    throw new AppError('AID_STANDARD_IN_FORCE', { field: 'amount', effectiveFrom: before.effective_from });
  if (effectiveTo !== undefined) {
    if (effectiveTo !== null && effectiveTo < before.effective_from)
      throw new AppError('AID_STANDARD_INVALID', { field: 'effectiveTo', effectiveFrom: before.effective_from });
    const past = (day: string | null) => day !== null && day < today;
    if (applies && (past(before.effective_to) || past(effectiveTo)))
      throw new AppError('AID_STANDARD_IN_FORCE', { field: 'effectiveTo', earliest: today });
  }
  if (amount === undefined && effectiveTo === undefined && note === undefined) return toStandard(before);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('aid_hardship_standards')
      .set({
        ...(amount !== undefined ? { amount } : {}),
        ...(effectiveTo !== undefined ? { effective_to: effectiveTo } : {}),
        ...(note !== undefined ? { note } : {}),
      })
      .where('id', '=', id)
      .where(sql<boolean>`effective_to is not distinct from ${expected.effectiveTo}::date`)
      .where('note', '=', expected.note)
      .where('amount', '=', String(expected.amount))
      // the amount only while the standard has not begun to apply (the day may turn between the check and here)
      .$if(amount !== undefined, (q) => q.where('effective_from', '>', today))
      .returning(STANDARD_COLUMNS)
      .executeTakeFirst();
    if (!row) throw new AppError('VERSION_CONFLICT');
    await audit(trx, actor, {
      action: 'aidStandard.update',
      entityType: 'aidStandard',
      entityId: id,
      regionCode: actor.regionCode.slice(0, 6),
      before: { amount: Number(before.amount), effectiveTo: before.effective_to, note: before.note },
      after: { amount: Number(row.amount), effectiveTo: row.effective_to, note: row.note },
    });
    return toStandard(row);
  });
}

/** Removes a standard entered by mistake, only before it applies (after that, end it with an end date). */
export async function deleteStandard(db: Kysely<DB>, actor: Actor, id: string): Promise<void> {
  requireStandardAdmin(actor);
  const before = await loadOwnStandard(db, actor, id);
  const today = dayOf(new Date());
  if (before.effective_from <= today) throw new AppError('AID_STANDARD_IN_FORCE', { effectiveFrom: before.effective_from });
  await db.transaction().execute(async (trx) => {
    const gone = await trx
      .deleteFrom('aid_hardship_standards')
      .where('id', '=', id)
      .where('effective_from', '>', today)
      .returning('id')
      .executeTakeFirst();
    if (!gone) throw new AppError('AID_STANDARD_IN_FORCE', { effectiveFrom: before.effective_from });
    await audit(trx, actor, {
      action: 'aidStandard.delete',
      entityType: 'aidStandard',
      entityId: id,
      regionCode: actor.regionCode.slice(0, 6),
      before: toStandard(before),
    });
  });
}

/** The demo county's standard: Henan sets it at the local minimum wage (a demo value; the bureau confirms it). */
export async function seedAidDefaults(db: Kysely<DB>, countyCode: string): Promise<void> {
  const any = await db.selectFrom('aid_hardship_standards').select('id').limit(1).executeTakeFirst();
  if (any) return;
  await db
    .insertInto('aid_hardship_standards')
    .values({
      region_code: countyCode.slice(0, 2),
      basis: 'multipleOfBase',
      amount: 1900,
      base_name: 'minimumWage',
      multiple: 1,
      effective_from: '2024-01-01',
      note: '演示数据：按当地最低工资标准认定经济困难，请以省政府公布的标准为准',
    })
    .execute();
  await db
    .insertInto('aid_settings')
    .values({ county_code: countyCode })
    .onConflict((oc) => oc.doNothing())
    .execute();
}
