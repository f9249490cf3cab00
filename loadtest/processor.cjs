// Artillery processor for the citizen, police and browsing flows: test data, per-worker pools, status checks.
'use strict';

const { createHmac } = require('node:crypto');

// Registered citizens and signed QRs made by this worker; returning citizens and police draw on them.
const citizens = [];
const qrs = [];
const POOL_LIMIT = 5000;
// The per-phone OTP limit is 5 codes in 15 min: a phone registers once and logs in at most twice.
const MAX_LOGINS = 2;
// Phones come from a per-worker random base plus a counter: unique within a worker, rarely clashing across workers.
let phoneBase = Math.floor(Math.random() * 1e8);
let staffToken;

const PLACES = [
  [1016, 10141, 'Ashulia'],
  [1016, 10142, 'Dhamrai'],
  [1011, 10078, 'Anowara'],
  [1022, 10234, 'Joydebpur'],
  [1033, 10303, 'Batiaghata'],
  [1060, 10502, 'Bagha'],
  [1071, 10589, 'Balagonj'],
];
// Rule-approved reasons (≤ 3 h) give police a QR to scan; the others go to an officer's review queue.
const REASONS = ['MEDICINE', 'MEDICINE', 'TREATMENT', 'FUNERAL', 'BUSINESS', 'AGRICULTURE'];
const pick = (list) => list[Math.floor(Math.random() * list.length)];

// With the load-test secret the workers use the reserved test range 0100xxxxxxx (api/domain/load-test-range.ts): the
// API sends no SMS for it and the code is derived here, so the flows run unchanged against AWS.
const loadTestSecret = () => process.env.MP_LOAD_TEST_SECRET || undefined;

function nextPhone() {
  phoneBase = (phoneBase + 1) % 1e8;
  if (loadTestSecret()) return `0100${String(phoneBase % 1e7).padStart(7, '0')}`;
  return `01${3 + (Math.floor(phoneBase / 1e7) % 7)}${String(phoneBase).padStart(8, '0')}`;
}

/** The code the API derived for a test number: HMAC(secret, number and the answer's sendAt), as deriveLoadTestCode. */
function deriveLoadTestCode(secret, mobilePhone, sendAt) {
  const digest = createHmac('sha256', Buffer.from(secret, 'base64url'))
    .update(`load-test-otp:${mobilePhone}:${sendAt}`)
    .digest();
  return String(digest.readUInt32BE(0) % 1_000_000).padStart(6, '0');
}

/** After POST /identity/otp: with the load-test secret, the code is derived (the outbox step is left out). */
function deriveCode(_req, res, context, _events, next) {
  const secret = loadTestSecret();
  if (!secret || res.statusCode !== 202) return next();
  try {
    context.vars.otp = deriveLoadTestCode(secret, context.vars.mobilePhone, JSON.parse(res.body).sendAt);
  } catch {
    // A non-JSON body already failed expectOk.
  }
  return next();
}

function applyBody(now = Date.now()) {
  const [district, thana, place] = pick(PLACES);
  return {
    fromLocation: 'Mirpur',
    toLocation: place,
    district,
    thana,
    startAt: new Date(now + 2 * 3600_000).toISOString(),
    durationHours: 2,
    tripType: pick(['R', 'O']),
    reason: pick(REASONS),
  };
}

/** A new citizen: phone, profile and an application body. */
function newCitizen(context, _events, done) {
  const [district, thana] = pick(PLACES);
  Object.assign(context.vars, {
    mobilePhone: nextPhone(),
    profile: {
      name: 'Load Test Citizen',
      dateOfBirth: '1990-04-13',
      gender: pick(['F', 'M']),
      idType: 'NID',
      idNumber: String(1e9 + Math.floor(Math.random() * 9e9)),
      district,
      thana,
    },
    application: applyBody(),
    idempotencyKey: `load-${Date.now()}-${Math.random().toString(36).slice(2, 10)}`,
    registerKey: `load-register-${Date.now()}-${Math.random().toString(36).slice(2, 10)}`,
  });
  return done();
}

/** A citizen registered earlier by this worker, or a new one when there is none yet. */
function returningCitizen(context, events, done) {
  const citizen = citizens.shift();
  if (!citizen) {
    context.vars.returning = false;
    return newCitizen(context, events, done);
  }
  // Out of the pool until this flow ends: two flows asking codes for one phone would overwrite each other's.
  Object.assign(context.vars, {
    returning: true,
    mobilePhone: citizen.mobilePhone,
    passId: citizen.passId,
    logins: citizen.logins + 1,
  });
  return done();
}

const isReturning = (vars) => vars.returning === true;
const isNewcomer = (vars) => vars.returning !== true;
const hasPass = (vars) => typeof vars.passId === 'string';
const hasQr = (vars) => typeof vars.qr === 'string';
const needsStaffLogin = (vars) => typeof vars.staffToken !== 'string';

/** Puts a registered citizen (and pass) in the pool so returning-citizen flows can log in as them. */
function rememberCitizen(context, _events, done) {
  const logins = context.vars.logins ?? 0;
  if (citizens.length < POOL_LIMIT && logins < MAX_LOGINS)
    citizens.push({ mobilePhone: context.vars.mobilePhone, passId: context.vars.passId, logins });
  return done();
}

