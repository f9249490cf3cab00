// Lambda configuration from SSM Parameter Store: one recursive GetParametersByPath, cached per container, retried
// with jittered backoff when SSM throttles (a cold-start burst shares the account's 40 requests/s).
import type { GetParametersByPathCommandInput, SSMClient } from '@aws-sdk/client-ssm';
import { parseSecretList } from '../auth/secrets.ts';
import { parseApprovalRules } from '../domain/approval-rules.ts';
import { resolveLoadTestRange } from '../domain/load-test-range.ts';
import { parseKeyList, type RuntimeConfig } from './runtime-config.ts';
import { SSM_RETRY_POLICY, type ThrottleRetryPolicy, withThrottleRetry } from './throttle-retry.ts';

export function parametersRequest(path: string, nextToken?: string): GetParametersByPathCommandInput {
  return {
    Path: path,
    Recursive: true,
    WithDecryption: true,
    MaxResults: 10,
    ...(nextToken ? { NextToken: nextToken } : {}),
  };
}

/** All parameters under path, by name relative to it ("keys/auth", "config/sms-sender"). */
export async function readParameters(
  client: Pick<SSMClient, 'send'>,
  path: string,
  retry: ThrottleRetryPolicy = SSM_RETRY_POLICY,
): Promise<Map<string, string>> {
  const { GetParametersByPathCommand } = await import('@aws-sdk/client-ssm');
  const values = new Map<string, string>();
  let nextToken: string | undefined;
  do {
    const request = parametersRequest(path, nextToken);
    const page = await withThrottleRetry(() => client.send(new GetParametersByPathCommand(request)), retry);
    for (const p of page.Parameters ?? [])
      if (p.Name && p.Value !== undefined) values.set(p.Name.slice(path.length), p.Value);
    nextToken = page.NextToken;
  } while (nextToken);
  return values;
}

/** What the stack tells the function about where it runs (MP_STAGE, MP_LAUNCH_REHEARSAL). */
export interface StageEnv {
  region: string;
  table: string;
  webDomain?: string;
  /** `production` when the stack does not say otherwise: the strict default. */
  stage?: string;
  launchRehearsal?: boolean;
}

export function configFromParameters(params: Map<string, string>, stageEnv: StageEnv): RuntimeConfig {
  const { stage = 'production', launchRehearsal = false, ...env } = stageEnv;
  const need = (name: string) => {
    const value = params.get(name);
    if (value === undefined) throw new Error(`SSM parameter ${name} is missing`);
    return value;
  };
  return {
    ...env,
    smsSender: 'queue',
    authKeys: parseKeyList(need('keys/auth'), 'keys/auth'),
    passKeys: parseKeyList(need('keys/pass'), 'keys/pass'),
    otpKeys: parseSecretList(need('keys/otp'), 'keys/otp'),
    // The regional endpoint answers only CloudFront, which sends one of these.
    origin: { secrets: parseSecretList(need('keys/origin'), 'keys/origin'), required: true },
    // Written by ops with the edge's secret: /health then proves CloudFront's calls would be accepted here.
    ...(params.has('config/origin-fingerprint')
      ? { expectedOriginFingerprint: need('config/origin-fingerprint') }
      : {}),
    // Ops switch the test-number range per stage; production refuses it unless the deploy is a launch rehearsal.
    loadTestRange: resolveLoadTestRange({
      setting: params.get('config/load-test-range'),
      stage,
      launchRehearsal,
      secrets: params.has('keys/load-test')
        ? parseSecretList(need('keys/load-test'), 'keys/load-test')
        : undefined,
    }),
    ...(params.has('config/approval-rules')
      ? { approvalRules: parseApprovalRules(need('config/approval-rules')) }
      : {}),
  };
}

let cached: Promise<RuntimeConfig> | undefined;

/** One SSM round trip per container; a failed load is not cached, so the next invocation retries. */
export function loadSsmConfig(
  client: Pick<SSMClient, 'send'>,
  path: string,
  env: StageEnv,
  retry: ThrottleRetryPolicy = SSM_RETRY_POLICY,
): Promise<RuntimeConfig> {
  cached ??= readParameters(client, path, retry)
    .then((params) => configFromParameters(params, env))
    .catch((error) => {
      cached = undefined;
      throw error;
    });
  return cached;
}
