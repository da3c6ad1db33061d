/**
 * `npm start` run as a user runs it, in a process group of its own, so that a
 * harness can do what a terminal does: Ctrl-C to the whole group, kill -9 of
 * the group or of the runtime alone. And a look at what the platform stored
 * (cases, emails in the outbox, executions) and what the mailbox received,
 * from the outside. Used by the process tests (test/integration/processLifecycle.test.ts)
 * and the soak (bench/soak.ts). Loopback only.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { MailboxEmail } from './mailbox';
import { readPidFile } from './processes';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');

export interface PlatformPorts {
  PORT: number;
  MAILBOX_PORT: number;
  DYNAMODB_PORT: number;
  STEPFUNCTIONS_PORT: number;
  S3_PORT: number;
}

export interface PlatformProcess {
  child: ChildProcess;
  /** The group's id (npm's PID: it leads the group). */
  groupId: number;
  url: string;
  mailboxUrl: string;
  dynamoDbEndpoint: string;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The runtime's PID (the node process), from the data folder's runtime.pid. */
  runtimePid(): number | undefined;
  dynamoDbPid(): number | undefined;
  /** A signal to every process of the group, as the terminal sends Ctrl-C. */
  signalGroup(signal: NodeJS.Signals): void;
}

export async function startPlatformProcess(options: { dataDir: string; ports: PlatformPorts; env?: Record<string, string>; args?: string[]; readyTimeoutMs?: number }): Promise<PlatformProcess> {
  const child = spawn('npm', ['start', '--silent', ...(options.args?.length ? ['--', ...options.args] : [])], {
    cwd: repoRoot,
    env: { ...process.env, ...Object.fromEntries(Object.entries(options.ports).map(([k, v]) => [k, String(v)])), DATA_DIR: options.dataDir, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.once('exit', (code, signal) => done({ code, signal })));
  const handle: PlatformProcess = {
    child,
    groupId: child.pid!,
    url: `http://127.0.0.1:${options.ports.PORT}`,
    mailboxUrl: `http://127.0.0.1:${options.ports.MAILBOX_PORT}`,
    dynamoDbEndpoint: `http://127.0.0.1:${options.ports.DYNAMODB_PORT}`,
    output: () => output,
    exited,
    runtimePid: () => readPidFile(join(options.dataDir, 'runtime.pid'))?.pid,
    dynamoDbPid: () => readPidFile(join(options.dataDir, 'dynamodb-local.pid'))?.pid,
    signalGroup: (signal) => {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        // The group is gone.
      }
    },
  };
  const deadline = Date.now() + (options.readyTimeoutMs ?? 180_000);
  while (!output.includes('Press Ctrl-C to stop.')) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`npm start exited early:\n${output.slice(-3000)}`);
    if (Date.now() > deadline) {
      handle.signalGroup('SIGKILL');
      throw new Error(`npm start did not come up:\n${output.slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  // runtime.pid is written just after the banner's data is ready; wait for it.
  while (!existsSync(join(options.dataDir, 'runtime.pid')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  return handle;
}

/** Lines the platform logged at ERROR level. */
export function errorLines(output: string): string[] {
  return output.split('\n').filter((line) => /"level":"ERROR"/.test(line));
}

/** ERROR lines logged from the moment an orderly stop began (the signal's "stopping in order" line). */
export function errorLinesOfStop(output: string): string[] {
  const from = output.indexOf('stopping in order');
  return from < 0 ? [] : errorLines(output.slice(from));
}

export async function readReceivedMail(mailboxUrl: string): Promise<MailboxEmail[]> {
  const response = await fetch(`${mailboxUrl}/store`);
  return ((await response.json()) as { emails: MailboxEmail[] }).emails;
}

/** The mailbox's record on disk (readable while the platform is down). */
export function readReceivedMailFile(dataDir: string): MailboxEmail[] {
  const file = join(dataDir, 'mailbox', 'received.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter((line) => line.trim() !== '').flatMap((line) => {
    try {
      return [JSON.parse(line) as MailboxEmail];
    } catch {
      return [];
    }
  });
}

/** Emails received more than once for the same case and notification (a complainant emailed twice). */
export function duplicateEmails(emails: MailboxEmail[]): { key: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const email of emails) {
    if (!email.tags?.case || !email.tags.notification) continue;
    const key = `${email.tags.case}/${email.tags.notification}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].filter(([, count]) => count > 1).map(([key, count]) => ({ key, count }));
}

export interface StoredState {
  cases: number;
  caseIds: string[];
  casesByStatus: Record<string, number>;
  parkedCases: number;
  casesWithEmailAttention: number;
  notificationsByStatus: Record<string, number>;
  /** `sending` and not yet with a person: interrupted or in flight. */
  sending: { caseId: string; notificationKey: string }[];
  acknowledgementsSent: number;
  runningExecutions: number;
  failedExecutions: number;
}

/** What the case table holds, read with a Scan (a harness's look, not the platform's). */
export async function inspectStoredState(dynamoDbEndpoint: string, tableName = 'ComplaintCases'): Promise<StoredState> {
  const client = new DynamoDBClient({ endpoint: dynamoDbEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const doc = DynamoDBDocumentClient.from(client);
  const state: StoredState = { cases: 0, caseIds: [], casesByStatus: {}, parkedCases: 0, casesWithEmailAttention: 0, notificationsByStatus: {}, sending: [], acknowledgementsSent: 0, runningExecutions: 0, failedExecutions: 0 };
  try {
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await doc.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey }));
      for (const item of page.Items ?? []) {
        const pk = String(item.pk);
        const sk = String(item.sk);
        if (pk.startsWith('CASE#') && sk === 'CASE') {
          state.cases += 1;
          state.caseIds.push(String(item.caseId));
          state.casesByStatus[String(item.status)] = (state.casesByStatus[String(item.status)] ?? 0) + 1;
          if (item.parked) state.parkedCases += 1;
          if (item.emailAttention) state.casesWithEmailAttention += 1;
        } else if (pk.startsWith('CASE#') && sk.startsWith('NOTIFICATION#')) {
          const status = String(item.status);
          state.notificationsByStatus[status] = (state.notificationsByStatus[status] ?? 0) + 1;
          if (status === 'sending' && !item.attention) state.sending.push({ caseId: String(item.caseId), notificationKey: String(item.notificationKey) });
          if (item.notificationKey === 'acknowledgement' && status === 'sent') state.acknowledgementsSent += 1;
        } else if (pk === 'LOCAL_SFN#RUNNING') {
          state.runningExecutions += 1;
        } else if (pk.startsWith('LOCAL_SFN#EXECUTION#') && item.status === 'FAILED') {
          state.failedExecutions += 1;
        }
      }
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
  } finally {
    client.destroy();
  }
  return state;
}

export const aResidentComplaint = (n: number, language = 'en') => ({
  estateId: 'EST01',
  unit: `Block A ${(n % 30) + 1}/F Flat ${(n % 8) + 1}`,
  name: 'Chan Tai Man',
  email: `resident.${n}@example.com`,
  language,
  description: `The lift in Block A has been broken for three days (soak complaint ${n}).`,
});
