/**
 * Stopping, crashing and restarting `npm start` (issue 17), as a terminal does
 * it: the platform runs in a process group of its own; Ctrl-C goes to the whole
 * group; kill -9 goes to the runtime alone, or to DynamoDB Local alone.
 *
 * - An orderly stop with emails being sent logs no ERROR line and leaves no email
 *   `sending` (looked at with the runtime down); the next start sends the rest, once.
 * - After kill -9 of the runtime, the watchdog stops DynamoDB Local; the next start
 *   on the same ports recovers, and the emails interrupted mid-send are resolved by
 *   the mailbox's receipt check: every complainant acknowledged exactly once.
 * - After DynamoDB Local dies, the runtime stops (exit 1, saying why); the next start recovers.
 * - An orphan DynamoDB Local of an earlier run is recognised (PID file and command line)
 *   and stopped before the port check; a stale PID file naming an unrelated process
 *   leaves that process alone; a port held by something else gets the clear message.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { dynamoDbLocalCommand, dynamoDbPidFile, startDynamoDbLocal } from '../../infra/local/dynamodbLocal';
import { clearUpEarlierRun, runtimePidFile } from '../../infra/local/earlierRun';
import { freePort } from '../../infra/local/ports';
import { isAlive, readPidFile } from '../../infra/local/processes';
import {
  aResidentComplaint,
  duplicateEmails,
  errorLines,
  inspectStoredState,
  type PlatformPorts,
  type PlatformProcess,
  readReceivedMail,
  startPlatformProcess,
  type StoredState,
} from '../../infra/local/platformProcess';

const dataDir = mkdtempSync(join(tmpdir(), 'complaints-processes-'));
const started: PlatformProcess[] = [];
const env = { TIME_SCALE: '60', INTAKE_LIMIT_PER_IP: '1000000', INTAKE_LIMIT_PER_ESTATE: '1000000', LOG_LEVEL: 'WARN' };
let ports: PlatformPorts;

beforeAll(async () => {
  ports = { PORT: await freePort(), MAILBOX_PORT: await freePort(), DYNAMODB_PORT: await freePort(), STEPFUNCTIONS_PORT: await freePort(), S3_PORT: await freePort() };
});

afterAll(async () => {
  for (const platform of started) platform.signalGroup('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(): Promise<PlatformProcess> {
  const platform = await startPlatformProcess({ dataDir, ports, env });
  started.push(platform);
  return platform;
}

let complaintNumber = 0;
async function fileComplaints(platform: PlatformProcess, count: number): Promise<void> {
  const answers = await Promise.all(
    Array.from({ length: count }, () => {
      const n = (complaintNumber += 1);
      return fetch(`${platform.url}/api/v1/complaints`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': `process-test-${n}` }, body: JSON.stringify(aResidentComplaint(n)) });
    }),
  );
  const refused = answers.filter((a) => a.status !== 201);
  if (refused.length > 0) throw new Error(`${refused.length} complaints not taken (${refused[0]!.status}: ${await refused[0]!.text()}):\n${platform.output().slice(-4000)}`);
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, ms = 120_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value, (key, v) => (key === 'caseIds' ? undefined : v)).slice(0, 1500)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The case table as the stopped platform left it: DynamoDB Local alone on the data folder, no runtime (so no recovery). */
async function storedWhileStopped(): Promise<StoredState> {
  const dynamo = await startDynamoDbLocal({ port: await freePort(), dataDir });
  try {
    return await inspectStoredState(dynamo.endpoint);
  } finally {
    await dynamo.stop();
  }
}

const acknowledgementsReceived = async (platform: PlatformProcess) => (await readReceivedMail(platform.mailboxUrl)).filter((e) => e.tags?.notification === 'acknowledgement').length;

