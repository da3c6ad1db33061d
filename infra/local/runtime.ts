/**
 * The whole platform on one machine, no AWS account: DynamoDB Local, the SES
 * emulator with its mailbox, the lifecycle state machine in-process behind a
 * local Step Functions API, and the HTTP API with the web pages. Handlers
 * reach each one through the ordinary AWS SDK clients, pointed here by the
 * standard `AWS_ENDPOINT_URL_<SERVICE>` variables: the same code path as AWS.
 *
 * Used by `npm start` (infra/local/start.ts), the integration tests and the bench.
 */
import './polyfills';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import './lambdaStreaming';
import { rmSync } from 'node:fs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoCaseStore } from '../../functions/store/dynamoCaseStore';
import { COMPLAINT_LIFECYCLE_NAME, resolvedLifecycleDefinition } from '../../workflows/complaintLifecycle';
import { ensureCaseTable } from './caseTable';
import { demoEstates, demoUsers } from './demoGroup';
import { startDynamoDbLocal } from './dynamodbLocal';
import { DynamoExecutionJournal } from './executionJournal';
import { startHttpGateway } from './httpGateway';
import { LambdaHost, localLambdaArn } from './lambdaHost';
import { createLocalIssuer, LOCAL_AUDIENCE, LOCAL_ISSUER, type LocalIssuer } from './localIssuer';
import { LocalStepFunctions } from './localStepFunctions';
import { startMailbox } from './mailbox';
import { freePort } from './ports';
import { checkJava, checkNode } from './prerequisites';
import { loadOrCreateCursorSecret } from './localSecrets';
import { type LocalSchedules, startLocalSchedules } from './schedules';
import { startStepFunctionsApi } from './sfnApi';

export const LOCAL_TABLE_NAME = 'ComplaintCases';
export const LOCAL_STATE_MACHINE_ARN = `arn:aws:states:us-east-1:000000000000:stateMachine:${COMPLAINT_LIFECYCLE_NAME}`;

export interface LocalPlatformOptions {
  /** 0 picks a free port (tests). */
  port: number;
  mailboxPort: number;
  dynamoDbPort: number;
  stepFunctionsPort: number;
  /** Where DynamoDB Local keeps its data; undefined keeps it in memory (tests). */
  dataDir?: string;
  /** Use an already running DynamoDB Local instead of starting one (the test suite shares one). */
  externalDynamoDbEndpoint?: string;
  /** Defaults to `ComplaintCases`; tests use one table per file on the shared DynamoDB Local. */
  tableName?: string;
  reset?: boolean;
  timeScale: number;
  /** Public address used in links sent to residents. */
  publicBaseUrl?: string;
  /**
   * Per-IP and per-estate limits on public intake (functions/domain/rateLimit.ts), set as the
   * `INTAKE_LIMIT_*` variables; unset, the environment's values or the defaults (10 and 60 a minute) apply.
   */
  intakeLimits?: { perIp?: number; perEstate?: number; windowSeconds?: number };
  log?: (entry: Record<string, unknown>) => void;
  /** Run scheduled tasks (anchor, retention purge) on their TIME_SCALE-d timers; default true. Tests run them on demand. */
  scheduledTasks?: boolean;
}

export interface LocalPlatform {
  url: string;
  mailboxUrl: string;
  /** Takes the SES emulator down and brings it back (an outage of the email service), for resilience tests. */
  mailboxOutage: { begin(): Promise<void>; end(): Promise<void> };
  ports: { port: number; mailboxPort: number; stepFunctionsPort: number };
  dynamoDbEndpoint: string;
  stepFunctionsEndpoint: string;
  tableName: string;
  stepFunctions: LocalStepFunctions;
  /** Signs staff tokens for the demo users (the local stand-in for Cognito). */
  issuer: LocalIssuer;
  caseStore: DynamoCaseStore;
  resumedExecutions: number;
  seeded: boolean;
  /** Scheduled tasks (catalog entries with a `schedule`): run one now with `schedules.run(name)`. */
  schedules: LocalSchedules;
  stop(): Promise<void>;
}

const portOrFree = async (port: number) => (port === 0 ? freePort() : port);

