// /health tells no internals (a generic reason; the detail goes to the log), and an officer's 403 outside their
// districts names nothing of the pass (the documented choice: 403, not 404).
import { describe, expect, it, vi } from 'vitest';
import { citizenWithPass, decide, REVIEWED, staffTokens } from '../officers/support/staff.ts';
import { createTestApp } from '../support/test-app.ts';

describe('GET /health', () => {
  it('answers 503 with a generic reason when the table is unreachable, and logs the detail', async () => {
    const app = await createTestApp({ dbEndpoint: 'http://127.0.0.1:9' });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const res = await app.request('GET', '/health', { direct: true });
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({
        ok: false,
        checks: { table: { ok: false, error: 'table unreachable' } },
      });
      expect(JSON.stringify(res.body)).not.toMatch(/Exception|Error|ECONN|127\.0\.0\.1/);
      expect(logged.mock.calls.flat().join(' ')).toContain('health probe failed');
    } finally {
      logged.mockRestore();
    }
  });
});

describe('an officer outside their districts', () => {
  it('gets 403 that names neither the district nor anything else of the pass', async () => {
    const t = await createTestApp();
    const staff = await staffTokens(t);
    const { pass } = await citizenWithPass(t, { ...REVIEWED, district: 1002, thana: 10010 });
    const res = await decide(t, staff.dhakaOfficer, pass.id, 'APPROVED');
    expect(res.status).toBe(403);
    expect(JSON.stringify(res.body)).not.toMatch(/1002|10010|Mirpur|Dhanmondi|GROCERY/);
    expect((await decide(t, staff.dhakaOfficer, '01J00000000000000000000000', 'APPROVED')).status).toBe(404);
  });
});
