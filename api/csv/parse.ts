// Pure: RFC 4180 records in one pass over the text (linear in its length whatever it holds), each with its line.

export interface CsvRecord {
  /** The line the record starts on (the first line is 1), as a spreadsheet numbers it. */
  line: number;
  fields: string[];
}

export interface CsvParse {
  records: CsvRecord[];
  /** Where each record starts in the text (an index), so a file can be cut between records: see splitCsv. */
  starts: number[];
  /** True when parsing stopped at `maxRecords` (the rest of the text was not read). */
  truncated: boolean;
  /** Characters looked at: never more than the text's length (tests hold the parser to that). */
  steps: number;
}

const isBlank = (code: number) => code === 0x20 || code === 0x09;

/**
 * Quoted fields may hold commas, quotes ("") and line breaks; CRLF, LF or CR end a record; a BOM is skipped; blank
 * lines are dropped. A quote opens a quoted field only where the field holds nothing but blanks so far (tracked as a
 * flag, never by re-reading the field: re-reading made the old parser quadratic in quote characters).
 */
export function parseCsv(text: string, maxRecords = Number.POSITIVE_INFINITY): CsvParse {
  const records: CsvRecord[] = [];
  const starts: number[] = [];
  let fields: string[] = [];
  let field = '';
  let blank = true;
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let steps = 0;
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let recordStart = start;
  const endField = () => {
    fields.push(field);
    field = '';
    blank = true;
  };
  const endRecord = () => {
    endField();
    if (!(fields.length === 1 && (fields[0] ?? '').trim() === '')) {
      records.push({ line: recordLine, fields });
      starts.push(recordStart);
    }
    fields = [];
  };
  let i = start;
  // Unquoted text is taken in runs (one slice per run, not one string per character).
  let runStart = i;
  const flush = () => {
    if (i > runStart) field += text.slice(runStart, i);
  };
  while (i < text.length) {
    if (quoted) {
      const quote = text.indexOf('"', i);
      const end = quote === -1 ? text.length : quote;
      for (let k = i; k < end; k += 1) if (text.charCodeAt(k) === 0x0a) line += 1;
      field += text.slice(i, end);
      steps += end - i + (quote === -1 ? 0 : 1);
      if (quote === -1) {
        i = text.length;
        break;
      }
      if (text.charCodeAt(quote + 1) === 0x22) {
        field += '"';
        steps += 1;
        i = quote + 2;
      } else {
        quoted = false;
        i = quote + 1;
      }
      runStart = i;
      continue;
    }
    steps += 1;
    const code = text.charCodeAt(i);
    if (code === 0x22 && blank) {
      field = '';
      blank = false;
      quoted = true;
      i += 1;
    } else if (code === 0x2c) {
      flush();
      endField();
      i += 1;
      runStart = i;
    } else if (code === 0x0a || code === 0x0d) {
      flush();
      const crlf = code === 0x0d && text.charCodeAt(i + 1) === 0x0a;
      if (crlf) steps += 1;
      i += crlf ? 2 : 1;
      runStart = i;
      endRecord();
      line += 1;
      recordLine = line;
      recordStart = i;
      if (records.length >= maxRecords) return { records, starts, truncated: i < text.length, steps };
    } else {
      if (!isBlank(code)) blank = false;
      i += 1;
    }
  }
  flush();
  if (field !== '' || fields.length > 0 || quoted) endRecord();
  return { records, starts, truncated: false, steps };
}

/**
 * The file in parts of at most `rowsPerPart` records after the header, each part starting with the header, cut only
 * between records (a quoted field with line breaks is never split): the admin page sends a big import this way.
 */
export function splitCsv(text: string, rowsPerPart: number): string[] {
  const { starts } = parseCsv(text);
  const [first, second] = starts;
  if (first === undefined || second === undefined) return [text];
  const header = text.slice(first, second);
  const parts: string[] = [];
  for (let i = 1; i < starts.length; i += rowsPerPart)
    parts.push(header + text.slice(starts[i], starts[i + rowsPerPart] ?? text.length));
  return parts;
}
