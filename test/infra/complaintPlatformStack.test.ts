/**
 * The CDK stack, checked against the contracts it is built from: the catalog
 * (infra/catalog.ts), the table design, the lifecycle ASL and the handlers'
 * configuration. Bundling is skipped (context `aws:cdk:bundling-stacks` = []):
 * NodejsFunction then uses a placeholder asset instead of running esbuild, so
 * the stack is synthesized once per file in about two seconds.
 */
import { App, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { httpRoutes, lambdaFunctions, type LambdaFunctionName, type LambdaSpec, streamingRoutes } from '../../infra/catalog';
import { ComplaintPlatformStack } from '../../infra/complaintPlatformStack';
import { caseTableDesign } from '../../functions/store/tableDesign';
import { lifecycleFunctionNames, resolvedLifecycleDefinition } from '../../workflows/complaintLifecycle';
import { STAFF_ROLES } from '../../functions/domain/access/identity';

type Json = Record<string, any>;
interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Json;
}

const SKIP_BUNDLING = { 'aws:cdk:bundling-stacks': [] as string[] };
const catalog = Object.entries(lambdaFunctions) as [LambdaFunctionName, LambdaSpec][];

let app: App;
let stack: ComplaintPlatformStack;
let template: Template;
let resources: Record<string, Json>;
/** The nested stack of the API's routes, integrations and invoke permissions (infra/constructs/httpApi.ts). */
let routeTemplate: Template;
let routeResources: Record<string, Json>;
let routeStackId: string;

function logicalId(construct: IConstruct): string {
  const cfn = construct.node.defaultChild ?? construct;
  return stack.resolve(stack.getLogicalId(cfn as never)) as string;
}

function ofType(type: string): [string, Json][] {
  return Object.entries(resources).filter(([, r]) => r.Type === type);
}

function ofRouteType(type: string): [string, Json][] {
  return Object.entries(routeResources).filter(([, r]) => r.Type === type);
}

/** A value of the route stack's template as the parent stack gives it: a parameter's `Ref` becomes what the parent passes. */
function fromParent(value: Json): Json {
  if (value && typeof value === 'object' && !Array.isArray(value) && typeof value.Ref === 'string' && Object.keys(value).length === 1) {
    const passed = (resources[routeStackId]!.Properties.Parameters as Json | undefined)?.[value.Ref];
    if (passed !== undefined) return passed;
  }
  return value;
}

const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

/** Every statement of every IAM policy (stand-alone and inline), with the roles it applies to. */
function iamStatements(): { roles: string[]; statement: Statement }[] {
  const out: { roles: string[]; statement: Statement }[] = [];
  for (const [, policy] of ofType('AWS::IAM::Policy')) {
    const roles = asArray(policy.Properties.Roles ?? []).map((r: Json) => r.Ref as string);
    for (const statement of asArray(policy.Properties.PolicyDocument.Statement) as Statement[]) out.push({ roles, statement });
  }
  for (const [id, role] of ofType('AWS::IAM::Role')) {
    for (const policy of role.Properties.Policies ?? []) {
      for (const statement of asArray(policy.PolicyDocument.Statement) as Statement[]) out.push({ roles: [id], statement });
    }
  }
  return out;
}

/** The statements that apply to a function's execution role. */
function statementsOf(name: LambdaFunctionName): Statement[] {
  const roleId = logicalId(stack.platformFunctions.functions[name].role!);
  return iamStatements()
    .filter((s) => s.roles.includes(roleId))
    .map((s) => s.statement);
}

const actionsOf = (statements: Statement[]) => statements.flatMap((s) => asArray(s.Action));

/** Logical ids an element refers to through Ref, Fn::GetAtt, Fn::Sub or DependsOn. */
function references(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) references(v, into);
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === 'Ref' && typeof v === 'string') into.add(v);
      else if (key === 'Fn::GetAtt') into.add(asArray(v as string[])[0]!.split('.')[0]!);
      else if (key === 'Fn::Sub') {
        const text = asArray(v as unknown[])[0] as string;
        for (const m of text.matchAll(/\$\{([A-Za-z0-9]+)(\.[^}]*)?\}/g)) into.add(m[1]!);
        references(asArray(v as unknown[]).slice(1), into);
      } else references(v, into);
    }
  }
  return into;
}

/** The `iss` of the staff user pool's tokens, as CloudFormation builds it. */
function cognitoIssuer() {
  return { 'Fn::Join': ['', ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.amazonaws.com/', { Ref: logicalId(stack.staffDirectory.userPool) }]] } as { 'Fn::Join': [string, unknown[]] };
}

beforeAll(() => {
  // As `npx cdk deploy -c adminEmail=…` (docs/DEPLOY.md): the stack creates the first administrator.
  app = new App({ context: { ...SKIP_BUNDLING, adminEmail: 'it@group.example' } });
  stack = new ComplaintPlatformStack(app, 'ComplaintPlatform');
  template = Template.fromStack(stack);
  resources = template.toJSON().Resources as Record<string, Json>;
  routeTemplate = Template.fromStack(stack.httpApi.routeStack!);
  routeResources = routeTemplate.toJSON().Resources as Record<string, Json>;
  routeStackId = logicalId(stack.httpApi.routeStack!.nestedStackResource!);
});

describe('stack size', () => {
  it("keeps each template well inside CloudFormation's 500 resources, with room for the next functions (docs/decisions/api-routes-nested-stack.md)", () => {
    // About five resources a new function (function, role, policy, log group, permission); three a new route.
    expect(Object.keys(resources).length).toBeLessThanOrEqual(420);
    expect(Object.keys(routeResources).length).toBeLessThanOrEqual(420);
  });
});

describe('case store', () => {
  it('is an on-demand table with PITR, deletion protection, TTL and the key schema of the design', () => {
    template.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
    template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [
          { AttributeName: caseTableDesign.partitionKey, KeyType: 'HASH' },
          { AttributeName: caseTableDesign.sortKey, KeyType: 'RANGE' },
        ],
        TimeToLiveSpecification: { AttributeName: caseTableDesign.timeToLiveAttribute, Enabled: true },
        Replicas: [
          Match.objectLike({
            Region: { Ref: 'AWS::Region' },
            DeletionProtectionEnabled: true,
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          }),
        ],
      }),
    });
  });

  it('is encrypted with a customer-managed KMS key that rotates', () => {
    const keyId = logicalId(stack.caseStore.key);
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
      Replicas: [Match.objectLike({ SSESpecification: { KMSMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } } })],
    });
  });

  it('has every GSI of the design, and no other', () => {
    const [, table] = ofType('AWS::DynamoDB::GlobalTable')[0]!;
    const gsis = table.Properties.GlobalSecondaryIndexes as Json[];
    expect(gsis.map((g) => g.IndexName).sort()).toEqual(caseTableDesign.globalSecondaryIndexes.map((g) => g.indexName).sort());
    for (const index of caseTableDesign.globalSecondaryIndexes) {
      expect(gsis.find((g) => g.IndexName === index.indexName)).toMatchObject({
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      });
    }
  });
});

