// The Route 53 REST XML (2013-04-01) for the health-check subset drills use, pure: views in, documents out.

export const ROUTE53_NAMESPACE = 'https://route53.amazonaws.com/doc/2013-04-01/';

export interface HealthCheckView {
  id: string;
  callerReference: string;
  ipAddress: string;
  port: number;
  resourcePath: string;
  fullyQualifiedDomainName: string;
  requestIntervalSeconds: number;
  failureThreshold: number;
  inverted: boolean;
  disabled: boolean;
  version: number;
}

export interface ObservationView {
  checkerRegion: string;
  checkerIp: string;
  /** "Success: …" or "Failure: …", after inversion (what the routing sees). */
  status: string;
  checkedAt: number;
}

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const element = (name: string, value: string | number | boolean) =>
  `<${name}>${escapeXml(String(value))}</${name}>`;

const document = (root: string, body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${ROUTE53_NAMESPACE}">${body}</${root}>`;

export function healthCheckElement(check: HealthCheckView): string {
  const config = [
    element('IPAddress', check.ipAddress),
    element('Port', check.port),
    element('Type', 'HTTP'),
    element('ResourcePath', check.resourcePath),
    element('FullyQualifiedDomainName', check.fullyQualifiedDomainName),
    element('RequestInterval', check.requestIntervalSeconds),
    element('FailureThreshold', check.failureThreshold),
    element('MeasureLatency', false),
    element('Inverted', check.inverted),
    element('Disabled', check.disabled),
    element('EnableSNI', false),
  ].join('');
  return `<HealthCheck>${element('Id', check.id)}${element('CallerReference', check.callerReference)}<HealthCheckConfig>${config}</HealthCheckConfig>${element('HealthCheckVersion', check.version)}</HealthCheck>`;
}

export function listHealthChecksXml(
  checks: readonly HealthCheckView[],
  page: { marker: string; maxItems: number; nextMarker?: string },
): string {
  const body = [
    `<HealthChecks>${checks.map(healthCheckElement).join('')}</HealthChecks>`,
    element('Marker', page.marker),
    element('IsTruncated', page.nextMarker !== undefined),
    ...(page.nextMarker !== undefined ? [element('NextMarker', page.nextMarker)] : []),
    element('MaxItems', page.maxItems),
  ].join('');
  return document('ListHealthChecksResponse', body);
}

export const getHealthCheckXml = (check: HealthCheckView) =>
  document('GetHealthCheckResponse', healthCheckElement(check));

export const updateHealthCheckXml = (check: HealthCheckView) =>
  document('UpdateHealthCheckResponse', healthCheckElement(check));

export function healthCheckStatusXml(observations: readonly ObservationView[]): string {
  const items = observations
    .map(
      (o) =>
        `<HealthCheckObservation>${element('Region', o.checkerRegion)}${element('IPAddress', o.checkerIp)}<StatusReport>${element('Status', o.status)}${element('CheckedTime', new Date(o.checkedAt).toISOString())}</StatusReport></HealthCheckObservation>`,
    )
    .join('');
  return document(
    'GetHealthCheckStatusResponse',
    `<HealthCheckObservations>${items}</HealthCheckObservations>`,
  );
}

export function errorXml(code: string, message: string, requestId: string): string {
  return document(
    'ErrorResponse',
    `<Error>${element('Type', 'Sender')}${element('Code', code)}${element('Message', message)}</Error>${element('RequestId', requestId)}`,
  );
}

export interface HealthCheckUpdate {
  inverted?: boolean;
  disabled?: boolean;
  failureThreshold?: number;
  healthCheckVersion?: number;
}

/** Reads the UpdateHealthCheckRequest fields this subset honours; a malformed value is an InvalidInput. */
export function parseHealthCheckUpdate(xml: string): HealthCheckUpdate | { invalid: string } {
  const read = (name: string) => new RegExp(`<${name}>\\s*([^<]*?)\\s*</${name}>`).exec(xml)?.[1];
  const update: HealthCheckUpdate = {};
  for (const [name, field] of [
    ['Inverted', 'inverted'],
    ['Disabled', 'disabled'],
  ] as const) {
    const value = read(name);
    if (value === undefined) continue;
    if (value !== 'true' && value !== 'false') return { invalid: `${name} must be true or false` };
    update[field] = value === 'true';
  }
  for (const [name, field, min, max] of [
    ['FailureThreshold', 'failureThreshold', 1, 10],
    ['HealthCheckVersion', 'healthCheckVersion', 1, Number.MAX_SAFE_INTEGER],
  ] as const) {
    const value = read(name);
    if (value === undefined) continue;
    const number = Number(value);
    if (!Number.isInteger(number) || number < min || number > max)
      return { invalid: `${name} must be an integer from ${min} to ${max}` };
    update[field] = number;
  }
  return update;
}
