import { sql, type Kysely } from 'kysely';

/** The three-level network (regions, sites), staff and their sessions, and the append-only audit log. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table regions (
      -- the statistical code as the county's data gives it: county 6 digits, town 9, village 12. Each is the
      -- leading part of every code under it, so a scope is one prefix: region_code like '411522101%'.
      code text primary key check (code ~ '^[0-9]{6}([0-9]{3}([0-9]{3})?)?$'),
      name text not null,
      short_name text not null,
      level text not null check (level in ('county', 'town', 'village')),
      type text not null default '',
      parent_code text references regions (code),
      sort integer not null default 0,
      updated_at timestamptz not null default now()
    );
    create index regions_parent_idx on regions (parent_code);

    create table sites (
      id uuid primary key default gen_random_uuid(),
      kind text not null check (kind in ('center', 'station', 'room')),
      name text not null,
      region_code text not null references regions (code),
      address text not null default '',
      opening_hours text not null default '',
      phone text not null default '',
      latitude double precision check (latitude between -90 and 90),
      longitude double precision check (longitude between -180 and 180),
      facilities text[] not null default '{}',
      description text not null default '',
      is_public boolean not null default true,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (kind, region_code)
    );
    create index sites_region_idx on sites (region_code text_pattern_ops);

    create table staff (
      id uuid primary key default gen_random_uuid(),
      username text not null,
      display_name text not null,
      phone text not null default '',
      site_id uuid not null references sites (id),
      posts text[] not null check (cardinality(posts) > 0),
      status text not null default 'active' check (status in ('active', 'disabled')),
      password_hash text not null,
      must_change_password boolean not null default false,
      password_changed_at timestamptz not null default now(),
      failed_logins integer not null default 0,
      locked_until timestamptz,
      last_login_at timestamptz,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create unique index staff_username_idx on staff (lower(username));
    create index staff_site_idx on staff (site_id);

    create table sessions (
      id text primary key,
      staff_id uuid not null references staff (id) on delete cascade,
      csrf_token text not null,
      ip text not null default '',
      user_agent text not null default '',
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null
    );
    create index sessions_staff_idx on sessions (staff_id);

    -- unlogged: counters need no crash safety, and every public look-up writes one (no WAL flush to wait for)
    create unlogged table rate_limits (
      key text primary key,
      window_start timestamptz not null,
      hits integer not null
    );

    create table audit_log (
      id bigint generated always as identity primary key,
      at timestamptz not null default now(),
      actor_id uuid,
      actor_username text not null default '',
      action text not null,
      entity_type text not null,
      entity_id text not null default '',
      region_code text,
      before jsonb,
      after jsonb,
      ip text not null default '',
      request_id text not null default ''
    );
    create index audit_log_at_idx on audit_log (at desc);
    create index audit_log_entity_idx on audit_log (entity_type, entity_id);
    create index audit_log_actor_idx on audit_log (actor_id);

    create function audit_log_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only' using errcode = 'insufficient_privilege';
    end $$;
    create trigger audit_log_no_update before update or delete on audit_log
      for each row execute function audit_log_append_only();
    create trigger audit_log_no_truncate before truncate on audit_log
      for each statement execute function audit_log_append_only();
  `.execute(db);
}