describe('functions', () => {
  it('has one Lambda per catalog entry: nodejs24.x on arm64, with the size and timeout of the entry', () => {
    template.resourceCountIs('AWS::Lambda::Function', catalog.length);
    for (const [name, spec] of catalog) {
      const resource = resources[logicalId(stack.platformFunctions.functions[name])]!;
      expect(resource.Type, name).toBe('AWS::Lambda::Function');
      expect(resource.Properties, name).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        MemorySize: spec.memoryMb,
        Timeout: spec.timeoutSeconds,
        Description: spec.description,
        Handler: 'index.handler',
      });
    }
  });

  it('gives every function the configuration the handlers read (functions/platform/config.ts)', () => {
    const tableId = logicalId(stack.caseStore.table);
    const apiId = logicalId(stack.httpApi.api);
    const stateMachineId = logicalId(stack.lifecycle.stateMachine);
    for (const [name, spec] of catalog) {
      const env = resources[logicalId(stack.platformFunctions.functions[name])]!.Properties.Environment.Variables as Json;
      expect(env, name).toMatchObject({
        CASE_TABLE_NAME: { Ref: tableId },
        SENDER_EMAIL: 'complaints@complaints.example.com',
        PUBLIC_BASE_URL: { 'Fn::GetAtt': [apiId, 'ApiEndpoint'] },
        SERVICE_NAME: 'complaint-platform',
        LOG_LEVEL: 'INFO',
      });
      expect(env.AUTH_ISSUER, name).toEqual(cognitoIssuer());
      expect(env.AUTH_JWKS_URL, name).toEqual({ 'Fn::Join': ['', [...cognitoIssuer()['Fn::Join'][1], '/.well-known/jwks.json']] });
      expect(env.AUTH_AUDIENCE, name).toEqual({ Ref: logicalId(stack.staffDirectory.client) });
      if (spec.access.startLifecycle) expect(env.COMPLAINT_LIFECYCLE_ARN, name).toEqual({ Ref: stateMachineId });
      else expect(env.COMPLAINT_LIFECYCLE_ARN, name).toBeUndefined();
    }
  });

  it('uses no AWS managed policy: each function has its own role and log group', () => {
    for (const [, role] of ofType('AWS::IAM::Role')) expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    const roles = new Set(catalog.map(([name]) => logicalId(stack.platformFunctions.functions[name].role!)));
    expect(roles.size).toBe(catalog.length);
    for (const [name] of catalog) {
      const fn = resources[logicalId(stack.platformFunctions.functions[name])]!;
      const logGroupId = fn.Properties.LoggingConfig.LogGroup.Ref as string;
      expect(resources[logGroupId]?.Type).toBe('AWS::Logs::LogGroup');
      expect(statementsOf(name)).toContainEqual(
        expect.objectContaining({ Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: { 'Fn::GetAtt': [logGroupId, 'Arn'] } }),
      );
    }
  });
});

