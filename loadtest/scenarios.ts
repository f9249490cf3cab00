// The load-test flows (Artillery scenarios), their weights and think times, and the request mix they make.
//
// Launch figures (DESIGN §1): 159.9 M hits in ~46 h, 400,977 registrations, 316,801 passes, ~125,000
// applications in the first hour. That is ~400 hits per registrant: most hits were page loads, reference
// data and reloads, which CloudFront serves in production. Weights below are per arriving user:
// - browse 50: pages + reference + keys; at launch ratio it would be ~99 %, but a local run must exercise the
//   write paths, so writes are over-weighted (see loadtest/README.md, "Weights").
// - register-and-apply 15: 316,801 / 400,977 = 79 % of registrants applied; each flow registers and applies.
// - returning-citizen 25: logs in again to see the decision and QR (list + view); the ratio of returning
//   visits to registrations (25 : 15) follows the passes checked after the auto/officer decision.
// - police-check 10: a checkpoint scan per pass shown, plus the keys refresh of the police page.
// Think times are a person's: reading a page (3 s), typing a code (8 s), filling the form (20 s); profiles
// scale them (smoke 0.05) so short runs still complete their flows.

export type EndpointClass = 'static' | 'cacheable' | 'dynamic' | 'local-only';

export interface Endpoint {
  name: string;
  method: 'GET' | 'POST';
  url: string;
  class: EndpointClass;
}

/** Every request the flows make, by name (the per-endpoint metric name). */
export const ENDPOINTS = {
  page: { name: 'page', method: 'GET', url: '/', class: 'static' },
  reference: { name: 'reference', method: 'GET', url: '/api/v1/reference', class: 'cacheable' },
  keys: { name: 'keys', method: 'GET', url: '/api/v1/keys', class: 'cacheable' },
  otp: { name: 'otp', method: 'POST', url: '/api/v1/identity/otp', class: 'dynamic' },
  outbox: {
    name: 'outbox',
    method: 'GET',
    url: '/api/v1/dev/outbox?mobilePhone={{ mobilePhone }}',
    class: 'local-only',
  },
  register: { name: 'register', method: 'POST', url: '/api/v1/identity/register', class: 'dynamic' },
  login: { name: 'login', method: 'POST', url: '/api/v1/identity/login', class: 'dynamic' },
  apply: { name: 'apply', method: 'POST', url: '/api/v1/passes', class: 'dynamic' },
  list: { name: 'list', method: 'GET', url: '/api/v1/passes', class: 'dynamic' },
  view: { name: 'view', method: 'GET', url: '/api/v1/passes/{{ passId }}', class: 'dynamic' },
  staffLogin: { name: 'staff-login', method: 'POST', url: '/api/v1/staff/login', class: 'dynamic' },
  verify: { name: 'verify', method: 'POST', url: '/api/v1/verify', class: 'dynamic' },
} as const satisfies Record<string, Endpoint>;

export type EndpointName = (typeof ENDPOINTS)[keyof typeof ENDPOINTS]['name'];

export interface RequestStep {
  endpoint: Endpoint;
  json?: unknown;
  headers?: Record<string, string>;
  capture?: { json: string; as: string }[];
  /** A processor function deciding whether the request is made. */
  ifTrue?: string;
  /** Expected share of flows that make it when ifTrue is set (for the request mix). */
  share?: number;
  afterResponse?: string[];
}

export type Step = RequestStep | { think: number } | { function: string };

export interface Flow {
  name: string;
  weight: number;
  steps: Step[];
}

const PROFILE_FIELDS = ['name', 'dateOfBirth', 'gender', 'idType', 'idNumber', 'district', 'thana'];
const bearer = (variable: string) => ({ authorization: `Bearer {{ ${variable} }}` });
/** Every code request derives its code when the worker holds the load-test secret (processor.cjs deriveCode). */
const otpStep = (extra: Partial<RequestStep> = {}): RequestStep => ({
  endpoint: ENDPOINTS.otp,
  json: { mobilePhone: '{{ mobilePhone }}' },
  afterResponse: ['deriveCode'],
  ...extra,
});
const codeFromOutbox: RequestStep = {
  endpoint: ENDPOINTS.outbox,
  capture: [{ json: '$.messages[0].code', as: 'otp' }],
};
const register = (ifTrue?: string, share?: number): RequestStep[] => [
  otpStep(when(ifTrue, share)),
  { ...codeFromOutbox, ...when(ifTrue, share) },
  {
    endpoint: ENDPOINTS.register,
    // Single-variable templates keep their JSON type (district and thana stay numbers).
    json: {
      mobilePhone: '{{ mobilePhone }}',
      otp: '{{ otp }}',
      ...Object.fromEntries(PROFILE_FIELDS.map((field) => [field, `{{ profile.${field} }}`])),
    },
    headers: { 'idempotency-key': '{{ registerKey }}' },
    capture: [{ json: '$.token', as: 'token' }],
    ...when(ifTrue, share),
  },
];
function when(ifTrue: string | undefined, share: number | undefined): Partial<RequestStep> {
  return ifTrue ? { ifTrue, share: share ?? 1 } : {};
}

