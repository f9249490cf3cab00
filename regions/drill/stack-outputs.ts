// The victim's health-check id from a `cdk deploy --outputs-file` JSON: the regional stack's HealthCheckId output.
import { readFileSync } from 'node:fs';

/** `{ "<stack>": { "HealthCheckId": "…" } }`: the stack whose name carries the region id (movement-pass-api-<id>). */
export function healthCheckIdFromOutputs(json: string, regionId: string): string {
  const stacks = JSON.parse(json) as Record<string, Record<string, unknown>>;
  const found = Object.entries(stacks).filter(
    ([name, outputs]) =>
      new RegExp(`(^|[^a-z0-9])${regionId}($|[^a-z0-9])`).test(name) &&
      typeof outputs?.HealthCheckId === 'string',
  );
  if (found.length !== 1)
    throw new Error(
      `${found.length === 0 ? 'no' : 'more than one'} stack for ${regionId} with a HealthCheckId output in the outputs file`,
    );
  return (found[0] as [string, Record<string, string>])[1].HealthCheckId as string;
}

export const readHealthCheckId = (path: string, regionId: string) =>
  healthCheckIdFromOutputs(readFileSync(path, 'utf8'), regionId);
