/**
 * What the console offers a person on a case (`actionsForYou`, `compensationForYou` of
 * GET /api/v1/cases/{id}): the actions the case's state opens, filtered by the policy module —
 * role, estate, owning department — and never a stage-2 response by the stage-1 handler.
 */
import { describe, expect, it } from 'vitest';
import type { StaffIdentity, StaffRole } from '../../../../functions/domain/access/identity';
import { type ComplaintCase, openCase } from '../../../../functions/domain/complaintCase';
import { complaintSubmissionSchema } from '../../../../functions/domain/complaint';
import { actionsForPerson } from '../../../../functions/domain/lifecycle/actionPermissions';
import type { WorkflowWait } from '../../../../functions/domain/lifecycle/workflowWait';
import * as z from 'zod/mini';

const now = '2026-12-01T02:00:00.000Z';
function aCase(patch: Partial<ComplaintCase> = {}): ComplaintCase {
  const submission = z.parse(complaintSubmissionSchema, { estateId: 'EST01', unit: 'Block A 1/F', name: 'Chan', email: 'chan@example.com', language: 'en', description: 'The lift is broken again this week.' });
  const { complaintCase } = openCase(submission, { caseId: 'C1', reference: 'EST01-2026-000001', trackingTokenHash: 'h', personalDataSalt: 's' }, { now, responseDueBy: '2026-12-10T15:59:59.999Z', requestId: 'r', actor: { type: 'resident' } });
  return { ...complaintCase, status: 'in-progress', ...patch };
}
const waiting = (waitingFor: WorkflowWait['waitingFor']): WorkflowWait => ({ caseId: 'C1', waitingFor, taskToken: 't', since: now });
const person = (role: StaffRole, extra: Partial<StaffIdentity> = {}): StaffIdentity => ({ kind: 'staff', userId: `${role}.user`, role, estateIds: ['EST01'], ...extra });

describe('the actions a person may take now', () => {
  it('gives a handler of the owning department the response, but not triage or closing as invalid', () => {
    const routed = aCase({ departmentId: 'engineering' });
    const { actions } = actionsForPerson(person('department-handler', { departmentId: 'engineering' }), routed, waiting('resolution'));
    expect(actions).toContain('respond');
    expect(actions).not.toContain('mark-invalid');
    expect(actions).not.toContain('assign');
  });

  it('gives a handler of another department only notes and statements on that case', () => {
    const routed = aCase({ departmentId: 'engineering' });
    expect(actionsForPerson(person('department-handler', { departmentId: 'security' }), routed, waiting('resolution')).actions.sort()).toEqual(['note', 'staff-statement']);
  });

  it('offers triage to the CS lead while the case waits for it, and nothing of it to compliance', () => {
    const fresh = aCase({ status: 'acknowledged' });
    expect(actionsForPerson(person('cs-lead'), fresh, waiting('triage')).actions).toEqual(expect.arrayContaining(['triage', 'mark-invalid', 'assign']));
    expect(actionsForPerson(person('compliance', { estateIds: 'all' }), fresh, waiting('triage')).actions).toEqual([]);
  });

  it('never offers the stage-2 response to anyone who took part in stage 1 (assigned, answered or decided), only to others', () => {
    const stage2 = aCase({ stage: 2, departmentId: 'engineering', stageHandlers: { stage1: 'department-handler.user', stage1People: ['department-handler.user', 'cs-lead.user', 'estate-manager.user'] } });
    expect(actionsForPerson(person('cs-lead'), stage2, waiting('resolution')).actions).not.toContain('respond');
    expect(actionsForPerson(person('estate-manager'), stage2, waiting('resolution')).actions).not.toContain('respond');
    expect(actionsForPerson(person('hq', { estateIds: 'all' }), stage2, waiting('resolution')).actions).toContain('respond');
  });

  it('never offers the stage-2 response to the person who handled stage 1', () => {
    const stage2 = aCase({ stage: 2, departmentId: 'engineering', stageHandlers: { stage1: 'cs-lead.user' } });
    expect(actionsForPerson(person('cs-lead'), stage2, waiting('resolution')).actions).not.toContain('respond');
    expect(actionsForPerson(person('cs-lead', { userId: 'someone.else' }), stage2, waiting('resolution')).actions).toContain('respond');
  });

  it('offers the compensation decision to the estate manager, and the approval above the threshold to HQ only', () => {
    const awaiting = aCase({ status: 'awaiting-compensation-decision' });
    expect(actionsForPerson(person('estate-manager'), awaiting, waiting('compensation-decision')).compensation).toBe('decide');
    expect(actionsForPerson(person('cs-lead'), awaiting, waiting('compensation-decision')).compensation).toBeNull();
    expect(actionsForPerson(person('estate-manager'), awaiting, waiting('compensation-hq-approval')).compensation).toBeNull();
    expect(actionsForPerson(person('hq', { estateIds: 'all' }), awaiting, waiting('compensation-hq-approval')).compensation).toBe('approve-above-threshold');
  });

  it('offers nothing but notes while a decision is on its way to the workflow', () => {
    const pending = { ...waiting('resolution'), pendingSignal: { waitingFor: 'resolution' as const, signal: { event: 'responded' } as never } };
    const { actions, compensation } = actionsForPerson(person('cs-lead'), aCase({ departmentId: 'engineering' }), pending);
    expect(actions).not.toContain('respond');
    expect(compensation).toBeNull();
  });
});
