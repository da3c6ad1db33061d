/**
 * Stage-2 independence (seed 001 §3, ISO 10002 objectivity): nobody who handled stage 1 — assigned to it,
 * answered it or decided its handling — handles stage 2, whether assigned to it or answering it.
 */
import { describe, expect, it } from 'vitest';
import type { StaffIdentity } from '../../../../functions/domain/access/identity';
import { complaintSubmissionSchema } from '../../../../functions/domain/complaint';
import { type ComplaintCase, planMutation } from '../../../../functions/domain/complaintCase';
import { receiveComplaint } from '../../../../functions/domain/intake';
import { openStage2 } from '../../../../functions/domain/lifecycle/followUp';
import { type StaffAction, planStaffAction } from '../../../../functions/domain/lifecycle/staffActions';
import type { WorkflowWait } from '../../../../functions/domain/lifecycle/workflowWait';
import { demoEstates } from '../../../../infra/local/demoGroup';
import { InMemoryCaseStore } from '../../../support/inMemoryCaseStore';

const estate = demoEstates.find((e) => e.estateId === 'EST01')!;
const staff = (userId: string, role: StaffIdentity['role']): StaffIdentity => ({ kind: 'staff', userId, role, estateIds: ['EST01'] });
const CSLEAD = staff('cslead.est01', 'cs-lead');
const MANAGER = staff('manager.est01', 'estate-manager');
const HQ = staff('hq.director', 'hq');
const ENGINEERING = staff('engineering.est01', 'department-handler');
const SECURITY = staff('security.est01', 'department-handler');
const resolution = (caseId: string): WorkflowWait => ({ caseId, waitingFor: 'resolution', taskToken: 't', since: '2026-11-23T02:00:00Z' });
const RESPONSE: StaffAction = { type: 'respond', outcome: 'upheld', decision: 'Fixed.', reasons: 'Checked.', outstandingActions: [], rootCause: 'Wear', accountability: 'Engineering' };

/** A case at stage 1, in progress, then the actions given, each applied as the API would. */
async function handledAtStage1(steps: [StaffIdentity, StaffAction][]) {
  const store = new InMemoryCaseStore(demoEstates);
  const deps = { store, now: () => new Date('2026-11-23T03:00:00Z'), publicBaseUrl: 'https://complaints.example' };
  const outcome = await receiveComplaint(
    { submission: complaintSubmissionSchema.parse({ estateId: 'EST01', unit: 'A 12/F', name: 'Chan', email: 'chan@example.com', language: 'en', description: 'The lift in Block A is broken.' }), requestId: 'r', actor: { type: 'resident' } },
    deps,
  );
  if (outcome.kind !== 'created') throw new Error(outcome.kind);
  const apply = async (current: ComplaintCase, patch: Parameters<typeof planMutation>[1], who: string) =>
    store.applyMutation(planMutation(current, patch, { now: '2026-11-23T03:00:00Z', requestId: 'r', actor: { type: 'staff', id: who, role: 'cs-lead' }, action: 'test' }));
  let current = await apply((await store.getCase(outcome.caseId))!, { status: 'in-progress', caseClass: 1, severity: 'general', departmentId: 'engineering' }, 'cslead.est01');
  for (const [identity, action] of steps) {
    const planned = planStaffAction({ complaintCase: current, wait: resolution(current.caseId), estate, identity, now: '2026-11-23T04:00:00Z' }, action);
    if ('status' in planned) throw new Error(`${action.type}: ${planned.message}`);
    current = await apply(current, planned.patch, identity.userId);
  }
  current = await apply(current, { status: 'responded' }, 'system');
  await openStage2(deps, { caseId: current.caseId, requestId: 'r2', step: 'openStage2' });
  const atStage2 = (await store.getCase(current.caseId))!;
  expect(atStage2.stage).toBe(2);
  const tryAtStage2 = (identity: StaffIdentity, action: StaffAction) => planStaffAction({ complaintCase: atStage2, wait: resolution(atStage2.caseId), estate, identity, now: '2026-11-23T05:00:00Z' }, action);
  return { atStage2, tryAtStage2 };
}

const refused = (result: ReturnType<typeof planStaffAction>) => ('status' in result ? result.code : 'allowed');

