// Pure: a day as the API takes it in a query (YYYY-MM-DD that exists in the calendar), never throwing on nonsense.

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar day: 2026-02-29, 2026-13-01 and 2026-12-00 are not (and nothing here throws). */
export function isCalendarDay(value: string): boolean {
  if (!ISO_DAY.test(value)) return false;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === value;
}
