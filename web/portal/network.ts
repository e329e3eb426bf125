/**
 * The county's service network as the portal shows it: the county center, then each town's station with
 * its village rooms, in the official order of the division tree. Pure functions, no React.
 */
import type { RegionNode, Site } from '../shared/api/types.js';

export interface TownGroup {
  code: string;
  name: string;
  station: Site | undefined;
  rooms: Site[];
}

export interface ServiceNetwork {
  countyName: string;
  center: Site | undefined;
  towns: TownGroup[];
  siteCount: number;
}

export function buildNetwork(tree: RegionNode[], sites: Site[]): ServiceNetwork {
  const byRegion = new Map<string, Site[]>();
  for (const site of sites) byRegion.set(site.regionCode, [...(byRegion.get(site.regionCode) ?? []), site]);
  const siteOf = (code: string, kind: Site['kind']) => byRegion.get(code)?.find((s) => s.kind === kind);

  const county = tree.find((n) => n.level === 'county') ?? tree[0];
  const towns: TownGroup[] = (county?.children ?? [])
    .filter((town) => town.level === 'town')
    .map((town) => ({
      code: town.code,
      name: town.name,
      station: siteOf(town.code, 'station'),
      rooms: town.children.flatMap((village) => siteOf(village.code, 'room') ?? []),
    }))
    // a town shows when it has anything published
    .filter((town) => town.station || town.rooms.length > 0);

  return {
    countyName: county?.name ?? '',
    center: county ? siteOf(county.code, 'center') : sites.find((s) => s.kind === 'center'),
    towns,
    siteCount: sites.length,
  };
}

export interface FilteredNetwork {
  center: Site | undefined;
  towns: TownGroup[];
  matches: number;
}

/** Keeps the sites whose name contains the query; a town stays when its station or any of its rooms match. */
export function filterNetwork(network: ServiceNetwork, query: string): FilteredNetwork {
  const q = query.trim().toLowerCase();
  if (!q) return { center: network.center, towns: network.towns, matches: network.siteCount };
  const hit = (site: Site | undefined) => (site && site.name.toLowerCase().includes(q) ? site : undefined);
  const center = hit(network.center);
  let matches = center ? 1 : 0;
  const towns: TownGroup[] = [];
  for (const town of network.towns) {
    const station = hit(town.station);
    const rooms = town.rooms.filter((room) => hit(room));
    if (!station && rooms.length === 0) continue;
    matches += (station ? 1 : 0) + rooms.length;
    towns.push({ ...town, station, rooms });
  }
  return { center, towns, matches };
}

export function roomCount(network: ServiceNetwork): number {
  return network.towns.reduce((n, town) => n + town.rooms.length, 0);
}
