// Walks the whole product through a running `npm start` (edge on MP_PORT, default 8080) and prints each step:
// register near Mumbai, two applications (one rule-approved, one reviewed), officer approval, QR, police check,
// read near Singapore, manager statistics. Usage: npx tsx scripts/walkthrough.ts
// biome-ignore lint/suspicious/noExplicitAny: a walkthrough reads whatever JSON the API answers
type Json = Record<string, any>;

const edge = `http://localhost:${process.env.MP_PORT ?? 8080}`;
const MUMBAI = '19.07,72.87';
const SINGAPORE = '1.35,103.82';
const password = process.env.MP_DEMO_PASSWORD ?? 'movement-pass-demo';

async function call(method: string, path: string, body?: unknown, token?: string, location = MUMBAI) {
  const res = await fetch(`${edge}/api/v1${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      'x-client-location': location,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await res.json()) as Json;
  console.log(`${method} ${path} → ${res.status} via ${res.headers.get('x-mp-region')}`);
  if (res.status >= 400) throw new Error(JSON.stringify(json));
  return json as Json;
}

const mobilePhone = `013${String(Date.now()).slice(-8)}`;
const code = async () => {
  await call('POST', '/identity/otp', { mobilePhone });
  return (await call('GET', `/dev/outbox?mobilePhone=${mobilePhone}`)).messages[0].code as string;
};
const registration = await call('POST', '/identity/register', {
  mobilePhone,
  otp: await code(),
  name: 'Rahima Begum Khan',
  dateOfBirth: '1990-04-13',
  gender: 'F',
  idType: 'NID',
  idNumber: '1234567890',
  district: 1016,
  thana: 10141,
});
const citizen = (await call('POST', '/identity/login', { mobilePhone, otp: await code() })).token as string;
const trip = (reason: string, hours: number, inHours: number) => ({
  fromLocation: 'Mirpur',
  toLocation: 'Dhanmondi',
  district: 1016,
  thana: 10141,
  startAt: new Date(Date.now() + inHours * 3_600_000).toISOString(),
  durationHours: hours,
  tripType: 'R',
  reason,
});
const reviewed = await call('POST', '/passes', trip('GROCERY', 3, 1.5), citizen);
console.log(`  reviewed application ${reviewed.id}: ${reviewed.status}`);

const staff = async (username: string) =>
  (await call('POST', '/staff/login', { username, password })).token as string;
const officer = await staff('officer');
const queue = await call('GET', '/reviews?district=1016', undefined, officer);
console.log(
  `  review queue of 1016 holds it: ${queue.passes.some((p: { id: string }) => p.id === reviewed.id)}`,
);
await call(
  'POST',
  `/passes/${reviewed.id}/decisions`,
  { decision: 'REJECTED', note: 'not essential' },
  officer,
);
const approved = await call('POST', '/passes', trip('MEDICINE', 2, 1.1), citizen);
console.log(`  rule-approved application ${approved.id}: ${approved.status}`);

// Regions replicate asynchronously (as Global Tables do): poll the far region until the pass arrives.
const started = Date.now();
let seen: Json | undefined;
while (!seen && Date.now() - started < 10_000)
  seen = await call('GET', `/passes/${approved.id}`, undefined, citizen, SINGAPORE).catch(async () => {
    await new Promise((resolve) => setTimeout(resolve, 200));
    return undefined;
  });
if (!seen) throw new Error('the pass did not reach Singapore within 10 s');
console.log(`  replicated to Singapore after ~${Date.now() - started} ms`);
console.log(`  read near Singapore: ${seen.status}, qr ${String(seen.qr).length} characters`);
const police = await staff('police');
const verdict = await call('POST', '/verify', { qr: seen.qr, location: { lat: 23.8, lon: 90.4 } }, police);
console.log(
  `  police verdict: valid=${verdict.valid} reason=${verdict.reason} name=${verdict.pass?.name ?? verdict.pass?.maskedName}`,
);
const today = new Date(Date.now() + 6 * 3_600_000).toISOString().slice(0, 10);
const stats = await call('GET', `/stats?from=${today}&to=${today}`, undefined, await staff('manager'));
console.log(`  manager totals: ${JSON.stringify(stats.totals)}`);
console.log(`applicant ${registration.applicantId} done`);

export {};
