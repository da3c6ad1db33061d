/**
 * The local platform as every bench starts it: in memory, on free ports, with the intake limits raised so they
 * count every request but never refuse one (the benches measure capacity, not the limiter). It keeps what the
 * benches read from the runtime's log: the runtime's errors (they explain a failed run) and the state
 * transitions of each execution. Handler logs follow LOG_LEVEL, set by the caller before this module loads the
 * runtime.
 */
import type { LocalPlatform, LocalPlatformOptions } from '../infra/local/runtime';

export interface BenchPlatform {
  platform: LocalPlatform;
  /** States entered, per execution ARN. */
  transitions: Map<string, number>;
  /** The first runtime ERROR entries, ready to append to a run's errors. */
  runtimeErrors: string[];
}

export async function startBenchPlatform(options: Pick<LocalPlatformOptions, 'timeScale'> & Partial<LocalPlatformOptions>): Promise<BenchPlatform> {
  const { startLocalPlatform } = await import('../infra/local/runtime');
  const transitions = new Map<string, number>();
  const runtimeErrors: string[] = [];
  const platform = await startLocalPlatform({
    port: 0,
    mailboxPort: 0,
    dynamoDbPort: 0,
    stepFunctionsPort: 0,
    dataDir: undefined,
    intakeLimits: { perIp: 1_000_000_000, perEstate: 1_000_000_000 },
    ...options,
    log: (entry) => {
      if (entry.message === 'state entered') transitions.set(String(entry.execution), (transitions.get(String(entry.execution)) ?? 0) + 1);
      if (entry.level === 'ERROR' && runtimeErrors.length < 10) runtimeErrors.push(`local runtime: ${JSON.stringify(entry)}`);
    },
  });
  return { platform, transitions, runtimeErrors };
}

/** Runs a bench child process's `main`, exiting 0 when it resolves and 1 (with the stack on stderr) when it fails. */
export function runBenchProcess(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: Error) => {
      process.stderr.write(`${error.stack ?? error.message}\n`);
      process.exit(1);
    },
  );
}
