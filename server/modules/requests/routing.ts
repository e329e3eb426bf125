import type { RegionLevel } from '../../db/schema.js';
import { siteKey, type Reference } from './reference.js';
import { AppError } from '../../http/errors.js';
import { levelOfCode } from '../org/region-codes.js';

export interface Route {
  siteId: string;
  siteName: string;
  siteRegionCode: string;
  post: string;
}

/** The region code of the unit at `level` above (or at) `regionCode`: county 6 digits, town 9, village 12. */
export function regionAt(regionCode: string, level: RegionLevel): string | null {
  const length = level === 'county' ? 6 : level === 'town' ? 9 : 12;
  return regionCode.length >= length ? regionCode.slice(0, length) : null;
}

/**
 * Where a request about `regionCode` for `serviceItem` is handled, by the routing rules (service item ×
 * level of the region concerned → the site at the handling level, and the post). A rule that points below the
 * region's own level (a village room for a county-wide matter) falls back to the county center.
 */
export function routeFrom(ref: Reference, serviceItem: string, regionCode: string): Route {
  const level = levelOfCode(regionCode);
  const rule = ref.routes.get(`${serviceItem}:${level}`);
  if (!rule) throw new AppError('ROUTING_RULE_MISSING', { serviceItem, level });
  const target = regionAt(regionCode, rule.handlerLevel) ?? regionCode.slice(0, 6);
  const kind = target.length === 6 ? 'center' : target.length === 9 ? 'station' : 'room';
  const site = ref.sites.get(siteKey(kind, target));
  if (!site) throw new AppError('ROUTING_RULE_MISSING', { serviceItem, level, target });
  return { siteId: site.id, siteName: site.name, siteRegionCode: site.regionCode, post: rule.post };
}