describe('permissions', () => {
  it('grants no wildcard action anywhere (no `*`, no `dynamodb:*`, no `kms:GenerateDataKey*`)', () => {
    const wildcards = iamStatements().flatMap(({ statement }) => asArray(statement.Action).filter((a) => a.includes('*')));
    expect(wildcards).toEqual([]);
  });

  it('uses `Resource: *` only for actions without resource-level permissions (X-Ray, log delivery)', () => {
    const allowed = /^(xray:(PutTraceSegments|PutTelemetryRecords|GetSamplingRules|GetSamplingTargets)|logs:(CreateLogDelivery|GetLogDelivery|UpdateLogDelivery|DeleteLogDelivery|ListLogDeliveries|PutResourcePolicy|DescribeResourcePolicies|DescribeLogGroups))$/;
    const offending = iamStatements()
      .filter(({ statement }) => asArray(statement.Resource).includes('*'))
      .flatMap(({ statement }) => asArray(statement.Action))
      .filter((action) => !allowed.test(action));
    expect(offending).toEqual([]);
  });

  it("grants on the case table exactly what each entry's access says", () => {
    const tableId = logicalId(stack.caseStore.table);
    const keyId = logicalId(stack.caseStore.key);
    const writes = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
    for (const [name, spec] of catalog) {
      const statements = statementsOf(name);
      const onTable = statements.filter((s) => JSON.stringify(s.Resource).includes(`"${tableId}"`));
      const actions = actionsOf(onTable);
      expect(actions, name).toContain('dynamodb:Query');
      expect(actions, name).toContain('dynamodb:GetItem');
      for (const write of writes) expect(actions.includes(write), `${name} ${write}`).toBe(spec.access.caseTable === 'read-write');
      expect(actions.some((a) => /^dynamodb:(Create|Delete|Update)Table|^dynamodb:\*/.test(a)), name).toBe(false);

      const onKey = statements.filter((s) => JSON.stringify(s.Resource) === JSON.stringify({ 'Fn::GetAtt': [keyId, 'Arn'] }));
      expect(actionsOf(onKey), name).toContain('kms:Decrypt');
      expect(actionsOf(onKey).includes('kms:Encrypt'), name).toBe(spec.access.caseTable === 'read-write');
      for (const s of onKey) expect(JSON.stringify(s.Condition), name).toContain('kms:ViaService');
    }
  });

  it('lets only the functions with sendEmail send email, and only from the SES identity', () => {
    const identityArn = {
      'Fn::Join': [
        '',
        ['arn:', { Ref: 'AWS::Partition' }, ':ses:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':identity/', { Ref: logicalId(stack.email.identity) }],
      ],
    };
    for (const [name, spec] of catalog) {
      const ses = statementsOf(name).filter((s) => asArray(s.Action).some((a) => a.startsWith('ses:')));
      if (!spec.access.sendEmail) {
        expect(ses, name).toEqual([]);
        continue;
      }
      expect(actionsOf(ses).sort(), name).toEqual(['ses:SendEmail', 'ses:SendRawEmail']);
      for (const s of ses) expect(s.Resource, name).toEqual(identityArn);
    }
    const all = iamStatements().filter(({ statement }) => asArray(statement.Action).some((a) => a.startsWith('ses:')));
    for (const { statement } of all) expect(statement.Resource).toEqual(identityArn);
  });

  it('lets functions start the lifecycle or complete its waiting tasks only as their catalog entry says, and nothing else on it', () => {
    const stateMachineId = logicalId(stack.lifecycle.stateMachine);
    const taskResponse = ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'];
    const tasks = new Set<string>(lifecycleFunctionNames());
    for (const [name, spec] of catalog) {
      const sfn = statementsOf(name).filter((s) => asArray(s.Action).some((a) => a.startsWith('states:')));
      const expected: unknown[] = [];
      if (spec.access.startLifecycle) expected.push({ Effect: 'Allow', Action: 'states:StartExecution', Resource: { Ref: stateMachineId } });
      if (spec.access.completeLifecycleTasks) {
        // A task of the state machine names it by ARN (a reference would be a dependency cycle).
        expected.push(
          tasks.has(name)
            ? { Effect: 'Allow', Action: taskResponse, Resource: expect.objectContaining({ 'Fn::Join': expect.anything() }) }
            : { Effect: 'Allow', Action: taskResponse, Resource: { Ref: stateMachineId } },
        );
      }
      expect(sfn, name).toEqual(expected);
    }
  });

  it('lets the state machine invoke exactly the functions its definition names', () => {
    const roleId = logicalId(stack.lifecycle.stateMachine.role);
    const invoke = iamStatements()
      .filter((s) => s.roles.includes(roleId))
      .map((s) => s.statement)
      .filter((s) => asArray(s.Action).includes('lambda:InvokeFunction'));
    const resourcesInvoked = invoke.flatMap((s) => asArray(s.Resource));
    expect(resourcesInvoked).toEqual(
      expect.arrayContaining(lifecycleFunctionNames().map((n) => ({ 'Fn::GetAtt': [logicalId(stack.platformFunctions.functions[n]), 'Arn'] }))),
    );
    expect(resourcesInvoked).toHaveLength(lifecycleFunctionNames().length);
  });
});

describe('table stream consumers', () => {
  const consumers = catalog.filter(([, spec]) => spec.tableStream);

  it('gives the case table a stream of new images', () => {
    const [, table] = ofType('AWS::DynamoDB::GlobalTable')[0] ?? ofType('AWS::DynamoDB::Table')[0]!;
    expect(table.Properties.StreamSpecification).toEqual({ StreamViewType: caseTableDesign.stream });
  });

  it('maps the stream to each consumer of the catalog with its filter, batch size, per-item failures, retries and a dead-letter queue', () => {
    expect(consumers.length).toBeGreaterThan(0);
    const mappings = ofType('AWS::Lambda::EventSourceMapping');
    expect(mappings).toHaveLength(consumers.length);
    for (const [name, spec] of consumers) {
      const fnId = logicalId(stack.platformFunctions.functions[name]);
      const found = mappings.filter(([, m]) => m.Properties.FunctionName?.Ref === fnId);
      expect(found, name).toHaveLength(1);
      const props = found[0]![1].Properties;
      const settings = spec.tableStream!;
      expect(props).toMatchObject({ StartingPosition: 'TRIM_HORIZON', BatchSize: settings.batchSize, MaximumRetryAttempts: settings.retryAttempts, BisectBatchOnFunctionError: true, FunctionResponseTypes: ['ReportBatchItemFailures'] });
      expect(props.DestinationConfig.OnFailure.Destination['Fn::GetAtt'][1]).toBe('Arn');
      const pattern = JSON.parse(props.FilterCriteria.Filters[0].Pattern);
      expect(pattern.eventName).toEqual(settings.filter.eventNames);
      for (const [attribute, values] of Object.entries(settings.filter.newImage)) expect(pattern.dynamodb.NewImage[attribute], `${name} ${attribute}`).toEqual({ S: values });
    }
  });

  it('keeps each dead-letter queue encrypted, TLS-only and for 14 days', () => {
    const queues = ofType('AWS::SQS::Queue').filter(([id]) => id.includes('StreamDeadLetters'));
    expect(queues).toHaveLength(consumers.length);
    for (const [, queue] of queues) expect(queue.Properties).toMatchObject({ KmsMasterKeyId: 'alias/aws/sqs', MessageRetentionPeriod: 14 * 24 * 3600 });
  });
});

describe('email outbox', () => {
  it('feeds the sender from the table stream with queued notifications only, on inserts and changes', () => {
    const senderId = logicalId(stack.platformFunctions.functions.sendQueuedEmails);
    const tableId = logicalId(stack.caseStore.table);
    const mappings = ofType('AWS::Lambda::EventSourceMapping').filter(([, m]) => m.Properties.FunctionName?.Ref === senderId);
    expect(mappings).toHaveLength(1);
    const props = mappings[0]![1].Properties;
    expect(props.EventSourceArn).toEqual({ 'Fn::GetAtt': [tableId, 'StreamArn'] });
    expect(props).toMatchObject({ BatchSize: 25, MaximumRetryAttempts: 10, BisectBatchOnFunctionError: true, FunctionResponseTypes: ['ReportBatchItemFailures'] });
    expect(JSON.parse(props.FilterCriteria.Filters[0].Pattern)).toEqual({ eventName: ['INSERT', 'MODIFY'], dynamodb: { NewImage: { type: { S: ['notification'] }, status: { S: ['queued'] } } } });
  });

  it('lets the sender, the Monday report and the early-warning alerts, and nothing else, send email: no workflow step holds ses:SendEmail', () => {
    const sending = catalog.filter(([name]) => statementsOf(name).some((s) => asArray(s.Action).some((a) => a.startsWith('ses:')))).map(([name]) => name);
    expect(sending.sort()).toEqual(['compileWeeklyReports', 'sendEarlyWarningAlerts', 'sendQueuedEmails']);
    for (const name of lifecycleFunctionNames()) expect(lambdaFunctions[name].access, name).not.toHaveProperty('sendEmail');
  });

  it('mails the weekly report on Mondays at 01:00 in the group time zone (EventBridge Scheduler), and lets it list staff only', () => {
    const reportId = logicalId(stack.platformFunctions.functions.compileWeeklyReports);
    const schedules = ofType('AWS::Scheduler::Schedule').filter(([, schedule]) => JSON.stringify(schedule.Properties.Target.Arn).includes(reportId));
    expect(schedules).toHaveLength(1);
    expect(schedules[0]![1].Properties).toMatchObject({ ScheduleExpression: 'cron(0 1 ? * MON *)', ScheduleExpressionTimezone: 'Asia/Hong_Kong', State: 'ENABLED' });
    expect(schedules[0]![1].Properties.Target.RetryPolicy).toMatchObject({ MaximumRetryAttempts: 2 });
    // No EventBridge rule in UTC besides it.
    expect(ofType('AWS::Events::Rule').filter(([, rule]) => JSON.stringify(rule.Properties.Targets).includes(reportId))).toHaveLength(0);
    const cognito = statementsOf('compileWeeklyReports').flatMap((s) => asArray(s.Action)).filter((a) => a.startsWith('cognito-idp:'));
    expect(cognito).toEqual(['cognito-idp:ListUsersInGroup']);
  });

  it('runs the early warnings and action reminders hourly in UTC, each estate in its own 08:00 hour (not one zoned daily run)', () => {
    const alertsId = logicalId(stack.platformFunctions.functions.sendEarlyWarningAlerts);
    const rules = ofType('AWS::Events::Rule').filter(([, rule]) => (rule.Properties.Targets as Json[]).some((t) => JSON.stringify(t.Arn).includes(alertsId)));
    expect(rules.map(([, rule]) => rule.Properties.ScheduleExpression)).toEqual(['cron(0 * * * ? *)']);
    expect(ofType('AWS::Scheduler::Schedule').filter(([, schedule]) => JSON.stringify(schedule.Properties.Target.Arn).includes(alertsId))).toHaveLength(0);
  });

  it('runs the sweep every minute, and lets it write notifications but not send', () => {
    const sweepId = logicalId(stack.platformFunctions.functions.retryQueuedEmails);
    const rules = ofType('AWS::Events::Rule').filter(([, rule]) => (rule.Properties.Targets as Json[]).some((t) => JSON.stringify(t.Arn).includes(sweepId)));
    expect(rules.map(([, rule]) => rule.Properties.ScheduleExpression)).toEqual(['rate(1 minute)']);
    expect(actionsOf(statementsOf('retryQueuedEmails'))).toContain('dynamodb:UpdateItem');
  });
});

describe('lifecycle state machine', () => {
  it('is a Standard state machine with ALL-level logs without execution data, and tracing', () => {
    template.resourceCountIs('AWS::StepFunctions::StateMachine', 1);
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineType: 'STANDARD',
      LoggingConfiguration: Match.objectLike({ Level: 'ALL', IncludeExecutionData: false }),
      TracingConfiguration: { Enabled: true },
    });
  });

  it('deploys the ASL of workflows/complaintLifecycle.ts, with each placeholder substituted by its function ARN', () => {
    const [, machine] = ofType('AWS::StepFunctions::StateMachine')[0]!;
    const substitutions = machine.Properties.DefinitionSubstitutions as Record<string, Json>;
    expect(Object.keys(substitutions).sort()).toEqual(lifecycleFunctionNames().map((n) => `${n}Arn`).sort());

    // Substitute as CloudFormation will, with a recognisable stand-in for each ARN.
    let text = machine.Properties.DefinitionString as string;
    expect(typeof text).toBe('string');
    for (const [key, value] of Object.entries(substitutions)) {
      const [target, attribute] = value['Fn::GetAtt'] as [string, string];
      expect(attribute).toBe('Arn');
      text = text.split(`\${${key}}`).join(`arn-of:${target}`);
    }
    expect(text).not.toMatch(/\$\{\w+\}/);

    const expected = resolvedLifecycleDefinition((name) => `arn-of:${logicalId(stack.platformFunctions.functions[name])}`);
    expect(JSON.parse(text)).toEqual(expected);
  });
});

