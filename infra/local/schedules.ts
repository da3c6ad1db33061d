/**
 * Scheduled tasks locally: each catalog entry with a `schedule` runs at the
 * local times of its cron expression when it names a `timeZone` (as EventBridge
 * Scheduler in AWS), otherwise every `everyMs` of platform time (a timer of the runtime's clock; compressed, at
 * most once a real second), in-process like any other handler, with the
 * EventBridge "Scheduled Event" shape it gets in AWS, its `time` the platform
 * time. One run of a task at a time; `run(name)` starts one on demand (tests, tools).
 */
import { randomUUID } from 'node:crypto';
import { lambdaFunctions, type LambdaFunctionName, type LambdaSpec } from '../catalog';
import type { LambdaHost } from './lambdaHost';
import type { PlatformClock } from './platformClock';
import { nextZonedRun } from './zonedSchedule';

/** Compressed time runs a schedule no more than once a real second (a minute's sweep would otherwise run every millisecond). */
const MIN_REAL_INTERVAL_MS = 1000;

export interface LocalSchedules {
  /** Names of the scheduled tasks. */
  names: LambdaFunctionName[];
  /** Runs a task now (waits for a run already in progress first) and returns its result; `detail` goes in the event. */
  run(name: LambdaFunctionName, detail?: Record<string, unknown>): Promise<unknown>;
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

export interface LocalSchedulesOptions {
  lambdas: LambdaHost;
  clock: PlatformClock;
  log: (entry: Record<string, unknown>) => void;
  /** false: none runs by itself (tests run them with `run`); a list: only those. Default: all. */
  enabled?: boolean | LambdaFunctionName[];
}

export function startLocalSchedules(options: LocalSchedulesOptions): LocalSchedules {
  const { clock } = options;
  const entries = (Object.entries(lambdaFunctions) as [LambdaFunctionName, LambdaSpec][]).filter(([, spec]) => spec.schedule);
  const running = new Map<string, Promise<unknown>>();
  const timers: (() => void)[] = [];
  let stopped = false;

  const run = async (name: LambdaFunctionName, detail?: Record<string, unknown>): Promise<unknown> => {
    const previous = running.get(name);
    if (previous) await previous.catch(() => undefined);
    const started = Date.now();
    const execution = options.lambdas.invoke(name, { ...scheduledEvent(name, clock.date()), ...(detail ? { detail } : {}) });
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

  const enabled = (name: LambdaFunctionName) => (Array.isArray(options.enabled) ? options.enabled.includes(name) : options.enabled !== false);
  for (const [name, spec] of entries) {
    if (!enabled(name)) continue;
    const slot = timers.length;
    const zoned = spec.schedule!;
    if (zoned.timeZone) {
      // At the same local times as EventBridge Scheduler in AWS (the Monday report at 01:00 Monday), on the platform clock.
      const nextAt = (at: number) => {
        timers[slot] = clock.setTimer(at, () => {
          if (stopped) return;
          if (!running.has(name)) run(name).catch(() => undefined);
          nextAt(nextZonedRun(zoned.expression, zoned.timeZone!, at));
        });
      };
      nextAt(nextZonedRun(zoned.expression, zoned.timeZone, clock.now()));
      continue;
    }
    const every = Math.max(spec.schedule!.everyMs, clock.mode === 'compressed' ? MIN_REAL_INTERVAL_MS * clock.scale : 0);
    const next = (at: number) => {
      timers[slot] = clock.setTimer(at, () => {
        if (stopped) return;
        if (!running.has(name)) run(name).catch(() => undefined);
        next(at + every);
      });
    };
    next(clock.now() + every);
  }

  return {
    names: entries.map(([name]) => name),
    run,
    stop: async () => {
      stopped = true;
      for (const cancel of timers) cancel();
      await Promise.allSettled([...running.values()]);
    },
  };
}
