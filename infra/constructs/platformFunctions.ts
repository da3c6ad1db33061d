/**
 * One Lambda function per entry of `lambdaFunctions` (infra/catalog.ts), each
 * with its own role that holds exactly what the entry's `access` field says.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';
import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { CaseStore } from './caseStore';
import type { Email } from './email';
import type { StaffDirectory } from './staffDirectory';
import { lambdaFunctions, type LambdaFunctionName, type LambdaSpec } from '../catalog';
import { lifecycleFunctionNames } from '../../workflows/complaintLifecycle';
import { buildBrowserAssets } from '../browserBuild';

/** Where a function flagged `browserAssets` finds them in its bundle (LAMBDA_TASK_ROOT is /var/task). */
const BUNDLED_BROWSER_ASSETS_DIR = '/var/task/browser-assets';

/** The repository root: entries in the catalog are relative to it. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** nodejs24.x: the catalog's handlers are written for it (ES2023, fetch, `using`). */
export const LAMBDA_RUNTIME = lambda.Runtime.NODEJS_24_X;

/** The `service` of every log line (functions/platform/logger.ts). */
const SERVICE_NAME = 'complaint-platform';

export interface PlatformFunctionsProps {
  caseStore: CaseStore;
  email: Email;
  publicBaseUrl: string;
  /**
   * Whose tokens staff present. The API's JWT authorizer verifies them on staff routes; the handlers
   * without one in front (public intake, the export's function URL) verify them against this pool
   * (functions/platform/bearerToken.ts).
   */
  staffDirectory: StaffDirectory;
  logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
}

export class PlatformFunctions extends Construct {
  readonly functions: Record<LambdaFunctionName, NodejsFunction>;
  /** The on-failure destinations of the table stream consumers. */
  readonly streamDeadLetterQueues: sqs.Queue[] = [];

