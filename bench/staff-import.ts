// `npx tsx bench/staff-import.ts [rows]`: time a bulk import of staff (default 5,000 rows) through the API in-process.

import { createApp } from '../api/app.ts';
import { generatePrivateJwk } from '../api/auth/keyring.ts';
import { generateSecret } from '../api/auth/secrets.ts';
import { buildDeps } from '../api/build-deps.ts';
import { seedDemoStaff } from '../api/staff/accounts.ts';
import { startDynamoDbLocal } from '../regions/runtime/dynamodb-local.ts';
import { ensureTable, localClient } from '../regions/runtime/table-setup.ts';

const rows = Number(process.argv[2] ?? 5000);
const PASSWORD = 'bench password 2026';
const db = await startDynamoDbLocal();
try {
  const table = `movement-pass-import-${Date.now()}`;
  await ensureTable(localClient(db.endpoint, 'ap-south-1'), table);
  const deps = await buildDeps({
    region: 'ap-south-1',
    table,
    dbEndpoint: db.endpoint,
    smsSender: 'outbox',
    authKeys: [await generatePrivateJwk()],
    passKeys: [await generatePrivateJwk()],
    otpKeys: [generateSecret()],
  });
  await seedDemoStaff(deps.db, PASSWORD);
  const app = createApp(deps);
  const login = await app.request('/api/v1/staff/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: PASSWORD }),
  });
  const { token } = (await login.json()) as { token: string };
  const csv = [
    'username,name,role,districts',
    ...Array.from(
      { length: rows },
      (_, i) => `officer.${i},Officer number ${i},officer,${1001 + (i % 75)};1016`,
    ),
  ].join('\n');
  const send = async (query = '') => {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const res = await app.request(`/api/v1/staff-accounts/import${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body: csv,
    });
    const body = (await res.json()) as Record<string, unknown>;
    const used = process.cpuUsage(cpu);
    if (res.status !== 200)
      throw new Error(`import answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
    return {
      seconds: Number(((performance.now() - started) / 1000).toFixed(2)),
      cpuSeconds: Number(((used.user + used.system) / 1e6).toFixed(2)),
      create: body.create,
      unchanged: body.unchanged,
    };
  };
  console.log(
    `\n== Staff import, ${rows} rows (${(csv.length / 1024).toFixed(0)} KB of CSV), DynamoDB Local ==`,
  );
  console.table({
    'preview (dryRun)': await send('?dryRun=true'),
    'import (creates every account)': await send(),
    're-send (idempotent, nothing written)': await send(),
  });
} finally {
  await db.stop();
}
