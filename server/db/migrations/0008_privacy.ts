import { sql, type Kysely } from 'kysely';

/**
 * Personal data (个人信息保护法): the retention periods a county sets per record type, the marks the retention
 * sweep leaves on what it anonymised, the ID number's blind index (to find everything held about one citizen),
 * and indexes on the blind indexes. See server/modules/privacy/README.md.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- a county's own period for a record type; without a row the default of privacy/retention.ts applies
    create table privacy_retention (
      county_code text not null check (county_code ~ '^[0-9]{6}$'),
      record_type text not null check (record_type in
        ('request', 'consultationMessage', 'legalAidCase', 'hotlineCall', 'attachment', 'outbox')),
      months integer not null check (months between 1 and 1200),
      version integer not null default 1,
      updated_by uuid references staff (id),
      updated_at timestamptz not null default now(),
      primary key (county_code, record_type)
    );

    -- an anonymised request keeps its statistics but no phone, ID number or address, not even sealed
    alter table service_requests
      alter column requester_phone_enc drop not null,
      alter column requester_phone_hash drop not null,
      -- HMAC of the normalised ID number (as requester_phone_hash of the phone); filled in for older rows by housekeeping
      add column requester_id_hash text,
      add column anonymised_at timestamptz;
    create index service_requests_phone_hash_idx on service_requests (requester_phone_hash);
    create index service_requests_id_hash_idx on service_requests (requester_id_hash) where requester_id_hash is not null;
    create index service_requests_retention_idx on service_requests (concluded_at)
      where anonymised_at is null and status in ('concluded', 'withdrawn');

    alter table aid_cases add column anonymised_at timestamptz;
    create index aid_cases_proxy_phone_hash_idx on aid_cases (proxy_phone_hash) where proxy_phone_hash is not null;

    alter table hotline_calls add column anonymised_at timestamptz;
    create index hotline_calls_caller_hash_idx on hotline_calls (caller_phone_hash) where caller_phone_hash is not null;
    create index hotline_calls_retention_idx on hotline_calls (started_at) where anonymised_at is null;

    alter table consultation_messages add column anonymised_at timestamptz;

    -- the bytes of an expired attachment are deleted; the row stays for the figures (type, size, date)
    alter table request_attachments add column purged_at timestamptz;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table request_attachments drop column purged_at;
    alter table consultation_messages drop column anonymised_at;
    drop index hotline_calls_retention_idx;
    drop index hotline_calls_caller_hash_idx;
    alter table hotline_calls drop column anonymised_at;
    drop index aid_cases_proxy_phone_hash_idx;
    alter table aid_cases drop column anonymised_at;
    drop index service_requests_retention_idx;
    drop index service_requests_id_hash_idx;
    drop index service_requests_phone_hash_idx;
    alter table service_requests drop column anonymised_at, drop column requester_id_hash;
    drop table privacy_retention;
  `.execute(db);
}
