// Pure: the dashboard's default date range (the last 7 days, Dhaka time) and range checks.

const DHAKA_OFFSET_MS = 6 * 3_600_000;
const DAY_MS = 86_400_000;
export const MAX_DAYS = 31;

/** YYYY-MM-DD of a moment in Dhaka (UTC+6, no daylight saving). */
export const dhakaDay = (epochMs: number): string =>
  new Date(epochMs + DHAKA_OFFSET_MS).toISOString().slice(0, 10);

export const addDays = (day: string, n: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** Today and the six days before it, in Dhaka. */
export function lastSevenDays(nowMs: number): { from: string; to: string } {
  const to = dhakaDay(nowMs);
  return { from: addDays(to, -6), to };
}

/** Why a range cannot be asked for (field → problem), or {} when it can. */
export function rangeProblems(
  from: string,
  to: string,
): { from?: 'required'; to?: 'order' | 'tooLong' | 'required' } {
  if (!from) return { from: 'required' };
  if (!to) return { to: 'required' };
  if (to < from) return { to: 'order' };
  if ((Date.parse(to) - Date.parse(from)) / DAY_MS + 1 > MAX_DAYS) return { to: 'tooLong' };
  return {};
}
