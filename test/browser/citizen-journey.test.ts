// The citizen site in real Chromium against the real local system: register with a photo, apply, see the pass.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextPhone } from '../support/citizens.ts';
import { readQr } from './support/qr-read.ts';
import { START_TIMEOUT_MS, screenshots, startWebSystem, type WebSystem } from './support/web-system.ts';

let system: WebSystem;

beforeAll(async () => {
  system = await startWebSystem();
}, START_TIMEOUT_MS);
afterAll(async () => {
  await system?.stop();
});

/** Registers through the pages: code from the local outbox, profile, optional photo file. */
async function register(page: import('playwright-core').Page, phone: string, photo?: Buffer, shots = false) {
  await page.goto(`${system.url}/`);
  if (shots) await screenshots(page, 'citizen-home');
  await page.getByRole('link', { name: 'Register' }).first().click();
  await page.getByLabel('Mobile number').fill(phone);
  if (shots) await screenshots(page, 'citizen-register-phone');
  await page.getByRole('button', { name: 'Send code' }).click();
  // The code field appears once the API has accepted the request (and the outbox holds the code).
  await page.getByLabel('Code from the SMS').waitFor();
  // Phones offer the code from the SMS's WebOTP line to this field.
  expect(await page.getByLabel('Code from the SMS').getAttribute('autocomplete')).toBe('one-time-code');
  await page.getByLabel('Code from the SMS').fill(await system.otpFor(phone));
  await page.getByLabel('Full name').fill('Rahima Begum');
  await page.getByLabel('Date of birth').fill('1990-04-13');
  await page.getByLabel('Gender').selectOption({ label: 'Female' });
  await page.getByLabel('ID type').selectOption({ label: 'National ID' });
  await page.getByLabel('ID number').fill('1234567890');
  await page.getByLabel('District', { exact: true }).selectOption({ label: 'Dhaka' });
  await page.getByLabel('Thana (police station)').selectOption({ label: 'Dhamrai' });
  if (photo) {
    await page
      .getByLabel('Photo (optional)')
      .setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: photo });
    await expect.poll(() => page.getByAltText('Your photo').count()).toBe(1);
  }
  if (shots) await screenshots(page, 'citizen-register-form');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL(/\/apply$/);
}

async function apply(page: import('playwright-core').Page, reason: string, hours: number) {
  await page.getByLabel('Reason for travel').selectOption({ label: reason });
  await page.getByLabel('From (place)').fill('Mirpur 10');
  await page.getByLabel('To (place)').fill('Dhamrai bazar');
  await page.getByLabel('Destination district').selectOption({ label: 'Dhaka' });
  await page.getByLabel('Destination thana').selectOption({ label: 'Dhamrai' });
  await page.getByLabel('Duration (hours)').fill(String(hours));
  await page.getByRole('button', { name: 'Submit application' }).click();
  await page.waitForURL(/\/passes\/[0-9A-Z]{26}$/);
  return page.url().split('/').pop() as string;
}

