import { sql, type Kysely } from 'kysely';

/**
 * Legal aid (法律援助) as the Legal Aid Law prescribes: the province's hardship standard and the county's
 * periods, the pool of legal aid personnel, the case behind a legal aid request, and objections (异议).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- 经济困难标准 (art. 34): set by the province and adjusted over time, so every standard has its dates
    create table aid_hardship_standards (
      id uuid primary key default gen_random_uuid(),
      -- the region it applies to: a province prefix ('41' for 河南) or a county code; the longest match wins
      region_code text not null check (region_code ~ '^[0-9]{2,12}$'),
      basis text not null check (basis in ('perCapitaIncome', 'multipleOfBase')),
      -- yuan a month per family member (perCapitaIncome), or the base's amount (multipleOfBase)
      amount numeric(10, 2) not null check (amount > 0),
      base_name text check (base_name in ('minimumLivingStandard', 'minimumWage')),
      multiple numeric(5, 2) check (multiple > 0),
      effective_from date not null,
      effective_to date,
      note text not null default '',
      created_by uuid references staff (id),
      created_at timestamptz not null default now(),
      check (basis = 'perCapitaIncome' or (base_name is not null and multiple is not null)),
      check (effective_to is null or effective_to >= effective_from)
    );

    -- the county's own periods: materials (补正) before deemed withdrawal, objections, assignment, objection review
    create table aid_settings (
      county_code text primary key,
      materials_days integer not null default 15 check (materials_days between 1 and 90),
      objection_days integer not null default 15 check (objection_days between 1 and 90),
      assignment_policy jsonb not null default '{"unit": "calendar", "days": 3, "dueSoonDays": 1}',
      objection_policy jsonb not null default '{"unit": "calendar", "days": 5, "dueSoonDays": 1}',
      pledge_allowed boolean not null default true,
      version integer not null default 1,
      updated_at timestamptz not null default now()
    );

    -- 法律援助人员: lawyers, grassroots legal workers and legal aid staff, with what they take on
    create table aid_providers (
      id uuid primary key default gen_random_uuid(),
      county_code text not null,
      staff_id uuid unique references staff (id),
      name text not null,
      kind text not null check (kind in ('lawyer', 'grassrootsWorker', 'aidStaff')),
      organisation text not null default '',
      phone text not null default '',
      matter_categories text[] not null default '{}',
      max_load integer not null default 8 check (max_load between 1 and 100),
      -- people and organisations they have acted for: an opposing party among them is a conflict
      prior_clients text[] not null default '{}',
      active boolean not null default true,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );

    create table aid_case_numbers (
      county_code text not null,
      year integer not null,
      last integer not null,
      primary key (county_code, year)
    );

    -- the case behind a legal aid request (a service request of the item legalAid)
    create table aid_cases (
      id uuid primary key default gen_random_uuid(),
      request_id uuid not null unique references service_requests (id),
      case_no text unique,
      county_code text not null,
      region_code text not null,
      stage text not null check (stage in ('firstReview', 'review', 'awaitingMaterials', 'granted', 'refused',
        'assigned', 'closed', 'terminated', 'archived', 'withdrawn')),
      -- where a case waiting for materials goes back to
      stage_before text,
      applicant_kind text not null check (applicant_kind in ('self', 'guardian', 'relativeOfDetained', 'agent')),
      proxy_name text,
      proxy_relation text,
      proxy_phone_enc text,
      proxy_phone_masked text,
      matter_category text not null,
      aid_form text not null,
      matter_summary text not null,
      opposing_party text,
      has_agent boolean not null default false,
      family_size integer not null default 1 check (family_size between 1 and 30),
      family_members jsonb not null default '[]',
      monthly_family_income numeric(12, 2),
      no_means_test text,
      exemption text,
      exemption_proof boolean not null default false,
      pledge boolean not null default false,
      limitation_expires_on date,
      eligibility jsonb not null,
      override_reason text,
      first_review jsonb,
      received_at timestamptz,
      decision_pauses jsonb not null default '[]',
      decision_due_at timestamptz,
      missing_materials jsonb,
      materials_due_at timestamptz,
      early_aid text,
      early_aid_at timestamptz,
      decision text check (decision in ('grant', 'refuse')),
      decision_reason text,
      decided_at timestamptz,
      decided_by uuid references staff (id),
      assignment_due_at timestamptz,
      provider_id uuid references aid_providers (id),
      assigned_at timestamptz,
      conflict_override text,
      termination_ground text,
      termination_reason text,
      terminated_at timestamptz,
      closing_outcome text,
      closing_report text,
      closed_at timestamptz,
      archive_checklist jsonb,
      archived_at timestamptz,
      follow_up jsonb,
      quality jsonb,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index aid_cases_region_idx on aid_cases (region_code text_pattern_ops);
    create index aid_cases_stage_idx on aid_cases (stage, materials_due_at);
    create index aid_cases_provider_idx on aid_cases (provider_id) where stage = 'assigned';

    -- 异议 (art. 49) against a refusal or a termination, decided by the justice bureau within its period
    create table aid_objections (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references aid_cases (id),
      against text not null check (against in ('refusal', 'termination')),
      grounds text not null,
      filed_via text not null check (filed_via in ('portal', 'desk')),
      filed_at timestamptz not null default now(),
      due_at timestamptz not null,
      decision text check (decision in ('uphold', 'correct')),
      decision_reason text,
      decided_at timestamptz,
      decided_by uuid references staff (id),
      version integer not null default 1
    );
    create index aid_objections_case_idx on aid_objections (case_id);
    create unique index aid_objections_open_idx on aid_objections (case_id) where decision is null;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table aid_objections, aid_cases, aid_case_numbers, aid_providers, aid_settings, aid_hardship_standards`.execute(db);
}
