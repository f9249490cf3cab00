// The Route 53 health-check API subset on the edge (List/Get/GetStatus/Update), so drills use @aws-sdk/client-route-53.
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import type { HealthCheck, HealthChecker } from './health-checker.ts';
import {
  errorXml,
  getHealthCheckXml,
  type HealthCheckView,
  healthCheckStatusXml,
  listHealthChecksXml,
  parseHealthCheckUpdate,
  updateHealthCheckXml,
} from './route53-xml.ts';

export function healthCheckView(check: HealthCheck): HealthCheckView {
  const url = new URL(check.url);
  return {
    id: check.id,
    callerReference: `movement-pass-local-${check.regionId}`,
    ipAddress: url.hostname,
    port: Number(url.port),
    resourcePath: '/health',
    // Contains the region id, as the execute-api domains of the AWS checks do: drills find a region's check by it.
    fullyQualifiedDomainName: `${check.regionId}.localhost`,
    requestIntervalSeconds: Math.max(1, Math.ceil(check.policy.intervalMs / 1000)),
    failureThreshold: check.policy.failureThreshold,
    inverted: check.settings.inverted,
    disabled: check.settings.disabled,
    version: check.version,
  };
}

/** What GetHealthCheckStatus reports: the verdict routing acts on first, then what the last probe saw. */
export function observedStatus(check: HealthCheck): string {
  const verdict = check.healthy ? 'Success' : 'Failure';
  if (check.settings.disabled) return `${verdict}: health check disabled (always healthy)`;
  const last = check.state.last;
  if (!last) return `${verdict}: no probe yet (new checks start healthy)`;
  const detail = last.status.replace(/^(Success|Failure): /, '');
  if (check.settings.inverted) return `${verdict}: health check inverted; the probe said ${last.status}`;
  if (last.ok === check.healthy) return `${verdict}: ${detail}`;
  const streak = last.ok ? check.state.consecutiveSuccesses : check.state.consecutiveFailures;
  const needed = last.ok ? check.policy.recoveryThreshold : check.policy.failureThreshold;
  return `${verdict}: ${streak} of ${needed} probes to change; the last one said ${last.status}`;
}

const xml = (body: string, status: 200 | 400 | 404 | 409 = 200) =>
  new Response(body, { status, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': randomUUID() } });

const failure = (status: 400 | 404 | 409, code: string, message: string) =>
  xml(errorXml(code, message, randomUUID()), status);

const noSuchCheck = (id: string) =>
  failure(404, 'NoSuchHealthCheck', `No health check exists with the specified ID ${id}`);

export function route53Routes(checker: HealthChecker) {
  return new Hono()
    .get('/healthcheck', (c) => {
      const maxItems = Math.min(1000, Math.max(1, Number(c.req.query('maxitems') ?? 100) || 100));
      const marker = c.req.query('marker') ?? '';
      const sorted = [...checker.list()].sort((a, b) => (a.id < b.id ? -1 : 1));
      const start = marker ? sorted.findIndex((check) => check.id >= marker) : 0;
      const from = start < 0 ? sorted.length : start;
      const page = sorted.slice(from, from + maxItems);
      const next = sorted[from + maxItems];
      return xml(
        listHealthChecksXml(page.map(healthCheckView), {
          marker,
          maxItems,
          ...(next ? { nextMarker: next.id } : {}),
        }),
      );
    })
    .get('/healthcheck/:id/status', (c) => {
      const check = checker.byId(c.req.param('id'));
      if (!check) return noSuchCheck(c.req.param('id'));
      const checkedAt = check.state.last?.at ?? check.changedAt;
      return xml(
        healthCheckStatusXml([
          { checkerRegion: 'local-edge', checkerIp: '127.0.0.1', status: observedStatus(check), checkedAt },
        ]),
      );
    })
    .get('/healthcheck/:id', (c) => {
      const check = checker.byId(c.req.param('id'));
      return check ? xml(getHealthCheckXml(healthCheckView(check))) : noSuchCheck(c.req.param('id'));
    })
    .post('/healthcheck/:id', async (c) => {
      const id = c.req.param('id');
      const check = checker.byId(id);
      if (!check) return noSuchCheck(id);
      const update = parseHealthCheckUpdate(await c.req.text());
      if ('invalid' in update) return failure(400, 'InvalidInput', update.invalid);
      if (update.healthCheckVersion !== undefined && update.healthCheckVersion !== check.version)
        return failure(409, 'HealthCheckVersionMismatch', `the health check is at version ${check.version}`);
      const updated = checker.update(id, update);
      return updated ? xml(updateHealthCheckXml(healthCheckView(updated))) : noSuchCheck(id);
    });
}
