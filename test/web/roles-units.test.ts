// Pure parts of the police, manager and SRE pages: verdict words, date range, CSV, charts, region and pair states, PWA files.
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Stats } from '../../api/contract/stats.ts';
import { chartSeries } from '../../web/manager/chart-series.ts';
import { dashboardCsv } from '../../web/manager/csv.ts';
import { addDays, lastSevenDays, rangeProblems } from '../../web/manager/date-range.ts';
import { kindOf, offlineVerdict, onlineVerdict } from '../../web/police/verdict.ts';
import { pairState, regionState } from '../../web/sre/health.ts';
import type { PairStatus, RegionStatus } from '../../web/sre/status-types.ts';
import { policeIcon } from '../../web/tools/png-icon.ts';
import { policeServiceWorker } from '../../web/tools/police-sw.ts';

describe('police verdicts', () => {
  it('names every reason as one of the verdicts the screen shows', () => {
    expect(
      ['OK', 'NOT_YET_VALID', 'EXPIRED', 'REVOKED', 'BAD_SIGNATURE', 'UNKNOWN_KEY', 'MALFORMED'].map(kindOf),
    ).toEqual(['valid', 'notYet', 'expired', 'revoked', 'forged', 'forged', 'forged']);
    expect(['PENDING', 'REJECTED', 'NOT_FOUND'].map(kindOf)).toEqual(['invalid', 'invalid', 'invalid']);
  });

  it('reads the facts from the API online and from the signed claims offline', () => {
    const online = onlineVerdict({
      reason: 'OK',
      pass: {
        name: 'Rahima B.',
        fromLocation: 'A',
        toLocation: 'B',
        startAt: '2026-12-01T10:00:00.000Z',
        endAt: '2026-12-01T12:00:00.000Z',
        photo: null,
      },
    });
    expect(online).toMatchObject({ kind: 'valid', mode: 'online', name: 'Rahima B.', from: 'A', to: 'B' });
    const offline = offlineVerdict({
      valid: false,
      reason: 'EXPIRED',
      claims: { i: 'X', n: 'Karim U.', f: 'C', t: 'D', d: 1001, nbf: 1_796_000_000, exp: 1_796_007_200 },
    });
    expect(offline).toMatchObject({
      kind: 'expired',
      mode: 'offline',
      name: 'Karim U.',
      validFrom: new Date(1_796_000_000_000).toISOString(),
      validUntil: new Date(1_796_007_200_000).toISOString(),
    });
    expect(offlineVerdict({ valid: false, reason: 'BAD_SIGNATURE' })).toEqual({
      kind: 'forged',
      reason: 'BAD_SIGNATURE',
      mode: 'offline',
    });
  });

  it('offline, a pass signed with a key not yet cached needs the network instead of being called forged', () => {
    expect(offlineVerdict({ valid: false, reason: 'UNKNOWN_KEY', kid: 'new-key' })).toMatchObject({
      kind: 'needsNetwork',
      reason: 'UNKNOWN_KEY',
      mode: 'offline',
    });
    expect(onlineVerdict({ reason: 'UNKNOWN_KEY', pass: null }).kind).toBe('forged');
  });
});

