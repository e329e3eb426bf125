import { sql, type Kysely } from 'kysely';

/**
 * Notices that open their record and count per menu: each notice gets the menu it is counted under (category)
 * and the record it opens (entity_type + entity_id: a request, a legal aid case, a hotline swap). A county may
 * have staff texted as well (notify_settings); such a text is an outbox row addressed to a staff member, whose
 * phone is read when it is sent. See server/modules/notify/README.md.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table notifications
      add column category text not null default 'other'
        check (category in ('requests', 'consultation', 'supervision', 'legalAid', 'hotline', 'feedback', 'other')),
      add column entity_type text check (entity_type in ('serviceRequest', 'aidCase', 'hotlineSwap')),
      add column entity_id text,
      add constraint notifications_entity_check check ((entity_type is null) = (entity_id is null));

    -- the notices of earlier releases: their menu from their kind, the request they were about
    update notifications set
      category = case
        when kind in ('dueSoon', 'overdue') then 'requests'
        when kind in ('supervision', 'supervisionReply') then 'supervision'
        when kind = 'consultationFollowUp' then 'consultation'
        when kind = 'hotlineSwap' then 'hotline'
        when kind = 'badRating' then 'feedback'
        else 'other' end,
      entity_type = case when request_id is not null then 'serviceRequest' end,
      entity_id = request_id::text;

    -- the unread counts per menu, asked for on every page change
    create index notifications_unread_idx on notifications (staff_id, category) where read_at is null;

    -- a county's choice to text its staff their notices as well (no row: in-app only)
    create table notify_settings (
      county_code text primary key check (county_code ~ '^[0-9]{6}$'),
      staff_sms boolean not null default false,
      -- the kinds of notice texted; empty: every kind
      kinds text[] not null default '{}',
      version integer not null default 1,
      updated_by uuid references staff (id),
      updated_at timestamptz not null default now()
    );

    -- a text to a staff member: the phone is theirs at the time it is sent (recipient_enc stays empty)
    alter table outbox add column recipient_staff_id uuid references staff (id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table outbox drop column recipient_staff_id;
    drop table notify_settings;
    drop index notifications_unread_idx;
    alter table notifications
      drop constraint notifications_entity_check,
      drop column entity_id,
      drop column entity_type,
      drop column category;
  `.execute(db);
}
