// The police PWA in real Chromium against the real local system: fake camera, offline verdicts after a reload
// with the network off, the offline check delivered when back online, forged and revoked passes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base64urlToJson, jsonToBase64url } from '../../api/pass-token/base64url.ts';
import { createDb } from '../../api/store/db.ts';
import { launchChromium } from './support/chromium.ts';
import { fakeCameraArgs, installCanvasCamera, showQr, writeQrY4m } from './support/fake-camera.ts';
import { type ApprovedPass, approvedPass, revoke } from './support/passes-api.ts';
import { PHONE, STAFF_PASSWORD, screenshots, startWebSystem, type WebSystem } from './support/web-system.ts';

let system: WebSystem;
let camera: Browser;
let pass: ApprovedPass;
const tmp = mkdtempSync(join(tmpdir(), 'mp-police-'));

beforeAll(async () => {
  system = await startWebSystem();
  pass = await approvedPass(system, 'Rahima Begum');
  // One Y4M file per launch (tooling notes §8): this browser's camera always shows this pass.
  camera = await launchChromium(fakeCameraArgs(writeQrY4m(join(tmp, 'pass.y4m'), pass.qr)));
});
afterAll(async () => {
  await camera?.close();
  await system?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

const contextOptions = { viewport: PHONE, locale: 'en-GB', timezoneId: 'Asia/Dhaka' };

async function signIn(page: Page, shots = false) {
  await page.goto(`${system.url}/police/`);
  await page.getByLabel('Username').fill('police');
  await page.getByLabel('Password').fill(STAFF_PASSWORD);
  if (shots) await screenshots(page, 'police-sign-in');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Scan a pass' }).waitFor();
  // The keys are cached before anything is checked offline.
  await expect.poll(() => page.getByTestId('keys-age').textContent()).toMatch(/^Keys updated/);
}

const verdict = (page: Page) => page.getByTestId('verdict').textContent();
const queueLength = (page: Page) =>
  page.evaluate(() => JSON.parse(localStorage.getItem('mp.police.queue') ?? '[]').length as number);

async function checksOf(passId: string) {
  const first = system.topology.regions[0];
  if (!first) throw new Error('no region');
  const db = createDb({ region: first.id, table: system.tableName, endpoint: first.dbEndpoint });
  try {
    const items = await db.doc.send(
      new QueryCommand({
        TableName: system.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :c)',
        ExpressionAttributeValues: { ':pk': `PASS#${passId}`, ':c': 'CHECK#' },
      }),
    );
    return items.Items ?? [];
  } finally {
    db.doc.destroy();
  }
}

describe('police checkpoint app', () => {
  it('verifies a real pass from the camera online, again offline after a reload with the network off, and sends the offline check when back online', async () => {
    const context = await camera.newContext({ ...contextOptions, permissions: ['camera'] });
    const page = await context.newPage();
    await signIn(page, true);
    await screenshots(page, 'police-home');
    await page.getByRole('button', { name: 'Scan a pass' }).click();
    // Applied for two hours from now: genuine, not yet valid.
    await expect.poll(() => verdict(page), { timeout: 15_000 }).toBe('NOT YET VALID');
    expect(await page.getByTestId('verdict-name').textContent()).toBe('Rahima B.');
    expect(await page.getByTestId('verdict-mode').textContent()).toBe('Checked online');
    await screenshots(page, 'police-verdict-online');
    await page.getByRole('button', { name: 'Check the next pass' }).click();

    // The service worker has precached the app: it now loads with no network at all.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await context.setOffline(true);
    await page.reload();
    await page.getByRole('button', { name: 'Scan a pass' }).waitFor();
    await expect.poll(() => page.getByTestId('network').textContent()).toContain('Offline');
    await page.getByRole('button', { name: 'Scan a pass' }).click();
    await expect.poll(() => verdict(page), { timeout: 15_000 }).toBe('NOT YET VALID');
    expect(await page.getByTestId('verdict-name').textContent()).toBe('Rahima B.');
    expect(await page.getByTestId('verdict-mode').textContent()).toMatch(/^Checked OFFLINE.*will be sent/);
    await screenshots(page, 'police-verdict-offline');
    expect(await queueLength(page)).toBe(1);
    await page.getByRole('button', { name: 'Check the next pass' }).click();
    await screenshots(page, 'police-offline-queued');

    await context.setOffline(false);
    await expect.poll(() => queueLength(page), { timeout: 30_000 }).toBe(0);
    await expect.poll(() => page.getByText('1 offline checks sent').count()).toBe(1);
    // Read from the first region: the check may have been written in another one, so wait for replication.
    await expect.poll(async () => (await checksOf(pass.id)).length, { timeout: 15_000 }).toBe(2);
    const checks = await checksOf(pass.id);
    const offline = checks.filter((check) => check.offline === true);
    expect(checks).toHaveLength(2);
    expect(offline).toHaveLength(1);
    expect(offline[0]).toMatchObject({ result: 'NOT_YET_VALID', valid: false, checkedBy: 'police' });
    // Logged at the time it was made, before it arrived.
    expect(Date.parse(offline[0]?.checkedAt)).toBeLessThan(Date.parse(offline[0]?.receivedAt));
    await context.close();
  });

  it('calls a tampered QR forged, a revoked pass revoked, and checks a typed pass number online', async () => {
    const context = await system.browser.newContext(contextOptions);
    await installCanvasCamera(context);
    const page = await context.newPage();
    await signIn(page);
    const [header = '', payload = '', signature = ''] = pass.qr.split('.');
    const claims = base64urlToJson(payload) as Record<string, unknown>;
    const tampered = `${header}.${jsonToBase64url({ ...claims, exp: (claims.exp as number) + 86_400 })}.${signature}`;
    await showQr(page, tampered);
    await page.getByRole('button', { name: 'Scan a pass' }).click();
    await expect.poll(() => verdict(page), { timeout: 15_000 }).toBe('FORGED — NOT A REAL PASS');
    await screenshots(page, 'police-verdict-forged');
    await page.getByRole('button', { name: 'Check the next pass' }).click();

    const stolen = await approvedPass(system, 'Karim Uddin');
    await revoke(system, stolen.id);
    await showQr(page, stolen.qr);
    await page.getByRole('button', { name: 'Scan a pass' }).click();
    await expect.poll(() => verdict(page), { timeout: 15_000 }).toBe('REVOKED');
    expect(await page.getByTestId('verdict-name').textContent()).toBe('Karim U.');
    await screenshots(page, 'police-verdict-revoked');
    await page.getByRole('button', { name: 'Check the next pass' }).click();

    await page.getByLabel('Pass number (tracking number)').fill(pass.id.toLowerCase());
    await page.getByRole('button', { name: 'Check pass number' }).click();
    await expect.poll(() => verdict(page)).toBe('NOT YET VALID');
    expect(await page.getByTestId('verdict-mode').textContent()).toBe('Checked online');
    await context.close();
  });

  it('is installable: a manifest with PNG icons and a service worker scoped to /police/', async () => {
    const manifest = await (await fetch(`${system.url}/police/manifest.webmanifest`)).json();
    expect(manifest).toMatchObject({ start_url: '/police/', scope: '/police/', display: 'standalone' });
    for (const icon of manifest.icons) {
      const res = await fetch(`${system.url}${icon.src}`);
      expect(res.headers.get('content-type')).toBe('image/png');
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(bytes.readUInt32BE(16)).toBe(Number(icon.sizes.split('x')[0]));
    }
    const sw = await (await fetch(`${system.url}/police/sw.js`)).text();
    expect(sw).toContain("'/police/'");
    expect(sw).toMatch(/\/assets\/decode-[\w-]+\.js/);
  });
});
