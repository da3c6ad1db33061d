/**
 * Driving the platform on simulated time (tests, the bench, `npm run simulate`):
 * the platform's clock moves only when every actor (a stand-in for a person,
 * e.g. one per complaint being driven) waits for time to pass, and then
 * straight to the next timer (a deadline, the follow-up wait…).
 * An actor holds the clock while it acts; `poll` first lets the runtime finish
 * what it is doing, then looks, and only if what it waits for has not happened
 * lets time move one step. No wall-clock races and no fixed sleeps.
 *
 * The actor is found through AsyncLocalStorage, so helpers shared with
 * real-time tests (`poll`) need no extra argument.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { PlatformClock } from './platformClock';

export class Actor {
  private release: () => void;

  constructor(private readonly clock: PlatformClock) {
    this.release = clock.hold();
  }

  /** Lets time move one step; false when no timer was left to move to. */
  async passTime(): Promise<boolean> {
    const step = this.clock.nextStep();
    this.release();
    const { advanced, release } = await step;
    this.release = release;
    return advanced;
  }

  /**
   * Waits until platform time `at` (a person acting later: the simulator's staff and residents). Only this actor
   * wakes then, holding the clock again before time can move past it.
   */
  async until(at: number): Promise<void> {
    if (this.clock.now() >= at) return;
    const woken = new Promise<void>((resolve) =>
      this.clock.setTimer(at, () => {
        this.release = this.clock.hold();
        resolve();
      }),
    );
    this.release();
    await woken;
  }

  end(): void {
    this.release();
  }
}

const actors = new AsyncLocalStorage<Actor>();

/** The actor the current async context runs as, if any. */
export const currentActor = (): Actor | undefined => actors.getStore();

/** Runs `work` as one actor on the clock (a person driving one complaint). */
export async function asActor<T>(clock: PlatformClock, work: () => Promise<T>): Promise<T> {
  if (clock.mode !== 'simulated') return work();
  const actor = new Actor(clock);
  try {
    return await actors.run(actor, work);
  } finally {
    actor.end();
  }
}

export interface Pollable {
  clock: PlatformClock;
  settle(): Promise<void>;
}

/**
 * Waits until `probe` returns a value. Simulated: settle, look, and if not yet, let time move one step (the
 * runtime's next timer); fails once no timer is left. Real or compressed: polls every 50 ms up to `realTimeoutMs`.
 */
export async function poll<T>(platform: Pollable, probe: () => Promise<T | undefined>, what: () => string, realTimeoutMs = 60_000): Promise<T> {
  if (platform.clock.mode === 'simulated') {
    const actor = actors.getStore();
    for (;;) {
      await platform.settle();
      const value = await probe();
      if (value !== undefined) return value;
      if (!actor) throw new Error(`not yet ${what()}, and no actor to let time pass (run the test's steps in asActor)`);
      if (!(await actor.passTime())) {
        await platform.settle();
        const last = await probe();
        if (last !== undefined) return last;
        throw new Error(`never ${what()}: nothing left to happen at ${platform.clock.date().toISOString()}`);
      }
    }
  }
  const deadline = Date.now() + realTimeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`never ${what()} (within ${realTimeoutMs} ms)`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
