// The pipeline's last step: every region answers /health on its own name, and all serve the same pass-signing keys.
import { ShellStep } from 'aws-cdk-lib/pipelines';
import type { DeploymentConfig } from './config.ts';

export interface RegionEndpoint {
  regionId: string;
  /** https://api-<region>.<domain> in the pipeline; a local server in tests. */
  baseUrl: string;
}

const CURL = 'curl --fail --silent --show-error --max-time 10 --retry 6 --retry-delay 10 --retry-all-errors';

/**
 * One shell command per check (CodeBuild fails the step on the first non-zero exit). A region signing passes with
 * other keys than the rest would issue QR codes that police elsewhere reject, so the key sets must be identical.
 */
export function crossRegionCheckCommands(endpoints: readonly RegionEndpoint[]): string[] {
  const commands: string[] = [];
  for (const { regionId: id, baseUrl } of endpoints) {
    commands.push(
      `${CURL} -o health-${id}.json ${baseUrl}/health && jq -e '.ok == true and .region == "${id}"' health-${id}.json > /dev/null || { echo "${id}: ${baseUrl}/health is not ok for ${id}"; exit 1; }`,
      `${CURL} -o keys-raw-${id}.json ${baseUrl}/api/v1/keys && jq -S -c '.keys | sort_by(.kid)' keys-raw-${id}.json > keys-${id}.json && jq -e 'length > 0' keys-${id}.json > /dev/null || { echo "${id}: ${baseUrl}/api/v1/keys serves no keys"; exit 1; }`,
    );
  }
  const [first, ...others] = endpoints.map((e) => e.regionId);
  for (const id of others) {
    commands.push(
      `cmp -s keys-${first}.json keys-${id}.json || { echo "pass-signing keys differ between ${first} and ${id}: /movement-pass/keys/pass must be identical in every region"; exit 1; }`,
    );
  }
  commands.push(`echo "${endpoints.length} region(s) healthy, one set of pass-signing keys"`);
  return commands;
}

export function crossRegionCheckStep(config: DeploymentConfig): ShellStep {
  const endpoints = config.regions.map((r) => ({
    regionId: r.id,
    baseUrl: `https://api-${r.id}.${config.dns.domain}`,
  }));
  return new ShellStep('CrossRegionCheck', { commands: crossRegionCheckCommands(endpoints) });
}
