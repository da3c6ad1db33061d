/**
 * Compensation that was not claimed when the complaint was filed (seed 001 §5.6): staff propose goodwill
 * compensation with the response, or record a claim the complainant made later; both go to the same
 * review as a claim made at filing (the estate manager decides; HQ above the group threshold).
 */
import { describe, expect, it } from 'vitest';
import type { StaffIdentity } from '../../../../functions/domain/access/identity';
import type { ComplaintCase } from '../../../../functions/domain/complaintCase';
import { DEFAULT_GROUP_SETTINGS } from '../../../../functions/domain/groupSettings';
import { allowedActions } from '../../../../functions/domain/lifecycle/actionPermissions';
import { planCompensationDecision } from '../../../../functions/domain/lifecycle/compensationReview';
import { planStaffAction, staffActionSchema } from '../../../../functions/domain/lifecycle/staffActions';
import type { WorkflowWait } from '../../../../functions/domain/lifecycle/workflowWait';
import { demoEstates } from '../../../../infra/local/demoGroup';
import { aStoredCase } from '../../../support/caseFixtures';

const NOW = '2026-03-05T08:00:00.000Z';
const estate = demoEstates.find((e) => e.estateId === 'EST01')!;
const handler: StaffIdentity = { kind: 'staff', userId: 'engineering.est01', role: 'department-handler', estateIds: ['EST01'], departmentId: 'engineering' };
const manager: StaffIdentity = { kind: 'staff', userId: 'manager.est01', role: 'estate-manager', estateIds: ['EST01'] };
const wait = (caseId: string, waitingFor: WorkflowWait['waitingFor']): WorkflowWait => ({ caseId, waitingFor, taskToken: 't', since: NOW });

function investigated(): ComplaintCase {
  const { complaintCase } = aStoredCase();
  return { ...complaintCase, status: 'in-progress', caseClass: 1, severity: 'general', departmentId: 'engineering' };
}

const response = {
  type: 'respond',
  outcome: 'upheld',
  decision: 'The lift was repaired.',
  reasons: 'It had been out of service too long.',
  rootCause: 'A part on back order',
  accountability: 'Engineering department',
};

describe('goodwill compensation proposed with the response', () => {
  it('sends the response to the compensation review with the proposal as the amount under review, in the estate currency', () => {
    const current = investigated();
    const planned = planStaffAction({ complaintCase: current, wait: wait(current.caseId, 'resolution'), estate, identity: handler, now: NOW }, staffActionSchema.parse({ ...response, compensationProposal: { amount: 300, note: 'Goodwill for three days without the lift' } }));
    if ('status' in planned) throw new Error(planned.message);
    expect(planned.signal).toEqual({ event: 'responded', compensationPending: true });
    expect(planned.patch.status).toBe('awaiting-compensation-decision');
    expect(planned.patch.compensationClaim).toEqual({ amount: 300, currency: 'HKD', reason: 'Goodwill for three days without the lift' });
    expect(planned.patch.compensation).toMatchObject({ origin: 'goodwill', proposal: { amount: 300, by: 'engineering.est01' } });

    // The estate manager decides it as any claim.
    const inReview = { ...current, ...planned.patch } as ComplaintCase;
    const decided = planCompensationDecision({ complaintCase: inReview, wait: wait(current.caseId, 'compensation-decision'), identity: manager, now: NOW, settings: DEFAULT_GROUP_SETTINGS }, { decision: 'approve', reasons: 'Fair for the inconvenience' });
    if ('status' in decided) throw new Error(decided.message);
    expect(decided.patch.compensation!.decision).toMatchObject({ outcome: 'approved', amount: 300 });
    expect(decided.patch.compensation!.origin).toBe('goodwill');
  });

  it('goes straight out without a proposal, or with a zero one', () => {
    const current = investigated();
    for (const extra of [{}, { compensationProposal: { amount: 0, note: 'Nothing owed' } }]) {
      const planned = planStaffAction({ complaintCase: current, wait: wait(current.caseId, 'resolution'), estate, identity: handler, now: NOW }, staffActionSchema.parse({ ...response, ...extra }));
      if ('status' in planned) throw new Error(planned.message);
      expect(planned.signal).toEqual({ event: 'responded', compensationPending: false });
      expect(planned.patch.compensationClaim).toBeUndefined();
    }
  });
});

describe('a claim added after receipt', () => {
  it('is recorded while the case is investigated, once, and then reviewed with the response', () => {
    const current = investigated();
    expect(allowedActions(current, wait(current.caseId, 'resolution'))).toContain('add-compensation-claim');
    const added = planStaffAction(
      { complaintCase: current, wait: wait(current.caseId, 'resolution'), estate, identity: handler, now: NOW },
      staffActionSchema.parse({ type: 'add-compensation-claim', claim: { amount: 850, currency: 'HKD', reason: 'Taxi fares while the lift was out' } }),
    );
    if ('status' in added) throw new Error(added.message);
    expect(added.auditAction).toBe('compensation.claim-added');
    expect(added.patch).toEqual({ compensationClaim: { amount: 850, currency: 'HKD', reason: 'Taxi fares while the lift was out' }, compensation: { origin: 'claim-after-receipt' } });
    const withClaim = { ...current, ...added.patch } as ComplaintCase;
    expect(allowedActions(withClaim, wait(current.caseId, 'resolution'))).not.toContain('add-compensation-claim');
    const answered = planStaffAction({ complaintCase: withClaim, wait: wait(current.caseId, 'resolution'), estate, identity: handler, now: NOW }, staffActionSchema.parse(response));
    if ('status' in answered) throw new Error(answered.message);
    expect(answered.signal).toEqual({ event: 'responded', compensationPending: true });
    expect(answered.patch.compensation).toMatchObject({ origin: 'claim-after-receipt' });
  });

  it('is refused with a field-level message when the claim is not valid', () => {
    const parsed = staffActionSchema.safeParse({ type: 'add-compensation-claim', claim: { amount: -5, currency: 'USD' } });
    expect(parsed.success).toBe(false);
  });
});
