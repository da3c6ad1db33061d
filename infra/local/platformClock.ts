/**
 * The local runtime's one clock. Every handler (through functions/platform/clock.ts),
 * the workflow interpreter's waits and task-token timeouts, the schedules, the
 * stream pollers' retries and the email outbox read this time, so deadlines,
 * escalations, overdue markers and dates in emails agree with each other.
 *
 * Three modes (`TIME_SCALE`):
 * - `real` (1, the default): the system clock.
 * - `compressed` (a number, e.g. 86400): platform time starts at the system time
 *   of the first start and runs `scale` times faster from then on.
 * - `simulated`: platform time stands still while anything runs and jumps
 *   straight to the next timer when nothing does (discrete-event simulation).
 *   Tests and the simulator move it with `advanceTo`, `advanceBy` and
 *   `runUntilIdle`; `autoAdvance` makes it jump by itself whenever the runtime
 *   is idle and no actor (a test's or the simulator's stand-in for a person)
 *   holds it: an actor `hold()`s the clock while it acts and waits for the
 *   next step with `nextStep()` when what it waits for needs time to pass.
 *
 * Timers are kept here, not in Node: one Node timer is armed for the earliest
 * (re-armed in steps of at most ~24.8 days, Node's limit), and a simulated clock
 * arms none. With a data folder the platform time is saved in
 * `DATA_DIR/platform-clock.json` (every second and at stop), so a restart of a
 * compressed or simulated runtime resumes at the platform time it stopped at.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { PlatformTimeSource } from '../../functions/platform/clock';

export type ClockMode = 'real' | 'compressed' | 'simulated';

export interface ClockSettings {
  mode: ClockMode;
  /** How many platform milliseconds pass per real millisecond (1 for real; meaningless when simulated). */
  scale: number;
}

/** Node's timers overflow past 2^31-1 ms (about 24.8 days): longer timers are re-armed in steps. */
export const MAX_NODE_TIMER_MS = 2 ** 31 - 1;