describe('stage-2 independence', () => {
  it('refuses everyone assigned at stage 1, not only the last one', async () => {
    const { tryAtStage2 } = await handledAtStage1([
      [CSLEAD, { type: 'assign', assigneeId: 'security.est01' }],
      [CSLEAD, { type: 'assign', assigneeId: 'engineering.est01' }],
      [ENGINEERING, RESPONSE],
    ]);
    expect(refused(tryAtStage2(CSLEAD, { type: 'assign', assigneeId: 'security.est01' }))).toBe('stage_2_handler_conflict');
    expect(refused(tryAtStage2(CSLEAD, { type: 'assign', assigneeId: 'engineering.est01' }))).toBe('stage_2_handler_conflict');
    expect(refused(tryAtStage2(SECURITY, RESPONSE))).toBe('stage_2_handler_conflict');
    expect(refused(tryAtStage2(CSLEAD, { type: 'assign', assigneeId: 'manager.est01' }))).toBe('allowed');
  });

  it('refuses whoever answered stage 1, even when someone else was assigned', async () => {
    const { tryAtStage2 } = await handledAtStage1([
      [CSLEAD, { type: 'assign', assigneeId: 'engineering.est01' }],
      [CSLEAD, RESPONSE],
    ]);
    expect(refused(tryAtStage2(CSLEAD, RESPONSE))).toBe('stage_2_handler_conflict');
    expect(refused(tryAtStage2(MANAGER, { type: 'assign', assigneeId: 'cslead.est01' }))).toBe('stage_2_handler_conflict');
    expect(refused(tryAtStage2(MANAGER, RESPONSE))).toBe('allowed');
  });

  it('refuses the manager who decided stage 1 handling on escalation; HQ may review', async () => {
    const { tryAtStage2 } = await handledAtStage1([
      [MANAGER, { type: 'escalate', note: 'Taking this on', handlingOpinion: 'Replace the lift motor this week.', newDueBy: '2026-12-01T09:00:00Z' }],
      [ENGINEERING, RESPONSE],
    ]);
    expect(refused(tryAtStage2(MANAGER, RESPONSE))).toBe('stage_2_handler_conflict');
    expect(refused(tryAtStage2(CSLEAD, { type: 'assign', assigneeId: 'manager.est01' }))).toBe('stage_2_handler_conflict');
    expect(refused(tryAtStage2(HQ, RESPONSE))).toBe('allowed');
  });

  it('refuses a stage-2 decision (handling opinion and deadline) by anyone who took part in stage 1, on the field', async () => {
    const { tryAtStage2 } = await handledAtStage1([
      [MANAGER, { type: 'escalate', note: 'Taking this on', handlingOpinion: 'Replace the lift motor this week.', newDueBy: '2026-12-01T09:00:00Z' }],
      [ENGINEERING, RESPONSE],
    ]);
    const decision: StaffAction = { type: 'escalate', note: 'Stage 2', handlingOpinion: 'Have the lift surveyed independently.', newDueBy: '2026-12-15T09:00:00Z' };
    const refusal = tryAtStage2(MANAGER, decision);
    expect(refused(refusal)).toBe('stage_2_handler_conflict');
    expect('fields' in refusal && refusal.fields).toMatchObject({ handlingOpinion: expect.stringMatching(/stage 1/) });
    expect(refused(tryAtStage2(HQ, decision))).toBe('allowed');
    // Passing the case up (no decision of their own) stays open to them: a stage-1 participant may still raise the alarm.
    expect(refused(tryAtStage2(ENGINEERING, { type: 'escalate', note: 'The stage-2 handler should know the lift was replaced in 2019.' }))).toBe('allowed');
  });

  it('says on the field why a stage-1 participant may not answer stage 2', async () => {
    const { tryAtStage2 } = await handledAtStage1([[CSLEAD, RESPONSE]]);
    const refusal = tryAtStage2(CSLEAD, RESPONSE);
    expect(refused(refusal)).toBe('stage_2_handler_conflict');
    expect('fields' in refusal && refusal.fields).toMatchObject({ decision: expect.stringMatching(/stage 1/) });
  });

  it('keeps who handled stage 1 on the case, for the audit trail', async () => {
    const { atStage2 } = await handledAtStage1([
      [CSLEAD, { type: 'assign', assigneeId: 'security.est01' }],
      [CSLEAD, { type: 'assign', assigneeId: 'engineering.est01' }],
      [CSLEAD, RESPONSE],
    ]);
    expect(atStage2.stageHandlers?.stage1People?.sort()).toEqual(['cslead.est01', 'engineering.est01', 'security.est01']);
    expect(atStage2.assigneeId).toBeUndefined();
  });
});
