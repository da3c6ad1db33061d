/**
 * The audit trail's object storage (docs/AUDIT.md, "Export jobs" and
 * "Published anchors"):
 *
 * - the **export bucket**: files and manifests of export jobs, deleted after
 *   EXPORT_OBJECT_RETENTION_DAYS (unfinished multipart uploads after a day);
 * - the **anchors bucket**: every estate anchor, published once. Versioned,
 *   with S3 Object Lock in COMPLIANCE mode and a default retention of
 *   `anchorRetentionYears`: no one, not even the account's root user, can
 *   delete or overwrite a published anchor before its retention ends. Its
 *   policy also refuses deletes outright and any write that is not
 *   create-only (`If-None-Match: *`), so a second version can never be put
 *   on top of a published anchor;
 * - an **access-log bucket** receiving both buckets' server access logs (who
 *   downloaded which export).
 *
 * All three: S3-managed encryption (presigned download links then need no
 * KMS grant), TLS only, public access blocked, bucket-owner-enforced
 * ownership. Functions get exactly what their catalog entry's
 * `auditExportBucket` / `auditAnchorBucket` / `startAuditExportJobs` say, on
 * the key prefix they use, and the variables the handlers read.
 */
import { CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { Construct } from 'constructs';
import { EXPORT_OBJECT_RETENTION_DAYS } from '../../functions/domain/auditExportJob';
import { lambdaFunctions, type LambdaFunctionName, type LambdaSpec } from '../catalog';

/** How long a published anchor cannot be deleted or changed, by default: the longest retention rule (GB-ENG, 6 years) plus one. */
export const DEFAULT_ANCHOR_RETENTION_YEARS = 7;

/** Key prefixes: functions are granted their prefix only. */
export const EXPORT_PREFIX = 'exports/';
export const ANCHOR_PREFIX = 'anchors/';

export interface AuditStorageProps {
  functions: Record<LambdaFunctionName, lambda.Function>;
  anchorRetentionYears?: number;
}

export class AuditStorage extends Construct {
  readonly accessLogs: s3.Bucket;
  readonly exportBucket: s3.Bucket;
  readonly anchorBucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: AuditStorageProps) {
    super(scope, id);
    // Server access logs are delivered under a bucket policy (the logging service principal), not the legacy
    // LogDeliveryWrite ACL, so every bucket can keep ACLs disabled. Set here, before any child exists, for this construct only.
    this.node.setContext(cxapi.S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY, true);
    const retentionYears = props.anchorRetentionYears ?? DEFAULT_ANCHOR_RETENTION_YEARS;
    if (!Number.isInteger(retentionYears) || retentionYears < 1 || retentionYears > 100) throw new Error(`anchorRetentionYears must be a whole number of years from 1 to 100, got ${retentionYears}`);

    const common = {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
    } as const;

    this.accessLogs = new s3.Bucket(this, 'AccessLogs', {
      ...common,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(400) }],
    });
    this.exportBucket = new s3.Bucket(this, 'ExportBucket', {
      ...common,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'audit-exports/',
      lifecycleRules: [
        { id: 'expire-exports', expiration: Duration.days(EXPORT_OBJECT_RETENTION_DAYS) },
        { id: 'abort-unfinished-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
    });
    this.anchorBucket = new s3.Bucket(this, 'AnchorBucket', {
      ...common,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'audit-anchors/',
      versioned: true,
      objectLockEnabled: true,
    });
    // The L2 construct can only express the default retention in days; S3 takes whole years too, which is what is meant.
    (this.anchorBucket.node.defaultChild as s3.CfnBucket).objectLockConfiguration = {
      objectLockEnabled: 'Enabled',
      rule: { defaultRetention: { mode: 'COMPLIANCE', years: retentionYears } },
    };
    // Object Lock keeps every version; these keep the current one what it was first published as.
    this.anchorBucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'NoDeletes',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:DeleteObject', 's3:DeleteObjectVersion'],
        resources: [this.anchorBucket.arnForObjects('*')],
      }),
    );
    this.anchorBucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CreateOnlyWrites',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:PutObject'],
        resources: [this.anchorBucket.arnForObjects('*')],
        conditions: { Null: { 's3:if-none-match': 'true' } },
      }),
    );

    const exportObjects = this.exportBucket.arnForObjects(`${EXPORT_PREFIX}*`);
    const anchorObjects = this.anchorBucket.arnForObjects(`${ANCHOR_PREFIX}*`);
    for (const [name, spec] of Object.entries(lambdaFunctions) as [LambdaFunctionName, LambdaSpec][]) {
      const fn = props.functions[name];
      const { auditExportBucket, auditAnchorBucket, startAuditExportJobs } = spec.access;
      if (auditExportBucket) {
        fn.addEnvironment('AUDIT_EXPORT_BUCKET', this.exportBucket.bucketName);
        // `read` signs download links (a presigned URL carries the signer's permissions); `read-write` writes files by multipart upload.
        const actions = auditExportBucket === 'read-write' ? ['s3:PutObject', 's3:AbortMultipartUpload'] : ['s3:GetObject'];
        fn.addToRolePolicy(new iam.PolicyStatement({ actions, resources: [exportObjects] }));
      }
      if (auditAnchorBucket) {
        fn.addEnvironment('AUDIT_ANCHOR_BUCKET', this.anchorBucket.bucketName);
        // ListBucket lets a missing anchor read as "not found" rather than "access denied". No delete, ever.
        fn.addToRolePolicy(new iam.PolicyStatement({ actions: auditAnchorBucket === 'read-write' ? ['s3:GetObject', 's3:PutObject'] : ['s3:GetObject'], resources: [anchorObjects] }));
        fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [this.anchorBucket.bucketArn] }));
      }
      if (startAuditExportJobs) {
        const job = props.functions.runAuditExportJob;
        fn.addEnvironment('AUDIT_EXPORT_JOB_FUNCTION', job.functionName);
        // The unqualified function only (no `:*` versions or aliases).
        fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [job.functionArn] }));
      }
    }

    new CfnOutput(Stack.of(this), 'AuditExportBucketName', { value: this.exportBucket.bucketName, description: `Export job files and manifests (deleted after ${EXPORT_OBJECT_RETENTION_DAYS} days)` });
    new CfnOutput(Stack.of(this), 'AuditAnchorBucketName', { value: this.anchorBucket.bucketName, description: `Published estate anchors (Object Lock, compliance mode, ${retentionYears} years)` });
  }
}
