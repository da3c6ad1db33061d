/**
 * A missed deadline escalates where the estate's deadline policy says (`escalateWhenMissedTo`):
 * under the seed default a critical complaint goes straight to HQ, a general one to the estate manager first.
 */
import { describe, expect, it } from 'vitest';
import { complaintSubmissionSchema } from '../../../../functions/domain/complaint';
import { planMutation, type ComplaintCase } from '../../../../functions/domain/complaintCase';
import { DEFAULT_GROUP_SETTINGS } from '../../../../functions/domain/groupSettings';
import { receiveComplaint } from '../../../../functions/domain/intake';
import { escalateOverdue } from '../../../../functions/domain/lifecycle/escalation';
import { newDeadlineState } from '../../../../functions/domain/lifecycle/deadlineTracking';
import { demoEstates } from '../../../../infra/local/demoGroup';
import { InMemoryCaseStore } from '../../../support/inMemoryCaseStore';

async function triagedCase(estateId: string, severity: ComplaintCase['severity']) {
  const store = new InMemoryCaseStore(demoEstates);
  const deps = { store, now: () => new Date('2026-11-30T10:00:00Z'), publicBaseUrl: 'https://complaints.example' };
  const outcome = await receiveComplaint(
    { submission: complaintSubmissionSchema.parse({ estateId, unit: 'Flat 3', name: 'Chan', email: 'chan@example.com', language: 'en', description: 'Water is pouring through the ceiling of the lobby.' }), requestId: 'r', actor: { type: 'resident' } },
    { ...deps, now: () => new Date('2026-11-23T02:00:00Z') },
  );
  if (outcome.kind !== 'created') throw new Error(outcome.kind);
  const estate = demoEstates.find((e) => e.estateId === estateId)!;
  const current = (await store.getCase(outcome.caseId))!;
  await store.applyMutation(planMutation(current, { status: 'in-progress', caseClass: 1, severity, category: 'service-missing-or-not-working', departmentId: 'engineering', escalationLevel: 0, deadline: newDeadlineState(estate, 1, current.receivedAt) }, { now: '2026-11-23T03:00:00Z', requestId: 'r', actor: { type: 'staff', id: 'cslead', role: 'cs-lead' }, action: 'case.triaged' }));
  return { store, deps, caseId: outcome.caseId, estate };
}

const recipientOf = async (store: InMemoryCaseStore, caseId: string, key: string) => (await store.getNotification(caseId, key))?.recipient;

describe('escalation when a deadline is missed follows the policy', () => {
  it('seed default: a critical complaint goes straight to HQ', async () => {
    const { store, deps, caseId } = await triagedCase('EST01', 'critical');
    const result = await escalateOverdue(deps, { caseId, requestId: 'x', step: 'escalateOverdue' }, 0);
    expect(result.escalationLevel).toBe(2);
    expect(store.cases.get(caseId)!.escalationLevel).toBe(2);
    expect(await recipientOf(store, caseId, 'escalation-1')).toBe(DEFAULT_GROUP_SETTINGS.hqEmail);
  });

  it('seed default: a general complaint goes to the estate manager, then to HQ when missed again', async () => {
    const { store, deps, caseId, estate } = await triagedCase('EST01', 'general');
    expect((await escalateOverdue(deps, { caseId, requestId: 'x', step: 'escalateOverdue' }, 0)).escalationLevel).toBe(1);
    expect(await recipientOf(store, caseId, 'escalation-1')).toBe(estate.managerEmail);
    expect((await escalateOverdue(deps, { caseId, requestId: 'y', step: 'escalateOverdue' }, 1)).escalationLevel).toBe(2);
    expect(await recipientOf(store, caseId, 'escalation-2')).toBe(DEFAULT_GROUP_SETTINGS.hqEmail);
  });

  it('Housing Ombudsman 2024: stage 1, whatever the severity, to the estate manager', async () => {
    const { store, deps, caseId, estate } = await triagedCase('LDN01', 'critical');
    expect((await escalateOverdue(deps, { caseId, requestId: 'x', step: 'escalateOverdue' }, 0)).escalationLevel).toBe(1);
    expect(await recipientOf(store, caseId, 'escalation-1')).toBe(estate.managerEmail);
  });
});
