/**
 * What the case store and audit trail need besides the table and the
 * functions (docs/AUDIT.md, docs/DATA_MODEL.md):
 *
 * - the secret that signs list cursors (Secrets Manager, generated; handed to
 *   the functions with `access.cursorSecret` as `CURSOR_SECRET` through a
 *   CloudFormation dynamic reference, so its value is never in the template);
 * - an EventBridge schedule for every catalog entry with a `schedule`
 *   (estate anchors, retention purge);
 * - a function URL (RESPONSE_STREAM) for every function with
 *   `invokeMode: 'stream'` (the compliance export): API Gateway cannot stream a
 *   response body. The URL's own auth is NONE and no JWT authorizer stands in
 *   front of it, so the handler verifies the staff JWT against Cognito itself
 *   (functions/platform/bearerToken.ts);
 * - the audit buckets (export job files, published anchors) and what each
 *   function may do with them (infra/constructs/auditStorage.ts).
 */
import { CfnOutput, Duration, Validations } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { lambdaFunctions, type LambdaFunctionName, type LambdaSpec } from '../catalog';
import { AuditStorage } from './auditStorage';

export interface AuditTrailResourcesProps {
  functions: Record<LambdaFunctionName, lambda.Function>;
  /** Object Lock retention of published anchors, in years (default DEFAULT_ANCHOR_RETENTION_YEARS). */
  anchorRetentionYears?: number;
}

export class AuditTrailResources extends Construct {
  readonly cursorSecret: secretsmanager.Secret;
  readonly caseLookupKey: secretsmanager.Secret;
  readonly schedules: events.Rule[] = [];
  /** EventBridge Scheduler schedules: the catalog entries whose `schedule` has a `timeZone` (the Monday report). */
  readonly zonedSchedules: scheduler.CfnSchedule[] = [];
  readonly functionUrls: Partial<Record<LambdaFunctionName, lambda.FunctionUrl>> = {};
  readonly storage: AuditStorage;

  constructor(scope: Construct, id: string, props: AuditTrailResourcesProps) {
    super(scope, id);
    const entries = Object.entries(lambdaFunctions) as [LambdaFunctionName, LambdaSpec][];

    this.cursorSecret = new secretsmanager.Secret(this, 'CursorSecret', {
      description: 'HMAC key that signs the pagination cursors of GET /api/v1/cases',
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
    });
    Validations.of(this.cursorSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'An HMAC key for pagination cursors, which expire after 24 hours and protect no stored data: rotating it only ' +
        'invalidates cursors in flight (clients start the list again). Rotate by hand (put a new secret value and ' +
        'redeploy) if it is ever exposed; a rotation Lambda would add moving parts for no protection gained.',
    });
    this.caseLookupKey = new secretsmanager.Secret(this, 'CaseLookupKey', {
      description: 'HMAC key of the unit and phone digests staff search cases by (functions/domain/caseLookup.ts)',
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
    });
    Validations.of(this.caseLookupKey).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The key of search digests stored on every case: a new key would leave every stored digest unfindable until the ' +
        'cases are re-indexed, so it is not rotated on a schedule. It protects digests of phone numbers from being confirmed ' +
        'by guessing; if it is ever exposed, put a new value and re-index the cases (docs/CONSOLE.md).',
    });
    this.storage = new AuditStorage(this, 'Storage', { functions: props.functions, ...(props.anchorRetentionYears !== undefined ? { anchorRetentionYears: props.anchorRetentionYears } : {}) });

    for (const [name, spec] of entries) {
      if (!spec.access.cursorSecret) continue;
      props.functions[name].addEnvironment('CURSOR_SECRET', this.cursorSecret.secretValue.unsafeUnwrap());
    }
    for (const [name, spec] of entries) {
      if (!spec.access.caseLookupKey) continue;
      props.functions[name].addEnvironment('CASE_LOOKUP_KEY', this.caseLookupKey.secretValue.unsafeUnwrap());
    }

    for (const [name, spec] of entries) {
      if (!spec.schedule) continue;
      if (spec.schedule.timeZone) {
        // A local time that follows the zone's daylight saving: only EventBridge Scheduler takes a time zone. Its
        // role may invoke the unqualified function only (the L2 target would also grant every version, `:*`).
        const zone = (this.node.tryGetContext('reportingTimeZone') as string | undefined) ?? spec.schedule.timeZone;
        const role = new iam.Role(this, `${name}SchedulerRole`, { assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com') });
        role.addToPolicy(new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [props.functions[name].functionArn] }));
        this.zonedSchedules.push(new scheduler.CfnSchedule(this, `${name}ZonedSchedule`, {
          description: `Runs ${name} at its local time in ${zone}`,
          scheduleExpression: spec.schedule.expression,
          scheduleExpressionTimezone: zone,
          flexibleTimeWindow: { mode: 'OFF' },
          state: 'ENABLED',
          target: { arn: props.functions[name].functionArn, roleArn: role.roleArn, retryPolicy: { maximumRetryAttempts: 2, maximumEventAgeInSeconds: 6 * 3600 } },
        }));
        continue;
      }
      const rule = new events.Rule(this, `${name}Schedule`, {
        description: `Runs ${name}: ${spec.description}`,
        schedule: events.Schedule.expression(spec.schedule.expression),
        targets: [new targets.LambdaFunction(props.functions[name], { retryAttempts: 2, maxEventAge: Duration.hours(6) })],
      });
      this.schedules.push(rule);
    }

    for (const [name, spec] of entries) {
      if (spec.invokeMode !== 'stream') continue;
      const url = props.functions[name].addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE, invokeMode: lambda.InvokeMode.RESPONSE_STREAM });
      this.functionUrls[name] = url;
      new CfnOutput(scope, `${name[0]!.toUpperCase()}${name.slice(1)}Url`, {
        value: url.url,
        description: `${spec.description} (function URL with response streaming; bearer token checked by the handler)`,
      });
    }
  }
}