describe('citizen site', () => {
  it('registers with a photo file and applies for a reviewed reason: the pass shows as pending', async () => {
    const { page } = await system.newPage();
    // A large, noisy picture (hard to compress) that the page must shrink to at most 64 KB.
    await page.goto(`${system.url}/`);
    const picture = Buffer.from(
      await page.evaluate(() => {
        const canvas = document.createElement('canvas');
        canvas.width = 1600;
        canvas.height = 1200;
        const context = canvas.getContext('2d') as CanvasRenderingContext2D;
        const image = context.createImageData(canvas.width, canvas.height);
        for (let i = 0; i < image.data.length; i += 1) image.data[i] = i % 4 === 3 ? 255 : (i * 7919) % 251;
        context.putImageData(image, 0, 0);
        return canvas.toDataURL('image/png').split(',')[1] as string;
      }),
      'base64',
    );
    const phone = nextPhone();
    await register(page, phone, picture, true);
    await screenshots(page, 'citizen-apply');
    const id = await apply(page, 'Grocery Shopping', 3);
    await expect.poll(() => page.locator('.status').first().textContent()).toBe('Pending review');
    await screenshots(page, 'citizen-pass-pending');
    const token = await page.evaluate(() => localStorage.getItem('mp.citizen.token'));
    const me = await (
      await fetch(`${system.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } })
    ).json();
    // Resized in the browser: a JPEG of at most 64 KB, whatever the size of the picked file.
    expect(picture.length).toBeGreaterThan(64 * 1024);
    expect(me.photo).toMatch(/^data:image\/jpeg;base64,/);
    expect(Buffer.from(me.photo.split(',')[1], 'base64').length).toBeLessThanOrEqual(64 * 1024);
    await page.getByRole('link', { name: 'Back to my passes' }).click();
    await expect.poll(() => page.getByRole('link', { name: /Mirpur 10/ }).count()).toBe(1);
    await screenshots(page, 'citizen-passes');
    expect(id).toMatch(/^[0-9A-Z]{26}$/);
  });

  it('shows the QR of a pass approved by the rules at apply time, and it decodes to the API’s qr', async () => {
    const { page } = await system.newPage();
    await register(page, nextPhone());
    const id = await apply(page, 'Medicine Purchase', 2);
    const qr = page.getByRole('img', { name: /QR code of pass/ });
    await expect.poll(() => qr.count()).toBe(1);
    const token = await page.evaluate(() => localStorage.getItem('mp.citizen.token'));
    const pass = await (
      await fetch(`${system.url}/api/v1/passes/${id}`, { headers: { authorization: `Bearer ${token}` } })
    ).json();
    expect(pass.status).toBe('APPROVED');
    expect(await readQr(qr)).toBe(pass.qr);
    const box = await qr.boundingBox();
    expect(box?.width).toBeGreaterThanOrEqual(300);
    await screenshots(page, 'citizen-pass-approved');
    // The printable view: the pass and its QR without the site's header and buttons.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header.top').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Print' }).isVisible()).toBe(false);
    expect(await qr.isVisible()).toBe(true);
    expect(await page.locator('dt:text("Pass holder") + dd').textContent()).toBe('Rahima Begum');
    await screenshots(page, 'citizen-pass-print');
    await page.emulateMedia({ media: 'screen' });
  });

  it('renews an expired access token unseen (no code), and log out ends the session on the server', async () => {
    const { page } = await system.newPage();
    await register(page, nextPhone());
    const stored = () =>
      page.evaluate(() => [
        localStorage.getItem('mp.citizen.token'),
        localStorage.getItem('mp.citizen.refresh'),
      ]);
    const [, first] = await stored();
    expect(first).toMatch(/^[0-9A-Z]{26}\.[0-9A-Z]{26}\./);
    // The access token's claim says it expired an hour ago: the page refreshes before it asks for the passes.
    await page.evaluate(() => {
      const [head, payload, signature] = (localStorage.getItem('mp.citizen.token') as string).split('.');
      const claims = JSON.parse(atob((payload as string).replace(/-/g, '+').replace(/_/g, '/')));
      claims.exp = Math.floor(Date.now() / 1000) - 3600;
      const encoded = btoa(JSON.stringify(claims)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
      localStorage.setItem('mp.citizen.token', `${head}.${encoded}.${signature}`);
    });
    await page.goto(`${system.url}/passes`);
    await expect.poll(async () => (await stored())[1]).not.toBe(first);
    const [, second] = await stored();
    // A token the API refuses (401): the page refreshes and asks again.
    await page.evaluate(() => localStorage.setItem('mp.citizen.token', 'x.y.z'));
    await page.goto(`${system.url}/passes`);
    await expect.poll(async () => (await stored())[1]).not.toBe(second);
    await expect.poll(() => page.getByRole('button', { name: 'Log out' }).count()).toBe(1);
    expect(new URL(page.url()).pathname).toBe('/passes');
    const [, last] = await stored();
    const loggedOut = page.waitForResponse((res) => res.url().endsWith('/api/v1/identity/logout'));
    await page.getByRole('button', { name: 'Log out' }).click();
    expect(await stored()).toEqual([null, null]);
    expect((await loggedOut).status()).toBe(204);
    const res = await fetch(`${system.url}/api/v1/identity/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: last }),
    });
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('SESSION_ENDED');
  });
});
