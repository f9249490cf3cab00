// biome-ignore-all lint/suspicious/noExplicitAny: template JSON
// The regional photo buckets: private, versioned, replicated to every other region's bucket, named for the API.
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { photoBucketName } from '../../stacks/constructs/photo-bucket.ts';
import { type BuiltApp, buildTestApp, resourcesOf } from './build-test-app.ts';

let built: BuiltApp;
let templates: Map<string, Template>;

beforeAll(() => {
  built = buildTestApp();
  templates = new Map([...built.regional].map(([id, stack]) => [id, Template.fromStack(stack)]));
}, 180_000);

describe('photo buckets', () => {
  it('gives each region a private, encrypted, versioned bucket replicated to every other region', () => {
    const account = built.config.accounts.workload;
    for (const [regionId, t] of templates) {
      const others = built.config.regions.map((r) => r.id).filter((id) => id !== regionId);
      const bucket = resourcesOf(t, 'AWS::S3::Bucket').find(
        ([, b]) => b.Properties.BucketName === photoBucketName(account, regionId),
      )?.[1] as { Properties: Record<string, any> };
      expect(bucket.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
      expect(bucket.Properties.PublicAccessBlockConfiguration).toMatchObject({
        BlockPublicAcls: true,
        RestrictPublicBuckets: true,
      });
      const rules = bucket.Properties.ReplicationConfiguration.Rules as Record<string, any>[];
      expect(rules.map((r) => r.Destination.Bucket)).toEqual(
        others.map((o) => `arn:aws:s3:::${photoBucketName(account, o)}`),
      );
      for (const rule of rules) {
        expect(rule.Status).toBe('Enabled');
        expect(rule.Filter).toEqual({ Prefix: 'photos/' });
        expect(rule.Destination.ReplicationTime).toMatchObject({ Status: 'Enabled' });
      }
    }
  });

  it("names the buckets in the API's environment and lets it read and write photos only", () => {
    for (const [, t] of templates) {
      t.hasResourceProperties('AWS::Lambda::Function', {
        Environment: {
          Variables: Match.objectLike({
            MP_PHOTO_BUCKET_PATTERN: `movement-pass-photos-${built.config.accounts.workload}-{region}`,
          }),
        },
      });
      const policies = JSON.stringify(resourcesOf(t, 'AWS::IAM::Policy').map(([, p]) => p.Properties));
      expect(policies).toContain('s3:PutObject');
      expect(policies).toContain('/photos/*');
    }
  });
});
