/** 13812345678 → 138****5678; anything shorter keeps only its last two characters. */
export function maskPhone(phone: string): string {
  if (!phone) return '';
  if (phone.length >= 7) return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
  return `${'*'.repeat(Math.max(0, phone.length - 2))}${phone.slice(-2)}`;
}
