/**
 * What `npm start` does before it checks its ports: clears up after an earlier
 * run on the same data folder that ended without stopping (a crash, kill -9).
 *
 * - `runtime.pid` names the runtime that uses the data folder. If that process
 *   still runs the same command line, it is a second start on the same folder:
 *   refused with a clear message (its emulators are not touched).
 * - Otherwise a DynamoDB Local that run left behind is stopped, recognised by
 *   its PID file and its command line (jar and data folder), never by PID alone.
 *
 * Only then are the ports checked: a port still held is held by something
 * else, and gets the usual message.
 */
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { stopOrphanDynamoDbLocal } from './dynamodbLocal';
import { commandLineOf, type OrphanOutcome, readPidFile, runsCommand, writePidFile } from './processes';

export const runtimePidFile = (dataDir: string) => join(dataDir, 'runtime.pid');

export class DataFolderInUseError extends Error {
  override readonly name = 'DataFolderInUseError';
}

export async function clearUpEarlierRun(options: { dataDir: string; dynamoDbPort: number; log?: (entry: Record<string, unknown>) => void }): Promise<{ dynamoDbLocal: OrphanOutcome }> {
  const record = readPidFile(runtimePidFile(options.dataDir));
  if (record?.argv && record.pid !== process.pid && runsCommand(record.pid, record.argv)) {
    throw new DataFolderInUseError(`another npm start (pid ${record.pid}) is using the data folder ${options.dataDir}; stop it first (Ctrl-C in its terminal), or set DATA_DIR to another folder`);
  }
  rmSync(runtimePidFile(options.dataDir), { force: true });
  return { dynamoDbLocal: await stopOrphanDynamoDbLocal({ port: options.dynamoDbPort, dataDir: options.dataDir }, options.log) };
}

/** Records this process as the data folder's runtime (removed by an orderly stop). */
export function claimDataFolder(dataDir: string): () => void {
  const argv = commandLineOf(process.pid) ?? process.argv;
  writePidFile(runtimePidFile(dataDir), process.pid, argv);
  return () => rmSync(runtimePidFile(dataDir), { force: true });
}
