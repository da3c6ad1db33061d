/**
 * The whole platform on one machine, no AWS account: DynamoDB Local, the SES
 * emulator with its mailbox, an S3 emulator (audit export files, published
 * anchors), the lifecycle state machine in-process behind a local Step
 * Functions API, a local Lambda Invoke API for asynchronous invocations
 * (export jobs), and the HTTP API with the web pages. Handlers
 * reach each one through the ordinary AWS SDK clients, pointed here by the
 * standard `AWS_ENDPOINT_URL_<SERVICE>` variables: the same code path as AWS.
 *
 * Used by `npm start` (infra/local/start.ts), the integration tests and the bench.
 */
import './polyfills';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import './lambdaStreaming';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path, { join } from 'node:path';
import { buildBrowserAssets } from '../browserBuild';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { installPlatformClock } from '../../functions/platform/clock';
import { DynamoCaseStore } from '../../functions/store/dynamoCaseStore';
import type { LambdaFunctionName } from '../catalog';
import { COMPLAINT_LIFECYCLE_NAME, resolvedLifecycleDefinition } from '../../workflows/complaintLifecycle';
import { ensureCaseTable } from './caseTable';
import { seedLocalGroup } from './seedGroup';
import { createLocalOidcProvider } from './oidcProvider';
import { seedGroupSettings } from '../../functions/domain/groupSettings';
import { TableStaffDirectory } from '../../functions/store/tableStaffDirectory';
import { startDynamoDbLocal } from './dynamodbLocal';
import { DynamoExecutionJournal } from './executionJournal';
import { startHttpGateway } from './httpGateway';
import { createJwtAuthorizer, jwtAuthorizerConfigFromEnv } from './jwtAuthorizer';
import { type LocalLambdaApi, startLambdaApi } from './lambdaApi';
import { LambdaHost, localLambdaArn } from './lambdaHost';
import { createLocalIssuer, LOCAL_AUDIENCE, LOCAL_ISSUER, type LocalIssuer } from './localIssuer';
import { LocalStepFunctions } from './localStepFunctions';
import { ReceivedMail, startMailbox } from './mailbox';
import { anyFaults, chance, injectedFaults, isTaskFunction, localFaultsFromEnv, startDynamoThrottleProxy } from './faults';
import { createShutdown } from './shutdown';
import { parseTimeScale, PlatformClock, type RealTime } from './platformClock';
import { freePort } from './ports';
import { checkJava, checkNode } from './prerequisites';
import { startS3Emulator } from './s3Emulator';
import { loadOrCreateCaseLookupKey, loadOrCreateCursorSecret, loadOrCreateReplyAddressSecret } from './localSecrets';
import { type SmtpListener, startSmtpListener } from './smtpListener';
import { type LocalSchedules, scheduledEvent, startLocalSchedules } from './schedules';
import { type LocalTableStreams, startTableStreams } from './tableStreams';
import { startStepFunctionsApi } from './sfnApi';

export const LOCAL_TABLE_NAME = 'ComplaintCases';
/** Bucket names when the environment names none (AUDIT_EXPORT_BUCKET, AUDIT_ANCHOR_BUCKET); the runtime creates them in the S3 emulator. */
export const LOCAL_AUDIT_BUCKETS = { exports: 'complaint-audit-exports', anchors: 'complaint-audit-anchors' } as const;
/** Complaints by email, locally: the domain the SMTP listener takes mail for, and the buckets (INBOUND_MAIL_DOMAIN, INBOUND_MAIL_BUCKET, CASE_FILES_BUCKET). */
export const LOCAL_INBOUND_MAIL = { domain: 'complaints.demo-group.example', bucket: 'complaint-inbound-mail', caseFilesBucket: 'complaint-case-files' } as const;
export const LOCAL_STATE_MACHINE_ARN = `arn:aws:states:us-east-1:000000000000:stateMachine:${COMPLAINT_LIFECYCLE_NAME}`;