describe('HTTP API', () => {
  it('has one route per httpRoutes entry, each integrated with the function of the entry, in the nested route stack', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Route', 0);
    routeTemplate.resourceCountIs('AWS::ApiGatewayV2::Route', httpRoutes.length);
    const [apiId] = Object.keys(template.findResources('AWS::ApiGatewayV2::Api'));
    const routes = ofRouteType('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties as Json);
    for (const route of httpRoutes) {
      const found = routes.find((r) => r.RouteKey === `${route.method} ${route.path}`);
      expect(found, `${route.method} ${route.path}`).toBeDefined();
      expect(fromParent(found!.ApiId)).toEqual({ Ref: apiId });
      const integrationId = (found!.Target['Fn::Join'][1] as unknown[]).find((p) => typeof p === 'object') as Json;
      const integration = routeResources[integrationId.Ref]!;
      expect(integration.Properties).toMatchObject({ IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0' });
      expect(fromParent(integration.Properties.IntegrationUri)).toEqual({ 'Fn::GetAtt': [logicalId(stack.platformFunctions.functions[route.function]), 'Arn'] });
    }
  });

  it('has a throttled $default stage with access logs', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      AccessLogSettings: Match.objectLike({ DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') }),
    });
  });
});

describe('staff directory (Cognito)', () => {
  it('is one user pool: admin-created users only, strong passwords, TOTP MFA required, threat protection enforced, kept on delete', () => {
    template.resourceCountIs('AWS::Cognito::UserPool', 1);
    template.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        DeletionProtection: 'ACTIVE',
        MfaConfiguration: 'ON',
        EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
        UserPoolTier: 'PLUS',
        UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
        Policies: {
          PasswordPolicy: Match.objectLike({ MinimumLength: 14, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true }),
        },
      }),
    });
  });

  it('has the custom attributes the tokens carry (estates and department) and the email language the directory keeps', () => {
    const [, pool] = ofType('AWS::Cognito::UserPool')[0]!;
    const custom = (pool.Properties.Schema as Json[]).filter((a) => a.AttributeDataType === 'String').map((a) => a.Name).sort();
    expect(custom).toEqual(['department', 'estates', 'language']);
  });

  it('has one group per role of the policy module, and no other', () => {
    const groups = ofType('AWS::Cognito::UserPoolGroup').map(([, g]) => g.Properties as Json);
    expect(groups.map((g) => g.GroupName).sort()).toEqual([...STAFF_ROLES].sort());
    for (const g of groups) expect(g.UserPoolId).toEqual({ Ref: logicalId(stack.staffDirectory.userPool) });
  });

  it('has one public app client: authorization code + PKCE through the managed login, no implicit flow, no secret, reads estates and department, cannot write them', () => {
    template.resourceCountIs('AWS::Cognito::UserPoolClient', 1);
    const [, client] = ofType('AWS::Cognito::UserPoolClient')[0]!;
    expect(client.Properties).toMatchObject({
      GenerateSecret: false,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      SupportedIdentityProviders: ['COGNITO'],
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
    });
    expect(client.Properties.AllowedOAuthFlows).not.toContain('implicit');
    expect(client.Properties.ReadAttributes).toEqual(expect.arrayContaining(['custom:estates', 'custom:department']));
    // A user who could write custom:estates could widen their own access.
    expect(client.Properties.WriteAttributes).toBeDefined();
    expect((client.Properties.WriteAttributes as string[]).filter((a) => a.startsWith('custom:'))).toEqual([]);
  });

  it("sends staff back only to the console the stack outputs, and states the token lifetimes", () => {
    const [, client] = ofType('AWS::Cognito::UserPoolClient')[0]!;
    const consoleUrl = stack.resolve(template.toJSON().Outputs.ConsoleUrl.Value);
    expect(JSON.stringify(consoleUrl)).toContain('/staff');
    expect(client.Properties.CallbackURLs).toEqual([consoleUrl]);
    expect(client.Properties.LogoutURLs).toEqual([consoleUrl]);
    expect(client.Properties).toMatchObject({
      IdTokenValidity: 60,
      AccessTokenValidity: 60,
      RefreshTokenValidity: 720,
      TokenValidityUnits: { IdToken: 'minutes', AccessToken: 'minutes', RefreshToken: 'minutes' },
      AuthSessionValidity: 5,
    });
  });

  it('has a managed login domain (the newer managed login, branded with Cognito defaults) and outputs it', () => {
    template.resourceCountIs('AWS::Cognito::UserPoolDomain', 1);
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { ManagedLoginVersion: 2, UserPoolId: { Ref: logicalId(stack.staffDirectory.userPool) } });
    template.resourceCountIs('AWS::Cognito::ManagedLoginBranding', 1);
    expect(template.toJSON().Outputs.StaffSignInUrl).toBeDefined();
  });

  it('creates the first administrator from -c adminEmail, in the admin group, invited by email', () => {
    const users = ofType('AWS::Cognito::UserPoolUser').map(([id, u]) => [id, u.Properties as Json] as const);
    expect(users).toHaveLength(1);
    const [userId, user] = users[0]!;
    expect(user).toMatchObject({ Username: 'admin', DesiredDeliveryMediums: ['EMAIL'], UserPoolId: { Ref: logicalId(stack.staffDirectory.userPool) } });
    expect(user.UserAttributes).toEqual(expect.arrayContaining([{ Name: 'email', Value: 'it@group.example' }, { Name: 'custom:estates', Value: '*' }]));
    const [, attachment] = ofType('AWS::Cognito::UserPoolUserToGroupAttachment')[0]!;
    expect(attachment.Properties).toMatchObject({ GroupName: 'admin', Username: 'admin' });
    expect(attachment.DependsOn).toEqual(expect.arrayContaining([userId]));
  });

  it('creates no user without -c adminEmail, and refuses one that is not an address', () => {
    const other = new ComplaintPlatformStack(new App({ context: SKIP_BUNDLING }), 'NoAdmin');
    expect(Template.fromStack(other).findResources('AWS::Cognito::UserPoolUser')).toEqual({});
    expect(() => new ComplaintPlatformStack(new App({ context: { ...SKIP_BUNDLING, adminEmail: 'not an address' } }), 'BadAdmin')).toThrow(/adminEmail/);
  });

  it('lets only the staff function manage the user pool, the functions that read staff only read, and the Monday report only list, on this pool', () => {
    const cognitoStatements = iamStatements().filter(({ statement }) => asArray(statement.Action).some((a) => a.startsWith('cognito-idp:')));
    expect(cognitoStatements.length).toBeGreaterThan(0);
    const staffRole = logicalId(stack.platformFunctions.functions.adminStaff.role!);
    const reportRole = logicalId(stack.platformFunctions.functions.compileWeeklyReports.role!);
    const readers = (Object.entries(lambdaFunctions) as [keyof typeof lambdaFunctions, LambdaSpec][])
      .filter(([, spec]) => spec.access.readStaffDirectory)
      .map(([name]) => logicalId(stack.platformFunctions.functions[name].role!));
    // The assignment notice, the deadline warnings and the console's assignee picker read the directory.
    for (const name of ['caseActions', 'warnBeforeDeadline', 'estateStaff'] as const) expect(readers).toContain(logicalId(stack.platformFunctions.functions[name].role!));
    const READ_ONLY = ['cognito-idp:AdminGetUser', 'cognito-idp:AdminListGroupsForUser', 'cognito-idp:ListUsersInGroup'];
    for (const { roles, statement } of cognitoStatements) {
      expect(statement.Resource).toEqual({ 'Fn::GetAtt': [logicalId(stack.staffDirectory.userPool), 'Arn'] });
      if (roles.includes(reportRole)) {
        expect(roles).toEqual([reportRole]);
        expect(asArray(statement.Action)).toEqual(['cognito-idp:ListUsersInGroup']);
      } else if (roles.includes(staffRole)) {
        expect(roles).toEqual([staffRole]);
        expect(asArray(statement.Action).every((a) => /^cognito-idp:(Admin\w+|ListUsersInGroup)$/.test(a))).toBe(true);
      } else {
        for (const role of roles) expect(readers).toContain(role);
        expect([...asArray(statement.Action)].sort()).toEqual(READ_ONLY);
      }
    }
    const readerRoles = new Set(cognitoStatements.flatMap(({ roles }) => roles).filter((role) => readers.includes(role)));
    expect([...readerRoles].sort()).toEqual([...new Set(readers)].sort());
  });
});

