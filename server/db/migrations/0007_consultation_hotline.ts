import { sql, type Kysely } from 'kysely';

/**
 * Online consultation (在线咨询): the messages between the citizen and the lawyer on a consultation request,
 * and where a published Q&A came from; the 12348 hotline: the duty roster and its swaps, and the call log.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- the question and answer thread of an online consultation (the request holds the first question)
    create table consultation_messages (
      id serial primary key,
      request_id uuid not null references service_requests (id),
      author text not null check (author in ('citizen', 'staff')),
      staff_id uuid references staff (id),
      body text not null,
      created_at timestamptz not null default now(),
      check ((author = 'staff') = (staff_id is not null))
    );
    create index consultation_messages_request_idx on consultation_messages (request_id, id);

    -- a Q&A drafted from an answered consultation keeps where it came from (never shown to citizens)
    alter table kb_entries add column from_request_id uuid references service_requests (id);
    create unique index kb_entries_from_request_idx on kb_entries (from_request_id) where from_request_id is not null;

    -- 12348 排班: who is on duty at the center on which day and shift
    create table hotline_roster (
      id serial primary key,
      county_code text not null,
      day date not null,
      shift text not null check (shift in ('am', 'pm')),
      staff_id uuid not null references staff (id),
      created_at timestamptz not null default now(),
      unique (day, shift, staff_id)
    );
    create index hotline_roster_day_idx on hotline_roster (county_code, day);

    -- 换班: a lawyer asks a colleague to take a shift; the colleague accepts (or declines), and the roster changes
    create table hotline_swaps (
      id serial primary key,
      roster_id integer not null references hotline_roster (id) on delete cascade,
      from_staff_id uuid not null references staff (id),
      to_staff_id uuid not null references staff (id),
      reason text not null default '',
      status text not null default 'requested' check (status in ('requested', 'accepted', 'declined', 'cancelled')),
      decided_at timestamptz,
      created_at timestamptz not null default now()
    );
    create unique index hotline_swaps_open_idx on hotline_swaps (roster_id) where status = 'requested';

    -- 通话记录: the caller's number sealed (and masked, and hashed to find repeat callers)
    create table hotline_calls (
      id serial primary key,
      county_code text not null,
      external_id text unique,
      started_at timestamptz not null,
      ended_at timestamptz,
      duration_seconds integer check (duration_seconds >= 0),
      caller_phone_enc text,
      caller_phone_masked text not null default '',
      caller_phone_hash text,
      staff_id uuid references staff (id),
      category text,
      summary text not null default '',
      answer text not null default '',
      outcome text check (outcome in ('answered', 'transferred', 'request', 'missed', 'abandoned')),
      transferred_to text,
      request_id uuid references service_requests (id),
      satisfaction integer check (satisfaction between 1 and 5),
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (outcome <> 'transferred' or transferred_to is not null)
    );
    create index hotline_calls_started_idx on hotline_calls (county_code, started_at);
    create index hotline_calls_staff_idx on hotline_calls (staff_id, started_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table hotline_calls, hotline_swaps, hotline_roster, consultation_messages;
    alter table kb_entries drop column from_request_id;
  `.execute(db);
}
