/**
 * Integration-test harness: the whole local platform (shared DynamoDB Local,
 * SES emulator, in-process Step Functions, HTTP API) on free loopback ports,
 * with a table of its own. One per test file; stop it in afterAll.
 */
import { randomBytes } from 'node:crypto';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, inject } from 'vitest';
import { readMailbox, type MailboxEmail } from '../../infra/local/mailbox';
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
 * Tables this file made in the suite's shared DynamoDB Local, dropped when the file ends (after its own afterAll
 * hooks have stopped its platforms; a file may restart a platform on the same table before that). Left behind, the
 * tables of a hundred files (each with its indexes and items) make the shared emulator slower for every later file.
 */
const sharedTables = new Set<string>();
afterAll(async () => {
  if (sharedTables.size === 0) return;
  const client = new DynamoDBClient({ endpoint: inject('dynamoDbEndpoint'), region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    await Promise.all([...sharedTables].map((TableName) => client.send(new DeleteTableCommand({ TableName })).catch(() => undefined)));
  } finally {
    client.destroy();
  }
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
     * A DynamoDB Local of its own instead of the suite's shared one: DynamoDB Local (`-sharedDb`) serialises writes
     * across tables, so a file that writes thousands of items at once would stall every other file's requests.
     */
    ownDynamoDb?: boolean;
  } = {},
): Promise<TestPlatform> {
  const logs: Record<string, unknown>[] = [];
  const tableName = options.tableName ?? `Cases_${randomBytes(6).toString('hex')}`;
  if (!options.ownDynamoDb) sharedTables.add(tableName);
  // Handlers' own logs stay quiet unless TEST_LOGS is set (set before any handler module loads).
  process.env.LOG_LEVEL = process.env.TEST_LOGS ? 'INFO' : 'SILENT';
  const platform = await startLocalPlatform({
    port: options.ports?.port ?? 0,
    mailboxPort: options.ports?.mailboxPort ?? 0,
    dynamoDbPort: 0,
    stepFunctionsPort: options.ports?.stepFunctionsPort ?? 0,
    s3Port: options.ports?.s3Port ?? 0,
    lambdaApiPort: options.ports?.lambdaApiPort ?? 0,
    ...(options.ownDynamoDb ? {} : { externalDynamoDbEndpoint: inject('dynamoDbEndpoint') }),
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