describe('HTTP API authorisation', () => {
  it("has one JWT authorizer: the staff pool's issuer, its app client as audience, the Authorization header", () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Issuer: cognitoIssuer(), Audience: [{ Ref: logicalId(stack.staffDirectory.client) }] },
    });
  });

  it("puts the JWT authorizer on every `auth: 'staff'` route of the catalog, and on no public route", () => {
    const [authorizerId] = Object.keys(template.findResources('AWS::ApiGatewayV2::Authorizer'));
    const routes = ofRouteType('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties as Json);
    expect(httpRoutes.some((r) => r.auth === 'staff')).toBe(true);
    for (const route of httpRoutes) {
      const found = routes.find((r) => r.RouteKey === `${route.method} ${route.path}`)!;
      if (route.auth === 'staff') {
        expect(found, found.RouteKey).toMatchObject({ AuthorizationType: 'JWT' });
        expect(fromParent(found.AuthorizerId), found.RouteKey).toEqual({ Ref: authorizerId });
      }
      else {
        expect(found.AuthorizationType, found.RouteKey).toBe('NONE');
        expect(found.AuthorizerId, found.RouteKey).toBeUndefined();
      }
    }
  });

  it("lets only API Gateway invoke the functions behind the JWT authorizer, on their staff routes only (the handlers trust the authorizer's claims)", () => {
    const behind = [...new Set(httpRoutes.filter((r) => r.auth === 'staff').map((r) => r.function))];
    expect(behind.length).toBeGreaterThan(0);
    const [apiId] = Object.keys(template.findResources('AWS::ApiGatewayV2::Api'));
    for (const name of behind) {
      // No public or streaming route reaches the same function: every way in passes the authorizer.
      expect(httpRoutes.filter((r) => r.function === name && r.auth !== 'staff'), name).toEqual([]);
      expect(streamingRoutes.filter((r) => r.function === name), name).toEqual([]);
      const arn = { 'Fn::GetAtt': [logicalId(stack.platformFunctions.functions[name]), 'Arn'] };
      const staffPaths = httpRoutes.filter((r) => r.function === name).map((r) => `/*/*${r.path}`);
      const permissions = [...ofType('AWS::Lambda::Permission'), ...ofRouteType('AWS::Lambda::Permission')].filter(([, p]) => JSON.stringify(fromParent(p.Properties.FunctionName)) === JSON.stringify(arn));
      expect(permissions.length, name).toBe(staffPaths.length);
      for (const [, permission] of permissions) {
        expect(permission.Properties, name).toMatchObject({ Action: 'lambda:InvokeFunction', Principal: 'apigateway.amazonaws.com' });
        const sourceArn = (permission.Properties.SourceArn['Fn::Join'][1] as Json[]).map(fromParent);
        expect(sourceArn, name).toContainEqual({ Ref: apiId });
        expect(staffPaths, name).toContain(sourceArn.at(-1));
      }
      expect(ofType('AWS::Lambda::Url').filter(([, u]) => JSON.stringify(u.Properties.TargetFunctionArn) === JSON.stringify(arn)), name).toEqual([]);
      const invokers = iamStatements().filter(({ statement }) => actionsOf([statement]).some((a) => a.startsWith('lambda:Invoke')) && JSON.stringify(statement.Resource).includes(`"${logicalId(stack.platformFunctions.functions[name])}"`));
      expect(invokers, name).toEqual([]);
    }
  });

  it('acknowledges APIG4 (no authorizer) on public routes only', () => {
    const acknowledged = stack.httpApi.routes.filter((route) =>
      route.node.metadata.some((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY && Object.keys(m.data as object).some((id) => id.endsWith('AwsSolutions-APIG4'))),
    );
    const publicKeys = httpRoutes.filter((r) => r.auth === 'public').map((r) => `${r.method} ${r.path}`).sort();
    expect(acknowledged.map((r) => stack.resolve((r.node.defaultChild as unknown as { routeKey: string }).routeKey) as string).sort()).toEqual(publicKeys);
  });

  it('throttles public intake harder than the rest of the API', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      RouteSettings: { 'POST /api/v1/complaints': { ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 } },
    });
    const [, stage] = ofType('AWS::ApiGatewayV2::Stage')[0]!;
    // The route lives in the nested route stack: the stage waits for that stack.
    expect(ofRouteType('AWS::ApiGatewayV2::Route').some(([, r]) => r.Properties.RouteKey === 'POST /api/v1/complaints')).toBe(true);
    expect(asArray(stage.DependsOn ?? [])).toContain(routeStackId);
  });
});

