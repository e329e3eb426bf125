import { sql, type Kysely } from 'kysely';

/**
 * The unified service request (前台统一受理、后台分流办理、结果及时反馈): the service catalogue, routing
 * rules, requests with their timeline, and the citizens' evaluations.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table service_items (
      code text primary key check (code ~ '^[a-z][A-Za-z0-9]{1,40}$'),
      name text not null,
      category text not null check (category in ('basic', 'extended')),
      summary text not null default '',
      -- the public guide: who may apply, materials, steps, fees, where, legal basis
      guide jsonb not null default '{}',
      levels text[] not null,
      channels text[] not null,
      handling_unit text not null default '',
      time_limit jsonb not null,
      active boolean not null default true,
      sort integer not null default 0,
      version integer not null default 1,
      updated_at timestamptz not null default now()
    );

    -- service item × level of the region concerned → where it is handled, and by which post
    create table routing_rules (
      id uuid primary key default gen_random_uuid(),
      service_item text not null references service_items (code),
      region_level text not null check (region_level in ('county', 'town', 'village')),
      handler_level text not null check (handler_level in ('county', 'town', 'village')),
      handler_post text not null,
      unique (service_item, region_level)
    );

    create table service_requests (
      id uuid primary key default gen_random_uuid(),
      tracking_no text not null unique,
      -- every case row carries its county, so a province can partition by it
      county_code text not null,
      service_item text not null references service_items (code),
      channel text not null check (channel in ('walk_in', 'hotline', 'letter', 'web', 'wechat', 'kiosk', 'gov_hotline_12345', 'referral')),
      status text not null check (status in ('submitted', 'dispatched', 'accepted', 'awaitingMaterials', 'concluded', 'withdrawn')),
      requester_name text not null,
      requester_phone_enc text not null,
      requester_phone_hash text not null,
      requester_phone_masked text not null,
      requester_id_enc text,
      requester_id_masked text,
      requester_address_enc text,
      region_code text not null references regions (code),
      description text not null,
      received_site_id uuid references sites (id),
      received_region_code text,
      received_by uuid references staff (id),
      -- 首问负责: who answers for the request until a handler accepts it
      owner_id uuid references staff (id),
      handler_site_id uuid references sites (id),
      handler_region_code text,
      handler_post text,
      handler_id uuid references staff (id),
      time_limit jsonb not null,
      started_at timestamptz not null default now(),
      due_at timestamptz,
      due_state text not null default 'normal' check (due_state in ('normal', 'dueSoon', 'overdue')),
      pauses jsonb not null default '[]',
      missing_materials jsonb,
      result text,
      dispatched_at timestamptz,
      accepted_at timestamptz,
      concluded_at timestamptz,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index service_requests_region_idx on service_requests (region_code text_pattern_ops);
    create index service_requests_handler_region_idx on service_requests (handler_region_code text_pattern_ops);
    create index service_requests_received_region_idx on service_requests (received_region_code text_pattern_ops);
    create index service_requests_status_due_idx on service_requests (status, due_at);
    create index service_requests_handler_idx on service_requests (handler_id);
    create index service_requests_owner_idx on service_requests (owner_id);

    create table request_events (
      id bigint generated always as identity primary key,
      request_id uuid not null references service_requests (id),
      at timestamptz not null default now(),
      actor_id uuid references staff (id),
      actor_name text not null default '',
      type text not null,
      from_status text,
      to_status text,
      note text not null default '',
      data jsonb,
      -- shown on the public tracking page in plain words
      public boolean not null default true
    );
    create index request_events_request_idx on request_events (request_id, id);

    create table evaluations (
      request_id uuid primary key references service_requests (id),
      grade integer not null check (grade between 1 and 5),
      attitude integer not null check (attitude between 1 and 5),
      efficiency integer not null check (efficiency between 1 and 5),
      competence integer not null check (competence between 1 and 5),
      comment text not null default '',
      handler_id uuid references staff (id),
      handler_site_id uuid references sites (id),
      created_at timestamptz not null default now()
    );

    -- 督办: a superior's order on a request, with its own deadline and the handler's reply
    create table supervision_orders (
      id uuid primary key default gen_random_uuid(),
      request_id uuid not null references service_requests (id),
      issued_by uuid not null references staff (id),
      instruction text not null,
      due_at timestamptz not null,
      status text not null default 'open' check (status in ('open', 'replied', 'closed')),
      reply text,
      replied_by uuid references staff (id),
      replied_at timestamptz,
      created_at timestamptz not null default now()
    );
    create index supervision_orders_request_idx on supervision_orders (request_id);
    create index supervision_orders_open_idx on supervision_orders (status, due_at);

    -- in-app notices to staff; the unique key is what makes a notice at most once, whatever instance scans
    create table notifications (
      id bigint generated always as identity primary key,
      staff_id uuid not null references staff (id),
      request_id uuid references service_requests (id),
      kind text not null,
      dedupe_key text not null,
      title text not null,
      body text not null default '',
      created_at timestamptz not null default now(),
      read_at timestamptz,
      unique (staff_id, dedupe_key)
    );
    create index notifications_staff_idx on notifications (staff_id, read_at, id desc);

    -- messages to citizens and other systems, written in the transaction of the change they tell about
    create table outbox (
      id bigint generated always as identity primary key,
      request_id uuid references service_requests (id),
      channel text not null check (channel in ('sms', 'webhook', 'console')),
      recipient_enc text,
      template text not null,
      payload jsonb not null,
      status text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
      attempts integer not null default 0,
      next_attempt_at timestamptz not null default now(),
      locked_until timestamptz,
      last_error text,
      provider_id text,
      sent_at timestamptz,
      created_at timestamptz not null default now()
    );
    create index outbox_due_idx on outbox (status, next_attempt_at);

    -- a 不满意/非常不满意 rating opens a rectification, due in 15 working days, and a follow-up call
    create table rectifications (
      id uuid primary key default gen_random_uuid(),
      request_id uuid not null unique references service_requests (id),
      site_id uuid references sites (id),
      staff_id uuid references staff (id),
      due_at timestamptz not null,
      status text not null default 'open' check (status in ('open', 'done')),
      measures text,
      done_by uuid references staff (id),
      done_at timestamptz,
      created_at timestamptz not null default now()
    );

    create table follow_up_calls (
      id uuid primary key default gen_random_uuid(),
      request_id uuid not null references service_requests (id),
      called_by uuid references staff (id),
      called_at timestamptz,
      outcome text check (outcome in ('reached', 'unreachable', 'declined')),
      satisfied boolean,
      note text not null default '',
      status text not null default 'planned' check (status in ('planned', 'done')),
      created_at timestamptz not null default now()
    );
    create index follow_up_calls_request_idx on follow_up_calls (request_id);

    -- materials attached to a request by staff or by the citizen; the type is what the bytes say, not the name
    create table request_attachments (
      id uuid primary key default gen_random_uuid(),
      request_id uuid not null references service_requests (id),
      filename text not null,
      content_type text not null,
      size integer not null check (size > 0),
      sha256 text not null,
      data bytea not null,
      uploaded_by uuid references staff (id),
      by_citizen boolean not null default false,
      created_at timestamptz not null default now()
    );
    create index request_attachments_request_idx on request_attachments (request_id);
  `.execute(db);
}
