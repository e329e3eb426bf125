import { sql, type Kysely } from 'kysely';

/**
 * Legal aid periods as the Law sets them (法律援助法 第四十三条、第四十九条; see server/modules/legalaid/README.md):
 * - 异议: the Law sets no period for objecting. A county's objection_days applies only with the provincial rule it
 *   rests on (objection_basis); rows of earlier releases have none, so they read as "no period" (their old
 *   objection_days is kept as it was, unused) until an administrator enters a period with its basis.
 * - The period, where there is one, runs from the applicant's receipt of the refusal or termination letter:
 *   aid_cases.decision_served_at records it when the letter is served.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table aid_settings
      alter column objection_days drop not null,
      alter column objection_days set default null,
      add column objection_basis text check (objection_basis is null or length(objection_basis) between 2 and 500);
    alter table aid_cases add column decision_served_at timestamptz;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table aid_cases drop column decision_served_at;
    update aid_settings set objection_days = 15 where objection_days is null;
    alter table aid_settings
      drop column objection_basis,
      alter column objection_days set default 15,
      alter column objection_days set not null;
  `.execute(db);
}
