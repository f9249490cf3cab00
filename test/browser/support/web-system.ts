// The real local system for browser tests: three regions on the run's DynamoDB Local, replication, the edge
// serving web/dist on a free port, demo staff seeded, and Chromium; plus outbox and screenshot helpers.
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { inject } from 'vitest';
import { seedDemoStaff } from '../../../api/staff/accounts.ts';
import { createDb } from '../../../api/store/db.ts';
import { startTopology, type Topology } from '../../../regions/runtime/topology.ts';
import { launchChromium } from './chromium.ts';
import { webDist } from './web-build.ts';

export const STAFF_PASSWORD = 'browser test password';
export const SCREENSHOTS = join(import.meta.dirname, '../../../.local/screenshots');
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 800 };
/** beforeAll budget: a web build, three region processes and Chromium on a busy machine. */
export const START_TIMEOUT_MS = 300_000;

export interface WebSystem {
  url: string;
  topology: Topology;
  /** The DynamoDB table every region uses (on the first region's endpoint too). */
  tableName: string;
  browser: Browser;
  /** A fresh browser profile (own storage) at phone size. */
  newPage(): Promise<{ context: BrowserContext; page: Page }>;
  /** The newest code the local SMS outbox holds for a mobile number. */
  otpFor(mobilePhone: string): Promise<string>;
  stop(): Promise<void>;
}

export interface WebSystemOptions {
  /** Run each region's stats aggregator (the manager dashboard's counters); off by default. */
  aggregator?: boolean;
}

export async function startWebSystem(options: WebSystemOptions = {}): Promise<WebSystem> {
  const dist = await webDist();
  const endpoint = inject('dynamoEndpoint');
  const tmp = mkdtempSync(join(tmpdir(), 'mp-browser-'));
  const tableName = `mp-web-${randomUUID().slice(0, 8)}`;
  const topology = await startTopology({
    freePorts: true,
    edgePort: 0,
    databases: { 'ap-south-1': endpoint, 'ap-southeast-1': endpoint, 'ap-south-2': endpoint },
    tableName,
    keysDir: join(tmp, 'keys'),
    // Each run its own lake (the primary region's lake writer fills it; the questions read it), not .local/lake.
    lakeDir: join(tmp, 'lake'),
    replicationPollMs: 50,
    ...(options.aggregator ? {} : { aggregatorHandler: null }),
    // Browser suites run beside every other suite: region processes can be slow to come up.
    startTimeoutMs: 120_000,
    webDir: dist,
    log: () => undefined,
  });
  const first = topology.regions[0];
  if (first) {
    const db = createDb({ region: first.id, table: tableName, endpoint: first.dbEndpoint });
    await seedDemoStaff(db, STAFF_PASSWORD);
    db.doc.destroy();
  }
  const browser = await launchChromium();
  const contexts: BrowserContext[] = [];
  return {
    url: topology.edgeUrl,
    topology,
    tableName,
    browser,
    async newPage() {
      const context = await browser.newContext({
        viewport: PHONE,
        locale: 'en-GB',
        timezoneId: 'Asia/Dhaka',
      });
      contexts.push(context);
      return { context, page: await context.newPage() };
    },
    async otpFor(mobilePhone) {
      const res = await fetch(`${topology.edgeUrl}/api/v1/dev/outbox?mobilePhone=${mobilePhone}`);
      const body = (await res.json()) as { messages?: { code?: string }[] };
      const code = body.messages?.[0]?.code;
      if (!code) throw new Error(`no code in the outbox for ${mobilePhone}`);
      return code;
    },
    async stop() {
      await Promise.allSettled(contexts.map((c) => c.close()));
      await browser.close();
      await topology.stop();
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/** Saves the page at phone (390 px) and desktop (1280 px) width, full length, as <name>-390.png / -1280.png. */
export async function screenshots(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const before = page.viewportSize() ?? PHONE;
  for (const size of [PHONE, DESKTOP]) {
    await page.setViewportSize(size);
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-${size.width}.png`), fullPage: true });
  }
  await page.setViewportSize(before);
}
