/**
 * Writes cases straight into a store through the domain (openCase, then
 * planMutation for each change), so tests can set up many cases with chosen
 * estates, dates, statuses and owners without running the lifecycle.
 */
import { randomBytes } from 'node:crypto';
import { ulid } from 'ulid';
import type { CaseStore } from '../../functions/domain/caseStore';
import { type CasePatch, type ComplaintCase, openCase, planMutation } from '../../functions/domain/complaintCase';

export interface SeedCase {
  estateId: string;
  receivedAt: string;
  responseDueBy?: string;
  email?: string;
  patch?: CasePatch;
  /** When the patch is applied (default: an hour after receipt). */
  changedAt?: string;
}

let counter = 0;

export async function seedCase(store: CaseStore, seed: SeedCase): Promise<ComplaintCase> {
  counter += 1;
  const caseId = ulid(new Date(seed.receivedAt).getTime());
  const { complaintCase, firstEvent } = openCase(
    { estateId: seed.estateId, unit: `Block ${counter}`, name: `Resident ${counter}`, email: seed.email ?? `seed.${randomBytes(4).toString('hex')}@example.com`, language: 'en', channel: 'web', description: `Seeded complaint number ${counter}.` },
    { caseId, reference: `${seed.estateId}-SEED-${String(counter).padStart(6, '0')}`, trackingTokenHash: randomBytes(32).toString('hex'), personalDataSalt: randomBytes(16).toString('hex') },
    {
      now: seed.receivedAt,
      responseDueBy: seed.responseDueBy ?? new Date(new Date(seed.receivedAt).getTime() + 7 * 86400_000).toISOString(),
      requestId: `seed-${counter}`,
      actor: { type: 'resident' },
    },
  );
  await store.createCase({ complaintCase, firstEvent, idempotency: { keyHash: randomBytes(32).toString('hex'), requestHash: 'seed', caseId, trackingToken: 'seed', expiresAt: Math.floor(Date.now() / 1000) + 3600 }, startLifecycle: false });
  if (!seed.patch) return complaintCase;
  const mutation = planMutation(complaintCase, seed.patch, {
    now: seed.changedAt ?? new Date(new Date(seed.receivedAt).getTime() + 3600_000).toISOString(),
    requestId: `seed-${counter}-change`,
    actor: { type: 'staff', id: 'cslead.est01', role: 'cs-lead' },
    action: 'case.seeded-change',
  });
  return store.applyMutation(mutation);
}
