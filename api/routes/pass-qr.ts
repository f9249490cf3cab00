// The QR of an approved pass: its claims (with the holder's masked name) signed by the pass key ring.
import type { AppDeps } from '../deps.ts';
import { passClaims } from '../pass-token/pass-claims.ts';
import { signPassToken } from '../pass-token/sign-pass-token.ts';
import { getApplicant } from '../store/applicants.ts';
import type { Pass } from '../store/passes.ts';

export async function passQr(deps: AppDeps, pass: Pass): Promise<string | undefined> {
  const applicant = await getApplicant(deps.db, pass.applicantId);
  return applicant ? signPassToken(deps.passKeys, passClaims(pass, applicant.name)) : undefined;
}
