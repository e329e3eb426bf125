/**
 * Tracking numbers (受理编号), phones and ID numbers as people type and read them. Pure functions shared by
 * the portal and the workbench; the server checks everything again.
 */

/** 26112684KM9QZ7 → 261126-84KM-9QZ7: read out over the phone in three groups. */
export function formatTrackingNo(no: string): string {
  const n = no.replace(/[\s-]/g, '');
  return n.length === 14 ? `${n.slice(0, 6)}-${n.slice(6, 10)}-${n.slice(10)}` : no;
}

/** What people type: spaces, dashes, lower case and O/I/L for 0/1/1 are forgiven (Crockford base32). */
export function normalizeTrackingNo(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

export const TRACKING_NO = /^[0-9]{6}[0-9A-HJKMNP-TV-Z]{8}$/;

/** A mobile number, or a landline with its area code (the server's rule). */
export const PHONE = /^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$/;

export const normalizePhone = (phone: string) => phone.replace(/[\s-]/g, '');

export function isPhone(input: string): boolean {
  return PHONE.test(input.trim().replace(/\s/g, ''));
}

/** 13812345678 → 138****5678, for lists; shorter numbers keep their last four. */
export function maskPhone(phone: string): string {
  const p = normalizePhone(phone);
  if (p.includes('*')) return phone;
  if (p.length >= 11) return `${p.slice(0, 3)}****${p.slice(-4)}`;
  return p.length > 4 ? `${'*'.repeat(p.length - 4)}${p.slice(-4)}` : p;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** An 18-digit resident ID number (GB 11643): format, birth date and check character. */
export function isIdNumber(input: string): boolean {
  const id = input.trim().toUpperCase();
  if (!/^[1-9][0-9]{16}[0-9X]$/.test(id)) return false;
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d || birth.getTime() > Date.now()) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK[sum % 11] === id[17];
}
