import { sql, type Kysely } from 'kysely';

/**
 * Legal aid, second round: the town station's first-review period, the proxy's phone as a blind index (so a
 * relative who applied for a detained person can track the case with their own phone), and one objection per
 * decision (art. 49: the bureau's answer to an objection is final for that refusal or termination).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- 初审期限: the station's period for the first review; working days, 3 by default (see legalaid/README.md)
    alter table aid_settings
      add column first_review_policy jsonb not null default '{"unit": "working", "days": 3, "dueSoonDays": 1}';

    alter table aid_cases
      add column first_review_due_at timestamptz,
      -- HMAC of the proxy's normalised phone, as service_requests.requester_phone_hash is of the applicant's
      add column proxy_phone_hash text;

    -- the refusal or termination an objection is against (its decided_at / terminated_at): one objection each
    alter table aid_objections add column against_at timestamptz;
    update aid_objections o
       set against_at = case when o.against = 'refusal' then c.decided_at else c.terminated_at end
      from aid_cases c
     where c.id = o.case_id and o.decision is distinct from 'correct';
    create unique index aid_objections_once_idx on aid_objections (case_id, against_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index aid_objections_once_idx;
    alter table aid_objections drop column against_at;
    alter table aid_cases drop column first_review_due_at, drop column proxy_phone_hash;
    alter table aid_settings drop column first_review_policy;
  `.execute(db);
}
