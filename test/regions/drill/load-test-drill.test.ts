// A drill whose synthetic citizens use the load-test range (as against AWS, where no outbox exists): full
// register/apply/verify journeys with derived codes, acknowledged writes read back from every region, none lost.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseSecretList } from '../../../api/auth/secrets.ts';
import { isLoadTestNumber } from '../../../api/domain/load-test-range.ts';
import { seedDemoStaff } from '../../../api/staff/accounts.ts';
import { createDb } from '../../../api/store/db.ts';
import { runDrill } from '../../../regions/drill/drill.ts';
import { parseDrillArgs } from '../../../regions/drill/drill-args.ts';
import { startTopology, type Topology } from '../../../regions/runtime/topology.ts';

const VICTIM = 'ap-south-2';
const tmp = mkdtempSync(join(tmpdir(), 'mp-lt-drill-'));
const tableName = `mp-ltdrill-${randomUUID().slice(0, 8)}`;
let topology: Topology;

beforeAll(async () => {
  const endpoint = inject('dynamoEndpoint');
  topology = await startTopology({
    edgeMode: 'instant',
    freePorts: true,
    edgePort: 0,
    databases: { 'ap-south-1': endpoint, 'ap-southeast-1': endpoint, 'ap-south-2': endpoint },
    tableName,
    keysDir: join(tmp, 'keys'),
    health: { intervalMs: 250, failureThreshold: 3, recoveryThreshold: 2 },
    replicationPollMs: 50,
    aggregatorHandler: null,
    // The regions switch the test range on (a staging stage in AWS); they create the secret in the keys folder.
    env: { MP_LOAD_TEST_RANGE: 'on' },
    log: () => undefined,
  });
  const first = topology.regions[0];
  if (first) {
    const db = createDb({ region: first.id, table: tableName, endpoint: first.dbEndpoint });
    await seedDemoStaff(db, 'movement-pass-demo');
    db.doc.destroy();
  }
}, 180_000);

afterAll(async () => {
  await topology?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe('a drill with MP_LOAD_TEST_SECRET', { timeout: 240_000 }, () => {
  it('registers, applies and verifies test-range citizens with derived codes and counts lost writes', async () => {
    const secret = parseSecretList(
      readFileSync(join(tmp, 'keys', 'load-test.json'), 'utf8'),
      'load-test',
    )[0]!;
    const settings = parseDrillArgs(
      [
        ...[
          '--region',
          VICTIM,
          '--mode',
          'evacuate',
          '--duration',
          '3s',
          '--rate',
          '4',
          '--warmup',
          '1500ms',
        ],
        ...['--after', '1500ms', '--converge-timeout', '30s', '--out', join(tmp, 'drills')],
      ],
      { MP_TARGET: topology.edgeUrl, MP_LOAD_TEST_SECRET: secret.secret },
    );
    expect(settings.loadTestSecret).toBe(secret.secret);
    const run = await runDrill(settings, { log: () => undefined });
    if (!run) throw new Error('no report');
    const { report } = run;
    expect(report.acknowledgedWrites).toBeGreaterThan(0);
    expect(report.lostWrites).toBe(0);
    expect(report.failedRequests).toBe(0);
    expect(report.notes).toContain(
      'synthetic citizens used the load-test range (codes derived from MP_LOAD_TEST_SECRET)',
    );

    const first = topology.regions[0]!;
    const db = createDb({ region: first.id, table: tableName, endpoint: first.dbEndpoint });
    const items = (await db.doc.send(new ScanCommand({ TableName: tableName }))).Items ?? [];
    db.doc.destroy();
    const applicants = items.filter((i) => String(i.pk).startsWith('APPLICANT#') && i.sk === 'PROFILE');
    expect(applicants.length).toBeGreaterThan(0);
    for (const applicant of applicants) {
      expect(isLoadTestNumber(String(applicant.mobilePhone))).toBe(true);
      expect(applicant.loadTest).toBe(true);
    }
    const checks = items.filter((i) => String(i.sk).startsWith('CHECK#'));
    for (const check of checks) expect(check.loadTest).toBe(true);
  });
});
