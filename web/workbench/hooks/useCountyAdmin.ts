import { useCan, useMe } from '../session/useSession.js';

/**
 * The service catalogue and the holiday calendar are the county's: only an administrator at county level
 * (a 6-digit region code) changes them. The server enforces the same.
 */
export function useCountyAdmin(): boolean {
  const me = useMe();
  const can = useCan();
  return can('org.manage') && me.regionCode.length === 6;
}
