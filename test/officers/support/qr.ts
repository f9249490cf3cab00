// QR test harness: an app with a movable clock, staff tokens, approved passes with their QR, and token tampering.
import { base64urlToJson, jsonToBase64url } from '../../../api/pass-token/base64url.ts';
import type { PassJwk } from '../../../api/pass-token/verify-pass-token.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { citizenWithPass, RULE_APPROVED, type StaffTokens, staffTokens } from './staff.ts';

export interface QrHarness {
  t: TestApp;
  staff: StaffTokens;
  jwks: { keys: PassJwk[] };
  /** Runs `fn` with the server clock moved to `atMs`. */
  at<T>(atMs: number, fn: () => Promise<T>): Promise<T>;
  /** A rule-approved pass as its citizen sees it, its QR, and a moment inside its window. */
  approvedPass(overrides?: Record<string, unknown>): Promise<{
    citizen: { token: string };
    // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON shapes
    pass: any;
    qr: string;
    during: number;
  }>;
  verify(body: Record<string, unknown>): ReturnType<TestApp['request']>;
}

export async function qrHarness(): Promise<QrHarness> {
  let clockOffset = 0;
  const t = await createTestApp({}, { now: () => Date.now() + clockOffset });
  const staff = await staffTokens(t);
  const jwks = (await t.request('GET', '/api/v1/keys')).body;
  return {
    t,
    staff,
    jwks,
    async at(atMs, fn) {
      clockOffset = atMs - Date.now();
      try {
        return await fn();
      } finally {
        clockOffset = 0;
      }
    },
    async approvedPass(overrides = {}) {
      const { citizen, pass } = await citizenWithPass(t, { ...RULE_APPROVED, ...overrides });
      const view = await t.request('GET', `/api/v1/passes/${pass.id}`, { token: citizen.token });
      return { citizen, pass: view.body, qr: view.body.qr, during: Date.parse(view.body.startAt) + 60_000 };
    },
    verify: (body) => t.request('POST', '/api/v1/verify', { token: staff.police, body }),
  };
}

/** The token with its payload claims changed but the original signature kept. */
export function tamper(qr: string, change: (claims: Record<string, unknown>) => void): string {
  const [header, payload, signature] = qr.split('.') as [string, string, string];
  const claims = base64urlToJson(payload) as Record<string, unknown>;
  change(claims);
  return `${header}.${jsonToBase64url(claims)}.${signature}`;
}