describe('manager dashboard', () => {
  it('defaults to the last 7 days in Dhaka, also across midnight UTC', () => {
    // 20:00 UTC on 1 Dec is 02:00 on 2 Dec in Dhaka.
    expect(lastSevenDays(Date.parse('2026-12-01T20:00:00Z'))).toEqual({
      from: '2026-11-26',
      to: '2026-12-02',
    });
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('refuses a range that ends before it starts or is longer than 31 days', () => {
    expect(rangeProblems('2026-12-01', '2026-12-07')).toEqual({});
    expect(rangeProblems('2026-12-07', '2026-12-01')).toEqual({ to: 'order' });
    expect(rangeProblems('2026-11-01', '2026-12-01')).toEqual({});
    expect(rangeProblems('2026-10-31', '2026-12-01')).toEqual({ to: 'tooLong' });
    expect(rangeProblems('', '2026-12-01')).toEqual({ from: 'required' });
  });

  it('writes CSV with quoting and no spreadsheet formulas', () => {
    const csv = dashboardCsv(
      { from: '2026-12-01', to: '2026-12-07' },
      [{ label: 'Applications', value: 3 }],
      [
        {
          id: 'reason',
          title: 'By reason',
          labelHeader: 'Reason',
          valueHeader: 'Applications',
          bars: [
            { label: 'Shop, "big"', value: 2 },
            { label: '=cmd()', value: 1 },
          ],
        },
      ],
    );
    expect(csv.split('\r\n')).toEqual([
      'section,label,value',
      'range,from,2026-12-01',
      'range,to,2026-12-07',
      'totals,Applications,3',
      'By reason,"Shop, ""big""",2',
      `By reason,"'=cmd()",1`,
      '',
    ]);
  });

  it('neutralizes cells that start with a tab or a carriage return, and quotes free text (OWASP CSV injection)', () => {
    const csv = dashboardCsv(
      { from: '2026-12-01', to: '2026-12-07' },
      [],
      [
        {
          id: 'reason',
          title: '\t=HYPERLINK("http://x")',
          labelHeader: 'Reason',
          valueHeader: 'Applications',
          bars: [
            { label: '\r=1+1', value: 1 },
            { label: '-2+3', value: -4 },
          ],
        },
      ],
    );
    const lines = csv.split('\r\n');
    expect(lines[3]).toBe(`"'\t=HYPERLINK(""http://x"")","'\r=1+1",1`);
    expect(lines[4]).toBe(`"'\t=HYPERLINK(""http://x"")","'-2+3",-4`);
  });

  it('ranks the top 10 districts by applications and names sources', () => {
    const row = (n: number) => ({
      registrations: 0,
      applications: n,
      approved: 0,
      rejected: 0,
      revoked: 0,
      checksValid: 0,
      checksInvalid: 0,
    });
    const stats = {
      from: '2026-12-01',
      to: '2026-12-01',
      timeZone: 'Asia/Dhaka',
      totals: { ...row(0), pending: 0 },
      byDay: [],
      byHour: [],
      byDistrict: Array.from({ length: 12 }, (_, i) => ({ district: 1001 + i, ...row(i) })),
      byReason: [],
      byRegion: [],
      decisionsBySource: [{ source: 'system', ...row(0), approved: 4 }],
      checksByResult: [],
    } as Stats;
    const series = chartSeries(stats, (key) => key, {
      district: (id) => `D${id}`,
      reason: (code) => code,
    });
    const districts = series.find((s) => s.id === 'district')?.bars ?? [];
    expect(districts).toHaveLength(10);
    expect(districts[0]).toEqual({ label: 'D1012', value: 11 });
    expect(series.find((s) => s.id === 'source')?.bars).toEqual([{ label: 'rules', value: 4 }]);
  });
});

describe('SRE states', () => {
  const region = (over: Partial<RegionStatus>) => ({ healthy: true, ...over }) as RegionStatus;
  const pair = (over: Partial<PairStatus>) =>
    ({
      paused: false,
      pending: 0,
      lag: { p50: 10, p99: 5_000, last: 20, samples: 9 },
      ...over,
    }) as PairStatus;

  it('calls a region healthy, unhealthy or down', () => {
    expect(regionState(region({}))).toBe('healthy');
    expect(regionState(region({ healthy: false }))).toBe('unhealthy');
    expect(regionState(region({ process: { apiRunning: false, databaseRunning: true } }))).toBe('down');
  });

  it('calls a pair paused, lagging (last change late or a backlog) or ok, whatever an old p99 spike says', () => {
    expect(pairState(pair({}))).toBe('ok');
    expect(pairState(pair({ paused: true }))).toBe('paused');
    expect(pairState(pair({ pending: 500 }))).toBe('lagging');
    expect(pairState(pair({ lag: { p50: 10, p99: 9_000, last: 3_000, samples: 9 } }))).toBe('lagging');
  });
});

describe('police PWA files', () => {
  it('draws a real PNG icon of the asked size', () => {
    const png = policeIcon(48);
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([48, 48]);
    const idat = png.indexOf('IDAT');
    const pixels = inflateSync(png.subarray(idat + 4, idat + 4 + png.readUInt32BE(idat - 4)));
    expect(pixels.length).toBe(48 * (1 + 48 * 3));
  });

  it('precaches the given files under a versioned cache and never caches API calls but the keys', () => {
    const sw = policeServiceWorker(['/police/', '/assets/a.js'], 'abc');
    expect(sw).toContain("const CACHE = 'police-abc'");
    expect(sw).toContain('["/police/","/assets/a.js"]');
    expect(sw).toContain("url.pathname === '/api/v1/keys'");
    expect(sw).toContain("if (url.pathname.startsWith('/api/')) return;");
  });
});
