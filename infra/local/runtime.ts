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
import { rmSync } from 'node:fs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoCaseStore } from '../../functions/store/dynamoCaseStore';
import { COMPLAINT_LIFECYCLE_NAME, resolvedLifecycleDefinition } from '../../workflows/complaintLifecycle';
import { ensureCaseTable } from './caseTable';
import { demoEstates } from './demoGroup';
import { startDynamoDbLocal } from './dynamodbLocal';
import { DynamoExecutionJournal } from './executionJournal';
import { startHttpGateway } from './httpGateway';
import { LambdaHost, localLambdaArn } from './lambdaHost';
import { createLocalIssuer, LOCAL_AUDIENCE, LOCAL_ISSUER, type LocalIssuer } from './localIssuer';
import { LocalStepFunctions } from './localStepFunctions';
import { startMailbox } from './mailbox';
import { freePort } from './ports';
import { checkJava, checkNode } from './prerequisites';
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
  log?: (entry: Record<string, unknown>) => void;
}

export interface LocalPlatform {
  url: string;
  mailboxUrl: string;
  dynamoDbEndpoint: string;
  stepFunctionsEndpoint: string;
  tableName: string;
  stepFunctions: LocalStepFunctions;
  /** Signs staff tokens for the demo users (the local stand-in for Cognito). */
  issuer: LocalIssuer;
  caseStore: DynamoCaseStore;
  resumedExecutions: number;
  seeded: boolean;
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
    const mailbox = await startMailbox({ port: mailboxPort });
    stops.push(() => mailbox.stop());

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
    });

    const dynamoClient = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const doc = DynamoDBDocumentClient.from(dynamoClient, { marshallOptions: { removeUndefinedValues: true } });
    stops.push(async () => dynamoClient.destroy());
    const tableState = await ensureCaseTable(dynamoClient, tableName);
    const caseStore = new DynamoCaseStore(doc, tableName);
    const seeded = (await caseStore.listEstates()).length === 0;
    if (seeded) for (const estate of demoEstates) await caseStore.putEstate(estate);
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
      localOnlyRoutes: { 'GET /.well-known/jwks.json': () => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: jwks }) },
    });
    stops.push(() => gateway.stop());
    const resumedExecutions = await stepFunctions.resumeRunning();

    return {
      url: gateway.url,
      mailboxUrl: mailbox.endpoint,
      dynamoDbEndpoint: dynamo.endpoint,
      stepFunctionsEndpoint: sfnApi.endpoint,
      tableName,
      stepFunctions,
      issuer,
      caseStore,
      resumedExecutions,
      seeded,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
