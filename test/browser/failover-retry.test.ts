// A citizen applies through the web while their region dies behind the faithful edge (CloudFront + Route 53 as in
// AWS, × 0.1): the page shows "retrying", the retried application is answered by another region, and one pass exists.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextPhone } from '../support/citizens.ts';
import { START_TIMEOUT_MS, screenshots, startWebSystem, type WebSystem } from './support/web-system.ts';

let system: WebSystem;
// Browsers send no X-Client-Location: the edge places them in Dhaka, whose nearest region is ap-south-2.
const DHAKA_REGION = 'ap-south-2';

beforeAll(async () => {
  system = await startWebSystem();
}, START_TIMEOUT_MS);
afterAll(async () => {
  await system?.stop();
});

const control = (path: string) =>
  fetch(`${system.url}/_edge/regions/${DHAKA_REGION}/${path}`, { method: 'POST' });

describe('a failover during an application', () => {
  it('shows only a retrying notice, and the retried application makes one pass in another region', async () => {
    const { page } = await system.newPage();
    const phone = nextPhone();
    await page.goto(`${system.url}/register`);
    await page.getByLabel('Mobile number').fill(phone);
    await page.getByRole('button', { name: 'Send code' }).click();
    await page.getByLabel('Code from the SMS').waitFor();
    await page.getByLabel('Code from the SMS').fill(await system.otpFor(phone));
    await page.getByLabel('Full name').fill('Rahima Begum');
    await page.getByLabel('Date of birth').fill('1990-04-13');
    await page.getByLabel('Gender').selectOption({ label: 'Female' });
    await page.getByLabel('ID type').selectOption({ label: 'National ID' });
    await page.getByLabel('ID number').fill('1234567890');
    await page.getByLabel('District', { exact: true }).selectOption({ label: 'Dhaka' });
    await page.getByLabel('Thana (police station)').selectOption({ label: 'Dhamrai' });
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL(/\/apply$/);
    await page.getByLabel('Reason for travel').selectOption({ label: 'Grocery Shopping' });
    await page.getByLabel('From (place)').fill('Mirpur 10');
    await page.getByLabel('To (place)').fill('Dhamrai bazar');
    await page.getByLabel('Destination district').selectOption({ label: 'Dhaka' });
    await page.getByLabel('Destination thana').selectOption({ label: 'Dhamrai' });
    await page.getByLabel('Duration (hours)').fill('3');

    expect((await control('kill')).status).toBe(200);
    try {
      await page.getByRole('button', { name: 'Submit application' }).click();
      // The edge still resolves Dhaka to the dead region (TTL): the POST fails, the client waits and says so.
      const notice = page.getByRole('status').filter({ hasText: 'Trying again' });
      await notice.waitFor({ timeout: 30_000 });
      await screenshots(page, 'citizen-apply-retrying');
      expect(await page.getByRole('alert').filter({ hasText: /./ }).count()).toBe(0);
      await page.waitForURL(/\/passes\/[0-9A-Z]{26}$/, { timeout: 120_000 });
      expect(await notice.count()).toBe(0);
    } finally {
      await control('restart');
    }
    const token = await page.evaluate(() => localStorage.getItem('mp.citizen.token'));
    const res = await fetch(`${system.url}/api/v1/passes`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.headers.get('x-mp-region')).not.toBe(DHAKA_REGION);
    const { passes } = (await res.json()) as { passes: { id: string }[] };
    expect(passes).toHaveLength(1);
    expect(page.url().endsWith(`/passes/${passes[0]?.id}`)).toBe(true);
  });
});
