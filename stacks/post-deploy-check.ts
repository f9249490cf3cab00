// The pipeline's last step: every region answers /health on its own name and, called as CloudFront calls it (with
// the secret origin header, read from SSM at run time), serves the same pass-signing keys.
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { CodeBuildStep } from 'aws-cdk-lib/pipelines';
import { ORIGIN_HEADER } from '../api/client-address.ts';
import { type DeploymentConfig, EDGE_REGION } from './config.ts';
import { ORIGIN_SECRET_PARAMETER } from './constructs/api-origin-guard.ts';

export interface RegionEndpoint {
  regionId: string;
  /** https://api-<region>.<domain> in the pipeline; a local region in tests. */
  baseUrl: string;
}

const CURL = 'curl --silent --show-error --max-time 10 --retry 6 --retry-delay 10 --retry-all-errors';
/** Holds `x-origin-verify: <secret>` for curl's `-H @file`: the value never appears on a command line or in a log. */
const HEADER_FILE = 'origin-header.txt';

/**
 * Reads the value CloudFront sends (a plain String in us-east-1, resolved by the edge stack at deploy) into a file
 * readable only by this build. CodeBuild logs the command text, never the value.
 */
export function readOriginSecretCommand(): string {
  return (
    `umask 077 && secret="$(aws ssm get-parameter --region ${EDGE_REGION} --name ${ORIGIN_SECRET_PARAMETER} --query Parameter.Value --output text)" ` +
    `&& [ -n "$secret" ] && printf '%s: %s\\n' ${ORIGIN_HEADER} "$secret" > ${HEADER_FILE} ` +
    `|| { echo "cannot read ${ORIGIN_SECRET_PARAMETER} in ${EDGE_REGION} (npm run preflight checks it)"; exit 1; }`
  );
}

/**
 * One shell command per check (CodeBuild fails the step on the first non-zero exit). A region signing passes with
 * other keys than the rest would issue QR codes that police elsewhere reject, so the key sets must be identical.
 */
export function crossRegionCheckCommands(endpoints: readonly RegionEndpoint[]): string[] {
  const commands = [readOriginSecretCommand()];
  for (const { regionId: id, baseUrl } of endpoints) {
    commands.push(
      `${CURL} --fail -o health-${id}.json ${baseUrl}/health && jq -e '.ok == true and .region == "${id}"' health-${id}.json > /dev/null || { echo "${id}: ${baseUrl}/health is not ok for ${id}"; exit 1; }`,
      // Without --fail, to name the status: 403 means this region's keys/origin does not list the edge's secret.
      `code="$(${CURL} -H @${HEADER_FILE} -o keys-raw-${id}.json -w '%{http_code}' ${baseUrl}/api/v1/keys || true)"; [ "$code" = 200 ] || { echo "${id}: ${baseUrl}/api/v1/keys answered HTTP $code with the origin header (403: /movement-pass/keys/origin in ${id} does not list ${ORIGIN_SECRET_PARAMETER})"; exit 1; }`,
      `jq -S -c '.keys | sort_by(.kid)' keys-raw-${id}.json > keys-${id}.json && jq -e 'length > 0' keys-${id}.json > /dev/null || { echo "${id}: ${baseUrl}/api/v1/keys serves no keys"; exit 1; }`,
    );
  }
  const [first, ...others] = endpoints.map((e) => e.regionId);
  for (const id of others) {
    commands.push(
      `cmp -s keys-${first}.json keys-${id}.json || { echo "pass-signing keys differ between ${first} and ${id}: /movement-pass/keys/pass must be identical in every region"; exit 1; }`,
    );
  }
  commands.push(
    `rm -f ${HEADER_FILE} && echo "${endpoints.length} region(s) healthy, one set of pass-signing keys"`,
  );
  return commands;
}

/** The step's role may read that one parameter and nothing else of SSM (a String: no KMS key involved). */
export function crossRegionCheckStep(config: DeploymentConfig): CodeBuildStep {
  const endpoints = config.regions.map((r) => ({
    regionId: r.id,
    baseUrl: `https://api-${r.id}.${config.dns.domain}`,
  }));
  return new CodeBuildStep('CrossRegionCheck', {
    commands: crossRegionCheckCommands(endpoints),
    rolePolicyStatements: [
      new PolicyStatement({
        actions: ['ssm:GetParameter'],
        resources: [
          `arn:aws:ssm:${EDGE_REGION}:${config.accounts.workload}:parameter${ORIGIN_SECRET_PARAMETER}`,
        ],
      }),
    ],
  });
}
