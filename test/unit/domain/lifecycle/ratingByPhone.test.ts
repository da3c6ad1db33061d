/**
 * A satisfaction rating the complainant gave by phone, recorded by staff (`rating` staff action): offered once
 * we have responded, once per stage; it reaches the workflow as the resident's own rating would; who recorded
 * it is kept; and the policy module decides who may record it.
 */
import { describe, expect, it } from 'vitest';
import type { StaffIdentity } from '../../../../functions/domain/access/identity';
import { authorize } from '../../../../functions/domain/access/policy';
import { type ComplaintCase, planMutation } from '../../../../functions/domain/complaintCase';
import { complaintSubmissionSchema } from '../../../../functions/domain/complaint';
import { receiveComplaint } from '../../../../functions/domain/intake';
import { ACTION_PERMISSION, allowedActions } from '../../../../functions/domain/lifecycle/actionPermissions';
import { planStaffAction, staffActionSchema } from '../../../../functions/domain/lifecycle/staffActions';
import type { WorkflowWait } from '../../../../functions/domain/lifecycle/workflowWait';
import { demoEstates } from '../../../../infra/local/demoGroup';
import { InMemoryCaseStore } from '../../../support/inMemoryCaseStore';

const estate = demoEstates.find((e) => e.estateId === 'EST01')!;
const CSLEAD: StaffIdentity = { kind: 'staff', userId: 'cslead.est01', role: 'cs-lead', estateIds: ['EST01'] };
const feedbackWait = (caseId: string): WorkflowWait => ({ caseId, waitingFor: 'feedback', taskToken: 't', since: '2026-11-30T02:00:00Z' });

async function aCase(status: ComplaintCase['status']): Promise<ComplaintCase> {
  const store = new InMemoryCaseStore(demoEstates);
  const outcome = await receiveComplaint(
    {
      submission: complaintSubmissionSchema.parse({ estateId: 'EST01', unit: 'A 12/F', name: 'Chan', phone: '9123 4567', language: 'en', channel: 'phone', description: 'The lift in Block A is broken.' }),
      requestId: 'r',
      actor: { type: 'staff', id: 'cslead.est01', role: 'cs-lead' },
    },
    { store, now: () => new Date('2026-11-23T03:00:00Z'), publicBaseUrl: 'https://complaints.example', lookupKey: 'k'.repeat(40) },
  );
  if (outcome.kind !== 'created') throw new Error(outcome.kind);
  const current = (await store.getCase(outcome.caseId))!;
  expect(current.lookupDigests?.phone).toBeDefined();
  return planMutation(current, { status }, { now: '2026-11-30T02:00:00Z', requestId: 'r', actor: { type: 'system', id: 'test' }, action: 'test' }).next;
}

describe('a rating given by phone', () => {
  it('is offered once we have responded, not before, and not twice in a stage', async () => {
    const responded = await aCase('responded');
    expect(allowedActions(responded, feedbackWait(responded.caseId))).toContain('rating');
    expect(allowedActions(responded, undefined)).toContain('rating');
    const inProgress = await aCase('in-progress');
    expect(allowedActions(inProgress, undefined)).not.toContain('rating');
    const rated = { ...responded, satisfaction: { outcomeRating: 4, answeredAt: '2026-11-30T03:00:00Z', stage: 1 as const } };
    expect(allowedActions(rated, feedbackWait(rated.caseId))).not.toContain('rating');
  });

  it('is recorded as the resident’s own rating, with who recorded it, and signals the workflow', async () => {
    const responded = await aCase('responded');
    const action = staffActionSchema.parse({ type: 'rating', outcomeRating: 2, processRating: 4, comment: 'Said the fix did not last.' });
    const planned = planStaffAction({ complaintCase: responded, wait: feedbackWait(responded.caseId), estate, identity: CSLEAD, now: '2026-11-30T04:00:00Z' }, action);
    if ('status' in planned) throw new Error(planned.message);
    expect(planned.patch.satisfaction).toEqual({ outcomeRating: 2, processRating: 4, comment: 'Said the fix did not last.', answeredAt: '2026-11-30T04:00:00Z', stage: 1, recordedBy: 'cslead.est01' });
    expect(planned.auditAction).toBe('complainant.rated');
    expect(planned.signal).toEqual({ event: 'feedback', dissatisfied: true, stage: 1 });
  });

  it('refuses a score outside 1–5 by field, and a case not waiting for one', async () => {
    const bad = staffActionSchema.safeParse({ type: 'rating', outcomeRating: 6 });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['outcomeRating']);
    const inProgress = await aCase('in-progress');
    const refused = planStaffAction({ complaintCase: inProgress, wait: undefined, estate, identity: CSLEAD, now: '2026-11-30T04:00:00Z' }, { type: 'rating', outcomeRating: 3 });
    expect('status' in refused && refused.code).toBe('action_not_allowed');
  });

  it('may be recorded by front-line staff, CS leads, managers and HQ, not by the department that answered', () => {
    const who = (role: StaffIdentity['role']) => authorize({ kind: 'staff', userId: 'x', role, estateIds: ['EST01'] }, ACTION_PERMISSION.rating, { estateId: 'EST01' }).allowed;
    expect(['frontline-staff', 'cs-lead', 'estate-manager', 'hq'].map((role) => who(role as StaffIdentity['role']))).toEqual([true, true, true, true]);
    expect(['department-handler', 'compliance', 'admin'].map((role) => who(role as StaffIdentity['role']))).toEqual([false, false, false]);
  });
});
