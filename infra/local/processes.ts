/**
 * The processes the local runtime starts, and how it finds them again.
 *
 * - An emulator that runs as a child process (DynamoDB Local's Java) is started
 *   in its own process group (`detached`), so a Ctrl-C at the terminal reaches
 *   only the runtime, which stops it last, after everything that writes to it.
 * - A watchdog (a `sh` waiting for its stdin to close) stops it if the runtime
 *   dies without stopping it (kill -9, out-of-memory killer): the runtime holds
 *   the watchdog's stdin pipe, and the kernel closes it whenever the runtime dies.
 * - A PID file records what was started (PID and command line). The next start
 *   stops an orphan only if `/proc/<pid>/cmdline` is still that command line: a
 *   PID alone may have been reused by an unrelated process, which is left alone.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

export interface PidRecord {
  pid: number;
  /** The command line as started (argv, argv[0] as given to spawn). */
  argv: string[];
  startedAt: string;
}

export function writePidFile(path: string, pid: number, argv: string[]): void {
  const record: PidRecord = { pid, argv, startedAt: new Date().toISOString() };
  writeFileSync(path, JSON.stringify(record));
}

/** The record, or undefined if there is none or it cannot be read (an older plain-number file counts as a PID only). */
export function readPidFile(path: string): PidRecord | { pid: number; argv?: undefined } | undefined {
  if (!existsSync(path)) return undefined;
  const text = readFileSync(path, 'utf8').trim();
  try {
    const parsed = JSON.parse(text) as Partial<PidRecord> | number;
    if (typeof parsed === 'number') return parsed > 0 ? { pid: parsed } : undefined;
    if (typeof parsed.pid === 'number' && Array.isArray(parsed.argv)) return parsed as PidRecord;
  } catch {
    // Unreadable: treated as absent.
  }
  return undefined;
}

/** The process's command line, or undefined if no such process (or it is a zombie with none). */
export function commandLineOf(pid: number): string[] | undefined {
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  if (existsSync('/proc/self/cmdline')) {
    try {
      const raw = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (raw === '') return undefined;
      return raw.replace(/\0$/, '').split('\0');
    } catch {
      return undefined;
    }
  }
  // No /proc (macOS): `ps` gives the command line joined by spaces; compared joined below.
  try {
    const line = execFileSync('ps', ['-p', String(pid), '-o', 'args='], { encoding: 'utf8' }).trim();
    return line === '' ? undefined : [line];
  } catch {
    return undefined;
  }
}

/** Whether `pid` runs exactly `argv` (argv[0] compared by its last path segment: spawn may have resolved it on PATH). */
export function runsCommand(pid: number, argv: readonly string[]): boolean {
  const actual = commandLineOf(pid);
  if (!actual) return false;
  if (actual.length === 1 && argv.length > 1) return actual[0] === argv.join(' ') || actual[0]!.endsWith(argv.slice(1).join(' '));
  const base = (path: string) => path.split('/').pop();
  return actual.length === argv.length && base(actual[0]!) === base(argv[0]!) && actual.slice(1).every((arg, i) => arg === argv[i + 1]);
}

export const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

async function waitForExit(pid: number, argv: readonly string[], ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!runsCommand(pid, argv)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return !runsCommand(pid, argv);
}

export type OrphanOutcome = 'none' | 'stopped' | 'stale-pid-file';

/**
 * Stops the process a PID file names if, and only if, it still runs the command line we started (`expected`,
 * or the one the file recorded). A PID now used by anything else is left alone and the stale file removed.
 */
export async function stopOrphan(pidFile: string, expected: readonly string[], log?: (entry: Record<string, unknown>) => void): Promise<OrphanOutcome> {
  const record = readPidFile(pidFile);
  if (!record) {
    rmSync(pidFile, { force: true });
    return 'none';
  }
  const argv = record.argv ?? expected;
  if (!runsCommand(record.pid, argv)) {
    rmSync(pidFile, { force: true });
    if (isAlive(record.pid)) log?.({ level: 'WARN', message: 'PID file names a process we did not start; left alone', pidFile, pid: record.pid });
    return 'stale-pid-file';
  }
  log?.({ level: 'WARN', message: 'stopping a process left behind by an earlier run', pidFile, pid: record.pid });
  try {
    process.kill(record.pid, 'SIGTERM');
  } catch {
    // Gone meanwhile.
  }
  if (!(await waitForExit(record.pid, argv, 10_000)) && runsCommand(record.pid, argv)) {
    try {
      process.kill(record.pid, 'SIGKILL');
    } catch {
      // Gone meanwhile.
    }
    await waitForExit(record.pid, argv, 5_000);
  }
  rmSync(pidFile, { force: true });
  return 'stopped';
}

/**
 * A watchdog for `pid`: stops it with SIGTERM when this process's end of the pipe closes (we died), unless
 * disarmed first. Its own process group too, so a signal to the runtime's group does not end it early.
 */
export function startWatchdog(pid: number): { disarm(): void } {
  const watchdog = spawn('sh', ['-c', 'cat >/dev/null 2>&1; kill -TERM "$1" 2>/dev/null', 'platform-watchdog', String(pid)], { detached: true, stdio: ['pipe', 'ignore', 'ignore'] });
  watchdog.unref();
  // The pipe must not keep the runtime's event loop alive.
  (watchdog.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  watchdog.on('error', () => undefined);
  watchdog.stdin?.on('error', () => undefined);
  return {
    disarm() {
      if (watchdog.exitCode === null && watchdog.signalCode === null) watchdog.kill('SIGKILL');
    },
  };
}

/** Sends SIGTERM, then SIGKILL after `graceMs`; resolves once the child has exited. */
export async function terminate(child: ChildProcess, exited: Promise<unknown>, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
