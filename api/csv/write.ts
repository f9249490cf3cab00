// Pure: the one CSV writer of every export (RFC 4180 quoting, CRLF), safe to open in a spreadsheet (OWASP CSV injection).

export type CsvValue = string | number | boolean | null | undefined;

/** What a spreadsheet may read as a formula or a cell command when a text cell starts with it (OWASP's list). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One cell. Text that a spreadsheet could run as a formula gets a leading apostrophe (shown as text, not run) and is
 * quoted; numbers are written as numbers (a negative number is data, not a formula); null and undefined are empty.
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return String(value);
  const risky = FORMULA_START.test(value);
  const text = risky ? `'${value}` : value;
  return risky || /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows (the header first) as a CSV document: every line ends with CRLF. */
export const toCsv = (rows: readonly (readonly CsvValue[])[]): string =>
  rows.map((row) => `${row.map(csvCell).join(',')}\r\n`).join('');
