// The generated Artillery script and profiles: thresholds per endpoint, think scaling, processor hooks, budgets.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { artilleryScript, ensureChecks } from '../../loadtest/artillery-script.ts';
import { apiRequestsPerUser, launchDayProfile, meanApiRate } from '../../loadtest/model-profiles.ts';
import {
  artilleryPhase,
  LOCAL_THRESHOLDS,
  peakStepProfile,
  peakSteps,
  smokeProfile,
} from '../../loadtest/profiles.ts';
import { ENDPOINTS, FLOWS, requestMix } from '../../loadtest/scenarios.ts';
import { CLIENT_RETRY } from '../../web/kit/retry-policy.ts';

const processor = createRequire(import.meta.url)('../../loadtest/processor.cjs') as Record<string, unknown>;
const script = artilleryScript({
  target: 'http://localhost:8080',
  profile: smokeProfile(),
  staffPassword: 'pw',
});
type ScriptStep = Record<string, unknown> & { loop?: ScriptStep[]; whileTrue?: string; function?: string };
/** Every step, the ones inside retry loops included. */
const stepsOf = (flow: ScriptStep[]): ScriptStep[] =>
  flow.flatMap((step) => (step.loop ? [step, ...stepsOf(step.loop)] : [step]));
const seconds = (phases: { duration: number }[]) => phases.reduce((sum, p) => sum + p.duration, 0);

describe('Artillery script', () => {
  it('holds every endpoint to the p99 budget and allows no failed virtual user on the local system', () => {
    const checks = ensureChecks(smokeProfile(), ['otp', 'register']);
    expect(checks.thresholds).toEqual([
      { 'plugins.metrics-by-endpoint.response_time.otp.p99': 500 },
      { 'plugins.metrics-by-endpoint.response_time.register.p99': 500 },
    ]);
    expect(checks.maxErrorRate).toBe(0);
    expect(script.config.plugins.ensure.thresholds).toHaveLength(Object.keys(ENDPOINTS).length);
    expect(script.config.plugins['metrics-by-endpoint']).toEqual({ useOnlyRequestNames: true });
  });

  it('names every request after its endpoint and fails a virtual user on any non-2xx answer', () => {
    for (const scenario of script.scenarios)
      for (const step of stepsOf(scenario.flow as ScriptStep[])) {
        const request = (step.get ?? step.post) as { name: string; afterResponse: string[] } | undefined;
        if (!request) continue;
        expect(Object.values(ENDPOINTS).map((e) => e.name)).toContain(request.name);
        // A retried request fails the user too, once its retries are spent (retryOrExpect ends in expectOk).
        expect(['expectOk', 'retryOrExpect']).toContain(request.afterResponse[0]);
      }
  });

  it('retries reads and keyed writes as the web client does, and never an unkeyed write', () => {
    const retriedNames = new Set<string>();
    const once = new Set<string>();
    for (const scenario of script.scenarios)
      for (const step of scenario.flow as ScriptStep[]) {
        if (step.loop) {
          expect(step.whileTrue).toBe('retrying');
          const send = step.loop.find((s) => s.get ?? s.post) as ScriptStep;
          const request = (send.get ?? send.post) as { name: string; afterResponse: string[] };
          expect(request.afterResponse[0]).toBe('retryOrExpect');
          retriedNames.add(request.name);
        } else {
          const request = (step.get ?? step.post) as { name: string } | undefined;
          if (request) once.add(request.name);
        }
      }
    for (const name of ['apply', 'register', 'verify', 'list', 'view', 'reference', 'keys'])
      expect(retriedNames, name).toContain(name);
    for (const name of ['otp', 'login', 'staff-login']) expect(once, name).toContain(name);
    expect([...once].filter((name) => retriedNames.has(name))).toEqual([]);
    expect(processor.RETRY).toEqual(CLIENT_RETRY);
  });

  it('refers only to processor functions that exist', () => {
    const used = new Set<string>();
    for (const scenario of script.scenarios)
      for (const step of stepsOf(scenario.flow as ScriptStep[])) {
        if (typeof step.function === 'string') used.add(step.function);
        if (typeof step.whileTrue === 'string') used.add(step.whileTrue);
        const request = (step.get ?? step.post) as { ifTrue?: string; afterResponse: string[] } | undefined;
        if (request?.ifTrue) used.add(request.ifTrue);
        for (const hook of request?.afterResponse ?? []) used.add(hook);
      }
    for (const name of used) expect(typeof processor[name], name).toBe('function');
  });

  it('scales the human think times by the profile', () => {
    const thinks = script.scenarios.flatMap((s) =>
      s.flow.filter((step) => 'think' in step).map((step) => step.think),
    );
    expect(Math.max(...(thinks as number[]))).toBe(1); // 20 s form filling × 0.05
  });
});

