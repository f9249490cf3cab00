// Client address trust: a forwarded viewer address counts only with our proxy's secret origin header; anything else
// (rotated X-Forwarded-For, huge or invalid values) falls back to the socket address; the regional endpoint can
// refuse direct callers (as in AWS) with 403.
import { describe, expect, it } from 'vitest';
import { generateSecret } from '../../api/auth/secrets.ts';
import { ipAddress } from '../../api/client-address.ts';
import { nextPhone } from '../support/citizens.ts';
import { createTestApp } from '../support/test-app.ts';

const otp = (app: Awaited<ReturnType<typeof createTestApp>>, headers: Record<string, string>) =>
  app.request('POST', '/api/v1/identity/otp', { body: { mobilePhone: nextPhone() }, headers, direct: true });

describe('client address for per-address limits', () => {
  it('ignores X-Forwarded-For: rotating it does not escape the per-address limit', async () => {
    const app = await createTestApp({ otpPerIpLimit: 2 });
    const statuses = [];
    for (let i = 0; i < 4; i += 1)
      statuses.push((await otp(app, { 'X-Forwarded-For': `198.51.100.${i}` })).status);
    expect(statuses).toEqual([202, 202, 429, 429]);
  });

  it('ignores a viewer address sent without, or with a wrong, origin secret', async () => {
    const app = await createTestApp({ otpPerIpLimit: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i += 1)
      statuses.push(
        (
          await otp(app, {
            'x-viewer-address': `198.51.100.${i}`,
            'x-origin-verify': generateSecret().secret,
          })
        ).status,
      );
    expect(statuses).toEqual([202, 202, 429]);
  });

  it('believes the viewer address our proxy sends with the origin secret, one bucket per viewer', async () => {
    const app = await createTestApp({ otpPerIpLimit: 2 });
    const secret = app.config.origin?.secrets[0]?.secret as string;
    const from = (ip: string) => otp(app, { 'x-viewer-address': ip, 'x-origin-verify': secret });
    expect([(await from('203.0.113.1')).status, (await from('203.0.113.1')).status]).toEqual([202, 202]);
    expect((await from('203.0.113.1')).status).toBe(429);
    expect((await from('2001:db8::7')).status).toBe(202);
  });

  it('falls back to the socket address for a 3,000-character or invalid forwarded value (no 500)', async () => {
    const app = await createTestApp({ otpPerIpLimit: 1 });
    const secret = app.config.origin?.secrets[0]?.secret as string;
    const huge = await otp(app, { 'x-viewer-address': '1'.repeat(3000), 'x-origin-verify': secret });
    expect(huge.status).toBe(202);
    const invalid = await otp(app, { 'x-viewer-address': 'not-an-ip', 'x-origin-verify': secret });
    expect(invalid.status).toBe(429); // the same (socket) bucket as the first
    const xff = await otp(app, { 'X-Forwarded-For': `${'9'.repeat(3000)}, 1.2.3.4` });
    expect(xff.status).toBe(429);
  });

  it('parses only plain IPv4 and IPv6 addresses', () => {
    expect(ipAddress('203.0.113.9')).toBe('203.0.113.9');
    expect(ipAddress('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(ipAddress('2001:DB8::1')).toBe('2001:db8::1');
    for (const bad of ['', 'x', '203.0.113.9:443', '999.1.1.1', '1.2.3.4, 5.6.7.8', 'a'.repeat(3000)])
      expect(ipAddress(bad), bad).toBeUndefined();
  });
});

describe('direct calls to a regional endpoint', () => {
  it('are refused with 403 when the origin secret is required, /health excepted', async () => {
    const app = await createTestApp({ origin: { secrets: [generateSecret()], required: true } });
    const secret = app.config.origin?.secrets[0]?.secret as string;
    const direct = await app.request('GET', '/api/v1/reference', { direct: true });
    expect(direct.status).toBe(403);
    expect(direct.body.error.code).toBe('FORBIDDEN');
    const wrong = await app.request('GET', '/api/v1/reference', {
      direct: true,
      headers: { 'x-origin-verify': generateSecret().secret },
    });
    expect(wrong.status).toBe(403);
    const viaProxy = await app.request('GET', '/api/v1/reference', {
      headers: { 'x-origin-verify': secret },
    });
    expect(viaProxy.status).toBe(200);
    expect((await app.request('GET', '/health', { direct: true })).status).toBe(200);
  });

  it('accept any secret of the list, so the proxy value can be rotated', async () => {
    const [next, current] = [generateSecret(), generateSecret()];
    const app = await createTestApp({ origin: { secrets: [next, current], required: true } });
    for (const s of [next, current])
      expect(
        (await app.request('GET', '/api/v1/reference', { headers: { 'x-origin-verify': s.secret } })).status,
      ).toBe(200);
  });
});
