/**
 * Integration-test harness: the whole local platform (the file's DynamoDB Local,
 * SES emulator, in-process Step Functions, HTTP API) on free loopback ports,
 * with a table of its own. One per test file; stop it in afterAll.
 */
import { randomBytes } from 'node:crypto';
import { afterAll } from 'vitest';
import { type DynamoDbLocalHandle, startDynamoDbLocal } from '../../infra/local/dynamodbLocal';
import { readMailbox, type MailboxEmail } from '../../infra/local/mailbox';
import { freePort } from '../../infra/local/ports';
import { type LocalPlatform, type LocalPlatformOptions, startLocalPlatform } from '../../infra/local/runtime';
import { SIMULATION_START } from './simulatedTime';

export type TestPlatform = LocalPlatform & {
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  mailbox(): Promise<MailboxEmail[]>;
  /** Waits until every workflow execution has finished or is waiting on a person. */
  settle(): Promise<void>;
};

/**
 * The DynamoDB Local of this test file: started when the file first starts a platform, shared by that file's platforms
 * (a restart on the same table), stopped when the file ends (after its own afterAll hooks have stopped its platforms).
 *
 * Why one per file and not one for the whole run: DynamoDB Local grows slower with every table created on it, even
 * tables since deleted. Measured on one instance (create a table, 300 puts, delete it, again and again): the same
 * 300 puts took 1.7 s on the fifth table and 30 s on the seventieth. Late in a full run, files took ten times as
 * long as alone. A JVM of its own costs each file about a second.
 */
let fileDynamoDb: Promise<DynamoDbLocalHandle> | undefined;
async function fileDynamoDbEndpoint(): Promise<string> {
  fileDynamoDb ??= freePort().then((port) => startDynamoDbLocal({ port }));
  return (await fileDynamoDb).endpoint;
}
afterAll(async () => {
  if (fileDynamoDb) await (await fileDynamoDb).stop();
  fileDynamoDb = undefined;
});

/** Tests send many complaints from 127.0.0.1 within a minute: intake limits are generous unless a test sets its own. */
const TEST_INTAKE_LIMITS = { perIp: 1_000_000, perEstate: 1_000_000 };

export async function startTestPlatform(
  options: {
    /** A number compresses time; `simulated` (with actors, see simulatedTime.ts) moves it only when the test waits for it. */
    timeScale?: number | 'simulated';
    /** Simulated: where platform time starts (default SIMULATION_START, a Monday). */
    clockStartAt?: number;
    /** The compressed clock's real time, moved by hand (test/support/handRealTime.ts). */
    realTime?: LocalPlatformOptions['realTime'];
    /** Scheduled tasks on the clock's timers (default: all at real or compressed time, none on simulated time: tests run them with `schedules.run`). */
    scheduledTasks?: LocalPlatformOptions['scheduledTasks'];
    tableName?: string;
    quiet?: boolean;
    intakeLimits?: LocalPlatformOptions['intakeLimits'];
    /** Reuse a stopped platform's ports (a restart in the same process: handlers keep their SDK clients). */
    ports?: LocalPlatform['ports'];
    /** Keeps the local issuer's key (and other local secrets) across a restart, as `npm start` does. */
    dataDir?: string;
    /** Start as `npm start -- --empty`: no demo group, one administrator. */
    empty?: boolean;
    /**
     * A DynamoDB Local of this platform's own instead of the file's (which the file's platforms share): for a file
     * that writes thousands of items and wants a fresh emulator for them.
     */
    ownDynamoDb?: boolean;
  } = {},
): Promise<TestPlatform> {
  const logs: Record<string, unknown>[] = [];
  const tableName = options.tableName ?? `Cases_${randomBytes(6).toString('hex')}`;
  // Handlers' own logs stay quiet unless TEST_LOGS is set (set before any handler module loads).
  process.env.LOG_LEVEL = process.env.TEST_LOGS ? 'INFO' : 'SILENT';
  const platform = await startLocalPlatform({
    port: options.ports?.port ?? 0,
    mailboxPort: options.ports?.mailboxPort ?? 0,
    dynamoDbPort: 0,
    stepFunctionsPort: options.ports?.stepFunctionsPort ?? 0,
    s3Port: options.ports?.s3Port ?? 0,
    lambdaApiPort: options.ports?.lambdaApiPort ?? 0,
    ...(options.ownDynamoDb ? {} : { externalDynamoDbEndpoint: await fileDynamoDbEndpoint() }),
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.empty ? { empty: true } : {}),
    tableName,
    timeScale: options.timeScale ?? 1,
    ...(options.realTime ? { realTime: options.realTime } : {}),
    ...(options.timeScale === 'simulated'
      ? { clockStartAt: options.clockStartAt ?? SIMULATION_START, autoAdvance: 'on-demand' as const, scheduledTasks: options.scheduledTasks ?? false }
      : options.scheduledTasks !== undefined ? { scheduledTasks: options.scheduledTasks } : {}),
    intakeLimits: options.intakeLimits ?? TEST_INTAKE_LIMITS,
    log: (entry) => {
      logs.push(entry);
      if (process.env.TEST_LOGS) console.log(JSON.stringify(entry));
    },
  });
  return {
    ...platform,
    post: (path, body, headers = {}) =>
      fetch(`${platform.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) }),
    get: (path, headers = {}) => fetch(`${platform.url}${path}`, { headers }),
    mailbox: () => readMailbox(platform.mailboxUrl),
    settle: () => platform.settle(),
  };
}

export const aComplaint = (overrides: Record<string, unknown> = {}) => ({
  estateId: 'EST01',
  unit: 'Block A, 12/F, Flat 3',
  name: 'Chan Tai Man',
  email: `resident.${randomBytes(4).toString('hex')}@example.com`,
  language: 'en',
  description: 'The lift in Block A has been out of service for three days.',
  ...overrides,
});