export interface LocalPlatformOptions {
  /** 0 picks a free port (tests). */
  port: number;
  mailboxPort: number;
  dynamoDbPort: number;
  stepFunctionsPort: number;
  /** The S3 emulator's and the local Lambda API's ports; 0 or unset picks a free one. */
  s3Port?: number;
  lambdaApiPort?: number;
  /** The SMTP listener's port (complaints by email, `SMTP_PORT`); 0 or unset picks a free one. */
  smtpPort?: number;
  /** Where DynamoDB Local keeps its data (and the S3 emulator its objects, under `s3/`); undefined keeps it in memory, objects in a temporary folder (tests). */
  dataDir?: string;
  /** Use an already running DynamoDB Local instead of starting one (the test suite shares one). */
  externalDynamoDbEndpoint?: string;
  /** Defaults to `ComplaintCases`; tests use one table per file on the shared DynamoDB Local. */
  tableName?: string;
  reset?: boolean;
  /**
   * The platform clock (infra/local/platformClock.ts): 1 real time; a number, compressed (86400: a day a second);
   * `simulated`, discrete-event time that moves only by `clock.advanceTo` / `runUntilIdle` (or by itself with `autoAdvance`).
   */
  timeScale: number | 'simulated';
  /** Platform time to start a fresh clock at (compressed or simulated; default: now). A data folder's stored time wins. */
  clockStartAt?: number;
  /** The clock's notion of real time (tests drive a compressed clock by hand); default the system clock. */
  realTime?: RealTime;
  /** Simulated: jump to the next timer by itself whenever the runtime is idle (`true`), or when an actor waits for time (`'on-demand'`, tests). */
  autoAdvance?: boolean | 'on-demand';
  /** Public address used in links sent to residents. */
  publicBaseUrl?: string;
  /**
   * Load every handler before taking work (`npm start`): later invocations then compile nothing, so a Ctrl-C, which
   * ends the compiler's process at once, cannot stop a workflow at a handler not yet loaded. Tests load on first use.
   */
  loadAllFunctions?: boolean;
  /**
   * Per-IP and per-estate limits on public intake (functions/domain/rateLimit.ts), set as the
   * `INTAKE_LIMIT_*` variables; unset, the environment's values or the defaults (10 and 60 a minute) apply.
   */
  intakeLimits?: { perIp?: number; perEstate?: number; windowSeconds?: number };
  log?: (entry: Record<string, unknown>) => void;
  /** Start with no demo data: only the settings' seed and one administrator (`npm start -- --empty`). */
  empty?: boolean;
  /** Run scheduled tasks (anchor, retention purge, outbox sweep) on the clock's timers: all (default), none (tests run them on demand), or those named. */
  scheduledTasks?: boolean | LambdaFunctionName[];
  /** DynamoDB Local (started by the runtime) exited on its own: the runtime cannot go on (`npm start` stops, to be started again). */
  onEmulatorExit?: (emulator: string, detail: string) => void;
}

