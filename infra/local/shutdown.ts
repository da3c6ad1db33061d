/**
 * The order in which the local runtime stops (Ctrl-C, SIGTERM, or a test's
 * `stop()`): whatever starts work stops before whatever that work needs, so
 * nothing is cut off half-way and nothing is left in doubt.
 *
 *   intake      the HTTP API stops taking requests (running ones are answered)
 *   schedules   scheduled tasks (the outbox sweep) finish their run
 *   streams     stream consumers (the email sender among them) finish their batch
 *   jobs        asynchronous invocations (export jobs) finish
 *   workflows   executions stop at their current state and journal it (resumed on the next start)
 *   handlers    any handler still running (a task the interpreter left) finishes
 *   apis        the local Step Functions API
 *   emulators   S3, the mailbox, then DynamoDB Local, last
 *
 * Every step has a time limit: past it, a WARN line says what was still busy and the stop goes on.
 */
export const SHUTDOWN_PHASES = ['intake', 'schedules', 'streams', 'jobs', 'workflows', 'handlers', 'apis', 'emulators'] as const;
export type ShutdownPhase = (typeof SHUTDOWN_PHASES)[number];

export interface Shutdown {
  /** Registers a step; within a phase, steps run in the reverse order of registration (last started, first stopped). */
  add(phase: ShutdownPhase, name: string, stop: () => Promise<void> | void): void;
  /** Runs every step once, in phase order; later calls wait for the same run. */
  run(): Promise<void>;
}

export function createShutdown(options: { log: (entry: Record<string, unknown>) => void; stepTimeoutMs?: number }): Shutdown {
  const steps: { phase: ShutdownPhase; name: string; stop: () => Promise<void> | void }[] = [];
  const timeoutMs = options.stepTimeoutMs ?? 30_000;
  let running: Promise<void> | undefined;

  async function runStep(step: (typeof steps)[number]): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    try {
      const outcome = await Promise.race([Promise.resolve().then(step.stop), timedOut]);
      if (outcome === 'timeout') options.log({ level: 'WARN', message: 'shutdown step did not finish in time; going on', phase: step.phase, step: step.name, ms: timeoutMs });
    } catch (error) {
      options.log({ level: 'WARN', message: 'shutdown step failed; going on', phase: step.phase, step: step.name, error: (error as Error).message });
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    add(phase, name, stop) {
      steps.push({ phase, name, stop });
    },
    run() {
      running ??= (async () => {
        for (const phase of SHUTDOWN_PHASES) {
          for (const step of steps.filter((s) => s.phase === phase).reverse()) await runStep(step);
        }
      })();
      return running;
    },
  };
}