export async function startLocalPlatform(options: LocalPlatformOptions): Promise<LocalPlatform> {
  checkNode();
  checkJava();
  const log = options.log ?? ((entry) => console.log(JSON.stringify({ level: 'INFO', timestamp: new Date().toISOString(), service: 'local-runtime', ...entry })));
  if (options.reset && options.dataDir) rmSync(options.dataDir, { recursive: true, force: true });

  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  };
  try {
    const [port, mailboxPort, dynamoDbPort, stepFunctionsPort] = await Promise.all([options.port, options.mailboxPort, options.dynamoDbPort, options.stepFunctionsPort].map(portOrFree)) as [number, number, number, number];
    const dynamo = options.externalDynamoDbEndpoint
      ? { endpoint: options.externalDynamoDbEndpoint }
      : await startDynamoDbLocal({ port: dynamoDbPort, dataDir: options.dataDir, log: (message) => log({ message }) });
    if ('stop' in dynamo) stops.push(() => dynamo.stop());
    const tableName = options.tableName ?? LOCAL_TABLE_NAME;
    let mailbox = await startMailbox({ port: mailboxPort });
    let mailboxRunning = true;
    stops.push(async () => {
      if (mailboxRunning) await mailbox.stop();
    });
    // Stopping the SES emulator is a real outage of a dependency: tests use it to check that nothing is lost.
    const mailboxOutage = {
      begin: async () => {
        if (mailboxRunning) await mailbox.stop();
        mailboxRunning = false;
      },
      end: async () => {
        if (!mailboxRunning) mailbox = await startMailbox({ port: mailboxPort });
        mailboxRunning = true;
      },
    };

    const publicBaseUrl = options.publicBaseUrl ?? `http://localhost:${port}`;
    // What Lambda's environment holds in AWS; here the SDK's standard endpoint variables point at the emulators.
    Object.assign(process.env, {
      AWS_REGION: process.env.AWS_REGION ?? 'us-east-1',
      AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID ?? 'local',
      AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY ?? 'local',
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AWS_ENDPOINT_URL_SESV2: mailbox.endpoint,
      AWS_ENDPOINT_URL_SFN: `http://127.0.0.1:${stepFunctionsPort}`,
      CASE_TABLE_NAME: tableName,
      COMPLAINT_LIFECYCLE_ARN: LOCAL_STATE_MACHINE_ARN,
      SENDER_EMAIL: process.env.SENDER_EMAIL ?? 'complaints@demo-group.example',
      PUBLIC_BASE_URL: publicBaseUrl,
      AUTH_ISSUER: LOCAL_ISSUER,
      AUTH_AUDIENCE: LOCAL_AUDIENCE,
      AUTH_JWKS_URL: `http://127.0.0.1:${port}/.well-known/jwks.json`,
      POWERTOOLS_SERVICE_NAME: 'complaint-platform',
      POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'INFO',
      // Signs list cursors; in AWS a Secrets Manager secret. Kept in DATA_DIR so cursors survive a restart.
      CURSOR_SECRET: process.env.CURSOR_SECRET ?? loadOrCreateCursorSecret(options.dataDir),
      ...(options.intakeLimits?.perIp ? { INTAKE_LIMIT_PER_IP: String(options.intakeLimits.perIp) } : {}),
      ...(options.intakeLimits?.perEstate ? { INTAKE_LIMIT_PER_ESTATE: String(options.intakeLimits.perEstate) } : {}),
      ...(options.intakeLimits?.windowSeconds ? { INTAKE_LIMIT_WINDOW_SECONDS: String(options.intakeLimits.windowSeconds) } : {}),
    });

    const dynamoClient = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const doc = DynamoDBDocumentClient.from(dynamoClient, { marshallOptions: { removeUndefinedValues: true } });
    stops.push(async () => dynamoClient.destroy());
    const tableState = await ensureCaseTable(dynamoClient, tableName);
    const caseStore = new DynamoCaseStore(doc, tableName);
    const existing = await caseStore.listEstates();
    const seeded = existing.length === 0;
    // First start: seed the demo group. Later starts only complete demo estates stored by an older version.
    for (const estate of demoEstates) {
      const stored = existing.find((e) => e.estateId === estate.estateId);
      if (seeded || (stored && !stored.managerEmail)) await caseStore.putEstate(estate);
    }
    log({ message: 'case table ready', table: tableName, table_state: tableState, demo_group_seeded: seeded });

    const lambdas = new LambdaHost();
    const stepFunctions = new LocalStepFunctions({
      stateMachineArn: LOCAL_STATE_MACHINE_ARN,
      definition: resolvedLifecycleDefinition(localLambdaArn),
      lambdas,
      journal: new DynamoExecutionJournal(doc, tableName),
      timeScale: options.timeScale,
      log,
    });
    stops.push(() => stepFunctions.stop());
    const sfnApi = await startStepFunctionsApi(stepFunctions, stepFunctionsPort);
    stops.push(() => sfnApi.stop());
    const issuer = await createLocalIssuer(options.dataDir);
    const jwks = JSON.stringify(issuer.jwks);
    const gateway = await startHttpGateway({
      port,
      lambdas,
      log,
      localOnlyRoutes: {
        'GET /.well-known/jwks.json': () => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: jwks }),
        // Demo sign-in for the staff console; Cognito's hosted sign-in takes this place in AWS.
        'GET /local/demo-users': () => ({
          statusCode: 200,
          headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
          body: JSON.stringify({ users: demoUsers.map(({ userId, name, role, estates, departmentId }) => ({ userId, name, role, estates, departmentId })) }),
        }),
        'POST /local/demo-token': async (body): Promise<APIGatewayProxyStructuredResultV2> => {
          let userId: unknown;
          try {
            userId = (JSON.parse(body) as { userId?: unknown }).userId;
          } catch {
            userId = undefined;
          }
          const user = demoUsers.find((u) => u.userId === userId);
          if (!user) return { statusCode: 422, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: { code: 'validation_failed', message: 'userId is not a demo user', fields: { userId: 'is not a demo user' } } }) };
          return { statusCode: 200, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' }, body: JSON.stringify({ token: await issuer.mint(user) }) };
        },
      },
    });
    stops.push(() => gateway.stop());
    const resumedExecutions = await stepFunctions.resumeRunning();
    const schedules = startLocalSchedules({ lambdas, timeScale: options.timeScale, log, enabled: options.scheduledTasks !== false });
    stops.push(() => schedules.stop());

    return {
      url: gateway.url,
      mailboxUrl: mailbox.endpoint,
      mailboxOutage,
      ports: { port, mailboxPort, stepFunctionsPort },
      dynamoDbEndpoint: dynamo.endpoint,
      stepFunctionsEndpoint: sfnApi.endpoint,
      tableName,
      stepFunctions,
      issuer,
      caseStore,
      resumedExecutions,
      schedules,
      seeded,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
