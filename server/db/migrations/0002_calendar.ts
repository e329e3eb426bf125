import { sql, type Kysely } from 'kysely';

/**
 * The working-day calendar: the days that differ from the plain week (Mon–Fri worked, Sat–Sun off) under
 * the State Council's yearly arrangement. Loaded from the `chinese-days` package and edited by admins.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table calendar_days (
      date date primary key check (date between '2000-01-01' and '2100-12-31'),
      -- holiday: a day off; workday: a weekend day that is worked (调休上班), so never a weekday
      kind text not null check (kind in ('holiday', 'workday')),
      name text not null default '',
      -- 'chinese-days@<version>' as loaded from the package, 'admin' once an administrator set it
      source text not null check (source = 'admin' or source like 'chinese-days@%'),
      updated_at timestamptz not null default now(),
      updated_by uuid references staff (id),
      check (kind = 'holiday' or extract(isodow from date) in (6, 7))
    );
  `.execute(db);
}
