// The QR of an approved pass: its claims (with the holder's masked name) signed by the pass key ring.
// Memoized per container: citizens reopen their pass often, and the claims of a pass never change
// (revocation is checked online, not carried in the token), so one signature serves until the key rotates.
import { BoundedMemo } from '../bounded-memo.ts';
import type { AppDeps } from '../deps.ts';
import { passClaims } from '../pass-token/pass-claims.ts';
import { signPassToken } from '../pass-token/sign-pass-token.ts';
import { getApplicant } from '../store/applicants.ts';
import type { Pass } from '../store/passes.ts';

const signed = new BoundedMemo<string>(10_000);

export async function passQr(deps: AppDeps, pass: Pass): Promise<string | undefined> {
  const key = `${deps.passKeys.signingKey.kid}:${pass.id}`;
  const cached = signed.get(key);
  if (cached) return cached;
  const applicant = await getApplicant(deps.db, pass.applicantId);
  if (!applicant) return undefined;
  const qr = await signPassToken(deps.passKeys, passClaims(pass, applicant.name));
  signed.set(key, qr);
  return qr;
}
