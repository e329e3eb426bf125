import type { Insertable, Kysely } from 'kysely';
import type { DB, RegionsTable, SiteKind, SitesTable } from '../../db/schema.js';
import { readCountyTree } from '../../reference-data.js';

/** The shape of reference-data/county.json (a county, its towns, their villages). */
export interface CountyFile {
  code: string;
  name: string;
  level: 'county';
  children: {
    code: string;
    name: string;
    type: string;
    children: { code: string; name: string; shortName: string; type: string }[];
  }[];
}

export const FACILITIES = [
  'serviceHall',
  'receptionCounter',
  'mediationRoom',
  'archiveRoom',
  'electronicDisplay',
  'touchKiosk',
  'noticeBoard',
  'suggestionBox',
] as const;
export type Facility = (typeof FACILITIES)[number];

/** What the plan expects at each level when a site opens; administrators record what is really there. */
const DEFAULT_FACILITIES: Record<SiteKind, readonly Facility[]> = {
  center: FACILITIES,
  station: ['serviceHall', 'receptionCounter', 'mediationRoom', 'noticeBoard', 'suggestionBox'],
  room: ['mediationRoom', 'noticeBoard'],
};

/** The names the county's plan gives each level's site. */
export function siteName(kind: SiteKind, regionName: string): string {
  if (kind === 'center') return `${regionName}公共法律服务中心`;
  if (kind === 'station') return `${regionName}公共法律服务工作站`;
  return `${regionName}公共法律服务室`;
}

/** Reads a county tree file, checked down to every village (server/reference-data.ts). */
export async function readCountyFile(file: string): Promise<CountyFile> {
  return readCountyTree(file);
}

export interface ImportCounts {
  regions: { county: number; town: number; village: number };
  sites: { center: number; station: number; room: number };
}

/**
 * Loads the county tree and one site per unit, in one transaction. Running it again changes nothing that
 * already exists (names edited by an administrator are kept).
 */
export async function importCounty(db: Kysely<DB>, county: CountyFile): Promise<ImportCounts> {
  const regions: Insertable<RegionsTable>[] = [];
  const sites: Insertable<SitesTable>[] = [];
  const add = (region: Insertable<RegionsTable>, kind: SiteKind, address: string) => {
    regions.push(region);
    sites.push({
      kind,
      name: siteName(kind, region.short_name),
      region_code: region.code,
      // the real street address is unknown to the division data: the unit's place is the best start, and an
      // administrator completes it
      address,
      opening_hours: kind === 'room' ? '每周三 9:00-12:00（顾问驻点日），其余时间请联系村（社区）' : '周一至周五 8:30-12:00，14:30-17:30',
      phone: kind === 'center' ? '12348' : '',
      facilities: [...DEFAULT_FACILITIES[kind]],
    });
  };
  const place = `河南省信阳市${county.name}`;
  add(
    { code: county.code, name: county.name, short_name: county.name, level: 'county', type: '县', parent_code: null, sort: 0 },
    'center',
    place,
  );
  county.children.forEach((town, i) => {
    add(
      { code: town.code, name: town.name, short_name: town.name, level: 'town', type: town.type, parent_code: county.code, sort: i },
      'station',
      `${place}${town.name}`,
    );
    town.children.forEach((v, j) => {
      add(
        { code: v.code, name: v.name, short_name: v.shortName, level: 'village', type: v.type, parent_code: town.code, sort: j },
        'room',
        `${place}${town.name}${v.shortName}`,
      );
    });
  });
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < regions.length; i += 200) {
      await trx
        .insertInto('regions')
        .values(regions.slice(i, i + 200))
        .onConflict((oc) => oc.column('code').doNothing())
        .execute();
    }
    for (let i = 0; i < sites.length; i += 200) {
      await trx
        .insertInto('sites')
        .values(sites.slice(i, i + 200))
        .onConflict((oc) => oc.columns(['kind', 'region_code']).doNothing())
        .execute();
    }
  });
  const count = (level: string) => regions.filter((r) => r.level === level).length;
  return {
    regions: { county: count('county'), town: count('town'), village: count('village') },
    sites: { center: count('county'), station: count('town'), room: count('village') },
  };
}
