// Every Lambda function of a synthesized cloud assembly: its stack, environment, trigger and staged asset directory.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CloudAssembly, CloudFormationStackArtifact } from 'aws-cdk-lib/cx-api';

/** How a function is invoked, read from the template: what its trigger sends decides the test event. */
export type Trigger =
  | 'http-api'
  | 'dynamodb-stream'
  | 'lake-stream'
  | 'sqs'
  | 'sns'
  | 'custom-resource'
  | 'none';

export interface AssemblyLambda {
  stack: CloudFormationStackArtifact;
  logicalId: string;
  runtime: string;
  handler: string;
  environment: Record<string, string>;
  /** The S3 key the template deploys, the asset's identity. */
  s3Key: string;
  /** The staged asset directory inside the assembly (cdk.out) that becomes that S3 object. */
  assetDir: string;
  trigger: Trigger;
}

// biome-ignore lint/suspicious/noExplicitAny: CloudFormation resources are free-form JSON
type Resources = Record<string, { Type: string; Properties?: any }>;

interface AssetManifest {
  files?: Record<string, { source: { path: string }; destinations: Record<string, { objectKey: string }> }>;
}

const refOf = (value: unknown): string | undefined => {
  const v = value as { Ref?: string; 'Fn::GetAtt'?: [string, string] } | undefined;
  return v?.Ref ?? v?.['Fn::GetAtt']?.[0];
};

function triggers(resources: Resources): Map<string, Trigger> {
  const found = new Map<string, Trigger>();
  // An alias stands for its function (API Gateway invokes the `live` alias).
  const target = (id: string | undefined) => {
    const r = id ? resources[id] : undefined;
    return r?.Type === 'AWS::Lambda::Alias' ? refOf(r.Properties.FunctionName) : id;
  };
  for (const [, r] of Object.entries(resources)) {
    if (r.Type === 'AWS::Lambda::EventSourceMapping') {
      const source = resources[refOf(r.Properties.EventSourceArn) ?? ''];
      found.set(
        target(refOf(r.Properties.FunctionName))!,
        source?.Type === 'AWS::SQS::Queue' ? 'sqs' : 'dynamodb-stream',
      );
    }
    if (r.Type === 'AWS::SNS::Subscription' && r.Properties.Protocol === 'lambda')
      found.set(target(refOf(r.Properties.Endpoint))!, 'sns');
    if (r.Type === 'AWS::ApiGatewayV2::Integration')
      found.set(target(refOf(r.Properties.IntegrationUri))!, 'http-api');
    const serviceToken = refOf(r.Properties?.ServiceToken);
    if (serviceToken) found.set(serviceToken, 'custom-resource');
  }
  return found;
}

function assetDirs(stack: CloudFormationStackArtifact): Map<string, string> {
  const dir = stack.assembly.directory;
  const manifestFile = join(dir, stack.templateFile.replace(/\.template\.json$/, '.assets.json'));
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as AssetManifest;
  const byKey = new Map<string, string>();
  for (const file of Object.values(manifest.files ?? {}))
    for (const destination of Object.values(file.destinations))
      byKey.set(destination.objectKey, join(dir, file.source.path));
  return byKey;
}

export function assemblyLambdas(assembly: CloudAssembly): AssemblyLambda[] {
  const lambdas: AssemblyLambda[] = [];
  for (const stack of assembly.stacksRecursively) {
    const resources = (stack.template as { Resources?: Resources }).Resources ?? {};
    const functions = Object.entries(resources).filter(([, r]) => r.Type === 'AWS::Lambda::Function');
    if (functions.length === 0) continue;
    const byTrigger = triggers(resources);
    const assets = assetDirs(stack);
    for (const [logicalId, fn] of functions) {
      const s3Key = String(fn.Properties.Code?.S3Key ?? '');
      const environment = fn.Properties.Environment?.Variables ?? {};
      const trigger = byTrigger.get(logicalId) ?? 'none';
      lambdas.push({
        stack,
        logicalId,
        runtime: String(fn.Properties.Runtime ?? ''),
        handler: String(fn.Properties.Handler ?? ''),
        environment,
        s3Key,
        assetDir: assets.get(s3Key) ?? '',
        // The lake's writer reads the same replica stream as the aggregator; its Firehose stream tells them apart.
        trigger: trigger === 'dynamodb-stream' && environment.MP_LAKE_STREAM ? 'lake-stream' : trigger,
      });
    }
  }
  return lambdas;
}
