/**
 * Fixed-window rate limits on public intake (abuse protection): so many
 * complaints per client address and per estate per window. The arithmetic is
 * here; the counters live in the case table (functions/store/rateLimitCounters.ts),
 * one conditional increment per check, so the same limits hold locally and in
 * every Lambda container in AWS.
 */

export interface RateLimitRule {
  /** What is limited, e.g. `intake-ip`; part of the counter's key. */
  scope: string;
  /** Most requests allowed per window. */
  limit: number;
  windowSeconds: number;
}

export interface RateWindow {
  /** Start of the window, in epoch seconds. */
  start: number;
  /** Seconds until the window ends (at least 1): the `Retry-After` of a refusal. */
  secondsLeft: number;
}

export function currentWindow(nowMs: number, windowSeconds: number): RateWindow {
  const nowSeconds = nowMs / 1000;
  const start = Math.floor(nowSeconds / windowSeconds) * windowSeconds;
  return { start, secondsLeft: Math.max(1, Math.ceil(start + windowSeconds - nowSeconds)) };
}

export interface RateRefusal {
  retryAfterSeconds: number;
  rule: RateLimitRule;
}

export type RateDecision = { allowed: true } | ({ allowed: false } & RateRefusal);

/** One request to count against `subject` under `rule`, inside the transaction that stores what it asked for. */
export interface RateCharge {
  rule: RateLimitRule;
  subject: string;
}

/** Counts one request against `subject` under `rule`; refuses it if the window's count has reached the limit. */
export interface RateCounter {
  take(rule: RateLimitRule, subject: string, now: Date): Promise<RateDecision>;
}

export interface IntakeRateLimits {
  perIp: RateLimitRule;
  perEstate: RateLimitRule;
}

/** Defaults: 10 complaints a minute from one address, 60 a minute into one estate. */
export const DEFAULT_INTAKE_LIMITS = { perIpPerWindow: 10, perEstatePerWindow: 60, windowSeconds: 60 } as const;

/**
 * Limits from settings named like the environment variables the platform layer passes in
 * (`INTAKE_LIMIT_PER_IP`, `INTAKE_LIMIT_PER_ESTATE`, `INTAKE_LIMIT_WINDOW_SECONDS`), so a deployment or the bench can raise them.
 */
export function intakeRateLimits(env: Record<string, string | undefined>): IntakeRateLimits {
  const windowSeconds = positiveInteger(env.INTAKE_LIMIT_WINDOW_SECONDS, DEFAULT_INTAKE_LIMITS.windowSeconds, 'INTAKE_LIMIT_WINDOW_SECONDS');
  return {
    perIp: { scope: 'intake-ip', limit: positiveInteger(env.INTAKE_LIMIT_PER_IP, DEFAULT_INTAKE_LIMITS.perIpPerWindow, 'INTAKE_LIMIT_PER_IP'), windowSeconds },
    perEstate: { scope: 'intake-estate', limit: positiveInteger(env.INTAKE_LIMIT_PER_ESTATE, DEFAULT_INTAKE_LIMITS.perEstatePerWindow, 'INTAKE_LIMIT_PER_ESTATE'), windowSeconds },
  };
}

function positiveInteger(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got "${value}"`);
  return n;
}
