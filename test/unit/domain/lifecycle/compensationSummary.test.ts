/**
 * The CS lead's summary to the manager before the compensation decision (seed 001 §5.6.2-3): while the
 * workflow waits for it, only the CS lead (or the assistant manager they report to) may write it, with a
 * recommendation and reasons; the manager's decision is refused until it is in.
 */
import { describe, expect, it } from 'vitest';
import type { StaffIdentity, StaffRole } from '../../../../functions/domain/access/identity';
import type { ComplaintCase } from '../../../../functions/domain/complaintCase';
import { DEFAULT_GROUP_SETTINGS } from '../../../../functions/domain/groupSettings';
import { actionsForPerson, allowedActions } from '../../../../functions/domain/lifecycle/actionPermissions';
import { planCompensationDecision } from '../../../../functions/domain/lifecycle/compensationReview';
import { planStaffAction, staffActionSchema } from '../../../../functions/domain/lifecycle/staffActions';
import type { WorkflowWait } from '../../../../functions/domain/lifecycle/workflowWait';
import { demoEstates } from '../../../../infra/local/demoGroup';
import { aStoredCase } from '../../../support/caseFixtures';

const NOW = '2026-03-05T08:00:00.000Z';
const estate = demoEstates.find((e) => e.estateId === 'EST01')!;
const person = (userId: string, role: StaffRole): StaffIdentity => ({ kind: 'staff', userId, role, estateIds: ['EST01'] });
const lead = person('cslead.est01', 'cs-lead');
const manager = person('manager.est01', 'estate-manager');
const wait = (caseId: string, waitingFor: WorkflowWait['waitingFor']): WorkflowWait => ({ caseId, waitingFor, taskToken: 't', since: NOW });

function claimUnderReview(): ComplaintCase {
  const { complaintCase } = aStoredCase();
  return { ...complaintCase, status: 'awaiting-compensation-decision', caseClass: 2, severity: 'serious', departmentId: 'customer-service', compensationClaim: { amount: 800, currency: 'HKD', reason: 'Damaged wardrobe' } };
}
const summary = (body: Record<string, unknown>) => staffActionSchema.parse({ type: 'compensation-summary', ...body });

describe("the CS lead's compensation summary", () => {
  it('is the one step open while the workflow waits for it, to the CS lead and the assistant manager only', () => {
    const current = claimUnderReview();
    expect(allowedActions(current, wait(current.caseId, 'compensation-summary'))).toContain('compensation-summary');
    expect(allowedActions(current, wait(current.caseId, 'compensation-decision'))).not.toContain('compensation-summary');
    expect(actionsForPerson(lead, current, wait(current.caseId, 'compensation-summary')).actions).toContain('compensation-summary');
    expect(actionsForPerson(person('assistant.est01', 'assistant-manager'), current, wait(current.caseId, 'compensation-summary')).actions).toContain('compensation-summary');
    expect(actionsForPerson(manager, current, wait(current.caseId, 'compensation-summary'))).toMatchObject({ compensation: null });
    expect(actionsForPerson(manager, current, wait(current.caseId, 'compensation-summary')).actions).not.toContain('compensation-summary');
  });

  it('records the recommendation, the amount it comes to and the reasons, audited and signalled to the workflow', () => {
    const current = claimUnderReview();
    const planned = planStaffAction({ complaintCase: current, wait: wait(current.caseId, 'compensation-summary'), estate, identity: lead, now: NOW }, summary({ recommendation: 'amend', amount: 600, reasons: 'The receipt shows 600, not 800.' }));
    expect(planned).toMatchObject({
      auditAction: 'compensation.summarised',
      signal: { event: 'compensation-summarised' },
      patch: { compensation: { summary: { recommendation: 'amend', amount: 600, reasons: 'The receipt shows 600, not 800.', by: 'cslead.est01', role: 'cs-lead', at: NOW } } },
    });
    const approve = planStaffAction({ complaintCase: current, wait: wait(current.caseId, 'compensation-summary'), estate, identity: lead, now: NOW }, summary({ recommendation: 'approve', reasons: 'Receipt checked and matches.' }));
    expect(approve).toMatchObject({ patch: { compensation: { summary: { amount: 800 } } } });
  });

  it('refuses bad input on the field: another amount without the amount, no reasons, an unknown recommendation', () => {
    const current = claimUnderReview();
    const refused = planStaffAction({ complaintCase: current, wait: wait(current.caseId, 'compensation-summary'), estate, identity: lead, now: NOW }, summary({ recommendation: 'amend', reasons: 'The receipt shows less.' }));
    expect(refused).toMatchObject({ status: 422, fields: { amount: expect.any(String) } });
    expect(staffActionSchema.safeParse({ type: 'compensation-summary', recommendation: 'approve', reasons: 'short' }).success).toBe(false);
    expect(staffActionSchema.safeParse({ type: 'compensation-summary', recommendation: 'pay', reasons: 'Receipt checked and matches.' }).success).toBe(false);
  });

  it("keeps the manager's decision waiting until the summary is in", () => {
    const current = claimUnderReview();
    const early = planCompensationDecision({ complaintCase: current, wait: wait(current.caseId, 'compensation-summary'), identity: manager, now: NOW, settings: DEFAULT_GROUP_SETTINGS }, { decision: 'approve', reasons: 'Fine by me' });
    expect(early).toMatchObject({ status: 409, code: 'compensation_summary_awaited' });
    const summarised: ComplaintCase = { ...current, compensation: { summary: { recommendation: 'approve', amount: 800, reasons: 'Receipt checked and matches.', by: 'cslead.est01', role: 'cs-lead', at: NOW } } };
    const decided = planCompensationDecision({ complaintCase: summarised, wait: wait(current.caseId, 'compensation-decision'), identity: manager, now: NOW, settings: DEFAULT_GROUP_SETTINGS }, { decision: 'approve', reasons: 'As the CS lead recommends' });
    expect(decided).toMatchObject({ auditAction: 'compensation.decided' });
  });
});
