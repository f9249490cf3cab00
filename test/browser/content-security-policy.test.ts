// Every page under the strict Content-Security-Policy CloudFront sends (the local edge sends the same one): each loads,
// renders and talks to the API with no CSP violation, and an inline script is refused. (Every other browser suite
// runs under the same header too: the photo and QR data: images among them.)
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../web/content-security-policy.ts';
import { STAFF_PASSWORD, startWebSystem, type WebSystem } from './support/web-system.ts';

let system: WebSystem;
beforeAll(async () => {
  system = await startWebSystem();
});
afterAll(async () => {
  await system?.stop();
});

/** CSP violations the page reports (the event) and the console errors Chromium logs for them. */
function watchViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
      violations.push(message.text());
  });
  void page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) =>
      console.error(`Content Security Policy violation: ${event.violatedDirective} ${event.blockedURI}`),
    );
  });
  return violations;
}

describe('pages under the Content-Security-Policy', () => {
  it.each([
    ['/', 'Register'],
    ['/officer/', 'Sign in'],
    ['/police/', 'Sign in'],
    ['/manager/', 'Sign in'],
    ['/admin/', 'Sign in'],
  ])('%s is served with the policy and renders with no violation', async (path, control) => {
    const { page } = await system.newPage();
    const violations = watchViolations(page);
    const response = await page.goto(`${system.url}${path}`);
    expect(response?.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    await page
      .getByRole(path === '/' ? 'link' : 'button', { name: control })
      .first()
      .waitFor();
    expect(violations).toEqual([]);
  });

  it('signs an officer in (the API call is allowed) with no violation', async () => {
    const { page } = await system.newPage();
    const violations = watchViolations(page);
    await page.goto(`${system.url}/officer/`);
    await page.getByLabel('Username').fill('officer');
    await page.getByLabel('Password').fill(STAFF_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(violations).toEqual([]);
  });

  it('refuses an inline script: the policy is in force, not just sent', async () => {
    const { page } = await system.newPage();
    const violations = watchViolations(page);
    await page.goto(`${system.url}/officer/`);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    const ran = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.head.append(script);
      return (window as { __inlineRan?: boolean }).__inlineRan === true;
    });
    expect(ran).toBe(false);
    await expect.poll(() => violations.length).toBeGreaterThan(0);
  });
});