describe('stack', () => {
  it('outputs the API URL, the table name, the state machine ARN and the mailbox identity', () => {
    const outputs = template.toJSON().Outputs as Json;
    expect(Object.keys(outputs).sort()).toEqual(['ApiUrl', 'AuditAnchorBucketName', 'AuditExportBucketName', 'AuditExportUrl', 'CaseFilesBucketName', 'ConsoleUrl', 'InboundMailBucketName', 'MailboxIdentity', 'ReceiptRuleSetName', 'StaffClientId', 'StaffSignInUrl', 'StaffUserPoolId', 'StateMachineArn', 'TableName']);
    expect(outputs.MailboxIdentity.Value).toBe('complaints@complaints.example.com');
    template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'complaints.example.com' });
  });

  it('is environment-agnostic', () => {
    expect(stack.resolve(stack.region)).toEqual({ Ref: 'AWS::Region' });
    expect(stack.resolve(stack.account)).toEqual({ Ref: 'AWS::AccountId' });
  });

  it('has no dependency cycle', () => {
    const graph = new Map<string, Set<string>>();
    for (const [id, r] of Object.entries(resources)) {
      const deps = references({ Properties: r.Properties ?? {}, DependsOn: asArray(r.DependsOn ?? []).map((d: string) => ({ Ref: d })) });
      graph.set(id, new Set([...deps].filter((d) => d in resources)));
    }
    const state = new Map<string, 'visiting' | 'done'>();
    const cycle: string[] = [];
    const visit = (id: string, path: string[]): boolean => {
      if (state.get(id) === 'done') return false;
      if (state.get(id) === 'visiting') {
        cycle.push(...path.slice(path.indexOf(id)), id);
        return true;
      }
      state.set(id, 'visiting');
      for (const dep of graph.get(id)!) if (visit(dep, [...path, id])) return true;
      state.set(id, 'done');
      return false;
    };
    for (const id of graph.keys()) if (visit(id, [])) break;
    expect(cycle).toEqual([]);
  });

  it('takes the sender domain and the public base URL from context', () => {
    const other = new App({ context: { ...SKIP_BUNDLING, senderDomain: 'mail.example.org', publicBaseUrl: 'https://complaints.example.org' } });
    const custom = new ComplaintPlatformStack(other, 'Custom');
    const customTemplate = Template.fromStack(custom);
    customTemplate.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'mail.example.org' });
    customTemplate.allResourcesProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ SENDER_EMAIL: 'complaints@mail.example.org', PUBLIC_BASE_URL: 'https://complaints.example.org' }) },
    });
    expect(() => new ComplaintPlatformStack(new App({ context: { ...SKIP_BUNDLING, senderDomain: 'not a domain' } }), 'Bad')).toThrow(/senderDomain/);
  });

  it('adds the SES sandbox recipients of context `sesSandboxRecipients` to the send permission, and nothing else', () => {
    const other = new App({ context: { ...SKIP_BUNDLING, sesSandboxRecipients: 'tester@example.net, qa.example.net' } });
    const sandboxed = Template.fromStack(new ComplaintPlatformStack(other, 'Sandboxed'));
    const statements = Object.values(sandboxed.findResources('AWS::IAM::Policy')).flatMap(
      (p) => asArray(p.Properties.PolicyDocument.Statement) as Statement[],
    );
    const targets = statements
      .filter((s) => asArray(s.Action).includes('ses:SendEmail'))
      .flatMap((s) => asArray(s.Resource))
      .map((r) => JSON.stringify(r));
    const sesFunctions = catalog.filter(([, spec]) => spec.access.sendEmail).length;
    expect(targets.filter((t) => t.includes(':identity/tester@example.net'))).toHaveLength(sesFunctions);
    expect(targets.filter((t) => t.includes(':identity/qa.example.net'))).toHaveLength(sesFunctions);
    expect(targets).toHaveLength(3 * sesFunctions);
  });
});

