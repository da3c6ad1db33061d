/**
 * One Lambda function per entry of `lambdaFunctions` (infra/catalog.ts), each
 * with its own role that holds exactly what the entry's `access` field says.
 */
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';
import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { CaseStore } from './caseStore';
import type { Email } from './email';
import type { StaffDirectory } from './staffDirectory';
import { lambdaFunctions, type LambdaFunctionName, type LambdaSpec } from '../catalog';
import { lifecycleFunctionNames } from '../../workflows/complaintLifecycle';

/** The repository root: entries in the catalog are relative to it. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** nodejs24.x: the catalog's handlers are written for it (ES2023, fetch, `using`). */
export const LAMBDA_RUNTIME = lambda.Runtime.NODEJS_24_X;

/** Same as Powertools' `serviceName` in functions/platform/logger.ts. */
const SERVICE_NAME = 'complaint-platform';

export interface PlatformFunctionsProps {
  caseStore: CaseStore;
  email: Email;
  publicBaseUrl: string;
  /** Whose tokens staff present: the handlers verify them against this pool (functions/platform/auth.ts). */
  staffDirectory: StaffDirectory;
  logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
}

export class PlatformFunctions extends Construct {
  readonly functions: Record<LambdaFunctionName, NodejsFunction>;

  constructor(scope: Construct, id: string, props: PlatformFunctionsProps) {
    super(scope, id);
    const entries = Object.entries(lambdaFunctions) as [LambdaFunctionName, LambdaSpec][];
    const built: Partial<Record<LambdaFunctionName, NodejsFunction>> = {};

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
          POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
          POWERTOOLS_LOG_LEVEL: props.logLevel ?? 'INFO',
          // Stack traces in the logs point at the TypeScript sources (the bundle ships a .map file).
          NODE_OPTIONS: '--enable-source-maps',
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
        },
      });

      if (spec.access.caseTable === 'read-write') props.caseStore.grantReadWriteData(fn);
      else props.caseStore.grantReadData(fn);
      if (spec.access.sendEmail) props.email.grantSendEmail(fn);

      built[name] = fn;
    }
    this.functions = built as Record<LambdaFunctionName, NodejsFunction>;
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
