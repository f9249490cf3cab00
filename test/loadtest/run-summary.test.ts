// The run summary made from Artillery's JSON: per-endpoint rows and verdicts, Markdown, and the SVG chart.
import { describe, expect, it } from 'vitest';
import { LOCAL_THRESHOLDS } from '../../loadtest/profiles.ts';
import { runChartSvg } from '../../loadtest/report/chart-svg.ts';
import { type ArtilleryReport, summarizeRun } from '../../loadtest/report/run-summary.ts';
import { steadyRequestRate, summaryMarkdown } from '../../loadtest/report/summary-markdown.ts';

const latency = (p50: number, p99: number, count: number) => ({
  count,
  mean: p50,
  p50,
  p95: p99,
  p99,
  max: p99 + 1,
});
const period = (at: number, rate: number, p99: number, errors = 0) => ({
  period: 1_700_000_000_000 + at * 1000,
  rates: { 'http.request_rate': rate },
  counters: (errors > 0 ? { 'errors.ETIMEDOUT': errors } : {}) as Record<string, number>,
  summaries: { 'http.response_time': latency(10, p99, rate * 10) },
});

function report(registerP99: number, failed = 0): ArtilleryReport {
  return {
    aggregate: {
      counters: {
        'http.requests': 600,
        'vusers.created': 100,
        'vusers.completed': 100 - failed,
        ...(failed > 0 ? { 'vusers.failed': failed, 'errors.register answered 500 INTERNAL': failed } : {}),
        'plugins.metrics-by-endpoint.register.codes.201': 40,
        'plugins.metrics-by-endpoint.reference.codes.200': 200,
      },
      summaries: {
        'http.response_time': latency(10, registerP99, 600),
        'plugins.metrics-by-endpoint.response_time.register': latency(40, registerP99, 40),
        'plugins.metrics-by-endpoint.response_time.reference': latency(2, 9, 200),
      },
      firstMetricAt: 1_700_000_000_000,
      lastMetricAt: 1_700_000_030_000,
    },
    intermediate: [period(0, 5, 50), period(10, 20, 60), period(20, 22, 70, 2), period(30, 3, 40)],
  };
}

describe('run summary', () => {
  it('gives per-endpoint counts, percentiles and status codes, busiest first', () => {
    const summary = summarizeRun(report(120), LOCAL_THRESHOLDS);
    expect(summary.endpoints.map((e) => e.name)).toEqual(['reference', 'register']);
    expect(summary.endpoints[1]).toMatchObject({
      count: 40,
      p50: 40,
      p99: 120,
      codes: { '201': 40 },
      withinBudget: true,
    });
    expect(summary.requestRate).toBeCloseTo(20, 9);
    expect(summary.passed).toBe(true);
  });

  it('fails the verdict on an endpoint over its p99 budget or on any failed virtual user', () => {
    expect(summarizeRun(report(500), LOCAL_THRESHOLDS).passed).toBe(false);
    const failing = summarizeRun(report(120, 2), LOCAL_THRESHOLDS);
    expect(failing.passed).toBe(false);
    expect(failing.errorPercent).toBe(2);
    expect(failing.errors).toEqual({ 'register answered 500 INTERNAL': 2 });
    expect(summarizeRun(report(120, 2), { p99Ms: 500, maxErrorPercent: 5 }).passed).toBe(true);
  });

  it('takes the steady rate as the median of the periods between the partial first and last', () => {
    expect(steadyRequestRate(summarizeRun(report(120), LOCAL_THRESHOLDS))).toBe(21);
  });

  it('writes Markdown with the verdict, a row per endpoint, the errors and the chart', () => {
    const md = summaryMarkdown(summarizeRun(report(700, 1), LOCAL_THRESHOLDS), 'smoke');
    expect(md).toContain('**FAILED**');
    expect(md).toMatch(/\| register \| 40 \| 40 \| 700 \| 700 \| 701 \| 201×40 \| 0 \| \*\*missed\*\* \|/);
    expect(md).toContain('| register answered 500 INTERNAL | 1 |');
    expect(md).toContain('](chart.svg)');
  });

  it('draws rate, p50, p99 and errors over time as one polyline each', () => {
    const svg = runChartSvg(summarizeRun(report(120), LOCAL_THRESHOLDS).periods, 'smoke <local>');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<polyline /g)).toHaveLength(4);
    expect(svg).toContain('smoke &lt;local&gt;');
    expect(svg).toContain('30 s');
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
  });
});
