// Masking of personal data for responses and police views.

/** Keeps the last three characters: "1234567890" → "*******890". */
export function maskIdNumber(idNumber: string): string {
  const keep = Math.min(3, idNumber.length);
  return '*'.repeat(idNumber.length - keep) + idNumber.slice(-keep);
}

/** Keeps the first name and initials of the rest: "Rahima Begum Khan" → "Rahima B. K.". */
export function maskName(name: string): string {
  const [first = '', ...rest] = name.trim().split(/\s+/);
  return [first, ...rest.map((part) => `${part[0]}.`)].join(' ');
}

/** "01712345678" → "017****5678". */
export const maskMobile = (mobile: string) => `${mobile.slice(0, 3)}****${mobile.slice(-4)}`;
