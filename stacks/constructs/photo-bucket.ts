// A region's applicant-photo bucket: private, encrypted, versioned (replication needs it), replicated to every other
// region's photo bucket so any region can show any applicant's photo; the API reads and writes through its role.
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  ObjectOwnership,
  ReplicationTimeValue,
} from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledgeWildcards, type WildcardReason } from '../nag-acknowledgements.ts';

/** Object-level actions on the photo buckets (never another bucket): S3 grants are wildcards by design. */
const PHOTO_WILDCARDS: WildcardReason[] = [
  {
    finding: /^Action::s3:(Abort\*|DeleteObject\*|GetBucket\*|GetObject\*|List\*)$/,
    reason: "CDK's S3 grant/replication action groups, scoped to the photo buckets' ARNs below.",
  },
  {
    finding:
      /^Resource::(<PhotosBucket[0-9A-F]+\.Arn>|arn:aws:s3:::movement-pass-photos-\d{12}-[a-z0-9-]+)\/(photos\/)?\*$/,
    reason: 'Objects of the photo buckets (one per applicant, ids unknown at deploy time).',
  },
];

export interface PhotoBucketProps {
  /** The other regions of the deployment: each receives a copy of every photo. */
  readonly replicaRegionIds: readonly string[];
}

/** Deterministic names, so each region can name the others' buckets without cross-region references. */
export const PHOTO_BUCKET_PATTERN = (account: string) => `movement-pass-photos-${account}-{region}`;
export const photoBucketName = (account: string, region: string) =>
  PHOTO_BUCKET_PATTERN(account).replace('{region}', region);

export class PhotoBucket extends Construct {
  readonly bucket: Bucket;
  /** For the API's environment (MP_PHOTO_BUCKET_PATTERN). */
  readonly bucketPattern: string;
  private readonly replicas: ReturnType<typeof Bucket.fromBucketAttributes>[];

  constructor(scope: Construct, id: string, props: PhotoBucketProps) {
    super(scope, id);
    const { account, region } = Stack.of(this);
    this.bucketPattern = PHOTO_BUCKET_PATTERN(account);
    this.replicas = props.replicaRegionIds.map((other) =>
      Bucket.fromBucketAttributes(this, `Replica-${other}`, {
        bucketName: photoBucketName(account, other),
        region: other,
        account,
      }),
    );
    const destinations = this.replicas;
    this.bucket = new Bucket(this, 'Bucket', {
      bucketName: photoBucketName(account, region),
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      // A photo is written once per applicant; old versions exist only if something rewrote it.
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30) }],
      removalPolicy: RemovalPolicy.RETAIN,
      // Replication Time Control: 99.99 % of objects within 15 minutes; until then the API reads the origin bucket.
      replicationRules: destinations.map((destination, i) => ({
        id: `to-${props.replicaRegionIds[i]}`,
        destination,
        priority: i + 1,
        filter: { prefix: 'photos/' },
        deleteMarkerReplication: false,
        replicationTimeControl: ReplicationTimeValue.FIFTEEN_MINUTES,
        metrics: ReplicationTimeValue.FIFTEEN_MINUTES,
      })),
    });
    const replicationRole = this.bucket.node.tryFindChild('ReplicationRole');
    if (replicationRole) acknowledgeWildcards(replicationRole, PHOTO_WILDCARDS);
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'Photos are read only by the API (CloudTrail data events can be enabled for audit); server access logs of every photo read would copy applicant ids into another bucket.',
    });
  }

  /** Write and read in this region; read in the others (the fallback while replication has not delivered). */
  grantApi(grantee: IGrantable): void {
    this.bucket.grantReadWrite(grantee, 'photos/*');
    for (const replica of this.replicas) replica.grantRead(grantee, 'photos/*');
    const policyOwner = grantee.grantPrincipal as unknown as Construct;
    if (policyOwner.node) acknowledgeWildcards(policyOwner, PHOTO_WILDCARDS);
  }
}
