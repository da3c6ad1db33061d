/**
 * `extensionApprovedBy` is enforced: under a policy that reserves extensions to the estate manager (seed default),
 * a handler's extension is a request that moves nothing until the manager approves (the complainant is then told the
 * new date and the reason) or refuses it; where the policy lets the handler decide (Housing Ombudsman stage 1), it applies at once.
 */
import { describe, expect, it } from 'vitest';
import type { StaffIdentity } from '../../../../functions/domain/access/identity';
import { complaintSubmissionSchema } from '../../../../functions/domain/complaint';
import { type ComplaintCase, planMutation } from '../../../../functions/domain/complaintCase';
import { receiveComplaint } from '../../../../functions/domain/intake';
import { newDeadlineState } from '../../../../functions/domain/lifecycle/deadlineTracking';
import { type PlannedAction, type StaffAction, planStaffAction } from '../../../../functions/domain/lifecycle/staffActions';
import { demoEstates } from '../../../../infra/local/demoGroup';
import { InMemoryCaseStore } from '../../../support/inMemoryCaseStore';

const staff = (userId: string, role: StaffIdentity['role'], estateId: string): StaffIdentity => ({ kind: 'staff', userId, role, estateIds: [estateId] });

async function inProgress(estateId: string): Promise<ComplaintCase> {
  const store = new InMemoryCaseStore(demoEstates);
  const outcome = await receiveComplaint(
    { submission: complaintSubmissionSchema.parse({ estateId, unit: 'Flat 3', name: 'Chan', email: 'chan@example.com', language: 'en', description: 'The intercom of my flat does not work.' }), requestId: 'r', actor: { type: 'resident' } },
    { store, now: () => new Date('2026-11-23T02:00:00Z'), publicBaseUrl: 'https://complaints.example' },
  );
  if (outcome.kind !== 'created') throw new Error(outcome.kind);
  const estate = demoEstates.find((e) => e.estateId === estateId)!;
  const current = (await store.getCase(outcome.caseId))!;
  return store.applyMutation(planMutation(current, { status: 'in-progress', caseClass: 1, severity: 'general', departmentId: 'engineering', deadline: newDeadlineState(estate, 1, current.receivedAt) }, { now: '2026-11-23T03:00:00Z', requestId: 'r', actor: { type: 'system', id: 't' }, action: 'test' }));
}

function act(current: ComplaintCase, identity: StaffIdentity, action: StaffAction) {
  const estate = demoEstates.find((e) => e.estateId === current.estateId)!;
  return planStaffAction({ complaintCase: current, wait: { caseId: current.caseId, waitingFor: 'resolution', taskToken: 't', since: '2026-11-23T03:00:00Z' }, estate, identity, now: '2026-11-24T03:00:00Z' }, action);
}
const applied = (current: ComplaintCase, planned: ReturnType<typeof planStaffAction>): ComplaintCase => {
  if ('status' in planned) throw new Error(planned.message);
  return { ...current, ...(planned as PlannedAction).patch };
};

describe('extensions approved by the role the policy names', () => {
  it('seed default: a handler requests; nothing moves; the estate manager approves and the complainant is told', async () => {
    const start = await inProgress('EST01');
    const handler = staff('engineering.est01', 'department-handler', 'EST01');
    const manager = staff('manager.est01', 'estate-manager', 'EST01');
    const requested = act(start, handler, { type: 'extend-deadline', workingDays: 3, reason: 'The part arrives next week' });
    expect(requested).toMatchObject({ auditAction: 'case.extension-requested' });
    expect((requested as PlannedAction).signal).toBeUndefined();
    const afterRequest = applied(start, requested);
    expect(afterRequest.deadline!.extensions).toEqual([]);
    expect(afterRequest.deadline!.extensionRequest).toMatchObject({ workingDays: 3, by: 'engineering.est01', approverRole: 'estate-manager' });
    expect((afterRequest as Partial<ComplaintCase>).responseDueBy).toBe(start.responseDueBy);

    // The handler cannot approve their own request.
    expect(act(afterRequest, handler, { type: 'extend-deadline', workingDays: 3, reason: 'ok', decision: 'approve' })).toMatchObject({ status: 403, code: 'extension_approver_only' });

    const approved = act(afterRequest, manager, { type: 'extend-deadline', workingDays: 3, reason: 'The part arrives next week', decision: 'approve' });
    expect(approved).toMatchObject({ auditAction: 'case.deadline-extended', signal: { event: 'interim-response', reason: 'The part arrives next week', kind: 'extension' } });
    const afterApproval = applied(afterRequest, approved);
    expect(afterApproval.deadline!.extensions).toEqual([expect.objectContaining({ workingDays: 3, by: 'engineering.est01', approvedBy: 'manager.est01' })]);
    expect(afterApproval.deadline!.extensionRequest).toBeUndefined();
    expect(Date.parse(afterApproval.responseDueBy)).toBeGreaterThan(Date.parse(start.responseDueBy));
  });

  it('seed default: the estate manager may refuse, with the reason recorded; nothing moves', async () => {
    const start = await inProgress('EST01');
    const afterRequest = applied(start, act(start, staff('engineering.est01', 'department-handler', 'EST01'), { type: 'extend-deadline', workingDays: 5, reason: 'Busy' }));
    const refused = act(afterRequest, staff('manager.est01', 'estate-manager', 'EST01'), { type: 'extend-deadline', workingDays: 5, reason: 'Not a reason to keep the resident waiting', decision: 'refuse' });
    expect(refused).toMatchObject({ auditAction: 'case.extension-refused', recordedText: { reason: 'Not a reason to keep the resident waiting', requestedBy: 'engineering.est01' } });
    expect((refused as PlannedAction).signal).toBeUndefined();
    expect(applied(afterRequest, refused).deadline!.extensionRequest).toBeUndefined();
  });

  it('Housing Ombudsman stage 1: the handler decides; the extension applies at once', async () => {
    const start = await inProgress('LDN01');
    const planned = act(start, staff('engineering.ldn01', 'department-handler', 'LDN01'), { type: 'extend-deadline', workingDays: 5, reason: 'Contractor access next week' });
    expect(planned).toMatchObject({ auditAction: 'case.deadline-extended', signal: { kind: 'extension' } });
  });
});
