// Bytes the event lake keeps per row, and so what a question costs in Athena at launch volume: writes a launch-sized
// day of rows (the launch's mix of facts) as Parquet the way the local sink does, and reads the files' size.
// Usage: npx tsx bench/lake-bytes.ts [rows]
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pseudonymizer } from '../api/lake/events-from-stream.ts';
import type { LakeEvent } from '../api/lake/lake-event.ts';
import { parquetDirSink } from '../api/lake/parquet-dir-sink.ts';
import { LAUNCH } from '../loadtest/capacity/launch-mix.ts';

const rows = Number(process.argv[2] ?? 200_000);
const hash = pseudonymizer('bench');
const day = '2026-12-05';
const reasons = ['MEDICINE', 'GROCERY', 'BUSINESS', 'TREATMENT', 'FUNERAL', 'AGRICULTURE'];
// The launch's facts: registrations, applications, a decision per application, two checks per pass.
const mix: [LakeEvent['event_type'], number][] = [
  ['registration', LAUNCH.registrations],
  ['application', LAUNCH.passes],
  ['decision', LAUNCH.passes],
  ['check', 2 * LAUNCH.passes],
];
const total = mix.reduce((s, [, n]) => s + n, 0);
const events: LakeEvent[] = [];
for (let i = 0; i < rows; i++) {
  let r = (i * 7919) % total;
  const type = mix.find(([, n]) => (r -= n) < 0)?.[0] ?? 'check';
  const at = Date.parse(`${day}T00:00:00Z`) + Math.floor((i / rows) * 86_400_000);
  events.push({
    event_id: hash('event', String(i)),
    event_type: type,
    event_ms: at,
    applicant_key: type === 'check' ? null : hash('applicant', String(i % 50_000)),
    pass_id: type === 'registration' ? null : `01KM${String(i).padStart(22, '0')}`,
    district: 1001 + (i % 75),
    thana: 10001 + (i % 626),
    reason: type === 'application' || type === 'decision' ? (reasons[i % reasons.length] as string) : null,
    trip_type: type === 'application' ? 'R' : null,
    duration_hours: type === 'application' ? 1 + (i % 24) : null,
    end_ms: type === 'application' ? at + 3 * 3_600_000 : null,
    decision: type === 'decision' ? (i % 5 === 0 ? 'REJECTED' : 'APPROVED') : null,
    decided_by: type === 'decision' ? (i % 3 === 0 ? 'staff' : 'system') : null,
    officer:
      type === 'decision' && i % 3 === 0
        ? `officer.${i % 400}`
        : type === 'check'
          ? `police.${i % 2000}`
          : null,
    check_valid: type === 'check' ? i % 20 !== 0 : null,
    check_result: type === 'check' ? 'OK' : null,
    check_offline: type === 'check' ? i % 10 === 0 : null,
    action: null,
    is_test: false,
    day,
    region: 'ap-south-1',
  });
}
const dir = mkdtempSync(join(tmpdir(), 'mp-lake-bytes-'));
const sink = await parquetDirSink(dir);
// Firehose writes a file per 64 MB or 300 s: one big file per partition is the closer picture than per-batch files.
await sink.write(events);
const partition = join(dir, 'events', `day=${day}`, 'region=ap-south-1');
const bytes = readdirSync(partition).reduce((s, f) => s + statSync(join(partition, f)).size, 0);
const perRow = bytes / rows;
const launchRows = total;
const launchBytes = perRow * launchRows;
const athenaUsdPerTb = 5;
// Athena bills at least 10 MB a query.
const costOf = (b: number) => (Math.max(b, 10 * 1024 ** 2) / 1024 ** 4) * athenaUsdPerTb;
console.log(
  `${rows} rows → ${(bytes / 1024 ** 2).toFixed(2)} MB Parquet (ZSTD): ${perRow.toFixed(1)} bytes a row`,
);
console.log(
  `launch (${launchRows.toLocaleString('en-US')} facts in ${LAUNCH.hours} h): ${(launchBytes / 1024 ** 2).toFixed(1)} MB; ` +
    `a question reading every launch file costs $${costOf(launchBytes).toFixed(5)} (Athena $${athenaUsdPerTb}/TB, 10 MB minimum), ` +
    'less with the day partitions and the columns it reads',
);
