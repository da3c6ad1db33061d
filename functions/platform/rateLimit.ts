/**
 * Per-IP and per-estate limits on public intake, as HTTP: a refusal is `429`
 * with `Retry-After` and the usual error body. API Gateway throttles the API
 * and the intake route as a whole (infra/constructs/httpApi.ts) but cannot
 * count per client or per estate; this does, the same way locally and in AWS.
 */
import { createHash } from 'node:crypto';
import { intakeRateLimits, type RateCounter, type RateDecision } from '../domain/rateLimit';
import { getRateCounter } from './clients';
import { HttpError, type HttpEvent } from './http';

/** The caller's address as API Gateway saw it (never a client-supplied header such as X-Forwarded-For). */
export function sourceIp(event: HttpEvent): string {
  return event.requestContext?.http?.sourceIp || 'unknown';
}

/** Addresses are personal data: counters are keyed by a digest, and expire within minutes. */
function addressDigest(ip: string): string {
  return createHash('sha256').update(`intake-ip\u0000${ip}`).digest('hex').slice(0, 32);
}

function refuse(decision: Extract<RateDecision, { allowed: false }>, message: string): never {
  throw new HttpError(429, 'rate_limited', `${message}; please try again in ${decision.retryAfterSeconds} seconds`, undefined, {
    'retry-after': String(decision.retryAfterSeconds),
  });
}

export async function limitIntakeByIp(event: HttpEvent, counter: RateCounter = getRateCounter(), now = new Date()): Promise<void> {
  const decision = await counter.take(intakeRateLimits().perIp, addressDigest(sourceIp(event)), now);
  if (!decision.allowed) refuse(decision, 'too many complaints have been sent from your network');
}

export async function limitIntakeByEstate(estateId: string, counter: RateCounter = getRateCounter(), now = new Date()): Promise<void> {
  const decision = await counter.take(intakeRateLimits().perEstate, estateId, now);
  if (!decision.allowed) refuse(decision, 'this estate is receiving an unusual number of complaints');
}
