// Test helpers that talk to the local edge as a client would: located requests, a citizen's sign-up, waiting.
import { registrationBody } from '../../support/citizens.ts';

export const MUMBAI = '19.07,72.87';
export const SINGAPORE = '1.35,103.82';

export interface Reply {
  status: number;
  region: string | null;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON shapes
  body: any;
}

export async function call(
  base: string,
  method: string,
  path: string,
  options: { body?: unknown; token?: string; location?: string; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.location) headers['x-client-location'] = options.location;
  const res = await fetch(`${base}${path}`, {
    method,
    headers,
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON
  }
  return { status: res.status, region: res.headers.get('x-mp-region'), body };
}

/** Requests an OTP, reads it from the region's outbox and registers, all from one location. */
export async function signUp(base: string, mobilePhone: string, location: string) {
  const otp = await call(base, 'POST', '/api/v1/identity/otp', { body: { mobilePhone }, location });
  if (otp.status !== 202) throw new Error(`otp: ${otp.status} ${JSON.stringify(otp.body)}`);
  // Behind other codes the SMS leaves at its paced sendAt: read the outbox until it is there (or 3 s after sendAt).
  let outbox = await call(base, 'GET', `/api/v1/dev/outbox?mobilePhone=${mobilePhone}`, { location });
  const until = Date.now() + ((otp.body?.sendInSeconds as number | undefined) ?? 0) * 1000 + 3_000;
  while (!outbox.body?.messages?.[0]?.code && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    outbox = await call(base, 'GET', `/api/v1/dev/outbox?mobilePhone=${mobilePhone}`, { location });
  }
  const code = outbox.body?.messages?.[0]?.code;
  if (!code) throw new Error(`no code in the outbox of ${outbox.region}`);
  const reply = await call(base, 'POST', '/api/v1/identity/register', {
    body: registrationBody(mobilePhone, code),
    location,
  });
  if (reply.status !== 201) throw new Error(`register: ${reply.status} ${JSON.stringify(reply.body)}`);
  return {
    token: reply.body.token as string,
    applicantId: reply.body.applicantId as string,
    region: reply.region,
  };
}
