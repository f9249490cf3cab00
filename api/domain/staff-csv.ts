// Pure: the staff import CSV (header username,name,role,districts) checked row by row, errors by line.

import { parseCsv } from '../csv/parse.ts';
import type { ErrorDetail } from '../errors.ts';
import { checkText } from './human-text.ts';
import { isDistrict } from './reference.ts';
import { type Districts, isReservedUsername, isStaffRole, type StaffRole, USERNAME } from './staff.ts';

export const CSV_HEADER = ['username', 'name', 'role', 'districts'] as const;
export const MAX_IMPORT_ROWS = 20_000;

export interface ImportRow {
  /** The line of the file (the header is line 1), as a spreadsheet numbers it. */
  line: number;
  username: string;
  displayName: string;
  role: StaffRole;
  districts: Districts;
}

function parseDistrictList(value: string, role: string): { districts: Districts } | { error: string } {
  const v = value.trim().toLowerCase();
  if (v === 'all') return { districts: 'all' };
  if (v === '')
    return role === 'officer'
      ? { error: 'is required for an officer (ids separated by ; or all)' }
      : { districts: 'all' };
  const ids = v.split(';').map((part) => part.trim());
  const bad = ids.find((id) => !/^\d{4}$/.test(id) || !isDistrict(Number(id)));
  if (bad !== undefined) return { error: `"${bad}" is not a known district id (ids separated by ; or all)` };
  return { districts: [...new Set(ids.map(Number))].sort((a, b) => a - b) };
}

/** Every row checked; rows are returned only when there is not a single error (all or nothing). */
export function checkImport(text: string): { rows: ImportRow[]; errors: ErrorDetail[] } {
  // The header, the row limit and one more: a longer file is refused without reading the rest.
  const { records, truncated } = parseCsv(text, MAX_IMPORT_ROWS + 2);
  const errors: ErrorDetail[] = [];
  const header = records.shift();
  const headerText = header?.fields.map((f) => f.trim().toLowerCase()).join(',');
  if (headerText !== CSV_HEADER.join(','))
    return { rows: [], errors: [{ path: 'lines.1', message: `the header must be ${CSV_HEADER.join(',')}` }] };
  if (records.length === 0)
    return { rows: [], errors: [{ path: 'lines', message: 'has no rows after the header' }] };
  if (truncated || records.length > MAX_IMPORT_ROWS)
    return { rows: [], errors: [{ path: 'lines', message: `has more than ${MAX_IMPORT_ROWS} rows` }] };
  const rows: ImportRow[] = [];
  const seen = new Map<string, number>();
  for (const { line, fields } of records) {
    const at = (field: string, message: string) => errors.push({ path: `lines.${line}.${field}`, message });
    if (fields.length !== CSV_HEADER.length) {
      errors.push({
        path: `lines.${line}`,
        message: `has ${fields.length} fields, expected ${CSV_HEADER.length}`,
      });
      continue;
    }
    const [rawUser, rawName, rawRole, rawDistricts] = fields.map((f) => f.trim()) as [
      string,
      string,
      string,
      string,
    ];
    const username = rawUser.toLowerCase();
    const role = rawRole.toLowerCase();
    let ok = true;
    const fail = (field: string, message: string) => {
      at(field, message);
      ok = false;
    };
    if (!USERNAME.test(username))
      fail('username', 'must be 3-32 characters of a-z 0-9 . _ - starting with a letter or digit');
    else if (isReservedUsername(username))
      fail('username', 'is reserved (it could pass for the system or a rule)');
    else if (seen.has(username)) fail('username', `repeats line ${seen.get(username)}`);
    else seen.set(username, line);
    // The same rule as the API's displayName (and a citizen's name).
    const name = checkText(rawName, 'staff-name', 64);
    if ('problem' in name) fail('name', name.problem);
    if (!isStaffRole(role)) fail('role', 'must be one of officer, police, manager, admin');
    const districts = parseDistrictList(rawDistricts, role);
    if ('error' in districts) fail('districts', districts.error);
    else if (ok)
      rows.push({
        line,
        username,
        displayName: 'value' in name ? name.value : rawName,
        role: role as StaffRole,
        districts: districts.districts,
      });
  }
  return errors.length > 0 ? { rows: [], errors } : { rows, errors };
}
