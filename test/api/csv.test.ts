// The one CSV parser (linear whatever the input holds) and the one spreadsheet-safe CSV writer.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseCsv, splitCsv } from '../../api/csv/parse.ts';
import { csvCell, toCsv } from '../../api/csv/write.ts';
import { checkImport } from '../../api/domain/staff-csv.ts';

const HEADER = 'username,name,role,districts';

/** Characters re-read by String.prototype.trim while `run` runs (the old parser re-trimmed its field per quote). */
function trimmedChars(run: () => void): number {
  const original = String.prototype.trim;
  let total = 0;
  const spy = vi.spyOn(String.prototype, 'trim').mockImplementation(function (this: string) {
    total += this.length;
    return original.call(this);
  });
  try {
    run();
  } finally {
    spy.mockRestore();
  }
  return total;
}

afterEach(() => vi.restoreAllMocks());

describe('the CSV parser', () => {
  const adversarial = (size: number) => [
    `${HEADER}\nab${'"'.repeat(size)},x,police,all\n`,
    `${HEADER}\n${'"a"'.repeat(size / 3)},x,police,all\n`,
    `${HEADER}\n${'x "'.repeat(size / 3)}\n`,
    `${HEADER}\n"${'""'.repeat(size / 2)}`,
    `${'"'.repeat(size)}`,
    `${',"'.repeat(size / 2)}`,
  ];

  it('re-reads no field per quote character: the work of checking a 40 KB file of quotes is linear', () => {
    for (const text of adversarial(40_000)) {
      const work = trimmedChars(() => checkImport(text));
      expect(work).toBeLessThanOrEqual(4 * text.length);
    }
  });

  it('parses a 2 MB adversarial file in at most one step per character, and the import refuses it', () => {
    for (const text of adversarial(2 * 1024 * 1024)) {
      const parsed = parseCsv(text);
      expect(parsed.steps).toBeLessThanOrEqual(text.length);
      expect(checkImport(text).errors.length).toBeGreaterThan(0);
    }
  });

  it('stops at the record limit without reading the rest', () => {
    const text = `${HEADER}\n${'a,b,c,d\n'.repeat(1000)}`;
    const parsed = parseCsv(text, 10);
    expect(parsed.records).toHaveLength(10);
    expect(parsed.truncated).toBe(true);
    expect(parsed.steps).toBeLessThan(200);
  });

  it('keeps RFC 4180: quoted commas, quotes, line breaks, CR, CRLF, a BOM and blank lines', () => {
    expect(parseCsv('\ufeffa,b\r\n\r\n"x, ""y""",z\r"multi\nline",w\n  "q" ,e').records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 3, fields: ['x, "y"', 'z'] },
      { line: 4, fields: ['multi\nline', 'w'] },
      { line: 6, fields: ['q ', 'e'] },
    ]);
    expect(parseCsv('a"b,c').records).toEqual([{ line: 1, fields: ['a"b', 'c'] }]);
  });
});

describe('splitting a file for the admin page', () => {
  it('cuts between records only, each part with the header, never inside a quoted field', () => {
    const text = `\ufeff${HEADER}\r\na,"one\ntwo",police,all\r\n\r\nb,B,police,all\nc,"x,""y""",police,all\nd,D,police,all`;
    const parts = splitCsv(text, 2);
    expect(parts).toEqual([
      `${HEADER}\r\na,"one\ntwo",police,all\r\n\r\nb,B,police,all\n`,
      `${HEADER}\r\nc,"x,""y""",police,all\nd,D,police,all`,
    ]);
    const rows = (part: string) =>
      parseCsv(part)
        .records.slice(1)
        .map((r) => r.fields[0]);
    expect(parts.flatMap(rows)).toEqual(['a', 'b', 'c', 'd']);
    expect(splitCsv(HEADER, 2)).toEqual([HEADER]);
  });
});

describe('the CSV writer', () => {
  it.each([
    ['=1+1', `"'=1+1"`],
    ['+1', `"'+1"`],
    ['-1', `"'-1"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['\t=cmd()', `"'\t=cmd()"`],
    ['\r=cmd()', `"'\r=cmd()"`],
  ])('neutralizes a text cell starting with %j (OWASP CSV injection)', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('quotes commas, quotes and line breaks, keeps numbers as numbers and leaves ordinary text alone', () => {
    expect(csvCell('Shop, "big"')).toBe('"Shop, ""big"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(null)).toBe('');
    expect(csvCell('মোহাম্মদ রহমান')).toBe('মোহাম্মদ রহমান');
    expect(
      toCsv([
        ['a', 1],
        ['=b', true],
      ]),
    ).toBe(`a,1\r\n"'=b",true\r\n`);
  });

  it('writes what the parser reads back cell for cell (free text survives the round trip)', () => {
    const rows = [
      ['note', 'text'],
      ['1', 'He said "stop", then\nleft'],
      ['2', 'plain'],
    ];
    expect(parseCsv(toCsv(rows)).records.map((r) => r.fields)).toEqual(rows);
  });
});
