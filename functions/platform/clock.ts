/**
 * The platform's time, as handlers read it. In AWS it is the system clock and
 * nothing is installed. The local runtime installs its one clock
 * (infra/local/platformClock.ts: real, compressed or simulated) so that every
 * handler, the workflow interpreter, the stream pollers, the outbox and the
 * schedules agree on what time it is. Handlers pass `platformNow` on to the
 * domain as the `now()` of its dependencies; domain code never reads a clock.
 *
 * Security-token lifetimes (JWTs, signed list cursors, presigned links) stay on
 * the system clock: they are about real people's sessions and real signatures.
 */
export interface PlatformTimeSource {
  /** Milliseconds since the epoch, platform time. */
  now(): number;
}

const INSTALLED = Symbol.for('complaint-platform.clock');
type WithClock = typeof globalThis & { [INSTALLED]?: PlatformTimeSource };

/** Installs (or, with undefined, removes) the clock every handler in this process reads. */
export function installPlatformClock(source: PlatformTimeSource | undefined): void {
  if (source) (globalThis as WithClock)[INSTALLED] = source;
  else delete (globalThis as WithClock)[INSTALLED];
}

/** Platform time in milliseconds since the epoch. */
export function platformNowMs(): number {
  const source = (globalThis as WithClock)[INSTALLED];
  return source ? source.now() : Date.now();
}

/** Platform time as a Date: what handlers give the domain as `now()`. */
export function platformNow(): Date {
  return new Date(platformNowMs());
}
