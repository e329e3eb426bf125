/**
 * Resident identity card numbers (GB 11643-1999): 6-digit address code, 8-digit birth date, 3-digit order
 * code (odd for men, even for women) and an ISO 7064 MOD 11-2 check character (0–9 or X).
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

export type IdNumberProblem = 'format' | 'birthDate' | 'checkDigit';

/** Why a number is not a valid 18-digit ID number, or null when it is. Lower-case x is accepted. */
export function idNumberProblem(input: string): IdNumberProblem | null {
  const id = input.trim().toUpperCase();
  if (!/^[1-9][0-9]{16}[0-9X]$/.test(id)) return 'format';
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (
    y < 1900 ||
    birth.getUTCFullYear() !== y ||
    birth.getUTCMonth() !== m - 1 ||
    birth.getUTCDate() !== d ||
    birth.getTime() > Date.now()
  ) {
    return 'birthDate';
  }
  if (idNumberCheckChar(id.slice(0, 17)) !== id[17]) return 'checkDigit';
  return null;
}

export function normalizeIdNumber(input: string): string {
  return input.trim().toUpperCase();
}

/** 411522199001011234 → 4115**********1234: the region's first digits and the last four stay readable. */
export function maskIdNumber(id: string): string {
  if (id.length < 8) return '*'.repeat(id.length);
  return `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}
