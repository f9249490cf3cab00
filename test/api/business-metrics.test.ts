// Business metrics: the routes count facts, Lambda's sink writes them as CloudWatch embedded-metric-format lines.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BusinessMetric, MetricsSink } from '../../api/metrics/business-metrics.ts';
import { emfMetrics } from '../../api/metrics/emf-metrics.ts';
import { applyBody, registerCitizen } from '../support/citizens.ts';
import { createTestApp } from '../support/test-app.ts';

afterEach(() => vi.restoreAllMocks());

function stdoutLines(): string[] {
  const lines: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    lines.push(
      ...String(chunk)
        .split('\n')
        .filter((l) => l !== ''),
    );
    return true;
  });
  return lines;
}

describe('business metrics', () => {
  it('writes one EMF document per flush with the counts, namespace, service and region', () => {
    const lines = stdoutLines();
    const sink = emfMetrics('ap-south-2');
    sink.count('Applications');
    sink.count('Applications');
    sink.count('Approvals');
    sink.flush();
    expect(lines).toHaveLength(1);
    const doc = JSON.parse(lines[0]!);
    expect(doc).toMatchObject({ Applications: 2, Approvals: 1, region: 'ap-south-2', service: 'api' });
    expect(doc._aws.Timestamp).toEqual(expect.any(Number));
    expect(doc._aws.CloudWatchMetrics[0]).toMatchObject({
      Namespace: 'MovementPass',
      Dimensions: [expect.arrayContaining(['service', 'region'])],
      Metrics: expect.arrayContaining([{ Name: 'Applications', Unit: 'Count' }]),
    });
  });

  it('writes nothing for a request that counted nothing', () => {
    const lines = stdoutLines();
    emfMetrics('ap-south-1').flush();
    expect(lines).toEqual([]);
  });

  it('starts each request from zero after a flush', () => {
    const lines = stdoutLines();
    const sink = emfMetrics('ap-south-1');
    sink.count('ChecksValid');
    sink.flush();
    sink.count('ChecksInvalid');
    sink.flush();
    const [first, second] = lines.map((l) => JSON.parse(l));
    expect(first).toMatchObject({ ChecksValid: 1 });
    expect(second.ChecksValid).toBeUndefined();
    expect(second._aws.CloudWatchMetrics[0].Metrics).toEqual([{ Name: 'ChecksInvalid', Unit: 'Count' }]);
  });

  it('counts a registration, an application and its automatic approval, flushed per request', async () => {
    const counted: BusinessMetric[] = [];
    let flushes = 0;
    const sink: MetricsSink = { count: (m) => counted.push(m), flush: () => (flushes += 1) };
    const t = await createTestApp();
    t.deps.metrics = sink;
    const citizen = await registerCitizen(t);
    // The default rules approve a 3-hour medicine trip at once.
    const res = await t.request('POST', '/api/v1/passes', {
      body: applyBody({ reason: 'MEDICINE', durationHours: 3 }),
      token: citizen.token,
    });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('APPROVED');
    expect(counted).toEqual(['Registrations', 'Applications', 'Approvals']);
    expect(flushes).toBeGreaterThanOrEqual(3);
  });
});
