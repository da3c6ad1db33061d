/**
 * A "real" time moved by hand, for the compressed clock (infra/local/platformClock.ts):
 * its Node timers become entries that `advance` fires in order, so a test drives
 * compressed time through the clock instead of racing the wall clock.
 */
import type { RealTime } from '../../infra/local/platformClock';

export function handRealTime(start = Date.parse('2026-12-07T00:00:00.000Z')) {
  let now = start;
  let nextId = 0;
  const timers = new Map<number, { at: number; fire: () => void }>();
  const delays: number[] = [];
  const real: RealTime & { advance(ms: number): void; delays: number[] } = {
    now: () => now,
    setTimeout: (fire, ms) => {
      delays.push(ms);
      const id = nextId++;
      timers.set(id, { at: now + ms, fire });
      return id;
    },
    clearTimeout: (id) => void timers.delete(id as number),
    /** Moves real time on by `ms`, firing each timer due on the way at its own moment. */
    advance(ms: number) {
      const until = now + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = Math.max(now, due[1].at);
        due[1].fire();
      }
      now = until;
    },
    delays,
  };
  return real;
}
