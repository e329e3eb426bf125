import { sql, type Kysely } from 'kysely';
import type { DB, SiteKind } from '../../db/schema.js';

/*
 * The number the portal gives for a site. Most village rooms have no telephone of their own: the room is the
 * village committee's office, staffed on the adviser's day. A citizen still needs someone to call, so a room
 * without a phone shows its legal adviser's work phone — the number the village's 公示 board already posts for
 * "一村一法律顾问" (so the staff record's phone of a villageAdviser is public by that post; README) — then its
 * town station's, then the county center's, and at last the 12348 public legal service line, which always
 * answers. A station without a phone shows the center's, then 12348. The label says whose number it is.
 */

export const PHONE_SOURCES = ['site', 'adviser', 'station', 'center', 'hotline'] as const;
export type PhoneSource = (typeof PHONE_SOURCES)[number];
export interface ContactPhone {
  phone: string;
  source: PhoneSource;
}

/** The public legal service hotline: 12348, with or without the area code. */
export const HOTLINE = '12348';
const isHotline = (phone: string) => /^(0[0-9]{2,3}-?)?12348$/.test(phone.replace(/\s/g, ''));

interface PhoneFacts {
  /** room id → its first active adviser's phone */
  advisers: Map<string, string>;
  /** `kind:regionCode` → the published station's or center's own phone */
  offices: Map<string, string>;
}

/** The advisers' and offices' phones, in two queries whatever the number of sites. */
export async function phoneFacts(db: Kysely<DB>): Promise<PhoneFacts> {
  const [advisers, offices] = await Promise.all([
    db
      .selectFrom('staff')
      .innerJoin('sites', 'sites.id', 'staff.site_id')
      .select(['staff.site_id', 'staff.phone'])
      .where('sites.kind', '=', 'room')
      .where('staff.status', '=', 'active')
      .where(sql<boolean>`${'villageAdviser'} = any(staff.posts)`)
      .where(sql<boolean>`trim(staff.phone) <> ''`)
      .orderBy('staff.created_at')
      .orderBy('staff.username')
      .execute(),
    db
      .selectFrom('sites')
      .select(['kind', 'region_code', 'phone'])
      .where('kind', 'in', ['station', 'center'])
      .where('is_public', '=', true)
      .where(sql<boolean>`trim(phone) <> ''`)
      .execute(),
  ]);
  const byRoom = new Map<string, string>();
  for (const a of advisers) if (!byRoom.has(a.site_id)) byRoom.set(a.site_id, a.phone.trim());
  return { advisers: byRoom, offices: new Map(offices.map((o) => [`${o.kind}:${o.region_code}`, o.phone.trim()])) };
}

export function contactPhone(facts: PhoneFacts, site: { id: string; kind: SiteKind; regionCode: string; phone: string }): ContactPhone {
  const own = site.phone.trim();
  if (own) return { phone: own, source: 'site' };
  const fallbacks: [PhoneSource, string | undefined][] = [
    ['adviser', site.kind === 'room' ? facts.advisers.get(site.id) : undefined],
    ['station', site.kind === 'room' ? facts.offices.get(`station:${site.regionCode.slice(0, 9)}`) : undefined],
    ['center', site.kind === 'center' ? undefined : facts.offices.get(`center:${site.regionCode.slice(0, 6)}`)],
  ];
  for (const [source, phone] of fallbacks) {
    // a center whose number is the hotline is labelled as the hotline
    if (phone) return { phone, source: source !== 'adviser' && isHotline(phone) ? 'hotline' : source };
  }
  return { phone: HOTLINE, source: 'hotline' };
}