describe('profiles', () => {
  it('keeps smoke within 60 s of arrivals and within the per-address OTP limit three times over', () => {
    const smoke = smokeProfile();
    expect(seconds(smoke.phases)).toBeLessThanOrEqual(45);
    const arrivals = smoke.phases.reduce(
      (sum, p) => sum + (p.duration * (p.arrivalRate + (p.rampTo ?? p.arrivalRate))) / 2,
      0,
    );
    const otpsPerUser = requestMix().get('otp') ?? 0;
    expect(arrivals * otpsPerUser * 3).toBeLessThan(300);
    expect(smoke.thresholds).toEqual(LOCAL_THRESHOLDS);
  });

  it('steps local-peak up by about half each time from 5 users/s × scale, in whole users/s', () => {
    expect(peakSteps(1, 30)).toEqual([5, 8, 12, 18, 27]);
    expect(peakSteps(2, 20)).toEqual([10, 15]);
    expect(peakSteps(0.1, 5)).toEqual([1, 2, 3, 5]);
    expect(peakStepProfile(20, 40).phases.at(-1)).toMatchObject({ duration: 40, arrivalRate: 20 });
  });

  // Artillery's dist.js splits a constant arrivalRate over its workers and asserts the parts sum to it.
  const splitsEvenly = (rate: number, workers: number) => {
    const base = Math.floor(rate / workers);
    const parts = Array.from({ length: workers }, (_, i) => base + (i < rate % workers ? 1 : 0));
    return parts.reduce((a, b) => a + b, 0) === rate;
  };

  it('gives Artillery only constant rates it can split over any number of workers', () => {
    const profiles = [
      ...peakSteps(1, 400).map((rate) => peakStepProfile(rate, 30)),
      smokeProfile(0.3),
      smokeProfile(1.5),
      launchDayProfile({ requests: 160e6, hours: 46, peakFactor: 3, scale: 0.001 }),
    ];
    for (const profile of profiles)
      for (const phase of artilleryScript({ target: 'http://x', profile, staffPassword: 'p' }).config.phases)
        if ('arrivalRate' in phase && phase.rampTo === undefined)
          for (const workers of [1, 2, 3, 4, 8]) expect(splitsEvenly(phase.arrivalRate, workers)).toBe(true);
  });

  it('turns a fractional constant rate into the same arrivals spread over the phase', () => {
    expect(artilleryPhase({ name: 'hold', duration: 30, arrivalRate: 7.5 })).toEqual({
      name: 'hold',
      duration: 30,
      arrivalCount: 225,
    });
    expect(artilleryPhase({ name: 'hold', duration: 30, arrivalRate: 8 })).toEqual({
      name: 'hold',
      duration: 30,
      arrivalRate: 8,
    });
    expect(splitsEvenly(7.5, 2)).toBe(false); // the crash this prevents
  });

  it('turns the launch day into an arrival rate that makes the model’s peak API rate, not the hit rate', () => {
    const load = { requests: 160e6, hours: 46, peakFactor: 3, scale: 0.1 };
    const profile = launchDayProfile(load);
    const peakApi = meanApiRate(load) * 3;
    expect(peakApi).toBeLessThan((160e6 / (46 * 3600)) * 3 * 0.1 * 0.05);
    const perUser = apiRequestsPerUser(profile.flows ?? []);
    expect((profile.phases.at(-1)?.arrivalRate ?? 0) * perUser).toBeCloseTo(peakApi, 0);
    expect(profile.thinkScale).toBe(1);
    expect(profile.perMinute).toBe(true);
  });

  it('leaves the password out of a script that does not carry one (workers read MP_STAFF_PASSWORD)', () => {
    const uploaded = artilleryScript({ target: 'https://x', profile: smokeProfile() });
    expect(JSON.stringify(uploaded)).not.toContain('staffPassword":');
    expect(script.config).toMatchObject({ variables: { staffPassword: 'pw' } });
  });

  it('counts conditional requests by their share in the request mix', () => {
    const mix = requestMix(FLOWS);
    const total = FLOWS.reduce((sum, f) => sum + f.weight, 0);
    expect(mix.get('page')).toBeCloseTo((50 + 15 + 25) / total, 9);
    expect(mix.get('login')).toBeCloseTo((25 * 0.9) / total, 9);
  });
});
