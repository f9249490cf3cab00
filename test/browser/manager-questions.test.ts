// The manager's Questions view and the dashboard's decision figures in real Chromium against the real local system:
// the primary region's lake writer fills the run's own lake from the table's stream; DuckDB answers the questions.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyAs, approvedPass, revoke } from './support/passes-api.ts';
import { STAFF_PASSWORD, screenshots, startWebSystem, type WebSystem } from './support/web-system.ts';

let system: WebSystem;

beforeAll(async () => {
  system = await startWebSystem();
  // Two applications the rules approve at once (Bagerhat, 1001), one of them revoked by an officer.
  await approvedPass(system, 'Rahima Begum');
  const second = await approvedPass(system, 'Karim Uddin');
  await revoke(system, second.id);
  // One an officer must review (GROCERY): it waits in Bagerhat's queue.
  await applyAs(system, 'Jamal Uddin', 'GROCERY');
});
afterAll(async () => {
  await system?.stop();
});

const dhakaDay = () => new Date(Date.now() + 6 * 3_600_000).toISOString().slice(0, 10);

async function signIn(page: Page, path: string) {
  await page.goto(`${system.url}${path}`);
  await page.getByLabel('Username').fill('manager');
  await page.getByLabel('Password').fill(STAFF_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('manager Questions view', () => {
  it('asks "time to decision by district" for the last 7 days: a table, a chart, and its CSV', async () => {
    const { page } = await system.newPage();
    await signIn(page, '/manager/');
    await page.getByRole('link', { name: 'Questions' }).click();
    await page.waitForURL(`${system.url}/manager/questions`);
    const question = page.getByLabel('Question');
    await question.waitFor();
    await question.selectOption('time-to-decision-by-district');
    expect(await page.getByLabel('Last N days').inputValue()).toBe('7');
    expect(await page.getByLabel('District').inputValue()).toBe('');

    // A parameter out of range is named on the page and nothing is asked.
    await page.getByLabel('Last N days').fill('0');
    await page.getByRole('button', { name: 'Run' }).click();
    await page.getByText('Between 1 and 92.').waitFor();
    await page.getByLabel('Last N days').fill('7');

    // The lake writer works from the stream: run again until the decisions are in.
    const rows = page.locator('[data-answer="time-to-decision-by-district"] table.answer-table tbody tr');
    await expect
      .poll(
        async () => {
          await page.getByRole('button', { name: 'Run' }).click();
          await page.getByRole('button', { name: 'Run' }).waitFor();
          await page.locator('[data-answer]').waitFor();
          return rows.count();
        },
        { timeout: 60_000, interval: 1_000 },
      )
      .toBeGreaterThan(0);
    const answer = page.locator('[data-answer="time-to-decision-by-district"]');
    expect(await answer.locator('table.answer-table thead th').allTextContents()).toEqual([
      'district',
      'decisions',
      'by_officers',
      'median_minutes',
      'p90_minutes',
    ]);
    const first = await rows.first().locator('td').allTextContents();
    // Both decided by the rules: an officer's later revocation does not make the first decision an officer's.
    expect(first.slice(0, 3)).toEqual(['Bagerhat', '2', '0']);
    // The chart: an image named by its heading, a summary in its title, a table behind it.
    const chart = answer.locator('figure.chart svg[role="img"]');
    expect(await chart.count()).toBe(1);
    expect(await answer.locator('figure.chart svg title').textContent()).toMatch(
      /^median_minutes by district: Bagerhat: [\d.]+$/,
    );
    expect(await answer.locator('figure.chart rect.chart-bar').count()).toBe(1);
    expect(await page.getByTestId('run-state').textContent()).toBe('');
    await screenshots(page, 'manager-questions');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(
      `movement-pass-time-to-decision-by-district-days-7-${dhakaDay()}.csv`,
    );
    const text = Buffer.concat(await (await file.createReadStream()).toArray()).toString('utf8');
    const [header, row, ...rest] = text.split('\r\n');
    expect(header).toBe('district,decisions,by_officers,median_minutes,p90_minutes');
    expect(row).toMatch(/^1001,2,0,[\d.]+,[\d.]+$/);
    expect(rest).toEqual(['']);
  });

  it('offers districts by their Bengali names in Bengali, and narrows to one', async () => {
    const { page } = await system.newPage();
    await signIn(page, '/manager/questions');
    await page.getByLabel('Question').waitFor();
    await page.getByRole('button', { name: /বাংলা|Bengali/ }).click();
    const district = page.getByLabel('জেলা');
    await district.waitFor();
    expect(await district.locator('option').first().textContent()).toBe('সব জেলা');
    expect(await district.locator('option[value="1001"]').textContent()).toBe('বাগেরহাট');
    await district.selectOption('1002');
    await page.getByRole('button', { name: 'চালান' }).click();
    // Nothing was decided in district 1002: an answer with no rows, said in Bengali.
    await page.getByText(/কোনো সারি নেই/).waitFor();
    await screenshots(page, 'manager-questions-bn');
  });
});

describe('manager Questions view on an engine that answers later (Athena, stood in for by the browser)', () => {
  it('shows the run as still running while it polls, then the answer; its CSV comes from the run; a failure in words', async () => {
    const { page } = await system.newPage();
    const runId = 'run-athena-0001';
    let polls = 0;
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const csvAccepts: string[] = [];
    await page.route('**/api/v1/queries/approval-rate-by-district/runs', (route) =>
      route.fulfill({
        status: 202,
        json: { status: 'running', runId, question: 'approval-rate-by-district' },
      }),
    );
    await page.route(`**/api/v1/queries/runs/${runId}`, async (route) => {
      if ((route.request().headers().accept ?? '').includes('text/csv')) {
        csvAccepts.push(route.request().headers().authorization ?? '');
        return route.fulfill({
          status: 200,
          contentType: 'text/csv; charset=utf-8',
          body: 'district,approved_percent\r\n1001,50\r\n',
        });
      }
      polls += 1;
      if (polls < 3) return route.fulfill({ status: 202, json: { status: 'running', runId } });
      await released;
      return route.fulfill({
        status: 200,
        json: {
          status: 'done',
          runId,
          columns: ['district', 'decisions', 'approved', 'approved_by_rule', 'approved_percent'],
          rows: [[1001, 2, 1, 1, 50]],
          truncated: false,
        },
      });
    });
    await page.route('**/api/v1/queries/invalid-checks-by-district/runs', (route) =>
      route.fulfill({
        status: 422,
        json: {
          error: {
            code: 'QUERY_FAILED',
            message: 'the question could not be answered: timeout',
            details: [],
          },
        },
      }),
    );
    await signIn(page, '/manager/questions');
    await page.getByLabel('Question').selectOption('approval-rate-by-district');
    await page.getByRole('button', { name: 'Run' }).click();
    // Polled each second: the status line says so while the answer is held back.
    await expect
      .poll(() => page.getByTestId('run-state').textContent(), { timeout: 15_000 })
      .toMatch(/^Still running on the lake \(\d+ s\)…$/);
    expect(await page.getByRole('button', { name: 'Running…' }).isDisabled()).toBe(true);
    release();
    await page.locator('[data-answer="approval-rate-by-district"] table.answer-table tbody tr').waitFor();
    expect(await page.getByTestId('run-state').textContent()).toBe('');
    expect(polls).toBe(3);

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download CSV' }).click();
    const file = await download;
    expect(Buffer.concat(await (await file.createReadStream()).toArray()).toString('utf8')).toBe(
      'district,approved_percent\r\n1001,50\r\n',
    );
    expect(csvAccepts).toEqual([expect.stringMatching(/^Bearer ./)]);

    await page.getByLabel('Question').selectOption('invalid-checks-by-district');
    await page.getByRole('button', { name: 'Run' }).click();
    await page
      .getByRole('alert')
      .filter({
        hasText: 'The question could not be answered. Try a shorter period, or try again in a minute.',
      })
      .waitFor();
  });
});

describe('manager dashboard decision figures', () => {
  it('shows time to decision, the backlog now and decisions per officer per day', async () => {
    const { page } = await system.newPage();
    await signIn(page, '/manager/');
    const median = page.locator('[data-figure="median-all"] dd');
    await expect
      .poll(
        async () => {
          await page.getByRole('button', { name: 'Refresh' }).click();
          await page.getByRole('button', { name: 'Refresh' }).waitFor();
          await page.locator('[data-figure="backlog-total"]').waitFor();
          return (await page.locator('[data-chart="per-officer"] td').allTextContents()).join('|');
        },
        { timeout: 60_000, interval: 1_000 },
      )
      .toBe(`officer · ${dhakaDay().slice(5)}|1`);
    expect(await median.textContent()).toMatch(/^[\d.]+ min$/);
    expect(await page.locator('[data-figure="p90-all"] dd').textContent()).toMatch(/^[\d.]+ min$/);
    // Both passes were decided by the rules: no officer's first decision to time.
    expect(await page.locator('[data-figure="median-officers"] dd').textContent()).toBe('—');
    expect(await page.locator('[data-figure="backlog-total"] dd').textContent()).toBe('1');
    expect(await page.locator('[data-chart="backlog"] td').allTextContents()).toEqual(['Bagerhat', '1']);
    expect(await page.locator('[data-chart="decision-minutes"] td').first().textContent()).toBe('Bagerhat');
    await screenshots(page, 'manager-dashboard-lake');
  });
});
