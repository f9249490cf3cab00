// Pure: what the screen says about a pass, from the API's answer or from the offline verifier.
import type { TokenVerdict } from '../../api/pass-token/verify-pass-token.ts';

export type VerdictKind = 'valid' | 'notYet' | 'expired' | 'revoked' | 'forged' | 'invalid' | 'needsNetwork';

export interface Verdict {
  kind: VerdictKind;
  /** The reason code behind it (OK, EXPIRED, BAD_SIGNATURE, PENDING, ...). */
  reason: string;
  mode: 'online' | 'offline';
  name?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  validFrom?: string | undefined;
  validUntil?: string | undefined;
  photo?: string | null | undefined;
  /** Offline: saved in the queue for delivery. */
  queued?: boolean;
}

const KINDS: Record<string, VerdictKind> = {
  OK: 'valid',
  NOT_YET_VALID: 'notYet',
  EXPIRED: 'expired',
  REVOKED: 'revoked',
  BAD_SIGNATURE: 'forged',
  UNKNOWN_KEY: 'forged',
  MALFORMED: 'forged',
};

export const kindOf = (reason: string): VerdictKind => KINDS[reason] ?? 'invalid';

export interface OnlineAnswer {
  reason: string;
  pass: {
    name: string | null;
    fromLocation: string;
    toLocation: string;
    startAt: string;
    endAt: string;
    photo: string | null;
  } | null;
}

export function onlineVerdict(answer: OnlineAnswer): Verdict {
  const pass = answer.pass;
  return {
    kind: kindOf(answer.reason),
    reason: answer.reason,
    mode: 'online',
    ...(pass
      ? {
          name: pass.name ?? undefined,
          from: pass.fromLocation,
          to: pass.toLocation,
          validFrom: pass.startAt,
          validUntil: pass.endAt,
          photo: pass.photo,
        }
      : {}),
  };
}

export function offlineVerdict(token: TokenVerdict): Verdict {
  const claims = token.claims;
  // Offline, an unknown kid may be a key issued since the keys were cached: only the network can tell.
  const kind = token.reason === 'UNKNOWN_KEY' ? 'needsNetwork' : kindOf(token.reason);
  return {
    kind,
    reason: token.reason,
    mode: 'offline',
    ...(claims
      ? {
          name: claims.n,
          from: claims.f,
          to: claims.t,
          validFrom: new Date(claims.nbf * 1000).toISOString(),
          validUntil: new Date(claims.exp * 1000).toISOString(),
        }
      : {}),
  };
}
