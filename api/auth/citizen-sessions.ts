// Citizen device sessions: a refresh-token family per login, rotated on every use, ended by logout or by reuse.
//
// Active-active (the table replicates with ~1 s lag). Each region writes only new items: the tokens it issues, its
// own use marker per token (USED#<token>#<region>) and end markers. In the lag window:
// - a refresh in another region than the login within ~1 s may not see the token yet: 401, the page asks for a code;
// - the same token used in two regions within the lag both succeed once; when the markers replicate, the family holds
//   two use markers for one token, which the next refresh in any region treats as reuse and ends the family;
// - a logout in one region ends the family everywhere once its end marker arrives; a refresh elsewhere inside the lag
//   may still rotate, but the token it hands out stops working as soon as the marker is there.
import type { AppDeps } from '../deps.ts';
import {
  formatRefreshToken,
  hashRefreshSecret,
  newRefreshSecret,
  parseRefreshToken,
  REFRESH_TOKEN_SECONDS,
  refreshSecretMatches,
} from '../domain/refresh-tokens.ts';
import { ApiError } from '../errors.ts';
import { ttlIn } from '../store/db.ts';
import {
  endRefreshFamily,
  putRefreshToken,
  type RefreshFamily,
  type RefreshTokenRecord,
  readRefreshFamily,
  rotateRefreshToken,
} from '../store/refresh-tokens.ts';

type Deps = Pick<AppDeps, 'db' | 'newId'>;

export interface IssuedRefresh {
  familyId: string;
  applicantId: string;
  refreshToken: string;
}

const invalid = () =>
  new ApiError(401, 'REFRESH_TOKEN_INVALID', 'the session is unknown or has expired; log in with a code');
const ended = () => new ApiError(401, 'SESSION_ENDED', 'this session has ended; log in with a code');

function newRecord(deps: Deps, applicantId: string): { record: RefreshTokenRecord; secret: string } {
  const secret = newRefreshSecret();
  return {
    secret,
    record: {
      tokenId: deps.newId(),
      tokenHash: hashRefreshSecret(secret),
      applicantId,
      expiresAt: ttlIn(deps.db, REFRESH_TOKEN_SECONDS),
    },
  };
}

/** A new family (one per login on a device) with its first token. */
export async function startSession(deps: Deps, applicantId: string): Promise<IssuedRefresh> {
  const familyId = deps.newId();
  const { record, secret } = newRecord(deps, applicantId);
  await putRefreshToken(deps.db, familyId, record);
  return {
    familyId,
    applicantId,
    refreshToken: formatRefreshToken({ familyId, tokenId: record.tokenId, secret }),
  };
}

/** True when any token of the family was used twice, in this region or across regions (see the header). */
const reused = (family: RefreshFamily, tokenId: string) =>
  family.uses.has(tokenId) || [...family.uses.values()].some((regions) => regions.length > 1);

async function endSession(deps: Deps, familyId: string, reason: 'logout' | 'reuse'): Promise<void> {
  await endRefreshFamily(deps.db, familyId, deps.newId(), reason, ttlIn(deps.db, REFRESH_TOKEN_SECONDS));
}

/** Spends a refresh token and issues its successor; 401 for an unknown, expired, used or ended one. */
export async function refreshSession(deps: Deps, refreshToken: string): Promise<IssuedRefresh> {
  const parts = parseRefreshToken(refreshToken);
  if (!parts) throw invalid();
  const { familyId, tokenId, secret } = parts;
  const family = await readRefreshFamily(deps.db, familyId);
  const current = family.tokens.get(tokenId);
  if (!current || !refreshSecretMatches(current.tokenHash, secret)) throw invalid();
  if (family.ended) throw ended();
  if (current.expiresAt * 1000 <= deps.db.now()) throw invalid();
  if (reused(family, tokenId)) {
    await endSession(deps, familyId, 'reuse');
    throw ended();
  }
  const next = newRecord(deps, current.applicantId);
  if (!(await rotateRefreshToken(deps.db, familyId, tokenId, current.expiresAt, next.record))) {
    await endSession(deps, familyId, 'reuse');
    throw ended();
  }
  return {
    familyId,
    applicantId: current.applicantId,
    refreshToken: formatRefreshToken({ familyId, tokenId: next.record.tokenId, secret: next.secret }),
  };
}

/** The family a presented refresh token belongs to (used or not, it proves the holder), or undefined. */
export async function familyOf(deps: Deps, refreshToken: string): Promise<string | undefined> {
  const parts = parseRefreshToken(refreshToken);
  if (!parts) return undefined;
  const family = await readRefreshFamily(deps.db, parts.familyId);
  const record = family.tokens.get(parts.tokenId);
  return record && refreshSecretMatches(record.tokenHash, parts.secret) ? parts.familyId : undefined;
}

export const logoutSession = (deps: Deps, familyId: string) => endSession(deps, familyId, 'logout');
