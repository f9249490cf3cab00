// The citizen site where it is used, in real Chromium against the real local system: the first screen comes with
// the HTML (no script needed); a pass opened once online opens again with the network off (QR, holder, "offline,
// last updated"), shows its revocation once back online, and log out erases what the phone kept; errors in Bengali.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import decodeQR from 'qr/decode.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registeredCitizen } from './support/citizen-api.ts';
import { approvedPass, revoke } from './support/passes-api.ts';
import { readQr } from './support/qr-read.ts';
import {
  SCREENSHOTS,
  START_TIMEOUT_MS,
  screenshots,
  startWebSystem,
  type WebSystem,
} from './support/web-system.ts';

let system: WebSystem;

beforeAll(async () => {
  system = await startWebSystem();
}, START_TIMEOUT_MS);
afterAll(async () => {
  await system?.stop();
});

/** The downloaded file: a PNG (by its signature), its size, and the QR decoded from its pixels. */
async function savedPng(download: import('playwright-core').Download) {
  expect(download.suggestedFilename()).toMatch(/^movement-pass-[0-9A-Z]{26}\.png$/);
  const file = await readFile((await download.path()) as string);
  await download.saveAs(join(SCREENSHOTS, 'citizen-pass-image-bn.png'));
  expect(file.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const image = PNG.sync.read(file);
  const qr = decodeQR({ width: image.width, height: image.height, data: new Uint8Array(image.data) });
  return { width: image.width, height: image.height, bytes: file.length, qr };
}

const keptKeys = (page: import('playwright-core').Page) =>
  page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('mp.citizen.kept.')));

describe('citizen site first screen', () => {
  it('comes in the HTML: usable with scripts off, styled under the CSP, then hydrated', async () => {
    const html = await (await fetch(`${system.url}/`)).text();
    expect(html).toMatch(/<style>[^<]+<\/style>/);
    expect(html).not.toMatch(/<link[^>]+rel="stylesheet"/);
    expect(html).toContain('href="/register">Register</a>');

    const noScript = await system.browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 390, height: 844 },
    });
    const bare = await noScript.newPage();
    await bare.goto(`${system.url}/`);
    await bare.getByRole('link', { name: 'Register' }).first().waitFor();
    // The inlined stylesheet applies: the header has the brand colour.
    const header = await bare.locator('header.top').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(header).toBe('rgb(11, 93, 59)');
    await noScript.close();

    const { page } = await system.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.goto(`${system.url}/`);
    // Hydrated: the language toggle works, and the page was not rendered twice.
    await page.getByRole('button', { name: /Show in Bengali/ }).click();
    await page.getByRole('heading', { name: 'লকডাউনে চলাচলের পাসের জন্য আবেদন করুন' }).waitFor();
    expect(await page.locator('header.top').count()).toBe(1);
    expect(violations).toEqual([]);
  });
});

describe('citizen site offline', () => {
  it('opens a pass seen once online with the network off: the QR and the holder; revoked once back online; log out erases', async () => {
    const pass = await approvedPass(system, 'Amina Khatun');
    const { context, page } = await system.newPage();
    await page.goto(`${system.url}/`);
    await page.evaluate((token) => localStorage.setItem('mp.citizen.token', token), pass.citizenToken);
    await page.goto(`${system.url}/passes/${pass.id}`);
    await page.getByText('Amina Khatun').waitFor();
    expect(await readQr(page.locator('svg.qr'))).toBe(pass.qr);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    // "My passes" once online too.
    await page.goto(`${system.url}/passes`);
    await page.getByRole('link', { name: /Mirpur 10/ }).waitFor();

    await context.setOffline(true);
    await page.goto(`${system.url}/passes/${pass.id}`);
    await page.getByText('Amina Khatun').waitFor();
    expect(await readQr(page.locator('svg.qr'))).toBe(pass.qr);
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/^Offline — last updated /);
    await screenshots(page, 'citizen-pass-offline');
    await page.reload();
    await page.getByText('Amina Khatun').waitFor();
    expect(await readQr(page.locator('svg.qr'))).toBe(pass.qr);
    await page.getByRole('button', { name: /Show in Bengali/ }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/^অফলাইন — সর্বশেষ হালনাগাদ /);
    await screenshots(page, 'citizen-pass-offline-bn');
    // Nothing English on the Bengali pass but what people typed (names, places) and the pass number.
    const shown = ((await page.locator('main').textContent()) ?? '')
      .replace('Amina Khatun', '')
      .replace('Mirpur 10', '')
      .replace('Dhanmondi 27', '')
      .replace(pass.id, '');
    expect(shown).not.toMatch(/[A-Za-z]/);
    // Saved as an image with no network, in Bengali: a PNG the phone made, whose QR is the pass's.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'ছবি হিসেবে রাখুন' }).click();
    const png = await savedPng(await download);
    expect(png.width).toBe(720);
    expect(png.height).toBeGreaterThan(1000);
    expect(png.bytes).toBeGreaterThan(10_000);
    expect(png.bytes).toBeLessThan(500_000);
    expect(png.qr).toBe(pass.qr);
    await page.locator('.image-result').waitFor();
    await page.getByRole('button', { name: /Show in English/ }).click();

    await page.goto(`${system.url}/passes`);
    await page.getByRole('link', { name: /Mirpur 10/ }).waitFor();
    expect(await page.getByRole('status').textContent()).toMatch(/^Offline — last updated /);
    await screenshots(page, 'citizen-passes-offline');

    // Revoked while the phone was offline: shown as such once it is back, and the QR is gone.
    await revoke(system, pass.id);
    await page.goto(`${system.url}/passes/${pass.id}`);
    await page.getByText('Amina Khatun').waitFor();
    await context.setOffline(false);
    await page.reload();
    await page.getByText('Revoked').first().waitFor();
    expect(await page.locator('svg.qr').count()).toBe(0);
    expect(await page.getByRole('status').count()).toBe(0);

    expect((await keptKeys(page)).length).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Log out' }).click();
    await expect.poll(() => keptKeys(page)).toEqual([]);
    const dataCaches = await page.evaluate(async () =>
      (await caches.keys()).filter((name) => name.startsWith('citizen-data-')),
    );
    expect(dataCaches).toEqual([]);
    await context.close();
  });
});

describe('citizen site in Bengali', () => {
  it('says a wrong code is wrong in Bengali', async () => {
    const { mobilePhone } = await registeredCitizen(system);
    const { page } = await system.newPage();
    await page.goto(`${system.url}/login`);
    await page.getByRole('button', { name: /Show in Bengali/ }).click();
    await page.getByLabel('মোবাইল নম্বর').fill(mobilePhone);
    await page.getByRole('button', { name: 'কোড পাঠান' }).click();
    const code = page.getByLabel('এসএমএসের কোড');
    await code.waitFor();
    const right = await system.otpFor(mobilePhone);
    await code.fill(right === '000000' ? '111111' : '000000');
    await page.locator('form').getByRole('button', { name: 'লগ ইন' }).click();
    const error = page.locator('#f-otp-error');
    await error.waitFor();
    const text = (await error.textContent()) ?? '';
    expect(text).toMatch(/[\u0980-\u09FF]/);
    expect(text).not.toMatch(/[A-Za-z]/);
    await screenshots(page, 'citizen-wrong-code-bn');
  });
});
