// Who is calling, for per-address limits: a forwarded viewer address is believed only on a request that carries the
// secret origin header our own proxy adds (CloudFront in AWS, the edge locally); otherwise, or when the forwarded
// value is not a valid IP address, the socket address counts.
import { timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { Context } from 'hono';
import type { Secret } from './auth/secrets.ts';

/** Added by our proxy with a secret value (CloudFront custom origin header; the local edge). */
export const ORIGIN_HEADER = 'x-origin-verify';
/** The viewer's IP address as our proxy saw it (a CloudFront Function in AWS; the local edge). */
export const VIEWER_ADDRESS_HEADER = 'x-viewer-address';

export interface OriginTrust {
  /** Newest first; any of them is accepted, so the proxy's value can be rotated without downtime. */
  secrets: Secret[];
  /** Refuse requests without a valid origin header (AWS: the regional endpoint is not public). */
  required: boolean;
}

/** True when the request carries one of the secrets (compared in constant time). */
export function fromOurProxy(c: Context, trust: OriginTrust | undefined): boolean {
  const given = c.req.header(ORIGIN_HEADER);
  if (!trust || !given || given.length > 256) return false;
  const actual = Buffer.from(given);
  return trust.secrets.some((s) => {
    const expected = Buffer.from(s.secret);
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  });
}

/** A plain IPv4 or IPv6 address (IPv4-mapped IPv6 as IPv4), or undefined for anything else. */
export function ipAddress(value: string | undefined): string | undefined {
  if (!value || value.length > 45) return undefined;
  const trimmed = value.trim();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed)?.[1];
  const address = mapped ?? trimmed;
  return isIP(address) ? address.toLowerCase() : undefined;
}

export function clientAddress(
  c: Context,
  trust: OriginTrust | undefined,
  socketIp: string | undefined,
): string {
  const viewer = fromOurProxy(c, trust) ? ipAddress(c.req.header(VIEWER_ADDRESS_HEADER)) : undefined;
  return viewer ?? ipAddress(socketIp) ?? 'unknown';
}
