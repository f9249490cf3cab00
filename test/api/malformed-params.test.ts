// Every route of the OpenAPI document called with malformed query and path parameters, by a caller of the right
// role (so validation is reached): never a 5xx, and a refused query names a parameter of the route.
import { beforeAll, describe, expect, it } from 'vitest';
import { type StaffTokens, staffTokens } from '../officers/support/staff.ts';
import { registerCitizen } from '../support/citizens.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let tokens: Record<string, string>;
// biome-ignore lint/suspicious/noExplicitAny: the document is arbitrary JSON
let doc: any;
beforeAll(async () => {
  t = await createTestApp();
  const staff: StaffTokens = await staffTokens(t);
  tokens = { ...staff, citizen: (await registerCitizen(t)).token };
  doc = (await t.request('GET', '/api/v1/openapi.json')).body;
}, 60_000);

const BAD_VALUES = [
  '',
  'x',
  '2026-13-01',
  '2026-12-00',
  '2026-02-30',
  '0000-00-00',
  '%FF%FE',
  '%E0%A4%A',
  '%00',
  '..%2F..%2Fetc',
  '-1',
  '1e309',
  'NaN',
  '[object Object]',
  'true%0d%0aSet-Cookie:x',
  '\u202Eevil',
  'A'.repeat(5000),
  '01ARZ3NDEKTSV4RRFFQ69G5FAV',
];

interface Op {
  method: string;
  path: string;
  roles: string[];
  query: string[];
}

const operations = (): Op[] =>
  Object.entries(doc.paths as Record<string, Record<string, Record<string, unknown>>>).flatMap(
    ([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        roles: (op['x-roles'] as string[] | undefined) ?? [],
        query: ((op.parameters as { in: string; name: string }[] | undefined) ?? [])
          .filter((p) => p.in === 'query')
          .map((p) => p.name),
      })),
  );

/** The path with every {param} replaced by `value` (already URL-encoded where it must be). */
const fill = (path: string, value: string) => path.replace(/\{[^}]+\}/g, value);

async function call(op: Op, url: string) {
  const role = op.roles[0];
  const res = await t.request(op.method, url, {
    ...(role ? { token: tokens[role === 'officer' ? 'officer' : role] } : {}),
    ...(op.method === 'GET' || op.method === 'DELETE' ? {} : { body: {} }),
  });
  return res;
}

describe('malformed parameters on every documented route', () => {
  it('covers every route of the document, including those that take a query', () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThan(25);
    expect(ops.filter((op) => op.query.length > 0).map((op) => op.path)).toEqual(
      expect.arrayContaining(['/api/v1/audit', '/api/v1/stats', '/api/v1/staff-accounts/import']),
    );
  });

  it('never answers 5xx to a malformed query parameter, and a 400 names the route parameters', async () => {
    const failures: string[] = [];
    for (const op of operations()) {
      // Ids and usernames that exist nowhere: the walk must not disable, change or remove the accounts it signs in with.
      const base = fill(op.path, op.path.includes('{id}') ? '01ARZ3NDEKTSV4RRFFQ69G5FAV' : 'walk.nobody');
      const names = [...op.query, 'unknown_param'];
      for (const name of names)
        for (const value of [...BAD_VALUES, `${BAD_VALUES[2]}&${name}=again`]) {
          const res = await call(op, `${base}?${name}=${value}`);
          if (res.status >= 500 || (op.roles.length > 0 && (res.status === 401 || res.status === 403)))
            failures.push(`${op.method} ${base}?${name}=${value.slice(0, 40)} → ${res.status}`);
          const details = res.body?.error?.details as { path: string }[] | undefined;
          if (res.status === 400 && op.query.length > 0 && op.method === 'GET') {
            const named = (details ?? []).some((d) => names.includes(d.path.split('.')[0] ?? ''));
            if (!named) failures.push(`${op.method} ${base}?${name}=… → 400 naming no parameter`);
          }
        }
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it('never answers 5xx to a malformed path parameter', async () => {
    const failures: string[] = [];
    for (const op of operations().filter((o) => o.path.includes('{')))
      for (const value of BAD_VALUES.filter((v) => v !== '')) {
        const url = fill(op.path, value);
        const res = await call(op, url);
        if (res.status >= 500) failures.push(`${op.method} ${url.slice(0, 80)} → ${res.status}`);
      }
    expect(failures).toEqual([]);
  }, 300_000);

  it('answers GET /audit?day=2026-13-01 and ?day=2026-12-00 with 400 naming day', async () => {
    for (const day of ['2026-13-01', '2026-12-00', '2026-02-30']) {
      const res = await t.request('GET', `/api/v1/audit?day=${day}`, { token: tokens.admin });
      expect(res.status).toBe(400);
      expect(res.body.error.details).toContainEqual({ path: 'day', message: 'must be a date YYYY-MM-DD' });
    }
  });
});
