import { randomInt } from 'node:crypto';

// Crockford's base32: no I, L, O or U, so a number read over the phone cannot be misheard as another
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A tracking number (受理编号): the Beijing-time date it was taken (YYMMDD) and 8 random characters
 * (40 bits). Knowing one number tells nothing about any other, and every look-up also needs the phone.
 */
export function newTrackingNo(now = new Date()): string {
  const beijing = new Date(now.getTime() + 8 * 3600_000);
  const date = beijing.toISOString().slice(2, 10).replace(/-/g, '');
  let random = '';
  for (let i = 0; i < 8; i++) random += ALPHABET[randomInt(32)];
  return `${date}${random}`;
}

export const TRACKING_NO_PATTERN = '^[0-9]{6}[0-9A-HJKMNP-TV-Z]{8}$';

/** What people type: spaces, dashes, lower case and the letters O/I/L for 0/1/1 are forgiven. */
export function normalizeTrackingNo(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

/** 26112684KM9QZ7 → 261126-84KM-9QZ7, for receipts and the phone. */
export function formatTrackingNo(no: string): string {
  return `${no.slice(0, 6)}-${no.slice(6, 10)}-${no.slice(10)}`;
}