describe('stopping, crashing and restarting npm start', () => {
  it('stops in order on Ctrl-C to the whole group while emails are being sent: no ERROR line, no email left in doubt', async () => {
    const first = await start();
    const javaPid = first.dynamoDbPid()!;
    await fileComplaints(first, 15);
    await until(() => acknowledgementsReceived(first), (n) => n >= 1, 'a first acknowledgement');
    first.signalGroup('SIGINT');
    // npm itself ends by the signal it was sent; the runtime under it stops in order and says so.
    expect(await first.exited).toMatchObject({ signal: 'SIGINT' });
    expect(first.output()).toContain('Stopped.');
    expect(errorLines(first.output())).toEqual([]);
    expect(isAlive(javaPid)).toBe(false);

    const stored = await storedWhileStopped();
    expect(stored.cases).toBe(15);
    expect(stored.sending).toEqual([]);

    // The next start sends what was still queued, once.
    const second = await start();
    const settled = await until(() => inspectStoredState(second.dynamoDbEndpoint), (s) => s.acknowledgementsSent === 15 && s.sending.length === 0, 'every acknowledgement sent');
    expect(settled.casesWithEmailAttention).toBe(0);
    expect(duplicateEmails(await readReceivedMail(second.mailboxUrl))).toEqual([]);
    expect(await acknowledgementsReceived(second)).toBe(15);
    // SIGTERM to the runtime alone stops it in order too.
    process.kill(second.runtimePid()!, 'SIGTERM');
    expect((await second.exited).code).toBe(0);
    expect(errorLines(second.output())).toEqual([]);
  }, 400_000);

  it('recovers from kill -9 of the runtime alone: the watchdog stops DynamoDB Local, the next start resolves interrupted emails by the mailbox receipt', async () => {
    const third = await start();
    const javaPid = third.dynamoDbPid()!;
    const before = await acknowledgementsReceived(third);
    await fileComplaints(third, 15);
    await until(() => acknowledgementsReceived(third), (n) => n >= before + 1, 'a new acknowledgement');
    process.kill(third.runtimePid()!, 'SIGKILL');
    await third.exited;
    await until(async () => isAlive(javaPid), (alive) => !alive, 'the watchdog to stop DynamoDB Local', 30_000);

    const fourth = await start();
    const settled = await until(() => inspectStoredState(fourth.dynamoDbEndpoint), (s) => s.acknowledgementsSent === 30 && s.sending.length === 0, 'every acknowledgement sent');
    expect(settled.cases).toBe(30);
    expect(settled.casesWithEmailAttention).toBe(0);
    expect(duplicateEmails(await readReceivedMail(fourth.mailboxUrl))).toEqual([]);
    expect(await acknowledgementsReceived(fourth)).toBe(30);

    // DynamoDB Local dies: the runtime says so and stops; the next start recovers.
    process.kill(fourth.dynamoDbPid()!, 'SIGKILL');
    expect((await fourth.exited).code).not.toBe(0);
    expect(fourth.output()).toContain('DynamoDB Local exited unexpectedly');
    const fifth = await start();
    expect((await inspectStoredState(fifth.dynamoDbEndpoint)).cases).toBe(30);
    fifth.signalGroup('SIGINT');
    await fifth.exited;
    expect(fifth.output()).toContain('Stopped.');
    expect(errorLines(fifth.output())).toEqual([]);
  }, 400_000);

  it("stops an earlier run's orphan DynamoDB Local before checking the ports, recognised by its PID file and command line", async () => {
    // As a runtime killed together with its watchdog would leave it: running on the port, with its PID file.
    const orphan = await startDynamoDbLocal({ port: ports.DYNAMODB_PORT, dataDir, watchdog: false });
    onTestFinished(() => orphan.stop());
    const orphanPid = readPidFile(dynamoDbPidFile(dataDir))!.pid;
    expect(isAlive(orphanPid)).toBe(true);
    const sixth = await start();
    expect(isAlive(orphanPid)).toBe(false);
    expect(sixth.dynamoDbPid()).not.toBe(orphanPid);
    expect((await inspectStoredState(sixth.dynamoDbEndpoint)).cases).toBe(complaintNumber);
    sixth.signalGroup('SIGINT');
    await sixth.exited;
    expect(sixth.output()).toContain('Stopped.');
    await orphan.stop();
  }, 300_000);

  it('leaves alone an unrelated process whose PID a stale PID file names', async () => {
    const unrelated = spawn('sleep', ['300'], { stdio: 'ignore' });
    try {
      const pid = unrelated.pid!;
      writeFileSync(dynamoDbPidFile(dataDir), JSON.stringify({ pid, argv: dynamoDbLocalCommand({ port: ports.DYNAMODB_PORT, dataDir }).argv, startedAt: new Date().toISOString() }));
      writeFileSync(runtimePidFile(dataDir), JSON.stringify({ pid, argv: ['node', '--import', 'tsx', 'infra/local/start.ts'], startedAt: new Date().toISOString() }));
      expect(await clearUpEarlierRun({ dataDir, dynamoDbPort: ports.DYNAMODB_PORT })).toEqual({ dynamoDbLocal: 'stale-pid-file' });
      expect(isAlive(pid)).toBe(true);
      expect(readPidFile(dynamoDbPidFile(dataDir))).toBeUndefined();
      expect(readPidFile(runtimePidFile(dataDir))).toBeUndefined();
      // An older plain-number PID file is checked the same way.
      writeFileSync(dynamoDbPidFile(dataDir), String(pid));
      expect(await clearUpEarlierRun({ dataDir, dynamoDbPort: ports.DYNAMODB_PORT })).toEqual({ dynamoDbLocal: 'stale-pid-file' });
      expect(isAlive(pid)).toBe(true);
    } finally {
      unrelated.kill('SIGKILL');
    }
  });

  it('gives the clear message when a port is held by something that is not ours', async () => {
    const squatter = createServer();
    await new Promise<void>((resolve, reject) => {
      squatter.once('error', reject);
      squatter.listen(ports.DYNAMODB_PORT, '127.0.0.1', resolve);
    });
    try {
      await expect(startPlatformProcess({ dataDir, ports, env })).rejects.toThrow(`port ${ports.DYNAMODB_PORT} is already in use; set DYNAMODB_PORT to another port`);
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  }, 120_000);
});
