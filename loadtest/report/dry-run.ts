// `--dry-run`: what a profile would send, without sending it: phases, flows, request mix and API rates.

import { fitFlowsToModel } from '../model-mix.ts';
import { apiRequestsPerUser } from '../model-profiles.ts';
import { artilleryPhase, type Profile, requestsPerUser } from '../profiles.ts';
import { FLOWS, requestMix, withDerivedCodes } from '../scenarios.ts';

const n = (x: number, digits = 2) => x.toFixed(digits);

/** `derivedCodes`: the workers hold the load-test secret, so the flows make no outbox request. */
export function dryRunText(profile: Profile, scale: number, derivedCodes = false): string {
  const chosen = profile.flows ?? FLOWS;
  const flows = derivedCodes ? withDerivedCodes(chosen) : chosen;
  const perUser = requestsPerUser(flows);
  const apiPerUser = apiRequestsPerUser(flows);
  const seconds = profile.phases.reduce((sum, p) => sum + p.duration, 0);
  const lines = [
    `${profile.name} (scale ${scale}): ${profile.phases.length} phase(s), ${n(seconds / 60, 1)} min; ` +
      `p99 ≤ ${profile.thresholds.p99Ms} ms, ≤ ${profile.thresholds.maxErrorPercent} % failed` +
      `${profile.perMinute ? ', judged per minute' : ''}; think times × ${profile.thinkScale}`,
    '',
    `Phases (users/s arriving; API req/s = users/s × ${n(apiPerUser)} API requests per user):`,
    ...profile.phases.map((p) => {
      const a = artilleryPhase(p);
      const rate =
        'arrivalCount' in a
          ? `${a.arrivalCount} users over the phase`
          : `${a.arrivalRate}${a.rampTo !== undefined ? ` → ${a.rampTo}` : ''} users/s`;
      const api =
        p.rampTo !== undefined
          ? `${n(p.arrivalRate * apiPerUser, 1)} → ${n(p.rampTo * apiPerUser, 1)}`
          : n(p.arrivalRate * apiPerUser, 1);
      return `  ${p.name.padEnd(18)} ${String(p.duration).padStart(6)} s  ${rate}  (${api} API req/s)`;
    }),
    '',
    `Flows: ${flows.map((f) => `${f.name} ${f.weight}`).join(', ')} (${n(perUser)} requests per user, ${n(apiPerUser)} of them API)`,
  ];
  if (profile.flows) {
    const fit = fitFlowsToModel();
    lines.push(
      '',
      'Request mix of the API (share of dynamic API requests): the capacity model asks, the fitted flows send',
      ...fit.endpoints.map(
        (e) =>
          `  ${e.name.padEnd(12)} ${n(e.asked * 100, 1).padStart(5)} %  ${n(e.sent * 100, 1).padStart(5)} %`,
      ),
      `  plus ${n(perUser - apiPerUser)} requests per user that CloudFront answers in AWS or exist only locally (pages, /reference, /keys${derivedCodes ? '' : ', outbox'})`,
    );
  } else {
    const mix = requestMix(flows);
    lines.push(
      '',
      `Requests per user by endpoint (the test mix, write-heavy on purpose${derivedCodes ? '; codes derived, no outbox' : ''}):`,
      ...[...mix].map(([name, x]) => `  ${name.padEnd(12)} ${n(x)}`),
    );
  }
  return lines.join('\n');
}