/** The system clock and Node's timers; tests of the compressed mode pass a hand-driven one. */
export interface RealTime {
  now(): number;
  setTimeout(fire: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemRealTime: RealTime = {
  now: () => Date.now(),
  setTimeout: (fire, ms) => {
    const handle = setTimeout(fire, ms);
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** `TIME_SCALE`: unset or 1 → real; a positive number → compressed; `simulated` → simulated. */
export function parseTimeScale(raw: string | number | undefined): ClockSettings {
  if (raw === undefined || raw === '') return { mode: 'real', scale: 1 };
  if (typeof raw === 'string' && raw.trim().toLowerCase() === 'simulated') return { mode: 'simulated', scale: Number.POSITIVE_INFINITY };
  const scale = Number(raw);
  if (!Number.isFinite(scale) || scale <= 0) throw new Error(`TIME_SCALE must be a positive number or "simulated" (got "${String(raw)}")`);
  return scale === 1 ? { mode: 'real', scale: 1 } : { mode: 'compressed', scale };
}

interface Timer {
  at: number;
  seq: number;
  fire: () => void;
}

/** What an actor waiting for time gets back: whether time moved, and the hold it now has (release it when done). */
export interface ClockStep {
  advanced: boolean;
  release: () => void;
}

interface StoredClock {
  mode: ClockMode;
  scale: number | null;
  platformTime: string;
  savedAt: string;
}

export interface PlatformClockOptions {
  /** Where the platform time is kept across restarts (compressed and simulated modes). */
  stateFile?: string;
  /** Platform time to start at when nothing is stored (default: the system time now). */
  startAt?: number;
  realTime?: RealTime;
  /**
   * Simulated mode: jump to the next timer by itself whenever the runtime is idle and nothing holds the clock
   * (`true`: `npm start`), or only when an actor waits for time with `nextStep()` (`'on-demand'`: tests).
   */
  autoAdvance?: boolean | 'on-demand';
  log?: (entry: Record<string, unknown>) => void;
}

export class PlatformClock implements PlatformTimeSource {
  readonly mode: ClockMode;
  readonly scale: number;
  /** True when this start took its platform time from the data folder. */
  readonly resumed: boolean;
  private readonly realTime: RealTime;
  private readonly stateFile: string | undefined;
  private readonly log: (entry: Record<string, unknown>) => void;
  /** Compressed: platform = originPlatform + (real - originReal) × scale. Simulated: platform = originPlatform. */
  private originPlatform: number;
  private originReal: number;
  private readonly timers: Timer[] = [];
  private seq = 0;
  private armed: { handle: unknown; at: number } | undefined;
  private immediate: NodeJS.Immediate | undefined;
  private saver: NodeJS.Timeout | undefined;
  private stopped = false;
  private quiescence: () => Promise<void> = () => new Promise((resolve) => setImmediate(resolve));
  private autoAdvancing: Promise<void> | undefined;
  private wakeAuto: (() => void) | undefined;
  private advancing = false;
  private holds = 0;
  private watchers: ((step: ClockStep) => void)[] = [];

  constructor(settings: ClockSettings, options: PlatformClockOptions = {}) {
    this.mode = settings.mode;
    this.scale = settings.mode === 'real' ? 1 : settings.scale;
    this.realTime = options.realTime ?? systemRealTime;
    this.stateFile = options.stateFile;
    this.log = options.log ?? (() => undefined);
    this.originReal = this.realTime.now();
    const stored = this.readStored();
    if (this.mode === 'real') {
      this.originPlatform = this.originReal;
      this.resumed = false;
      if (stored && Date.parse(stored.platformTime) > this.originReal) {
        this.log({ level: 'WARN', message: 'the data folder was last run on compressed or simulated time, ahead of the real clock; at real time its dates are in the future', platform_time: stored.platformTime });
      }
    } else {
      this.resumed = stored !== undefined;
      this.originPlatform = stored ? Date.parse(stored.platformTime) : (options.startAt ?? this.originReal);
      if (this.stateFile) {
        this.save();
        this.saver = setInterval(() => this.save(), 1000);
        this.saver.unref();
      }
    }
    if (this.mode === 'simulated' && options.autoAdvance) this.startAutoAdvance(options.autoAdvance === 'on-demand');
  }

  now(): number {
    if (this.mode === 'real') return this.realTime.now();
    if (this.mode === 'simulated') return this.originPlatform;
    return this.originPlatform + Math.floor((this.realTime.now() - this.originReal) * this.scale);
  }

  date(): Date {
    return new Date(this.now());
  }

  /** Calls `fire` once platform time reaches `at` (ms); returns a function that cancels it. */
  setTimer(at: number, fire: () => void): () => void {
    const timer: Timer = { at: Number.isFinite(at) ? at : Number.MAX_SAFE_INTEGER, seq: this.seq++, fire };
    let low = 0;
    let high = this.timers.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      const other = this.timers[mid]!;
      if (other.at < timer.at || (other.at === timer.at && other.seq < timer.seq)) low = mid + 1;
      else high = mid;
    }
    this.timers.splice(low, 0, timer);
    this.arm();
    this.wakeAuto?.();
    return () => {
      const index = this.timers.indexOf(timer);
      if (index >= 0) {
        this.timers.splice(index, 1);
        if (index === 0) this.arm();
      }
    };
  }

  /** Resolves once platform time reaches `at`; an abort signal resolves it early (the caller checks why). */
  sleepUntil(at: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const onAbort = () => {
        cancel();
        resolve();
      };
      const cancel = this.setTimer(at, () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      });
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Platform milliseconds from now. */
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return this.sleepUntil(this.now() + ms, signal);
  }

  /** Real milliseconds for a span of platform time: what a retry backoff or a poll interval should wait. */
  realDuration(platformMs: number): number {
    if (this.mode === 'real') return platformMs;
    if (this.mode === 'simulated') return 0;
    return platformMs / this.scale;
  }

  pendingTimers(): number {
    return this.timers.length;
  }

  nextTimerAt(): number | undefined {
    return this.timers[0]?.at;
  }

  /** What "nothing is running" means; the runtime supplies it (handlers, stream batches, HTTP requests, executions). */
  setQuiescence(wait: () => Promise<void>): void {
    this.quiescence = wait;
  }

  /**
   * Simulated: fires whatever is due now and waits until the runtime is idle again, without moving time.
   * Other modes: waits until the runtime is idle.
   */
  async runUntilIdle(): Promise<void> {
    for (;;) {
      await this.quiescence();
      if (this.mode !== 'simulated' || !this.fireDue()) return;
    }
  }

  /**
   * Simulated: moves platform time forward to `at`, stopping at every timer on the way: fires it, waits until
   * the work it started (and anything that work started) is done, then goes on. Ends idle at `at`.
   */
  async advanceTo(at: number): Promise<void> {
    if (this.mode !== 'simulated') throw new Error(`advanceTo needs the simulated clock (this one is ${this.mode})`);
    if (this.advancing) throw new Error('the clock is already being advanced');
    this.advancing = true;
    try {
      await this.runUntilIdle();
      for (;;) {
        const next = this.timers[0];
        if (!next || next.at > at) break;
        if (next.at > this.originPlatform) this.originPlatform = next.at;
        await this.runUntilIdle();
      }
      if (at > this.originPlatform) this.originPlatform = at;
      await this.runUntilIdle();
    } finally {
      this.advancing = false;
    }
  }

  advanceBy(ms: number): Promise<void> {
    return this.advanceTo(this.now() + ms);
  }

  /** Simulated: advances timer by timer until `condition` holds (checked whenever idle) or no timer is left before `limit`. */
  async advanceUntil(condition: () => boolean | Promise<boolean>, limit: number): Promise<boolean> {
    if (this.mode !== 'simulated') throw new Error(`advanceUntil needs the simulated clock (this one is ${this.mode})`);
    await this.runUntilIdle();
    for (;;) {
      if (await condition()) return true;
      const next = this.timers[0];
      if (!next || next.at > limit) return false;
      await this.advanceTo(next.at);
    }
  }

  /**
   * An actor (a test's stand-in for a person) is acting: an auto-advancing clock does not move until every
   * hold is released. Returns the release (idempotent).
   */
  hold(): () => void {
    this.holds += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds -= 1;
      this.wakeAuto?.();
    };
  }

  /**
   * Auto-advancing clock: resolves after the next step of time (its work done, the runtime idle again), or with
   * `advanced: false` once the runtime is idle with no timer left. Either way the actor holds the clock again.
   */
  nextStep(): Promise<ClockStep> {
    if (this.mode !== 'simulated' || !this.autoAdvancing) throw new Error('nextStep needs an auto-advancing simulated clock');
    return new Promise((resolve) => {
      this.watchers.push(resolve);
      this.wakeAuto?.();
    });
  }

  /** Writes the platform time to the data folder (compressed and simulated). */
  save(): void {
    if (!this.stateFile || this.mode === 'real') return;
    const stored: StoredClock = { mode: this.mode, scale: Number.isFinite(this.scale) ? this.scale : null, platformTime: new Date(this.now()).toISOString(), savedAt: new Date(this.realTime.now()).toISOString() };
    mkdirSync(dirname(this.stateFile), { recursive: true });
    const temporary = `${this.stateFile}.tmp`;
    writeFileSync(temporary, JSON.stringify(stored));
    renameSync(temporary, this.stateFile);
  }

  /** Saves the time, drops every timer (their owners are stopping too) and stops advancing. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.save();
    if (this.saver) clearInterval(this.saver);
    if (this.armed) this.realTime.clearTimeout(this.armed.handle);
    this.armed = undefined;
    if (this.immediate) clearImmediate(this.immediate);
    this.timers.length = 0;
    this.wakeAuto?.();
    await this.autoAdvancing;
  }

  /** Fires every timer due now, in order; true if any fired. */
  private fireDue(): boolean {
    const now = this.now();
    let fired = false;
    while (this.timers.length > 0 && this.timers[0]!.at <= now) {
      const timer = this.timers.shift()!;
      fired = true;
      try {
        timer.fire();
      } catch (error) {
        this.log({ level: 'ERROR', message: 'clock timer failed', error: (error as Error).message });
      }
    }
    if (fired) this.arm();
    return fired;
  }

  /** Keeps one Node timer (real and compressed) or one immediate (simulated, for timers already due) armed. */
  private arm(): void {
    if (this.stopped) return;
    const first = this.timers[0];
    if (this.mode === 'simulated') {
      if (first && first.at <= this.originPlatform && !this.immediate && !this.advancing) {
        this.immediate = setImmediate(() => {
          this.immediate = undefined;
          this.fireDue();
        });
      }
      return;
    }
    if (this.armed && first && this.armed.at === first.at) return;
    if (this.armed) this.realTime.clearTimeout(this.armed.handle);
    this.armed = undefined;
    if (!first) return;
    const realDelay = Math.max(0, Math.ceil((first.at - this.now()) / this.scale));
    const at = first.at;
    this.armed = {
      at,
      handle: this.realTime.setTimeout(() => {
        this.armed = undefined;
        if (!this.fireDue()) this.arm();
      }, Math.min(realDelay, MAX_NODE_TIMER_MS)),
    };
  }

  /** Steps to the next timer whenever nothing holds the clock and the runtime is idle; tells waiting actors after each step. */
  private startAutoAdvance(onDemand: boolean): void {
    const poked = () =>
      new Promise<void>((resolve) => {
        this.wakeAuto = () => {
          this.wakeAuto = undefined;
          resolve();
        };
      });
    const tellWatchers = (advanced: boolean) => {
      const watchers = this.watchers;
      this.watchers = [];
      // Each waiting actor holds the clock again before it looks: time cannot move on before it has.
      for (const watcher of watchers) watcher({ advanced, release: this.hold() });
    };
    this.autoAdvancing = (async () => {
      while (!this.stopped) {
        if (this.holds > 0 || (onDemand && this.watchers.length === 0)) {
          await poked();
          continue;
        }
        await this.quiescence();
        if (this.holds > 0 || this.stopped) continue;
        const next = this.timers[0];
        if (!next) {
          if (this.watchers.length > 0) tellWatchers(false);
          else await poked();
          continue;
        }
        await this.advanceTo(next.at).catch((error: Error) => this.log({ level: 'ERROR', message: 'advancing the simulated clock failed', error: error.message }));
        tellWatchers(true);
      }
      tellWatchers(false);
    })();
  }

  private readStored(): StoredClock | undefined {
    if (!this.stateFile || !existsSync(this.stateFile)) return undefined;
    try {
      const stored = JSON.parse(readFileSync(this.stateFile, 'utf8')) as StoredClock;
      return Number.isFinite(Date.parse(stored.platformTime)) ? stored : undefined;
    } catch {
      return undefined;
    }
  }
}
