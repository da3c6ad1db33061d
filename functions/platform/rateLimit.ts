/**
 * Per-IP and per-estate limits on public intake, as HTTP: a refusal is `429`
 * with `Retry-After` and the usual error body. API Gateway throttles the API
 * and the intake route as a whole (infra/constructs/httpApi.ts) but cannot
 * count per client or per estate; this does, the same way locally and in AWS.
 */
import { createHash } from 'node:crypto';
import { intakeRateLimits, type RateCharge, type RateCounter, type RateRefusal } from '../domain/rateLimit';
import { getRateCounter } from './clients';
import { HttpError, type HttpEvent } from './http';
import { platformNow } from './clock';

/** The caller's address as API Gateway saw it (never a client-supplied header such as X-Forwarded-For). */
export function sourceIp(event: HttpEvent): string {
  return event.requestContext?.http?.sourceIp || 'unknown';
}

/** Addresses are personal data: counters are keyed by a digest, and expire within minutes. */
export function addressDigest(ip: string): string {
  return createHash('sha256').update(`intake-ip\u0000${ip}`).digest('hex').slice(0, 32);
}

const REFUSAL_MESSAGES: Record<string, string> = {
  'intake-ip': 'too many complaints have been sent from your network',
  'intake-estate': 'this estate is receiving an unusual number of complaints',
};

/** Throws the 429 for a full window, with `Retry-After`. */
export function refuseRate(refusal: RateRefusal): never {
  const message = REFUSAL_MESSAGES[refusal.rule.scope] ?? 'too many requests';
  throw new HttpError(429, 'rate_limited', `${message}; please try again in ${refusal.retryAfterSeconds} seconds`, undefined, {
    'retry-after': String(refusal.retryAfterSeconds),
  });
}

/** The charges of an anonymous complaint (per address, per estate), taken in the transaction that stores it. */
export function intakeRateCharges(event: HttpEvent, estateId: string): RateCharge[] {
  const limits = intakeRateLimits(process.env);
  return [
    { rule: limits.perIp, subject: addressDigest(sourceIp(event)) },
    { rule: limits.perEstate, subject: estateId },
  ];
}

/** Counts a request that stores nothing against the caller's address; over the limit, a 429. */
export async function limitIntakeByIp(event: HttpEvent, counter: RateCounter = getRateCounter(), now = platformNow()): Promise<void> {
  const decision = await counter.take(intakeRateLimits(process.env).perIp, addressDigest(sourceIp(event)), now);
  if (!decision.allowed) refuseRate(decision);
}