export interface LocalPlatform {
  url: string;
  mailboxUrl: string;
  /** Takes the SES emulator down and brings it back (an outage of the email service), for resilience tests. */
  mailboxOutage: { begin(): Promise<void>; end(): Promise<void> };
  ports: { port: number; mailboxPort: number; stepFunctionsPort: number; s3Port: number; lambdaApiPort: number; smtpPort: number };
  /** Complaints by email: the SMTP listener (`idle()` waits for received messages to be handled), its domain and buckets. */
  inboundMail: { smtp: SmtpListener; domain: string; bucket: string; caseFilesBucket: string };
  dynamoDbEndpoint: string;
  stepFunctionsEndpoint: string;
  /** The S3 emulator, and the buckets it holds for the audit trail. */
  s3Endpoint: string;
  auditBuckets: { exports: string; anchors: string };
  /** The local Lambda Invoke API (asynchronous invocations: export jobs); `idle()` waits for running invocations. */
  lambdaApi: LocalLambdaApi;
  tableName: string;
  stepFunctions: LocalStepFunctions;
  /** Signs staff tokens for the demo users (the local stand-in for Cognito). */
  issuer: LocalIssuer;
  caseStore: DynamoCaseStore;
  resumedExecutions: number;
  seeded: boolean;
  /** Scheduled tasks (catalog entries with a `schedule`): run one now with `schedules.run(name)`. */
  schedules: LocalSchedules;
  /** The case table's stream consumers (Lambda event source mappings in AWS). */
  tableStreams: LocalTableStreams;
  /** The one clock every handler, execution, schedule and poller of this runtime reads. */
  clock: PlatformClock;
  /** Waits until nothing runs: no handler, no HTTP request, stream consumers caught up, every execution ended or resting on a person or a timer. */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

const portOrFree = async (port: number) => (port === 0 ? freePort() : port);

export async function startLocalPlatform(options: LocalPlatformOptions): Promise<LocalPlatform> {
  checkNode();
  checkJava();
  const log = options.log ?? ((entry) => console.log(JSON.stringify({ level: 'INFO', timestamp: new Date().toISOString(), service: 'local-runtime', ...entry })));
  if (options.reset && options.dataDir) rmSync(options.dataDir, { recursive: true, force: true });

  // In order: intake first, emulators last (infra/local/shutdown.ts).
  const shutdown = createShutdown({ log });
  const stopAll = () => shutdown.run();
  const faults = localFaultsFromEnv();
  if (anyFaults(faults)) log({ level: 'WARN', message: 'faults injected (LOCAL_FAULTS)', ...faults });
  if (anyFaults(faults)) shutdown.add('emulators', 'fault report', () => log({ level: 'WARN', message: 'faults injected in this run', ...injectedFaults }));
  try {
    // The one clock, first: everything started below reads it. Kept in the data folder so a restart resumes its time.
    const clock = new PlatformClock(parseTimeScale(options.timeScale), {
      ...(options.dataDir ? { stateFile: join(options.dataDir, 'platform-clock.json') } : {}),
      ...(options.clockStartAt !== undefined ? { startAt: options.clockStartAt } : {}),
      ...(options.autoAdvance ? { autoAdvance: options.autoAdvance } : {}),
      ...(options.realTime ? { realTime: options.realTime } : {}),
      log,
    });
    installPlatformClock(clock);
    // Registered first in the last phase, so it stops last: platform time is saved after everything else has stopped.
    shutdown.add('emulators', 'platform clock', async () => {
      await clock.stop();
      installPlatformClock(undefined);
    });
    log({ message: 'platform clock', mode: clock.mode, ...(clock.mode === 'compressed' ? { scale: clock.scale } : {}), platform_time: clock.date().toISOString(), resumed: clock.resumed });
    const [port, mailboxPort, dynamoDbPort, stepFunctionsPort] = await Promise.all([options.port, options.mailboxPort, options.dynamoDbPort, options.stepFunctionsPort].map(portOrFree)) as [number, number, number, number];
    const dynamo = options.externalDynamoDbEndpoint
      ? { endpoint: options.externalDynamoDbEndpoint }
      : await startDynamoDbLocal({
          port: dynamoDbPort,
          dataDir: options.dataDir,
          log: (message) => log({ message }),
          onUnexpectedExit: (code, signal) => {
            log({ level: 'ERROR', message: 'DynamoDB Local exited unexpectedly; the runtime stops (npm start again recovers)', code, signal });
            options.onEmulatorExit?.('DynamoDB Local', `exit code ${code}, signal ${signal}`);
          },
        });
    if ('stop' in dynamo) shutdown.add('emulators', 'DynamoDB Local', () => dynamo.stop());
    const tableName = options.tableName ?? LOCAL_TABLE_NAME;
    // What the mailbox received survives its own restarts (an outage) and, with a data folder, the runtime's.
    const receivedMail = new ReceivedMail(options.dataDir);
    const refuseSend = chance(faults.mailRefusalRate, 'mailRefusals');
    let mailbox = await startMailbox({ port: mailboxPort, received: receivedMail, refuseSend });
    let mailboxRunning = true;
    shutdown.add('emulators', 'mailbox', async () => {
      if (mailboxRunning) await mailbox.stop();
    });
    // Stopping the SES emulator is a real outage of a dependency: tests use it to check that nothing is lost.
    const mailboxOutage = {
      begin: async () => {
        if (mailboxRunning) await mailbox.stop();
        mailboxRunning = false;
      },
      end: async () => {
        if (!mailboxRunning) mailbox = await startMailbox({ port: mailboxPort, received: receivedMail, refuseSend });
        mailboxRunning = true;
      },
    };

    const credentials = { accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? 'local', secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? 'local' };
    const auditBuckets = { exports: process.env.AUDIT_EXPORT_BUCKET ?? LOCAL_AUDIT_BUCKETS.exports, anchors: process.env.AUDIT_ANCHOR_BUCKET ?? LOCAL_AUDIT_BUCKETS.anchors };
    const inboundMail = {
      domain: process.env.INBOUND_MAIL_DOMAIN ?? LOCAL_INBOUND_MAIL.domain,
      bucket: process.env.INBOUND_MAIL_BUCKET ?? LOCAL_INBOUND_MAIL.bucket,
      caseFilesBucket: process.env.CASE_FILES_BUCKET ?? LOCAL_INBOUND_MAIL.caseFilesBucket,
    };
    const s3 = await startS3Emulator({
      port: options.s3Port ?? 0,
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
      buckets: [auditBuckets.exports, auditBuckets.anchors, inboundMail.bucket, inboundMail.caseFilesBucket],
      browserUploadBuckets: [inboundMail.caseFilesBucket],
      credentials,
    });
    shutdown.add('emulators', 'S3 emulator', () => s3.stop());
    // Handlers reach DynamoDB Local through a throttling proxy when that fault is injected (the hosting layer, not the handlers).
    const throttleProxy = faults.dynamoThrottleRate > 0 ? await startDynamoThrottleProxy({ target: dynamo.endpoint, rate: faults.dynamoThrottleRate }) : undefined;
    if (throttleProxy) shutdown.add('emulators', 'DynamoDB throttling proxy', () => throttleProxy.stop());
    const lambdaApiPort = await portOrFree(options.lambdaApiPort ?? 0);

    // The browser modules, built as for AWS (infra/browserBuild.ts), into a directory of this run only.
    const browserAssets = buildBrowserAssets(mkdtempSync(path.join(tmpdir(), 'browser-assets-')));
    shutdown.add('emulators', 'browser assets', async () => rmSync(browserAssets.outDir, { recursive: true, force: true }));
    log({ message: 'browser assets built', files: Object.keys(browserAssets.manifest.files).length });

    const publicBaseUrl = options.publicBaseUrl ?? `http://localhost:${port}`;
    // What Lambda's environment holds in AWS; here the SDK's standard endpoint variables point at the emulators.
    Object.assign(process.env, {
      AWS_REGION: process.env.AWS_REGION ?? 'us-east-1',
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: throttleProxy?.endpoint ?? dynamo.endpoint,
      AWS_ENDPOINT_URL_SESV2: mailbox.endpoint,
      AWS_ENDPOINT_URL_SFN: `http://127.0.0.1:${stepFunctionsPort}`,
      AWS_ENDPOINT_URL_S3: s3.endpoint,
      AWS_ENDPOINT_URL_LAMBDA: `http://127.0.0.1:${lambdaApiPort}`,
      AUDIT_EXPORT_BUCKET: auditBuckets.exports,
      AUDIT_ANCHOR_BUCKET: auditBuckets.anchors,
      // In AWS the job function's physical name; here its catalog name, which the local Lambda API serves.
      AUDIT_EXPORT_JOB_FUNCTION: 'runAuditExportJob',
      CASE_TABLE_NAME: tableName,
      // The mail service receipt check (functions/platform/mailReceipts.ts): only where the mailbox's record survives a restart.
      MAIL_RECEIPT_CHECK_URL: options.dataDir ? mailbox.endpoint : '',
      COMPLAINT_LIFECYCLE_ARN: LOCAL_STATE_MACHINE_ARN,
      SENDER_EMAIL: process.env.SENDER_EMAIL ?? 'complaints@demo-group.example',
      PUBLIC_BASE_URL: publicBaseUrl,
      AUTH_ISSUER: LOCAL_ISSUER,
      AUTH_AUDIENCE: LOCAL_AUDIENCE,
      AUTH_JWKS_URL: `http://127.0.0.1:${port}/.well-known/jwks.json`,
      // The local issuer's discovery document is served by this server, on whichever loopback address the page was
      // opened (its identifier is not an address: docs/ACCESS.md); the console resolves the path against its origin.
      AUTH_DISCOVERY_URL: '/.well-known/openid-configuration',
      SERVICE_NAME: 'complaint-platform',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'INFO',
      // Signs list cursors; in AWS a Secrets Manager secret. Kept in DATA_DIR so cursors survive a restart.
      CURSOR_SECRET: process.env.CURSOR_SECRET ?? loadOrCreateCursorSecret(options.dataDir),
      CASE_LOOKUP_KEY: process.env.CASE_LOOKUP_KEY ?? loadOrCreateCaseLookupKey(options.dataDir),
      INBOUND_MAIL_DOMAIN: inboundMail.domain,
      INBOUND_MAIL_BUCKET: inboundMail.bucket,
      CASE_FILES_BUCKET: inboundMail.caseFilesBucket,
      REPLY_ADDRESS_SECRET: process.env.REPLY_ADDRESS_SECRET ?? loadOrCreateReplyAddressSecret(options.dataDir),
      BROWSER_ASSETS_DIR: browserAssets.outDir,
      ...(options.intakeLimits?.perIp ? { INTAKE_LIMIT_PER_IP: String(options.intakeLimits.perIp) } : {}),
      ...(options.intakeLimits?.perEstate ? { INTAKE_LIMIT_PER_ESTATE: String(options.intakeLimits.perEstate) } : {}),
      ...(options.intakeLimits?.windowSeconds ? { INTAKE_LIMIT_WINDOW_SECONDS: String(options.intakeLimits.windowSeconds) } : {}),
    });

    const dynamoClient = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const doc = DynamoDBDocumentClient.from(dynamoClient, { marshallOptions: { removeUndefinedValues: true } });
    shutdown.add('emulators', 'runtime DynamoDB client', () => dynamoClient.destroy());
    const tableState = await ensureCaseTable(dynamoClient, tableName);
    const settingsSeed = seedGroupSettings(process.env.GROUP_SETTINGS);
    const caseStore = new DynamoCaseStore(doc, tableName, settingsSeed);
    // First start: the demo group (or, with `empty`, only an administrator) through the administration code.
    const seed = await seedLocalGroup(doc, tableName, { empty: options.empty === true, settingsSeed });
    const seeded = seed.firstStart && !options.empty;
    const staffDirectory = new TableStaffDirectory(doc, tableName);
    log({ message: 'case table ready', table: tableName, table_state: tableState, first_start: seed.firstStart, estates_seeded: seed.estates, staff_seeded: seed.staff });

    const lambdas = new LambdaHost();
    if (options.loadAllFunctions) {
      const loadingStarted = Date.now();
      await lambdas.loadAll();
      log({ message: 'functions loaded', milliseconds: Date.now() - loadingStarted });
    }
    if (faults.taskFailureRate > 0) {
      const fail = chance(faults.taskFailureRate, 'taskFailures');
      lambdas.failInvocation = (name) => isTaskFunction(name) && fail();
    }
    // Any handler still running once the executions are stopped (a task the interpreter left) finishes before the emulators go.
    shutdown.add('handlers', 'running handlers', () => lambdas.drain());
    const stepFunctions = new LocalStepFunctions({
      stateMachineArn: LOCAL_STATE_MACHINE_ARN,
      definition: resolvedLifecycleDefinition(localLambdaArn),
      lambdas,
      journal: new DynamoExecutionJournal(doc, tableName),
      clock,
      log,
    });
    shutdown.add('workflows', 'Step Functions', () => stepFunctions.stop());
    const sfnApi = await startStepFunctionsApi(stepFunctions, stepFunctionsPort);
    shutdown.add('apis', 'Step Functions API', () => sfnApi.stop());
    const issuer = await createLocalIssuer(options.dataDir);
    const jwks = JSON.stringify(issuer.jwks);
    const gateway = await startHttpGateway({
      port,
      lambdas,
      // API Gateway's JWT authorizer of the staff routes, configured as the functions are (AUTH_* above).
      jwtAuthorizer: createJwtAuthorizer(jwtAuthorizerConfigFromEnv(), log),
      log,
      localOnlyRoutes: {
        // OpenID Connect: discovery, the user picker, token, revocation, logout (infra/local/oidcProvider.ts).
        ...createLocalOidcProvider({ issuer, directory: staffDirectory }).routes,
        'GET /.well-known/jwks.json': () => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: jwks }),
        // Demo sign-in for the staff console; Cognito's hosted sign-in takes this place in AWS. The users are the
        // enabled members of the local staff directory (the demo staff, and whoever administrators created).
        'GET /local/demo-users': async () => ({
          statusCode: 200,
          headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
          body: JSON.stringify({ users: (await staffDirectory.list()).filter((u) => u.enabled).map(({ userId, name, role, estates, departmentId }) => ({ userId, name, role, estates, departmentId })) }),
        }),
        'POST /local/demo-token': async (body): Promise<APIGatewayProxyStructuredResultV2> => {
          let userId: unknown;
          try {
            userId = (JSON.parse(body) as { userId?: unknown }).userId;
          } catch {
            userId = undefined;
          }
          const user = typeof userId === 'string' ? await staffDirectory.get(userId) : undefined;
          if (!user || !user.enabled) return { statusCode: 422, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: { code: 'validation_failed', message: 'userId is not an enabled staff member', fields: { userId: 'is not an enabled staff member' } } }) };
          return { statusCode: 200, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' }, body: JSON.stringify({ token: await issuer.mint(user) }) };
        },
      },
    });
    shutdown.add('intake', 'HTTP API', () => gateway.stop());
    // Stopped before the emulators: it waits for running export jobs, which need them.
    const lambdaApi = await startLambdaApi({ lambdas, port: lambdaApiPort, log });
    shutdown.add('jobs', 'Lambda API', () => lambdaApi.stop());
    const smtp = await startSmtpListener({ port: options.smtpPort ?? 0, mailDomain: inboundMail.domain, bucket: inboundMail.bucket, s3: { endpoint: s3.endpoint, credentials }, lambdas, log });
    shutdown.add('intake', 'SMTP listener', () => smtp.stop());
    const resumedExecutions = await stepFunctions.resumeRunning();
    // Before any sender runs: emails an earlier run left `sending` (it ended mid-send) are resolved by asking the mailbox.
    const recovered = await lambdas
      .invoke('retryQueuedEmails', { ...scheduledEvent('retryQueuedEmails'), detail: { recoverInterrupted: true } })
      .catch((error: Error) => log({ level: 'WARN', message: 'recovering interrupted emails failed; the sweep hands them to a person later', error: error.message }));
    if (recovered && typeof recovered === 'object' && (recovered as { resolved?: number }).resolved) log({ message: 'interrupted emails resolved by the mailbox receipt check', ...(recovered as object) });
    const tableStreams = await startTableStreams({ endpoint: dynamo.endpoint, tableName, lambdas, log, clock, ...(options.dataDir ? { dataDir: options.dataDir } : {}) });
    shutdown.add('streams', 'table stream consumers', () => tableStreams.stop());
    // Quiet means: no handler or HTTP request runs, the stream consumers have caught up and no execution is busy,
    // and none of them woke another. Simulated time moves only when the runtime is quiet.
    const quiet = () => stepFunctions.busyCount() === 0 && lambdas.inFlight() === 0 && gateway.inFlight() === 0;
    const settle = async () => {
      await smtp.idle();
      for (;;) {
        await tableStreams.drained();
        await stepFunctions.idle();
        await tableStreams.drained();
        if (quiet()) return;
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    };
    clock.setQuiescence(settle);
    const schedules = startLocalSchedules({ lambdas, clock, log, enabled: options.scheduledTasks ?? true });
    shutdown.add('schedules', 'scheduled tasks', () => schedules.stop());

    return {
      url: gateway.url,
      mailboxUrl: mailbox.endpoint,
      mailboxOutage,
      ports: { port, mailboxPort, stepFunctionsPort, s3Port: s3.port, lambdaApiPort, smtpPort: smtp.port },
      inboundMail: { smtp, ...inboundMail },
      dynamoDbEndpoint: dynamo.endpoint,
      stepFunctionsEndpoint: sfnApi.endpoint,
      s3Endpoint: s3.endpoint,
      auditBuckets,
      lambdaApi,
      tableName,
      stepFunctions,
      issuer,
      caseStore,
      resumedExecutions,
      schedules,
      tableStreams,
      clock,
      settle,
      seeded,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
