// The officer console in real Chromium: sign in, land on the busiest district's queue (names, reasons, waiting
// times), approve with a note and the next application opens (this district's, then the next busiest's); the
// citizen then logs in and sees the pass approved with its QR; an approved pass opened by id is revoked.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizenWithPass, getPass } from './support/citizen-api.ts';
import { readQr } from './support/qr-read.ts';
import {
  STAFF_PASSWORD,
  START_TIMEOUT_MS,
  screenshots,
  startWebSystem,
  type WebSystem,
} from './support/web-system.ts';

const DHAKA = { district: 1016, thana: 10141 };
const CHITTAGONG = { district: 1011, thana: 10078 };
let system: WebSystem;

beforeAll(async () => {
  system = await startWebSystem();
}, START_TIMEOUT_MS);
afterAll(async () => {
  await system?.stop();
});

async function signInAsOfficer(page: Page, shots = false) {
  await page.goto(`${system.url}/officer/`);
  if (shots) await screenshots(page, 'officer-sign-in');
  await page.getByLabel('Username').fill('officer');
  await page.getByLabel('Password').fill(STAFF_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Review queue' }).waitFor();
}

describe('officer console', () => {
  it('lands an officer with all districts on the busiest district, and opens the next application after each decision', async () => {
    const { page } = await system.newPage();
    const photo = await page.evaluate(() => {
      // A small portrait-like JPEG drawn in the page (a face-coloured oval on a blue background).
      const canvas = document.createElement('canvas');
      canvas.width = 120;
      canvas.height = 150;
      const context = canvas.getContext('2d') as CanvasRenderingContext2D;
      context.fillStyle = '#3b6ea5';
      context.fillRect(0, 0, 120, 150);
      context.fillStyle = '#c68642';
      context.beginPath();
      context.ellipse(60, 65, 35, 45, 0, 0, Math.PI * 2);
      context.fill();
      return canvas.toDataURL('image/jpeg', 0.8);
    });
    // Two applications wait in Dhaka and one in Chittagong; Bagerhat (first alphabetically) has none.
    const { mobilePhone, token, pass } = await citizenWithPass(
      system,
      { ...DHAKA, reason: 'GROCERY', fromLocation: 'Uttara sector 7', toLocation: 'Keraniganj ghat' },
      { photo, name: 'Anwar Hossain Chowdhury' },
    );
    expect(pass.status).toBe('PENDING');
    const second = await citizenWithPass(
      system,
      { ...DHAKA, reason: 'GROCERY', fromLocation: 'Mirpur 10', toLocation: 'Motijheel' },
      { name: 'Selina Akter' },
    );
    const third = await citizenWithPass(
      system,
      { ...CHITTAGONG, reason: 'GROCERY', fromLocation: 'Agrabad', toLocation: 'Patenga' },
      { name: 'Jamal Uddin' },
    );
    await signInAsOfficer(page, true);
    // No district chosen: the console opens the one where applications wait.
    await page.getByText('3 applications wait in 2 of your districts:').waitFor();
    expect(await page.getByLabel('District').inputValue()).toBe(String(DHAKA.district));
    const item = page.getByRole('link', { name: /Uttara sector 7/ });
    await item.waitFor();
    expect(await item.textContent()).toContain('Anwar H. C.');
    const row = page.locator('.queue-item').first();
    expect(await row.textContent()).toContain('waiting');
    expect(await page.getByRole('link', { name: /Mirpur 10/ }).textContent()).toContain('Selina A.');
    const options = await page.getByLabel('District').locator('option').allTextContents();
    expect(options.slice(0, 2)).toEqual(['Dhaka (2)', 'Chittagong (1)']);
    await screenshots(page, 'officer-queue');
    // Another district from the select (keyboard-usable), back by the busiest district's link.
    await page.getByLabel('District').selectOption({ label: 'Chittagong (1)' });
    await page.getByRole('link', { name: /Agrabad/ }).waitFor();
    expect(await page.getByRole('link', { name: /Agrabad/ }).textContent()).toContain('Jamal U.');
    await page.getByRole('link', { name: 'Dhaka (2)' }).click();
    await item.waitFor();
    // In Bengali: the summary and the waiting time in Bengali words and digits.
    await page.getByRole('button', { name: /বাংলা|Bengali/ }).click();
    await page.getByText('আপনার ২টি জেলায় ৩টি আবেদন অপেক্ষায়:').waitFor();
    await screenshots(page, 'officer-queue-bn');
    await page.getByRole('button', { name: /English/ }).click();
    await item.click();
    await page.waitForURL(`${system.url}/officer/passes/${pass.id}`);
    await page.getByRole('heading', { name: /Pass/ }).waitFor();
    expect(await page.getByAltText('Applicant’s photo').getAttribute('src')).toBe(photo);
    // No decision without a note: the error sits at the note field.
    await page.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => page.locator('#f-note-error').textContent()).toBe('Write a note before deciding');
    await page.getByLabel('Note to the applicant').fill('Papers checked at the desk');
    await screenshots(page, 'officer-review');
    await page.getByRole('button', { name: 'Approve' }).click();
    // The next in Dhaka's queue opens, with the decision said and the keyboard at that notice.
    await page.waitForURL(`${system.url}/officer/passes/${second.pass.id}`);
    await page
      .getByRole('status')
      .filter({ hasText: 'Decision recorded: Approved. The next application is open.' })
      .waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('status');
    await page.getByText('Mirpur 10 → Motijheel').waitFor();
    await screenshots(page, 'officer-next');
    // Dhaka is then empty: the next busiest district's application opens.
    await page.getByLabel('Note to the applicant').fill('Not an essential trip');
    await page.getByRole('button', { name: 'Reject' }).click();
    await page.waitForURL(`${system.url}/officer/passes/${third.pass.id}`);
    await page
      .getByRole('status')
      .filter({ hasText: 'Decision recorded: Rejected. The next application is open.' })
      .waitFor();
    await page.getByLabel('Note to the applicant').fill('Papers checked');
    await page.getByRole('button', { name: 'Approve' }).click();
    // Waited for as an element (the look-up of the next application takes a moment on a loaded machine).
    await page
      .getByRole('status')
      .filter({ hasText: 'Decision recorded: Approved. No other application is waiting in your districts.' })
      .waitFor();
    expect(page.url()).toBe(`${system.url}/officer/passes/${third.pass.id}`);
    await expect.poll(() => page.getByRole('button', { name: 'Revoke' }).count()).toBe(1);
    await screenshots(page, 'officer-decided');
    // The queue no longer lists them.
    await page.getByRole('link', { name: 'Back to the queue' }).click();
    await page.getByRole('heading', { name: 'Review queue' }).waitFor();
    await page.getByText('No applications are waiting in your districts.').waitFor();
    await expect.poll(() => page.getByText(/pending applications|shown, oldest first/).count()).toBe(1);
    expect(await page.getByRole('link', { name: /Uttara sector 7|Agrabad/ }).count()).toBe(0);

    // The citizen logs in on the site with a new code and opens the pass.
    const citizen = (await system.newPage()).page;
    await citizen.goto(`${system.url}/login`);
    await citizen.getByLabel('Mobile number').fill(mobilePhone);
    await citizen.getByRole('button', { name: 'Send code' }).click();
    await citizen.getByLabel('Code from the SMS').waitFor();
    await citizen.getByLabel('Code from the SMS').fill(await system.otpFor(mobilePhone));
    await screenshots(citizen, 'citizen-login');
    await citizen.getByRole('button', { name: 'Log in' }).click();
    await citizen.waitForURL(/\/passes$/);
    await citizen.getByRole('link', { name: /Uttara sector 7/ }).click();
    await expect.poll(() => citizen.locator('.status').first().textContent()).toBe('Approved');
    const qr = citizen.getByRole('img', { name: /QR code of pass/ });
    expect(await readQr(qr)).toBe((await getPass(system, pass.id, token)).qr);
    expect(await citizen.getByText('Papers checked at the desk').count()).toBe(1);
  });

  it('opens an approved pass by its id, straight from a deep link, and revokes it', async () => {
    const { token, pass } = await citizenWithPass(system, { ...DHAKA, reason: 'MEDICINE', durationHours: 2 });
    expect(pass.status).toBe('APPROVED');
    const { page } = await system.newPage();
    await signInAsOfficer(page);
    await page.getByLabel('Pass ID').fill(pass.id.toLowerCase());
    await page.getByRole('button', { name: 'Open' }).click();
    await page.waitForURL(`${system.url}/officer/passes/${pass.id}`);
    // A reload of the deep link stays signed in and lands on the same pass.
    await page.reload();
    await page.getByLabel('Note to the applicant').fill('Reported misuse at a checkpoint');
    await page.getByRole('button', { name: 'Revoke' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Decision recorded: Revoked.');
    expect((await getPass(system, pass.id, token)).status).toBe('REVOKED');
    await expect.poll(() => page.getByText('This pass has no decision left to take.').count()).toBe(1);
  });

  it('signs out, and refuses a wrong password with one message', async () => {
    const { page } = await system.newPage();
    await signInAsOfficer(page);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Username').fill('officer');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Wrong username or password.');
    expect(await page.evaluate(() => localStorage.getItem('mp.officer.token'))).toBeNull();
  });

  it('can be used from the keyboard alone: skip link first, then the fields in order, Enter submits', async () => {
    const { page } = await system.newPage();
    await page.goto(`${system.url}/officer/`);
    await page.getByLabel('Username').waitFor();
    const focused = () =>
      page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent);
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Skip to content');
    const stops: string[] = [];
    for (let i = 0; i < 5 && stops.at(-1) !== 'f-username'; i += 1) {
      await page.keyboard.press('Tab');
      stops.push(String(await focused()));
    }
    expect(stops.at(-1)).toBe('f-username');
    await page.keyboard.type('officer');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('f-password');
    await page.keyboard.type(STAFF_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Review queue' }).waitFor();
  });
});
