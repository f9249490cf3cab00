// Builds the Artillery script (JSON) for a profile: target, phases, flows, ensure thresholds, per-endpoint metrics.
import { artilleryPhase, type Profile } from './profiles.ts';
import { ENDPOINTS, FLOWS, type Flow, type RequestStep, type Step, withDerivedCodes } from './scenarios.ts';

export interface ScriptOptions {
  target: string;
  profile: Profile;
  /** Demo police password of the local system (npm start prints it); omitted, workers read MP_STAFF_PASSWORD. */
  staffPassword?: string;
  /** Path of processor.cjs relative to the script. */
  processor?: string;
  /** Endpoints to hold to the p99 budget; every endpoint by default. */
  endpoints?: readonly string[];
  flows?: readonly Flow[];
  /** The workers hold the load-test secret (MP_LOAD_TEST_SECRET): codes are derived, the outbox is never read. */
  derivedCodes?: boolean;
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/** Reads and writes with an Idempotency-Key are retried as the web client retries them. */
export const retried = (step: RequestStep) =>
  step.endpoint.method === 'GET' ||
  Object.keys(step.headers ?? {}).some((name) => name.toLowerCase() === 'idempotency-key');

function artilleryStep(step: Step, thinkScale: number): Record<string, unknown>[] {
  if ('think' in step) return [{ think: round(step.think * thinkScale) }];
  if ('function' in step) return [{ function: step.function }];
  const { endpoint } = step;
  const retry = retried(step);
  const request: Record<string, unknown> = {
    url: endpoint.url,
    name: endpoint.name,
    afterResponse: [retry ? 'retryOrExpect' : 'expectOk', ...(step.afterResponse ?? [])],
  };
  if (step.json !== undefined) request.json = step.json;
  if (step.headers) request.headers = step.headers;
  // In a retry loop a failed attempt's capture must not end the user: the last attempt's answer decides.
  if (step.capture)
    request.capture = retry ? step.capture.map((c) => ({ ...c, strict: false })) : step.capture;
  if (step.ifTrue) request.ifTrue = step.ifTrue;
  const send = { [endpoint.method.toLowerCase()]: request };
  if (!retry) return [send];
  // Artillery's loop with whileTrue runs once, then again while the last answer asked for a retry.
  return [{ function: 'startRetries' }, { loop: [{ function: 'retryWait' }, send], whileTrue: 'retrying' }];
}

/** ensure: p99 of every endpoint under budget and at most maxErrorPercent failed virtual users. */
export function ensureChecks(profile: Profile, endpoints: readonly string[]) {
  return {
    thresholds: endpoints.map((name) => ({
      [`plugins.metrics-by-endpoint.response_time.${name}.p99`]: profile.thresholds.p99Ms,
    })),
    maxErrorRate: profile.thresholds.maxErrorPercent,
  };
}

export function artilleryScript(options: ScriptOptions) {
  const { profile } = options;
  const chosen = options.flows ?? profile.flows ?? FLOWS;
  const flows = options.derivedCodes ? withDerivedCodes(chosen) : chosen;
  // Only endpoints the flows request: a budget on one never requested (the outbox, when codes are derived) fails.
  const used = new Set(
    flows.flatMap((flow) => flow.steps.flatMap((step) => ('endpoint' in step ? [step.endpoint.name] : []))),
  );
  const endpoints =
    options.endpoints ??
    Object.values(ENDPOINTS)
      .map((endpoint) => endpoint.name)
      .filter((name) => used.has(name));
  return {
    config: {
      target: options.target,
      phases: profile.phases.map(artilleryPhase),
      processor: options.processor ?? './processor.cjs',
      ...(options.staffPassword ? { variables: { staffPassword: options.staffPassword } } : {}),
      http: { timeout: 10 },
      plugins: {
        'metrics-by-endpoint': { useOnlyRequestNames: true },
        ensure: ensureChecks(profile, endpoints),
      },
    },
    scenarios: flows.map((flow) => ({
      name: flow.name,
      weight: flow.weight,
      beforeRequest: ['withLoadTestKey'],
      flow: flow.steps.flatMap((step) => artilleryStep(step, profile.thinkScale)),
    })),
  };
}
