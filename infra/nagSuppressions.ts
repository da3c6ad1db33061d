/**
 * Every cdk-nag (AWS Solutions) finding we accept, on the narrowest construct that
 * produces it, each with the reason it is acceptable. cdk-nag 3 reads these
 * acknowledgements from the construct tree (`Validations.of(…).acknowledge`);
 * anything not listed here fails `cdk synth` and the infra tests.
 *
 * Findings avoided rather than suppressed, for the record:
 * - IAM4 (AWS managed policies): each function has its own role and log group
 *   instead of AWSLambdaBasicExecutionRole.
 * - IAM5 on KMS actions: the table key actions are spelled out (no `kms:GenerateDataKey*`)
 *   and limited to calls made through DynamoDB (kms:ViaService).
 * - IAM5 on Lambda versions (`<fn>:*`): the state machine may invoke the unqualified ARNs only.
 * - COG1/COG2/COG8 (password policy, MFA, Plus feature plan): the staff user pool has a 14-character
 *   policy with every character class, TOTP MFA required and threat protection enforced.
 * - APIG4 on staff routes: they carry the Cognito JWT authorizer.
 */
import { Stack, Validations } from 'aws-cdk-lib';
import type { ComplaintPlatformStack } from './complaintPlatformStack';

export function applyNagSuppressions(stack: ComplaintPlatformStack): void {
  // Only the public routes: every `auth: 'staff'` route has the Cognito JWT authorizer and passes APIG4.
  for (const route of stack.httpApi.publicRoutes) {
    Validations.of(route).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'A public route by design (infra/catalog.ts `auth: public`): residents file and track complaints without an ' +
        'account (ISO 10002 accessibility). The tracking page and GET /api/v1/complaints/{id} are authorised by the ' +
        'unguessable tracking token in the link emailed to the complainant, checked in the handler; intake is limited ' +
        'by the route throttle and per-IP / per-estate limits in the handler. The estate notice page shows only outcomes staff ' +
        'wrote for the public. See docs/ACCESS.md.',
    });
  }

  const tableLogicalId = Stack.of(stack).resolve(stack.getLogicalId(stack.caseStore.table.node.defaultChild as never)) as string;
  Validations.of(stack.platformFunctions).acknowledge({
    id: `AwsSolutions-IAM5[Resource::<${tableLogicalId}.Arn>/index/*]`,
    reason:
      'TableV2.grantReadData/grantReadWriteData cover the indexes of this one table as `<table ARN>/index/*`. ' +
      'The wildcard is within the case table only; its indexes are exactly the GSIs of the single-table design ' +
      '(functions/store/tableDesign.ts), all of which the handlers query.',
  });

  const { exportBucket, anchorBucket } = stack.auditTrail.storage;
  const bucketArn = (bucket: typeof exportBucket) => `<${Stack.of(stack).resolve(stack.getLogicalId(bucket.node.defaultChild as never)) as string}.Arn>`;
  Validations.of(stack.platformFunctions).acknowledge({
    id: `AwsSolutions-IAM5[Resource::${bucketArn(exportBucket)}/exports/*]`,
    reason:
      'Export jobs write one new object per job under exports/<job id>/<run id>/ (names not known when the policy is written), and ' +
      'auditExportJobs signs download links for them. The wildcard is the exports/ prefix of the export bucket only; the writer ' +
      'has PutObject and AbortMultipartUpload, the link signer GetObject, nothing else (infra/constructs/auditStorage.ts).',
  });
  Validations.of(stack.platformFunctions).acknowledge({
    id: `AwsSolutions-IAM5[Resource::${bucketArn(anchorBucket)}/anchors/*]`,
    reason:
      'Published anchors are one object per estate anchor under anchors/<estate>/<ledger seq>.json, created daily. The wildcard is ' +
      'the anchors/ prefix of the anchors bucket only; the anchor task may read and create objects (the bucket policy allows ' +
      'create-only writes and no deletes, Object Lock keeps every version), the verifiers may only read them.',
  });

  const { inboundBucket, caseFilesBucket, replyAddressSecret } = stack.inboundMail;
  for (const [bucket, prefix, reason] of [
    [inboundBucket, 'incoming', 'SES stores each received message as incoming/<SES message id> (ids not known in advance); receiveInboundEmail reads it and deletes it once it is filed elsewhere.'],
    [inboundBucket, 'handled', 'receiveInboundEmail files each handled message as handled/<disposition>/<SES message id> (PutObject only; a lifecycle rule deletes them after 90 days).'],
    [inboundBucket, 'set-aside', 'receiveInboundEmail files each refused message for staff as set-aside/<reason>/<SES message id> (PutObject only; kept 400 days).'],
    [caseFilesBucket, 'cases', "Residents' files are stored as cases/<case id>/files/<content digest>.<ext>, one prefix per case, created as they arrive; the functions may read and put there, never delete."],
    [caseFilesBucket, 'uploads', "Residents upload by presigned POST to uploads/<case id>/<upload id> (ids made per request); the signing function holds PutObject there (the POST carries it) and reads the upload back to check it. A lifecycle rule deletes uploads after a day."],
  ] as const) {
    Validations.of(stack.platformFunctions).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${bucketArn(bucket as never)}/${prefix}/*]`,
      reason: `${reason} The wildcard is that one prefix of that one bucket (infra/constructs/inboundMail.ts).`,
    });
  }
  Validations.of(replyAddressSecret).acknowledge({
    id: 'AwsSolutions-SMG4',
    reason:
      'The HMAC key of per-case reply addresses already sent in emails: rotating it would make every earlier reply address ' +
      'invalid, so residents answering an older email would reach no case. Rotate by hand (new value, redeploy) only if it ' +
      'is exposed; replies to old emails are then still matched by In-Reply-To for the complainant.',
  });

  Validations.of(stack.lifecycle.stateMachine.role).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'Added by aws-cdk-lib for X-Ray tracing (xray:PutTraceSegments, PutTelemetryRecords, GetSamplingRules, ' +
      'GetSamplingTargets) and for delivering execution logs to CloudWatch (logs:CreateLogDelivery and the other ' +
      'log-delivery actions, DescribeLogGroups, PutResourcePolicy/DescribeResourcePolicies). None of these ' +
      'actions supports resource-level permissions, so `*` is the only possible resource.',
  });

  for (const queue of stack.platformFunctions.streamDeadLetterQueues) {
    Validations.of(queue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself a dead-letter queue: the on-failure destination of a case-table stream consumer ' +
        '(infra/constructs/platformFunctions.ts). Its messages are read by a person, never by a consumer that could fail.',
    });
  }
}
