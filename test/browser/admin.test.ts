// The admin page in real Chromium against the real local system: import a CSV and fix a bad row, disable an
// officer, and read the audit trail of a pass.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyBody, nextPhone, registrationBody } from '../support/citizens.ts';
import { STAFF_PASSWORD, screenshots, startWebSystem, type WebSystem } from './support/web-system.ts';

let system: WebSystem;
beforeAll(async () => {
  system = await startWebSystem();
});
afterAll(async () => {
  await system?.stop();
});

async function call(method: string, path: string, body?: unknown, token?: string) {
  const res = await fetch(`${system.url}/api/v1${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const json = await res.json().catch(() => undefined);
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** A reviewed pass that the demo officer approved, made through the API. */
async function decidedPass(): Promise<string> {
  const phone = nextPhone();
  await call('POST', '/identity/otp', { mobilePhone: phone });
  const { token } = await call(
    'POST',
    '/identity/register',
    registrationBody(phone, await system.otpFor(phone)),
  );
  const pass = await call('POST', '/passes', applyBody({ reason: 'GROCERY', durationHours: 3 }), token);
  const officer = await call('POST', '/staff/login', { username: 'officer', password: STAFF_PASSWORD });
  await call(
    'POST',
    `/passes/${pass.id}/decisions`,
    { decision: 'APPROVED', note: 'papers seen' },
    officer.token,
  );
  return pass.id;
}

describe('admin page', () => {
  it('imports a CSV after fixing a bad row, disables an officer, and shows who decided a pass', async () => {
    const passId = await decidedPass();
    const { page } = await system.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${system.url}/admin/`);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill(STAFF_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Bulk import' }).click();

    // A bad district on line 3: the check lists it and nothing is written.
    const textarea = page.getByLabel(/^CSV \(header/);
    const csv = (badDistricts: string) =>
      [
        'username,name,role,districts',
        'web.officer,Web Officer,officer,1001;1016',
        `web.police,Web Police,police,${badDistricts}`,
        'web.manager,"Manager, Web",manager,all',
      ].join('\n');
    await textarea.fill(csv('1001;9999'));
    await page.getByRole('button', { name: 'Check' }).click();
    const problems = page.locator('table.problems tbody tr');
    await expect.poll(() => problems.count()).toBe(1);
    expect(await problems.first().locator('td').allTextContents()).toEqual([
      '3',
      'districts',
      '"9999" is not a known district id (ids separated by ; or all)',
    ]);
    expect(await page.getByRole('button', { name: 'Import', exact: true }).isDisabled()).toBe(true);
    await screenshots(page, 'admin-import-errors');

    await textarea.fill(csv('1001'));
    await page.getByRole('button', { name: 'Check' }).click();
    await page.getByText('Ready: 3 rows — 3 to create, 0 to change, 0 unchanged.').waitFor();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText('Imported: 3 created, 0 changed, 0 unchanged.').waitFor();
    const passwords = page.locator('table.data', { hasText: 'One-time passwords' }).locator('tbody tr');
    expect(await passwords.count()).toBe(3);
    await screenshots(page, 'admin-import-done');

    await page.getByRole('link', { name: 'Accounts' }).click();
    const row = page.locator('tr[data-username="web.officer"]');
    await expect.poll(() => row.count()).toBe(1);
    await page.getByRole('button', { name: 'Disable web.officer' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Yes' }).click();
    await expect.poll(() => row.locator('td').nth(4).textContent()).toBe('Disabled');
    await screenshots(page, 'admin-accounts');
    const admin = await call('POST', '/staff/login', { username: 'admin', password: STAFF_PASSWORD });
    expect((await call('GET', '/staff-accounts/web.officer', undefined, admin.token)).disabled).toBe(true);

    await page.getByRole('link', { name: 'Audit trail' }).click();
    await page.getByLabel('Of').selectOption({ label: 'a pass' });
    await page.getByLabel(/^Username, pass id/).fill(passId);
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    const facts = page.locator('table.audit tbody tr');
    await expect.poll(() => facts.count()).toBeGreaterThan(0);
    const decision = facts.filter({ hasText: 'pass.decision' });
    const cells = await decision.locator('td').allTextContents();
    expect(cells.slice(1, 4)).toEqual(['officer (officer)', 'pass.decision', `pass:${passId}`]);
    expect(cells[4]).toContain('decision: APPROVED');
    await screenshots(page, 'admin-audit-pass');

    // The whole page in Bengali keeps working: the toggle switches the labels.
    await page.getByRole('button', { name: /Show in Bengali/ }).click();
    await page.getByRole('link', { name: 'নিরীক্ষা লগ' }).waitFor();
  });
});