/** After GET /passes/{id}: an approved pass carries a signed QR for police to scan. */
function rememberQr(_req, res, _context, _events, next) {
  try {
    const qr = JSON.parse(res.body).qr;
    if (typeof qr === 'string') {
      if (qrs.length >= POOL_LIMIT) qrs.shift();
      qrs.push(qr);
    }
  } catch {
    // A non-JSON body already failed expectOk.
  }
  return next();
}

/** A police officer at a checkpoint: one login per worker (a shift), then scans. */
function policeOfficer(context, _events, done) {
  // Distributed runs keep the password out of the uploaded script: the worker has it as a secret (run-fargate --secret).
  if (!context.vars.staffPassword) context.vars.staffPassword = process.env.MP_STAFF_PASSWORD;
  // Against AWS the workers sign in as the account `npm run staff -- create-load-test-police` made.
  context.vars.staffUsername = process.env.MP_STAFF_USERNAME || 'police';
  if (staffToken) context.vars.staffToken = staffToken;
  if (qrs.length > 0) context.vars.qr = pick(qrs);
  context.vars.verifyKey = `load-verify-${Date.now()}-${Math.random().toString(36).slice(2, 10)}`;
  return done();
}

function rememberStaffToken(_req, res, context, _events, next) {
  staffToken = JSON.parse(res.body).token;
  context.vars.staffToken = staffToken;
  return next();
}

// Retries as the web client makes them (web/kit/retry-policy.ts, CLIENT_RETRY; a test keeps the two equal): reads and
// writes with an Idempotency-Key, on 502/503/504, with doubling, half-jittered waits within a budget.
const RETRY = { baseDelayMs: 1000, maxDelayMs: 15000, budgetMs: 120000 };
const RETRYABLE_STATUSES = [502, 503, 504];

/** Before a retried request's loop: a fresh attempt count and clock. */
function startRetries(context, _events, done) {
  Object.assign(context.vars, { retry: false, retryAttempt: 0, retryStartedAt: Date.now(), retryWaited: 0 });
  return done();
}

/** First in each pass of the loop: waits before a retry (none before the first send). */
function retryWait(context, _events, done) {
  const { retryAttempt = 0 } = context.vars;
  context.vars.retryAttempt = retryAttempt + 1;
  // A request skipped by its ifTrue leaves this false and so ends the loop.
  context.vars.retry = false;
  const delay = context.vars.retryDelayMs ?? 0;
  context.vars.retryDelayMs = 0;
  if (retryAttempt === 0 || delay <= 0) return done();
  context.vars.retryWaited = (context.vars.retryWaited ?? 0) + delay;
  return setTimeout(done, delay);
}

/** The loop's condition: the last answer asked for another attempt. */
function retrying(context, next) {
  return next(context.vars.retry === true);
}

/** After a retried request: another attempt when no region answered and the budget allows, else expectOk. */
function retryOrExpect(req, res, context, events, next) {
  const attempt = context.vars.retryAttempt ?? 1;
  const ceiling = Math.min(RETRY.maxDelayMs, RETRY.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  const delay = ceiling / 2 + (Math.random() * ceiling) / 2;
  const elapsed = Math.max(
    Date.now() - (context.vars.retryStartedAt ?? Date.now()),
    context.vars.retryWaited ?? 0,
  );
  if (RETRYABLE_STATUSES.includes(res.statusCode) && elapsed + delay <= RETRY.budgetMs) {
    context.vars.retry = true;
    context.vars.retryDelayMs = delay;
    events.emit('counter', `mp.retried.${req.name ?? 'request'}`, 1);
    return next();
  }
  return expectOk(req, res, context, events, next);
}

/** Against AWS the workers carry the test's load-test key, so the WAF's per-address rate rules let them through. */
function withLoadTestKey(requestParams, _context, _events, next) {
  const key = process.env.MP_LOAD_TEST_KEY;
  if (key) requestParams.headers = { ...requestParams.headers, 'x-load-test-key': key };
  return next();
}

/** Fails the virtual user on any status outside 2xx, naming the endpoint, status and error code. */
function expectOk(req, res, _context, events, next) {
  if (res.statusCode >= 200 && res.statusCode < 300) return next();
  let code = '';
  try {
    code = JSON.parse(res.body).error.code;
  } catch {
    code = 'non-JSON body';
  }
  events.emit('counter', `mp.unexpected_status.${res.statusCode}`, 1);
  return next(new Error(`${req.name ?? req.url} answered ${res.statusCode} ${code}`));
}

module.exports = {
  withLoadTestKey,
  deriveCode,
  deriveLoadTestCode,
  newCitizen,
  returningCitizen,
  isReturning,
  isNewcomer,
  hasPass,
  hasQr,
  needsStaffLogin,
  rememberCitizen,
  rememberQr,
  policeOfficer,
  rememberStaffToken,
  expectOk,
  startRetries,
  retryWait,
  retrying,
  retryOrExpect,
  RETRY,
  nextPhone,
  applyBody,
};
