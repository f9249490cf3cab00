// Bengali throughout (strings, digits, dates) remembered across reloads; deep links; errors shown where they belong.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextPhone } from '../support/citizens.ts';
import { citizenWithPass, registeredCitizen, requestCode } from './support/citizen-api.ts';
import { START_TIMEOUT_MS, screenshots, startWebSystem, type WebSystem } from './support/web-system.ts';

let system: WebSystem;

beforeAll(async () => {
  system = await startWebSystem();
}, START_TIMEOUT_MS);
afterAll(async () => {
  await system?.stop();
});

/** A browser profile already holding the citizen's token, as after a log in. */
async function loggedIn(token: string): Promise<{ context: BrowserContext; page: Page }> {
  const opened = await system.newPage();
  await opened.page.goto(`${system.url}/`);
  await opened.page.evaluate((value) => localStorage.setItem('mp.citizen.token', value), token);
  return opened;
}

describe('language', () => {
  it('switches every string to Bengali with Bengali digits, and keeps it after a reload', async () => {
    const { page } = await system.newPage();
    await page.goto(`${system.url}/`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Apply for a movement pass during the lockdown',
    );
    await page.getByRole('button', { name: /Show in Bengali/ }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('লকডাউনে চলাচলের পাসের জন্য আবেদন করুন');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('bn');
    await screenshots(page, 'citizen-home-bn');
    await page.reload();
    await expect.poll(() => page.getByRole('link', { name: 'নিবন্ধন' }).count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('bn');
    await page.getByRole('link', { name: 'নিবন্ধন' }).click();
    await page.getByLabel('মোবাইল নম্বর').waitFor();
    expect(await page.getByText('১১ সংখ্যা, যেমন ০১৭১২৩৪৫৬৭৮').count()).toBe(1);
    await screenshots(page, 'citizen-register-bn');
    await page.getByRole('button', { name: /Show in English/ }).click();
    await page.getByLabel('Mobile number').waitFor();
  });

  it('opens a pass from a deep link, logged in after a reload, with dates in Bengali digits', async () => {
    const { token, pass } = await citizenWithPass(system, { reason: 'MEDICINE', durationHours: 2 });
    const { page } = await loggedIn(token);
    await page.goto(`${system.url}/`);
    await page.getByRole('button', { name: /Show in Bengali/ }).click();
    await page.goto(`${system.url}/passes/${pass.id}`);
    await expect.poll(() => page.locator('.status').first().textContent()).toBe('অনুমোদিত');
    const validFrom = await page.locator('dt:text("বৈধ শুরু") + dd').textContent();
    expect(validFrom).toMatch(/[০-৯]/);
    expect(validFrom).not.toMatch(/[0-9]/);
    await screenshots(page, 'citizen-pass-bn');
    // Log out clears the token: the pass page now asks for a log in.
    await page.getByRole('button', { name: 'লগ আউট' }).click();
    expect(await page.evaluate(() => localStorage.getItem('mp.citizen.token'))).toBeNull();
    await page.goto(`${system.url}/passes/${pass.id}`);
    await page.waitForURL(/\/login$/);
  });

  it('names districts and thanas in Bengali on the application form', async () => {
    const { token } = await registeredCitizen(system);
    const { page } = await loggedIn(token);
    await page.goto(`${system.url}/apply`);
    await page.getByRole('button', { name: /Show in Bengali/ }).click();
    const district = page.locator('select[name="district"]');
    await district.selectOption({ label: 'ঢাকা মহানগর' });
    const thana = page.locator('select[name="thana"]');
    await thana.selectOption({ label: 'মোহাম্মদপুর' });
    const thanaLabels = await thana.locator('option').allTextContents();
    expect(thanaLabels.filter((label) => /[A-Za-z]/.test(label))).toEqual([]);
    await screenshots(page, 'citizen-apply-places-bn');
  });
});

describe('errors', () => {
  it('shows the server’s field error at that field (a phone clock two hours slow)', async () => {
    const { token } = await registeredCitizen(system);
    const { page } = await loggedIn(token);
    // The page's own check passes (its clock says the default start is 2 h ahead); the API's clock disagrees.
    await page.clock.setSystemTime(Date.now() - 2 * 3_600_000);
    await page.goto(`${system.url}/apply`);
    await page.getByLabel('Reason for travel').selectOption({ label: 'Grocery Shopping' });
    await page.getByLabel('From (place)').fill('Mirpur 10');
    await page.getByLabel('To (place)').fill('Savar');
    await page.getByLabel('Destination district').selectOption({ label: 'Dhaka' });
    await page.getByLabel('Destination thana').selectOption({ label: 'Dhamrai' });
    await page.getByRole('button', { name: 'Submit application' }).click();
    await expect
      .poll(() => page.locator('#f-startAt-error').textContent())
      .toBe('must be at least 1 hour from now');
    expect(await page.getByLabel('Start time').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('alert').textContent()).toBe('Please correct the highlighted fields.');
    expect(page.url()).toBe(`${system.url}/apply`);
    await screenshots(page, 'citizen-apply-field-error');
  });

  it('says to wait after too many code requests (429), and to check the connection when offline', async () => {
    const mobilePhone = nextPhone();
    for (let i = 0; i < 5; i += 1) expect((await requestCode(system, mobilePhone)).status).toBe(202);
    const { page } = await system.newPage();
    await page.goto(`${system.url}/login`);
    await page.getByLabel('Mobile number').fill(mobilePhone);
    await page.getByRole('button', { name: 'Send code' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe('Too many attempts. Wait a few minutes, then try again.');
    await page.route('**/api/v1/identity/otp', (route) => route.abort('internetdisconnected'));
    await page.getByLabel('Mobile number').fill(nextPhone());
    await page.getByRole('button', { name: 'Send code' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe('No connection. Check your mobile data or Wi-Fi, then try again.');
  });

  it('checks the API’s rules in the page before sending: mobile number, age, id number', async () => {
    const { page } = await system.newPage();
    await page.goto(`${system.url}/register`);
    await page.getByLabel('Mobile number').fill('0121234567');
    await page.getByRole('button', { name: 'Send code' }).click();
    await expect
      .poll(() => page.locator('#f-mobilePhone-error').textContent())
      .toBe('Enter an 11-digit mobile number starting with 013–019');
    const phone = nextPhone();
    await page.getByLabel('Mobile number').fill(phone);
    await page.getByRole('button', { name: 'Send code' }).click();
    await page.getByLabel('Date of birth').fill(`${new Date().getUTCFullYear() - 17}-01-01`);
    await page.getByLabel('ID number').fill('12');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect
      .poll(() => page.locator('#f-dateOfBirth-error').textContent())
      .toBe('You must be at least 18 years old');
    expect(await page.locator('#f-idNumber-error').textContent()).toBe('4–32 letters, digits or dashes');
    expect(await page.locator('#f-otp-error').textContent()).toBe('Enter the 6 digits from the SMS');
  });
});