  constructor(scope: Construct, id: string, props: PlatformFunctionsProps) {
    super(scope, id);
    const entries = Object.entries(lambdaFunctions) as [LambdaFunctionName, LambdaSpec][];
    const built: Partial<Record<LambdaFunctionName, NodejsFunction>> = {};
    // The browser modules are built once per synth, into a directory of this synth only, and copied
    // into the bundle of each function that serves them or names their hashed files.
    const browserAssetsDir = entries.some(([, spec]) => spec.browserAssets) ? buildBrowserAssets(mkdtempSync(path.join(tmpdir(), 'browser-assets-'))).outDir : undefined;

    for (const [name, spec] of entries) {
      // Our own log group and role instead of the AWSLambdaBasicExecutionRole managed policy,
      // which would let the function write to any log group in the account.
      const logGroup = new logs.LogGroup(this, `${name}Logs`, {
        retention: logs.RetentionDays.SIX_MONTHS,
        removalPolicy: RemovalPolicy.RETAIN,
      });
      const role = new iam.Role(this, `${name}Role`, {
        assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
        description: `Execution role of ${name}: ${spec.access.caseTable} case table${spec.access.sendEmail ? ', send email' : ''}${spec.access.startLifecycle ? ', start lifecycle' : ''}`,
      });
      role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [logGroup.logGroupArn],
        }),
      );

      const fn = new NodejsFunction(this, name, {
        entry: path.join(REPO_ROOT, spec.entry),
        handler: 'handler',
        description: spec.description,
        runtime: LAMBDA_RUNTIME,
        architecture: lambda.Architecture.ARM_64,
        memorySize: spec.memoryMb,
        timeout: Duration.seconds(spec.timeoutSeconds),
        role,
        logGroup,
        projectRoot: REPO_ROOT,
        depsLockFilePath: path.join(REPO_ROOT, 'package-lock.json'),
        environment: {
          CASE_TABLE_NAME: props.caseStore.table.tableName,
          SENDER_EMAIL: props.email.senderEmail,
          PUBLIC_BASE_URL: props.publicBaseUrl,
          AUTH_ISSUER: props.staffDirectory.issuer,
          AUTH_AUDIENCE: props.staffDirectory.audience,
          AUTH_JWKS_URL: props.staffDirectory.jwksUrl,
          AUTH_DISCOVERY_URL: `${props.staffDirectory.issuer}/.well-known/openid-configuration`,
          // The console's page lets it reach the pool's discovery and the managed login's token endpoint.
          AUTH_CONNECT_ORIGINS: `https://cognito-idp.${Stack.of(this).region}.amazonaws.com ${props.staffDirectory.managedLoginUrl}`,
          SERVICE_NAME: SERVICE_NAME,
          LOG_LEVEL: props.logLevel ?? 'INFO',
          // Stack traces in the logs point at the TypeScript sources (the bundle ships a .map file).
          NODE_OPTIONS: '--enable-source-maps',
          ...(spec.browserAssets ? { BROWSER_ASSETS_DIR: BUNDLED_BROWSER_ASSETS_DIR } : {}),
        },
        bundling: {
          // Local esbuild (a devDependency) only: deploying must never need Docker.
          forceDockerBundling: false,
          minify: true,
          sourceMap: true,
          sourceMapMode: SourceMapMode.DEFAULT,
          sourcesContent: false,
          format: OutputFormat.ESM,
          // Prefer the ESM build of dependencies: better tree-shaking of the SDK clients.
          mainFields: ['module', 'main'],
          // Nothing is external, not even `@aws-sdk/*` (which NodejsFunction leaves out by default
          // because the runtime ships a copy). We bundle the SDK v3 clients so that the versions
          // pinned in package-lock.json are the ones that run: the runtime's copy changes under us
          // without notice, and the local runtime and the tests run the pinned versions. The cost,
          // a few hundred KB per bundle and slightly longer cold starts, is small after minifying.
          externalModules: [],
          // ESM output: a CommonJS dependency that calls `require('node:…')` needs a `require`.
          banner: "import { createRequire as __cjsCreateRequire } from 'node:module'; const require = __cjsCreateRequire(import.meta.url);",
          ...(spec.browserAssets && browserAssetsDir
            ? {
                commandHooks: {
                  beforeBundling: () => [],
                  beforeInstall: () => [],
                  afterBundling: (_inputDir: string, outputDir: string) => [`mkdir -p "${outputDir}/browser-assets"`, `cp "${browserAssetsDir}"/* "${outputDir}/browser-assets/"`],
                },
              }
            : {}),
        },
      });

      if (spec.access.caseTable === 'read-write') props.caseStore.grantReadWriteData(fn);
      else props.caseStore.grantReadData(fn);
      if (spec.access.sendEmail) props.email.grantSendEmail(fn);
      if (spec.access.manageStaffDirectory) props.staffDirectory.grantManageStaff(fn);
      else if (spec.access.readStaffDirectory) props.staffDirectory.grantReadStaff(fn);
      if (spec.asyncInvocation) fn.configureAsyncInvoke({ maxEventAge: Duration.seconds(spec.asyncInvocation.maxEventAgeSeconds), retryAttempts: spec.asyncInvocation.retryAttempts });
      if (spec.tableStream) this.consumeTableStream(name, fn, spec.tableStream, props.caseStore);

      built[name] = fn;
    }
    this.functions = built as Record<LambdaFunctionName, NodejsFunction>;
  }

  /**
   * An event source mapping from the case table's stream, as the catalog entry says: only matching
   * records, failed records reported per item and retried, then kept in an encrypted dead-letter
   * queue (14 days) for a person to look at. The local runtime's poller follows the same settings.
   */
  private consumeTableStream(name: string, fn: NodejsFunction, settings: NonNullable<LambdaSpec['tableStream']>, caseStore: CaseStore): void {
    const deadLetters = new sqs.Queue(this, `${name}StreamDeadLetters`, {
      encryption: sqs.QueueEncryption.KMS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.streamDeadLetterQueues.push(deadLetters);
    caseStore.grantStreamRead(fn);
    fn.addEventSource(
      new DynamoEventSource(caseStore.table, {
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        batchSize: settings.batchSize,
        retryAttempts: settings.retryAttempts,
        reportBatchItemFailures: true,
        bisectBatchOnError: true,
        maxRecordAge: Duration.days(1),
        onFailure: new SqsDlq(deadLetters),
        filters: [
          lambda.FilterCriteria.filter({
            eventName: lambda.FilterRule.or(...settings.filter.eventNames),
            dynamodb: { NewImage: Object.fromEntries(Object.entries(settings.filter.newImage).map(([attribute, values]) => [attribute, { S: lambda.FilterRule.or(...values) }])) },
          }),
        ],
      }),
    );
  }

  /**
   * Give the functions whose catalog entry has `startLifecycle` the state machine's ARN and the
   * right to start it (and nothing else on it). Called once the state machine exists, since the
   * state machine itself refers to other functions of this construct.
   */
  connectLifecycle(stateMachine: sfn.IStateMachine, stateMachineName: string): void {
    const taskFunctions = new Set<string>(lifecycleFunctionNames());
    // A task of the state machine cannot refer to it (the state machine refers to the task: a
    // CloudFormation cycle), so its grant names the state machine's ARN, which is known from its name.
    const arnByName = Stack.of(this).formatArn({ service: 'states', resource: 'stateMachine', resourceName: stateMachineName, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    for (const [name, spec] of Object.entries(lambdaFunctions) as [LambdaFunctionName, LambdaSpec][]) {
      const fn = this.functions[name];
      if (spec.access.startLifecycle) {
        fn.addEnvironment('COMPLAINT_LIFECYCLE_ARN', stateMachine.stateMachineArn);
        stateMachine.grantStartExecution(fn);
      }
      if (spec.access.completeLifecycleTasks) {
        const resource = taskFunctions.has(name) ? arnByName : stateMachine.stateMachineArn;
        fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'], resources: [resource] }));
      }
    }
  }
}