export const FLOWS: Flow[] = [
  {
    name: 'browse',
    weight: 50,
    steps: [
      { endpoint: ENDPOINTS.page },
      { endpoint: ENDPOINTS.reference },
      { think: 3 },
      { endpoint: ENDPOINTS.keys },
    ],
  },
  {
    name: 'register-and-apply',
    weight: 15,
    steps: [
      { function: 'newCitizen' },
      { endpoint: ENDPOINTS.page },
      { endpoint: ENDPOINTS.reference },
      { think: 8 },
      ...register(),
      { think: 20 },
      {
        endpoint: ENDPOINTS.apply,
        json: '{{ application }}',
        headers: { ...bearer('token'), 'idempotency-key': '{{ idempotencyKey }}' },
        capture: [{ json: '$.id', as: 'passId' }],
      },
      { endpoint: ENDPOINTS.view, headers: bearer('token'), afterResponse: ['rememberQr'] },
      { endpoint: ENDPOINTS.list, headers: bearer('token') },
      { function: 'rememberCitizen' },
    ],
  },
  {
    name: 'returning-citizen',
    weight: 25,
    steps: [
      { function: 'returningCitizen' },
      { endpoint: ENDPOINTS.page },
      // Returning citizens log in; until this worker has registered someone, a newcomer registers.
      otpStep({ ifTrue: 'isReturning', share: 0.9 }),
      { ...codeFromOutbox, ifTrue: 'isReturning', share: 0.9 },
      {
        endpoint: ENDPOINTS.login,
        json: { mobilePhone: '{{ mobilePhone }}', otp: '{{ otp }}' },
        capture: [{ json: '$.token', as: 'token' }],
        ifTrue: 'isReturning',
        share: 0.9,
      },
      ...register('isNewcomer', 0.1),
      { think: 3 },
      { endpoint: ENDPOINTS.list, headers: bearer('token') },
      {
        endpoint: ENDPOINTS.view,
        headers: bearer('token'),
        ifTrue: 'hasPass',
        share: 0.9,
        afterResponse: ['rememberQr'],
      },
      { function: 'rememberCitizen' },
    ],
  },
  {
    name: 'police-check',
    weight: 10,
    steps: [
      { function: 'policeOfficer' },
      {
        endpoint: ENDPOINTS.staffLogin,
        json: { username: '{{ staffUsername }}', password: '{{ staffPassword }}' },
        ifTrue: 'needsStaffLogin',
        share: 0.01,
        afterResponse: ['rememberStaffToken'],
      },
      { endpoint: ENDPOINTS.keys },
      { think: 3 },
      {
        endpoint: ENDPOINTS.verify,
        json: { qr: '{{ qr }}' },
        headers: { ...bearer('staffToken'), 'idempotency-key': '{{ verifyKey }}' },
        ifTrue: 'hasQr',
        share: 0.95,
      },
    ],
  },
];

/**
 * The flows as they run against AWS (or locally with the test range on): the code is derived from the load-test
 * secret, so the outbox read (local only) is not made and does not count in the request mix.
 */
export function withDerivedCodes(flows: readonly Flow[]): Flow[] {
  return flows.map((flow) => ({
    ...flow,
    steps: flow.steps.filter((step) => !('endpoint' in step) || step.endpoint.name !== ENDPOINTS.outbox.name),
  }));
}

/** Requests per arriving user by endpoint: the mix the flows make (conditional requests by their share). */
export function requestMix(flows: readonly Flow[] = FLOWS): Map<EndpointName, number> {
  const totalWeight = flows.reduce((sum, flow) => sum + flow.weight, 0);
  const mix = new Map<EndpointName, number>();
  for (const flow of flows)
    for (const step of flow.steps)
      if ('endpoint' in step) {
        const name = step.endpoint.name as EndpointName;
        const perUser = (flow.weight / totalWeight) * (step.share ?? 1);
        mix.set(name, (mix.get(name) ?? 0) + perUser);
      }
  return mix;
}
