/**
 * Region codes as the county's data gives them: county 6 digits (411522), town 9 (411522101), village 12
 * (411522101203). People also type the padded 12-digit statistical form (411522101000); both are accepted.
 */
export const REGION_CODE_PATTERN = '^[0-9]{6}([0-9]{3}([0-9]{3})?)?$';

export function normalizeRegionCode(input: string): string {
  const code = input.trim();
  if (/^[0-9]{6}000000$/.test(code)) return code.slice(0, 6);
  if (/^[0-9]{9}000$/.test(code)) return code.slice(0, 9);
  return code;
}

export function fullRegionCode(code: string): string {
  return code.padEnd(12, '0');
}

export function levelOfCode(code: string): 'county' | 'town' | 'village' {
  return code.length === 6 ? 'county' : code.length === 9 ? 'town' : 'village';
}
