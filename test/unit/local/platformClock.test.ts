/**
 * The local runtime's one clock: real, compressed (driven here by a hand-moved
 * "real" time, so nothing races the wall clock) and simulated; long timers
 * within Node's range; restart from the data folder.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { installPlatformClock, platformNow, platformNowMs } from '../../../functions/platform/clock';
import { MAX_NODE_TIMER_MS, parseTimeScale, PlatformClock } from '../../../infra/local/platformClock';
import { handRealTime } from '../../support/handRealTime';

const DAY = 86_400_000;
const START = Date.parse('2026-12-07T01:00:00.000Z');

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});
const dataFolder = () => {
  const folder = mkdtempSync(join(tmpdir(), 'platform-clock-'));
  folders.push(folder);
  return folder;
};

describe('TIME_SCALE', () => {
  it('reads real, compressed and simulated, and refuses nonsense', () => {
    expect(parseTimeScale(undefined)).toEqual({ mode: 'real', scale: 1 });
    expect(parseTimeScale('1')).toEqual({ mode: 'real', scale: 1 });
    expect(parseTimeScale('86400')).toEqual({ mode: 'compressed', scale: 86400 });
    expect(parseTimeScale('simulated').mode).toBe('simulated');
    expect(() => parseTimeScale('0')).toThrow(/TIME_SCALE/);
    expect(() => parseTimeScale('fast')).toThrow(/TIME_SCALE/);
  });
});

describe('compressed clock', () => {
  it('runs platform time scale× faster from the moment it starts, and fires timers at their platform time', () => {
    const real = handRealTime();
    const clock = new PlatformClock({ mode: 'compressed', scale: 86_400 }, { realTime: real });
    const started = clock.now();
    expect(started).toBe(real.now());
    const fired: string[] = [];
    clock.setTimer(started + 3 * DAY, () => fired.push(`3 days at ${clock.now() - started}`));
    clock.setTimer(started + DAY, () => fired.push(`1 day at ${clock.now() - started}`));
    real.advance(999);
    expect(fired).toEqual([]);
    real.advance(1);
    expect(fired).toEqual([`1 day at ${DAY}`]);
    real.advance(2000);
    expect(fired).toEqual([`1 day at ${DAY}`, `3 days at ${3 * DAY}`]);
    expect(clock.now() - started).toBe(3 * DAY);
    void clock.stop();
  });

  it('never arms a Node timer past its ~24.8-day limit: a long timer is re-armed in steps', () => {
    const real = handRealTime();
    const clock = new PlatformClock({ mode: 'real', scale: 1 }, { realTime: real });
    let fired = 0;
    clock.setTimer(real.now() + 60 * DAY, () => (fired += 1));
    real.advance(59 * DAY);
    expect(fired).toBe(0);
    real.advance(DAY);
    expect(fired).toBe(1);
    expect(Math.max(...real.delays)).toBeLessThanOrEqual(MAX_NODE_TIMER_MS);
    expect(real.delays.length).toBeGreaterThanOrEqual(3);
    void clock.stop();
  });

  it('cancelled timers do not fire', () => {
    const real = handRealTime();
    const clock = new PlatformClock({ mode: 'compressed', scale: 1000 }, { realTime: real });
    let fired = 0;
    const cancel = clock.setTimer(clock.now() + 10_000, () => (fired += 1));
    cancel();
    real.advance(100);
    expect(fired).toBe(0);
    expect(clock.pendingTimers()).toBe(0);
    void clock.stop();
  });
});

describe('simulated clock', () => {
  it('stands still until advanced, then fires timers in order at their own time', async () => {
    const clock = new PlatformClock(parseTimeScale('simulated'), { startAt: START });
    const seen: [string, number][] = [];
    clock.setTimer(START + 2 * DAY, () => seen.push(['b', clock.now()]));
    clock.setTimer(START + DAY, () => seen.push(['a', clock.now()]));
    clock.setTimer(START + 5 * DAY, () => seen.push(['c', clock.now()]));
    await new Promise((r) => setTimeout(r, 5));
    expect(clock.now()).toBe(START);
    expect(seen).toEqual([]);
    await clock.advanceTo(START + 3 * DAY);
    expect(seen).toEqual([['a', START + DAY], ['b', START + 2 * DAY]]);
    expect(clock.now()).toBe(START + 3 * DAY);
    expect(clock.nextTimerAt()).toBe(START + 5 * DAY);
    await clock.advanceBy(2 * DAY);
    expect(seen.at(-1)).toEqual(['c', START + 5 * DAY]);
  });

  it('waits for the work a timer started (the quiescence the runtime supplies) before moving on', async () => {
    const clock = new PlatformClock(parseTimeScale('simulated'), { startAt: START });
    let running = 0;
    const log: string[] = [];
    clock.setQuiescence(async () => {
      while (running > 0) await new Promise((r) => setTimeout(r, 1));
    });
    // A "workflow": waits a day, works for a while (real time), then waits another day.
    clock.setTimer(START + DAY, () => {
      running += 1;
      setTimeout(() => {
        log.push(`worked at day ${(clock.now() - START) / DAY}`);
        clock.setTimer(clock.now() + DAY, () => log.push(`second wait ended at day ${(clock.now() - START) / DAY}`));
        running -= 1;
      }, 20);
    });
    await clock.advanceTo(START + 10 * DAY);
    expect(log).toEqual(['worked at day 1', 'second wait ended at day 2']);
  });

  it('fires a timer already due without moving time, and runUntilIdle waits for it', async () => {
    const clock = new PlatformClock(parseTimeScale('simulated'), { startAt: START });
    let fired = 0;
    clock.setTimer(START - 1000, () => (fired += 1));
    await clock.runUntilIdle();
    expect(fired).toBe(1);
    expect(clock.now()).toBe(START);
  });

  it('advanceUntil stops at the first timer after which the condition holds', async () => {
    const clock = new PlatformClock(parseTimeScale('simulated'), { startAt: START });
    let count = 0;
    for (let day = 1; day <= 5; day += 1) clock.setTimer(START + day * DAY, () => (count += 1));
    expect(await clock.advanceUntil(() => count >= 3, START + 30 * DAY)).toBe(true);
    expect(clock.now()).toBe(START + 3 * DAY);
    expect(await clock.advanceUntil(() => count >= 10, START + 30 * DAY)).toBe(false);
  });

  it('auto-advance jumps to the next timer by itself', async () => {
    const clock = new PlatformClock(parseTimeScale('simulated'), { startAt: START, autoAdvance: true });
    const done = new Promise<number>((resolve) => clock.setTimer(START + 365 * DAY, () => resolve(clock.now())));
    expect(await done).toBe(START + 365 * DAY);
    await clock.stop();
  });

  it('refuses advanceTo on a clock that is not simulated', async () => {
    const clock = new PlatformClock(parseTimeScale('86400'));
    await expect(clock.advanceTo(Date.now() + DAY)).rejects.toThrow(/simulated/);
    await clock.stop();
  });
});

describe('restart', () => {
  it('a compressed clock resumes at the platform time it stopped at, then runs on from there', async () => {
    const folder = dataFolder();
    const stateFile = join(folder, 'platform-clock.json');
    const real = handRealTime();
    const first = new PlatformClock({ mode: 'compressed', scale: 86_400 }, { realTime: real, stateFile });
    const startedAt = first.now();
    real.advance(10_000); // ten platform days
    await first.stop();
    expect(Date.parse((JSON.parse(readFileSync(stateFile, 'utf8')) as { platformTime: string }).platformTime)).toBe(startedAt + 10 * DAY);
    real.advance(60_000); // the runtime is down for a real minute: platform time does not run meanwhile
    const second = new PlatformClock({ mode: 'compressed', scale: 86_400 }, { realTime: real, stateFile });
    expect(second.resumed).toBe(true);
    expect(second.now()).toBe(startedAt + 10 * DAY);
    real.advance(1000);
    expect(second.now()).toBe(startedAt + 11 * DAY);
    await second.stop();
  });

  it('a simulated clock resumes where it was advanced to', async () => {
    const stateFile = join(dataFolder(), 'platform-clock.json');
    const first = new PlatformClock(parseTimeScale('simulated'), { startAt: START, stateFile });
    await first.advanceTo(START + 42 * DAY);
    await first.stop();
    const second = new PlatformClock(parseTimeScale('simulated'), { startAt: START + 1, stateFile });
    expect(second.resumed).toBe(true);
    expect(second.now()).toBe(START + 42 * DAY);
    await second.stop();
  });

  it('a fresh data folder starts at the given time (or now)', async () => {
    const clock = new PlatformClock(parseTimeScale('simulated'), { startAt: START, stateFile: join(dataFolder(), 'platform-clock.json') });
    expect(clock.resumed).toBe(false);
    expect(clock.now()).toBe(START);
    await clock.stop();
  });
});

describe('what handlers read', () => {
  it('is the installed clock, or the system clock when none is installed (AWS)', async () => {
    const clock = new PlatformClock(parseTimeScale('simulated'), { startAt: START });
    installPlatformClock(clock);
    try {
      expect(platformNowMs()).toBe(START);
      await clock.advanceBy(DAY);
      expect(platformNow().toISOString()).toBe(new Date(START + DAY).toISOString());
    } finally {
      installPlatformClock(undefined);
    }
    expect(Math.abs(platformNowMs() - Date.now())).toBeLessThan(1000);
  });
});
