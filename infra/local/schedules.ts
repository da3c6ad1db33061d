/**
 * Scheduled tasks locally: each catalog entry with a `schedule` runs every
 * `everyMs / TIME_SCALE` (at least once a second), in-process like any other
 * handler, with the EventBridge "Scheduled Event" shape it gets in AWS. One
 * run of a task at a time; `run(name)` starts one on demand (tests, tools).
 */
import { randomUUID } from 'node:crypto';
import { lambdaFunctions, type LambdaFunctionName, type LambdaSpec } from '../catalog';
import type { LambdaHost } from './lambdaHost';

/** Node's timers cap at 2^31-1 ms (about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface LocalSchedules {
  /** Names of the scheduled tasks. */
  names: LambdaFunctionName[];
  /** Runs a task now (waits for a run already in progress first) and returns its result. */
  run(name: LambdaFunctionName): Promise<unknown>;
  stop(): Promise<void>;
}

export function scheduledEvent(name: string, at = new Date()): Record<string, unknown> {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: '000000000000',
    time: at.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: 'us-east-1',
    resources: [`arn:aws:events:us-east-1:000000000000:rule/${name}`],
    detail: {},
  };
}

export function startLocalSchedules(options: { lambdas: LambdaHost; timeScale: number; log: (entry: Record<string, unknown>) => void; enabled?: boolean }): LocalSchedules {
  const entries = (Object.entries(lambdaFunctions) as [LambdaFunctionName, LambdaSpec][]).filter(([, spec]) => spec.schedule);
  const running = new Map<string, Promise<unknown>>();
  const timers: NodeJS.Timeout[] = [];
  let stopped = false;

  const run = async (name: LambdaFunctionName): Promise<unknown> => {
    const previous = running.get(name);
    if (previous) await previous.catch(() => undefined);
    const started = Date.now();
    const execution = options.lambdas.invoke(name, scheduledEvent(name));
    running.set(name, execution);
    try {
      const result = await execution;
      options.log({ message: 'scheduled task finished', task: name, ms: Date.now() - started });
      return result;
    } catch (error) {
      options.log({ level: 'ERROR', message: 'scheduled task failed', task: name, error: (error as Error).message });
      throw error;
    } finally {
      if (running.get(name) === execution) running.delete(name);
    }
  };

  if (options.enabled !== false) {
    for (const [name, spec] of entries) {
      const every = Math.min(MAX_TIMER_MS, Math.max(1000, spec.schedule!.everyMs / options.timeScale));
      const timer = setInterval(() => {
        if (!stopped && !running.has(name)) run(name).catch(() => undefined);
      }, every);
      timer.unref();
      timers.push(timer);
    }
  }

  return {
    names: entries.map(([name]) => name),
    run,
    stop: async () => {
      stopped = true;
      for (const timer of timers) clearInterval(timer);
      await Promise.allSettled([...running.values()]);
    },
  };
}
