/**
 * Complaints by email and residents' files (docs/EMAIL_INTAKE.md):
 *
 * - an SES receipt rule set whose rule takes mail for the group's complaints
 *   domain (`est01@<domain>`, `case+…@<domain>`), spam- and virus-scanned,
 *   and writes each message to the **inbound-mail bucket** under `incoming/`;
 * - the rule's next action invokes `receiveInboundEmail` with the message's
 *   id, envelope recipients and SES's spam, virus, SPF, DKIM and DMARC verdicts
 *   (asynchronously, retried twice as its catalog entry says; a message whose
 *   runs all failed stays under `incoming/`, where staff find it);
 * - lifecycle rules: handled messages are deleted after 90 days, set-aside
 *   ones after 400 (staff look at them first); nothing under `incoming/` expires;
 * - the **case-files bucket** (residents' photos and documents), kept as long
 *   as their case (not expired by S3; removing them with the retention purge and erasure is not built yet).
 *
 * Both buckets: S3-managed encryption, TLS only, public access blocked, server
 * access logs to the audit trail's log bucket. SES may write only under
 * `incoming/` of the inbound bucket, and only for this account's rule.
 * SES activates one receipt rule set per region: activate this one once
 * (`aws ses set-active-receipt-rule-set`, docs/DEPLOY.md) and point the
 * domain's MX record at SES's inbound endpoint.
 */
import { CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sesActions from 'aws-cdk-lib/aws-ses-actions';
import { Construct } from 'constructs';
import { lambdaFunctions, type LambdaFunctionName, type LambdaSpec } from '../catalog';

export const INCOMING_PREFIX = 'incoming/';
export const HANDLED_RETENTION_DAYS = 90;
export const SET_ASIDE_RETENTION_DAYS = 400;

export interface InboundMailProps {
  functions: Record<LambdaFunctionName, lambda.Function>;
  /** The domain residents write to, e.g. `complaints.example.com`; its MX record points at SES. */
  mailDomain: string;
  accessLogs: s3.IBucket;
  /** The origin of the resident pages (scheme and host of PUBLIC_BASE_URL): the only one that may post files to the bucket. */
  publicOrigin: string;
}

export class InboundMail extends Construct {
  readonly inboundBucket: s3.Bucket;
  readonly caseFilesBucket: s3.Bucket;
  readonly ruleSet: ses.ReceiptRuleSet;
  readonly replyAddressSecret: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: InboundMailProps) {
    super(scope, id);
    const common = {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
      serverAccessLogsBucket: props.accessLogs,
    } as const;
    this.inboundBucket = new s3.Bucket(this, 'InboundBucket', {
      ...common,
      serverAccessLogsPrefix: 'inbound-mail/',
      lifecycleRules: [
        { id: 'expire-handled-mail', prefix: 'handled/', expiration: Duration.days(HANDLED_RETENTION_DAYS) },
        { id: 'expire-set-aside-mail', prefix: 'set-aside/', expiration: Duration.days(SET_ASIDE_RETENTION_DAYS) },
      ],
    });
    this.caseFilesBucket = new s3.Bucket(this, 'CaseFilesBucket', {
      ...common,
      serverAccessLogsPrefix: 'case-files/',
      lifecycleRules: [
        { id: 'abort-unfinished-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
        // Residents' uploads are copied into cases/ once checked; what is left under uploads/ was never added to a case.
        { id: 'expire-unclaimed-uploads', prefix: 'uploads/', expiration: Duration.days(1) },
      ],
      // The tracking page posts files straight to the bucket (presigned POST).
      cors: [{ allowedMethods: [s3.HttpMethods.POST], allowedOrigins: [props.publicOrigin], allowedHeaders: ['*'], maxAge: 3600 }],
    });

    const stack = Stack.of(this);
    this.ruleSet = new ses.ReceiptRuleSet(this, 'RuleSet', {});
    // The S3 action grants SES PutObject under incoming/ only, for this account (aws-ses-actions adds the bucket policy).
    this.ruleSet.addRule('Complaints', {
      recipients: [props.mailDomain],
      scanEnabled: true,
      tlsPolicy: ses.TlsPolicy.OPTIONAL,
      // Stored first, then the function is invoked (asynchronously) with the message's id, envelope and verdicts.
      actions: [
        new sesActions.S3({ bucket: this.inboundBucket, objectKeyPrefix: INCOMING_PREFIX }),
        new sesActions.Lambda({ function: props.functions.receiveInboundEmail, invocationType: sesActions.LambdaInvocationType.EVENT }),
      ],
    });

    this.replyAddressSecret = new secretsmanager.Secret(this, 'ReplyAddressSecret', {
      description: 'HMAC key of the per-case reply addresses (case+<id>.<mac>@<mail domain>)',
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
    });

    for (const [name, spec] of Object.entries(lambdaFunctions) as [LambdaFunctionName, LambdaSpec][]) {
      const fn = props.functions[name];
      const { inboundMailBucket, caseFilesBucket, replyAddresses, eraseCaseObjects } = spec.access;
      if (replyAddresses) {
        fn.addEnvironment('INBOUND_MAIL_DOMAIN', props.mailDomain);
        fn.addEnvironment('REPLY_ADDRESS_SECRET', this.replyAddressSecret.secretValue.unsafeUnwrap());
      }
      if (caseFilesBucket) {
        fn.addEnvironment('CASE_FILES_BUCKET', this.caseFilesBucket.bucketName);
        const actions = caseFilesBucket === 'read-write' ? ['s3:GetObject', 's3:PutObject'] : ['s3:GetObject'];
        // read-write also signs residents' uploads (a presigned POST carries the signer's PutObject) under uploads/ and reads them back.
        const prefixes = caseFilesBucket === 'read-write' ? ['cases/*', 'uploads/*'] : ['cases/*'];
        fn.addToRolePolicy(new iam.PolicyStatement({ actions, resources: prefixes.map((p) => this.caseFilesBucket.arnForObjects(p)) }));
        // A missing upload reads as "not found", not "access denied".
        if (caseFilesBucket === 'read-write') fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [this.caseFilesBucket.bucketArn] }));
      }
      if (inboundMailBucket) {
        fn.addEnvironment('INBOUND_MAIL_BUCKET', this.inboundBucket.bucketName);
        // Read a message, file it under handled/ or set-aside/ (copy, then delete the incoming object); the mail desk
        // (setAsideMail) reads a set-aside message and moves it to handled/ once staff have dealt with it.
        fn.addToRolePolicy(
          new iam.PolicyStatement({ actions: ['s3:GetObject', 's3:DeleteObject'], resources: [this.inboundBucket.arnForObjects(`${INCOMING_PREFIX}*`), this.inboundBucket.arnForObjects('set-aside/*')] }),
        );
        fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [this.inboundBucket.arnForObjects('handled/*'), this.inboundBucket.arnForObjects('set-aside/*')] }));
        // A missing object reads as "not found" (a retried event of a message already filed), not "access denied".
        fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [this.inboundBucket.bucketArn] }));
      }
      if (eraseCaseObjects) {
        // Erasure and the retention purge list a case's prefixes and delete what is there (functions/platform/caseObjects.ts).
        fn.addEnvironment('CASE_FILES_BUCKET', this.caseFilesBucket.bucketName);
        fn.addEnvironment('INBOUND_MAIL_BUCKET', this.inboundBucket.bucketName);
        fn.addToRolePolicy(
          new iam.PolicyStatement({
            actions: ['s3:DeleteObject'],
            resources: [this.caseFilesBucket.arnForObjects('cases/*'), this.caseFilesBucket.arnForObjects('uploads/*'), this.inboundBucket.arnForObjects('handled/*')],
          }),
        );
        fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [this.caseFilesBucket.bucketArn, this.inboundBucket.bucketArn] }));
      }
    }

    new CfnOutput(stack, 'InboundMailBucketName', { value: this.inboundBucket.bucketName, description: 'Raw inbound email: incoming/, handled/ (90 days), set-aside/ (for staff, 400 days)' });
    new CfnOutput(stack, 'CaseFilesBucketName', { value: this.caseFilesBucket.bucketName, description: "Residents' photos and documents, by case" });
    new CfnOutput(stack, 'ReceiptRuleSetName', { value: this.ruleSet.receiptRuleSetName, description: `Activate once: aws ses set-active-receipt-rule-set --rule-set-name <this>; MX of ${props.mailDomain} → SES inbound` });
  }
}