describe('audit storage', () => {
  const bucket = (construct: IConstruct) => resources[logicalId(construct)]!.Properties as Json;
  const policyOf = (construct: IConstruct) =>
    asArray(ofType('AWS::S3::BucketPolicy').find(([, p]) => p.Properties.Bucket.Ref === logicalId(construct))![1].Properties.PolicyDocument.Statement) as (Statement & { Sid?: string; Principal?: unknown })[];
  const s3Statements = (name: LambdaFunctionName) => statementsOf(name).filter((s) => actionsOf([s]).some((a) => a.startsWith('s3:')));
  const onBucket = (statements: Statement[], construct: IConstruct) => statements.filter((s) => JSON.stringify(s.Resource).includes(`"${logicalId(construct)}"`));

  it('keeps every audit bucket private, TLS-only, S3-encrypted, without ACLs, and access-logged', () => {
    const { exportBucket, anchorBucket, accessLogs } = stack.auditTrail.storage;
    for (const construct of [exportBucket, anchorBucket, accessLogs]) {
      const props = bucket(construct);
      expect(props.BucketEncryption.ServerSideEncryptionConfiguration).toEqual([{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }]);
      expect(props.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
      expect(props.OwnershipControls.Rules).toEqual([{ ObjectOwnership: 'BucketOwnerEnforced' }]);
      expect(policyOf(construct)).toContainEqual(expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
      expect(resources[logicalId(construct)]!.DeletionPolicy).toBe('Retain');
    }
    for (const construct of [exportBucket, anchorBucket]) expect(bucket(construct).LoggingConfiguration.DestinationBucketName).toEqual({ Ref: logicalId(accessLogs) });
  });

  it('receives mail for the complaints domain with SES: scanned, stored under incoming/ of the inbound bucket, then the handler invoked asynchronously', () => {
    const { inboundBucket } = stack.inboundMail;
    const [, rule] = ofType('AWS::SES::ReceiptRule')[0]!;
    expect(ofType('AWS::SES::ReceiptRule')).toHaveLength(1);
    expect(rule.Properties.Rule.Recipients).toEqual(['complaints.example.com']);
    expect(rule.Properties.Rule.ScanEnabled).toBe(true);
    expect(rule.Properties.Rule.Enabled).toBe(true);
    const [storeAction, invokeAction] = rule.Properties.Rule.Actions as Json[];
    expect(storeAction!.S3Action).toMatchObject({ BucketName: { Ref: logicalId(inboundBucket) }, ObjectKeyPrefix: 'incoming/' });
    expect(invokeAction!.LambdaAction).toEqual({ FunctionArn: { 'Fn::GetAtt': [logicalId(stack.platformFunctions.functions.receiveInboundEmail), 'Arn'] }, InvocationType: 'Event' });
    // SES may write under incoming/ only.
    const sesWrites = policyOf(inboundBucket).filter((st: Json) => JSON.stringify(st.Principal ?? '').includes('ses.amazonaws.com'));
    expect(sesWrites.length).toBeGreaterThan(0);
    for (const st of sesWrites) expect(JSON.stringify(st.Resource)).toContain('/incoming/*');
  });

  it('keeps the inbound-mail and case-files buckets private, TLS-only, encrypted and logged; handled mail expires, set-aside mail later, incoming never', () => {
    const { inboundBucket, caseFilesBucket } = stack.inboundMail;
    for (const construct of [inboundBucket, caseFilesBucket]) {
      const props = bucket(construct);
      expect(props.BucketEncryption.ServerSideEncryptionConfiguration).toEqual([{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }]);
      expect(props.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
      expect(policyOf(construct)).toContainEqual(expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
      expect(props.LoggingConfiguration.DestinationBucketName).toEqual({ Ref: logicalId(stack.auditTrail.storage.accessLogs) });
      expect(resources[logicalId(construct)]!.DeletionPolicy).toBe('Retain');
    }
    const rules = bucket(inboundBucket).LifecycleConfiguration.Rules as Json[];
    expect(rules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Prefix: 'handled/', ExpirationInDays: 90, Status: 'Enabled' }),
        expect.objectContaining({ Prefix: 'set-aside/', ExpirationInDays: 400, Status: 'Enabled' }),
      ]),
    );
    expect(rules.filter((r) => r.ExpirationInDays !== undefined).every((r) => r.Prefix === 'handled/' || r.Prefix === 'set-aside/')).toBe(true);
    // Case files are not expired by S3: they follow their case. Only unclaimed uploads expire, after a day.
    const fileRules = bucket(caseFilesBucket).LifecycleConfiguration.Rules as Json[];
    expect(fileRules.filter((r) => r.ExpirationInDays !== undefined)).toEqual([expect.objectContaining({ Prefix: 'uploads/', ExpirationInDays: 1 })]);
    expect(bucket(caseFilesBucket).CorsConfiguration.CorsRules).toEqual([expect.objectContaining({ AllowedMethods: ['POST'], AllowedOrigins: [expect.anything()] })]);
  });

  it('gives the reply-address key and the mail domain exactly to the functions whose entry has replyAddresses, and the buckets as access says', () => {
    for (const [name, spec] of catalog) {
      const env = resources[logicalId(stack.platformFunctions.functions[name])]!.Properties.Environment.Variables as Json;
      expect(env.REPLY_ADDRESS_SECRET !== undefined, name).toBe(Boolean(spec.access.replyAddresses));
      expect(env.INBOUND_MAIL_DOMAIN !== undefined, name).toBe(Boolean(spec.access.replyAddresses));
      expect(env.INBOUND_MAIL_BUCKET !== undefined, name).toBe(Boolean(spec.access.inboundMailBucket || spec.access.eraseCaseObjects));
      expect(env.CASE_FILES_BUCKET !== undefined, name).toBe(Boolean(spec.access.caseFilesBucket || spec.access.eraseCaseObjects));
      const onFiles = onBucket(s3Statements(name), stack.inboundMail.caseFilesBucket);
      const fileActions = { read: ['s3:GetObject'], 'read-write': ['s3:GetObject', 's3:ListBucket', 's3:PutObject'], none: [] }[spec.access.caseFilesBucket ?? 'none'];
      expect([...new Set(actionsOf(onFiles))].sort(), name).toEqual([...new Set([...fileActions, ...(spec.access.eraseCaseObjects ? ['s3:DeleteObject', 's3:ListBucket'] : [])])].sort());
      for (const s of onFiles.filter((st) => actionsOf([st]).some((a) => a === 's3:GetObject' || a === 's3:DeleteObject'))) expect(JSON.stringify(s.Resource), name).toMatch(/\/(cases|uploads)\/\*/);
    }
  });

  it('deletes export files after 7 days and unfinished uploads after a day', () => {
    expect(bucket(stack.auditTrail.storage.exportBucket).LifecycleConfiguration.Rules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ ExpirationInDays: 7, Status: 'Enabled' }),
        expect.objectContaining({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 }, Status: 'Enabled' }),
      ]),
    );
  });

  it('makes published anchors write-once: versioned, Object Lock in compliance mode for 7 years, no deletes, create-only writes', () => {
    const { anchorBucket } = stack.auditTrail.storage;
    const props = bucket(anchorBucket);
    expect(props.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(props.ObjectLockEnabled).toBe(true);
    expect(props.ObjectLockConfiguration).toEqual({ ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Years: 7 } } });
    expect(props.LifecycleConfiguration).toBeUndefined();
    const statements = policyOf(anchorBucket);
    expect(statements).toContainEqual(expect.objectContaining({ Sid: 'NoDeletes', Effect: 'Deny', Principal: { AWS: '*' }, Action: ['s3:DeleteObject', 's3:DeleteObjectVersion'] }));
    expect(statements).toContainEqual(expect.objectContaining({ Sid: 'CreateOnlyWrites', Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:PutObject', Condition: { Null: { 's3:if-none-match': 'true' } } }));
  });

  it('takes the anchor retention in years from the stack props or context, and refuses nonsense', () => {
    const years = (context: Record<string, unknown>, props = {}) => {
      const other = new ComplaintPlatformStack(new App({ context: { ...SKIP_BUNDLING, ...context } }), 'Other', props);
      const id = other.resolve(other.getLogicalId(other.auditTrail.storage.anchorBucket.node.defaultChild as never)) as string;
      return Template.fromStack(other).toJSON().Resources[id].Properties.ObjectLockConfiguration.Rule.DefaultRetention.Years as number;
    };
    expect(years({ anchorRetentionYears: '10' })).toBe(10);
    expect(years({}, { anchorRetentionYears: 12 })).toBe(12);
    expect(() => years({ anchorRetentionYears: 0 })).toThrow(/anchorRetentionYears/);
    expect(() => years({}, { anchorRetentionYears: 2.5 })).toThrow(/anchorRetentionYears/);
  });

  it("grants on the audit buckets exactly what each entry's access says, on its own prefix, and never a delete", () => {
    const { exportBucket, anchorBucket } = stack.auditTrail.storage;
    for (const [name, spec] of catalog) {
      const statements = s3Statements(name);
      const env = resources[logicalId(stack.platformFunctions.functions[name])]!.Properties.Environment.Variables as Json;
      const exportActions = actionsOf(onBucket(statements, exportBucket)).sort();
      const anchorActions = actionsOf(onBucket(statements, anchorBucket)).sort();
      expect(exportActions, name).toEqual({ read: ['s3:GetObject'], 'read-write': ['s3:AbortMultipartUpload', 's3:PutObject'], none: [] }[spec.access.auditExportBucket ?? 'none']);
      expect(anchorActions, name).toEqual({ read: ['s3:GetObject', 's3:ListBucket'], 'read-write': ['s3:GetObject', 's3:ListBucket', 's3:PutObject'], none: [] }[spec.access.auditAnchorBucket ?? 'none']);
      for (const s of onBucket(statements, exportBucket)) expect(JSON.stringify(s.Resource), name).toContain('/exports/*');
      for (const s of onBucket(statements, anchorBucket).filter((s) => actionsOf([s]).includes('s3:GetObject'))) expect(JSON.stringify(s.Resource), name).toContain('/anchors/*');
      // The deletes: the inbound-mail handler removes a received message from incoming/ once it has filed it elsewhere;
      // erasure and the retention purge delete a case's files, uploads and filed messages. Never on the audit buckets.
      const deletes = statements.filter((s) => actionsOf([s]).some((a) => a.includes('Delete')));
      for (const s of deletes) expect(JSON.stringify(s.Resource), name).toMatch(spec.access.eraseCaseObjects ? /\/(cases|uploads|handled)\/\*/ : /\/incoming\/\*/);
      expect(deletes.length > 0, name).toBe(Boolean(spec.access.inboundMailBucket || spec.access.eraseCaseObjects));
      expect(env.AUDIT_EXPORT_BUCKET !== undefined, name).toBe(spec.access.auditExportBucket !== undefined);
      expect(env.AUDIT_ANCHOR_BUCKET !== undefined, name).toBe(spec.access.auditAnchorBucket !== undefined);
    }
  });

  it('lets only the functions with startAuditExportJobs invoke the export job function, unqualified, and tells them its name', () => {
    const jobId = logicalId(stack.platformFunctions.functions.runAuditExportJob);
    for (const [name, spec] of catalog) {
      const invokes = statementsOf(name).filter((s) => actionsOf([s]).includes('lambda:InvokeFunction'));
      const env = resources[logicalId(stack.platformFunctions.functions[name])]!.Properties.Environment.Variables as Json;
      if (spec.access.startAuditExportJobs) {
        expect(invokes.map((s) => s.Resource), name).toEqual([{ 'Fn::GetAtt': [jobId, 'Arn'] }]);
        expect(env.AUDIT_EXPORT_JOB_FUNCTION, name).toEqual({ Ref: jobId });
      } else {
        expect(invokes, name).toEqual([]);
        expect(env.AUDIT_EXPORT_JOB_FUNCTION, name).toBeUndefined();
      }
    }
  });

  it('configures asynchronous invocation of the export job function as its catalog entry says', () => {
    const spec = lambdaFunctions.runAuditExportJob.asyncInvocation;
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: logicalId(stack.platformFunctions.functions.runAuditExportJob) },
      MaximumEventAgeInSeconds: spec.maxEventAgeSeconds,
      MaximumRetryAttempts: spec.retryAttempts,
    });
    expect(ofType('AWS::Lambda::EventInvokeConfig')).toHaveLength(catalog.filter(([, s]) => s.asyncInvocation).length);
  });
});

describe('cdk-nag (AWS Solutions)', () => {
  it('finds nothing that is not acknowledged', () => {
    const report = new AwsSolutionsChecks(app).validateScope(app);
    const findings = report.violations.map((v) => `${v.severity} ${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`);
    expect(findings).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('has a written reason for every acknowledgement', () => {
    const acknowledgements: { path: string; id: string; reason: unknown }[] = [];
    for (const construct of stack.node.findAll()) {
      for (const entry of construct.node.metadata) {
        if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
        for (const [id, reason] of Object.entries(entry.data as Record<string, unknown>)) acknowledgements.push({ path: construct.node.path, id, reason });
      }
    }
    expect(acknowledgements.length).toBeGreaterThan(0);
    for (const a of acknowledgements) {
      expect(typeof a.reason, a.id).toBe('string');
      expect((a.reason as string).length, `${a.path} ${a.id}`).toBeGreaterThan(80);
    }
  });
});
