// The manager dashboard and the SRE regions view in real Chromium against the real local system (aggregators on).
import { ListHealthChecksCommand, Route53Client, UpdateHealthCheckCommand } from '@aws-sdk/client-route-53';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedPass } from './support/passes-api.ts';
import { STAFF_PASSWORD, screenshots, startWebSystem, type WebSystem } from './support/web-system.ts';

let system: WebSystem;

beforeAll(async () => {
  system = await startWebSystem({ aggregator: true });
});
afterAll(async () => {
  await system?.stop();
});

const total = (page: Page, key: string) =>
  page
    .locator(`[data-total="${key}"] dd`)
    .textContent()
    .then((text) => Number(text?.replace(/,/g, '')));

describe('manager dashboard', () => {
  it('shows the last 7 days by default, charts with text alternatives, and its totals move after a new application', async () => {
    const { page } = await system.newPage();
    await page.goto(`${system.url}/manager/`);
    await page.getByLabel('Username').fill('manager');
    await page.getByLabel('Password').fill(STAFF_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('[data-total="applications"]').waitFor();
    const today = new Date(Date.now() + 6 * 3_600_000).toISOString().slice(0, 10);
    const weekAgo = new Date(Date.now() + 6 * 3_600_000 - 6 * 86_400_000).toISOString().slice(0, 10);
    expect(await page.getByLabel('From (Dhaka date)').inputValue()).toBe(weekAgo);
    expect(await page.getByLabel('To (Dhaka date)').inputValue()).toBe(today);
    const before = await total(page, 'applications');

    await approvedPass(system, 'Rahima Begum');
    // The aggregator counts from the table's stream: refresh until the new application is in.
    await expect
      .poll(
        async () => {
          await page.getByRole('button', { name: 'Refresh' }).click();
          await page.getByRole('button', { name: 'Refresh' }).waitFor({ state: 'visible' });
          return total(page, 'applications');
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toBe(before + 1);
    expect(await total(page, 'approved')).toBeGreaterThanOrEqual(1);
    // Every chart is an image with a name and a table behind it.
    // Eight of the counters, three of the decision figures (time to decision, backlog now, per officer).
    await page.locator('.lake-figures [data-chart="per-officer"]').waitFor();
    const charts = page.locator('figure.chart svg[role="img"]');
    expect(await charts.count()).toBe(11);
    expect(await page.locator('.lake-figures figure.chart').count()).toBe(3);
    const dayChart = page.locator('[data-chart="day"]');
    expect(await dayChart.locator('svg title').textContent()).toContain(`${today}: `);
    expect(await page.locator('[data-chart="district"] td').first().textContent()).toBe('Bagerhat');
    expect(await page.locator('[data-chart="source"] td').first().textContent()).toBe('Rules (automatic)');
    await screenshots(page, 'manager-dashboard');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`movement-pass-${weekAgo}-${today}.csv`);
    const csv = await (await file.createReadStream()).toArray();
    const text = Buffer.concat(csv).toString('utf8');
    expect(text).toContain(`totals,Applications,${before + 1}\r\n`);
    expect(text).toContain('Applications by district (top 10),Bagerhat,');

    // A range ending before it starts is refused on the page, naming the field.
    await page.getByLabel('To (Dhaka date)').fill('2020-01-01');
    expect(await page.getByText('Must be on or after the start date.').count()).toBe(1);
  });
});

describe('SRE regions view', () => {
  it('shows a region unhealthy within seconds of its health check being inverted through the Route 53 API, then healthy again', async () => {
    const { page } = await system.newPage();
    await page.goto(`${system.url}/sre`);
    const health = (region: string) =>
      page.locator(`tr[data-region="${region}"] [data-testid="health"]`).textContent();
    await expect.poll(() => health('ap-south-2'), { timeout: 15_000 }).toMatch(/^✔ HEALTHY/);
    expect(await page.getByTestId('latency-order').locator('li').first().textContent()).toMatch(
      /^ap-south-2/,
    );
    await page.getByLabel('Client location').selectOption({ label: 'Singapore' });
    await expect
      .poll(() => page.getByTestId('latency-order').locator('li').first().textContent())
      .toMatch(/^ap-southeast-1/);
    await screenshots(page, 'sre-healthy');

    const route53 = new Route53Client({
      endpoint: system.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    });
    try {
      const list = await route53.send(new ListHealthChecksCommand({}));
      const id = list.HealthChecks?.find((c) =>
        c.HealthCheckConfig?.FullyQualifiedDomainName?.includes('ap-south-2'),
      )?.Id;
      expect(id).toBeTruthy();
      await route53.send(new UpdateHealthCheckCommand({ HealthCheckId: id, Inverted: true }));
      const inverted = Date.now();
      await expect
        .poll(() => health('ap-south-2'), { timeout: 10_000, interval: 200 })
        .toContain('UNHEALTHY');
      console.log(`SRE page showed ap-south-2 unhealthy ${Date.now() - inverted} ms after the inversion`);
      expect(await page.locator('tr[data-region="ap-south-2"]').textContent()).toContain(
        'health check inverted',
      );
      expect(await health('ap-south-1')).toMatch(/^✔ HEALTHY/);
      await screenshots(page, 'sre-region-unhealthy');
      await route53.send(new UpdateHealthCheckCommand({ HealthCheckId: id, Inverted: false }));
      await expect.poll(() => health('ap-south-2'), { timeout: 10_000, interval: 200 }).toMatch(/^✔ HEALTHY/);
    } finally {
      route53.destroy();
    }
  });

  it('marks a paused replication pair in colour and words', async () => {
    const { page } = await system.newPage();
    await page.goto(`${system.url}/sre/`);
    const pair = 'ap-south-1->ap-south-2';
    const state = () => page.locator(`tr[data-pair="${pair}"] [data-testid="pair-state"]`).textContent();
    // Running (OK, or LAGGING on a busy machine), not paused.
    await expect.poll(state, { timeout: 15_000 }).toMatch(/OK|LAGGING/);
    const pause = await fetch(`${system.url}/_edge/replication/ap-south-1/ap-south-2/pause`, {
      method: 'POST',
    });
    expect(pause.status).toBe(200);
    await expect.poll(state, { timeout: 5_000 }).toContain('PAUSED');
    expect(await page.getByText(`Paused pairs: ${pair}`).count()).toBe(1);
    await screenshots(page, 'sre-pair-paused');
    await fetch(`${system.url}/_edge/replication/ap-south-1/ap-south-2/resume`, { method: 'POST' });
    await expect.poll(state, { timeout: 5_000 }).toMatch(/OK|LAGGING/);
  });
});
