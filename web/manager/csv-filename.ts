// Pure: the name a question's CSV is saved under: what was asked, with which parameters, on which Dhaka day.

const DHAKA_MS = 6 * 3_600_000;

/** e.g. "movement-pass-time-to-decision-by-district-days-7-2026-12-05.csv" (empty parameters left out). */
export function questionCsvName(
  question: string,
  params: Record<string, number | undefined>,
  nowMs: number,
): string {
  const safe = (text: string) => text.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
  const parts = Object.entries(params)
    .filter(([, value]) => value !== undefined && Number.isFinite(value))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => `${safe(name)}-${value}`);
  const day = new Date(nowMs + DHAKA_MS).toISOString().slice(0, 10);
  return `${['movement-pass', safe(question) || 'question', ...parts, day].join('-')}.csv`;
}
