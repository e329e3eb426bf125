import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { hashPassword } from '../auth/passwords.js';
import type { Post } from '../auth/permissions.js';

interface DemoUser {
  username: string;
  displayName: string;
  regionCode: string;
  kind: 'center' | 'station' | 'room';
  posts: Post[];
  phone: string;
}

/**
 * Demo staff for every post, on the real county: the center's desks, one account per town station and one
 * per village room. They all share the demo password (hashed once).
 */
export function demoUsers(county: {
  code: string;
  towns: { code: string; name: string; villages: { code: string; shortName: string }[] }[];
}): DemoUser[] {
  const c = county.code;
  const center = (username: string, displayName: string, posts: Post[], n: number): DemoUser => ({
    username,
    displayName,
    regionCode: c,
    kind: 'center',
    posts,
    phone: `1380376${String(1000 + n).slice(-4)}`,
  });
  const users: DemoUser[] = [
    center('admin', '系统管理员', ['admin', 'supervisor'], 1),
    center('reception', '中心综合接待', ['reception'], 2),
    center('consult', '中心法律咨询', ['consultationDesk'], 3),
    center('legalaid', '法律援助中心', ['legalAidDesk'], 4),
    center('lawyer', '12348值班律师', ['dutyLawyer', 'consultationDesk'], 5),
    center('mediator', '县调委会调解员', ['mediator'], 6),
    center('supervisor', '司法局督办', ['supervisor'], 7),
  ];
  county.towns.forEach((town, i) => {
    users.push({
      username: `station-${town.code}`,
      displayName: `${town.name}工作站`,
      regionCode: town.code,
      kind: 'station',
      posts: ['reception', 'legalAidDesk', 'mediator'],
      phone: `1390376${String(2000 + i).slice(-4)}`,
    });
    town.villages.forEach((v, j) => {
      users.push({
        username: `room-${v.code}`,
        displayName: `${v.shortName}法律顾问`,
        regionCode: v.code,
        kind: 'room',
        posts: ['villageAdviser'],
        phone: `137${town.code.slice(-3)}${String(1000 + j).slice(-4)}0`.slice(0, 11),
      });
    });
  });
  return users;
}

export async function seedDemoStaff(db: Kysely<DB>, users: DemoUser[], password: string): Promise<number> {
  const passwordHash = await hashPassword(password);
  const sites = await db.selectFrom('sites').select(['id', 'kind', 'region_code']).execute();
  const siteOf = new Map(sites.map((s) => [`${s.kind}:${s.region_code}`, s.id]));
  const rows = users.map((u) => {
    const siteId = siteOf.get(`${u.kind}:${u.regionCode}`);
    if (!siteId) throw new Error(`no ${u.kind} site for region ${u.regionCode}`);
    return {
      username: u.username,
      display_name: u.displayName,
      phone: u.phone,
      site_id: siteId,
      posts: u.posts,
      password_hash: passwordHash,
    };
  });
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 200)
      await trx
        .insertInto('staff')
        .values(rows.slice(i, i + 200))
        .execute();
  });
  return rows.length;
}
