/** The complainant's decisions (functions/domain/lifecycle/residentChoices.ts): when they are offered, refused or repeated. */
import { describe, expect, it } from 'vitest';
import type { ComplaintCase } from '../../../../functions/domain/complaintCase';
import { compensationOffer, planCompensationAnswer, planWithdrawal } from '../../../../functions/domain/lifecycle/residentChoices';
import type { WorkflowWait } from '../../../../functions/domain/lifecycle/workflowWait';
import { aStoredCase } from '../../../support/caseFixtures';

const now = '2026-05-04T03:00:00.000Z';
const base = (): ComplaintCase => aStoredCase().complaintCase;
const decided = (patch: Partial<ComplaintCase> = {}): ComplaintCase => ({
  ...base(),
  status: 'responded',
  compensationClaim: { amount: 800, currency: 'HKD', reason: 'Wardrobe' },
  compensation: { decision: { outcome: 'amended', amount: 600, reasons: 'Receipt', by: 'manager.est01', role: 'estate-manager', at: now } },
  response: { outcome: 'upheld', decision: 'd', reasons: 'r', outstandingActions: [], rootCause: 'c', accountability: 'a', by: 'h', at: now, sentAt: now },
  ...patch,
});
const wait = (waitingFor: WorkflowWait['waitingFor'], pending = false): WorkflowWait => ({
  caseId: 'c', waitingFor, taskToken: 't', since: now, ...(pending ? { pendingSignal: { waitingFor, signal: { event: 'triaged' } } } : {}),
});

describe('the compensation offered', () => {
  it('is an offer only once the response with a granted amount above 0 was sent; HQ approval overrides the amount', () => {
    expect(compensationOffer(decided())).toEqual({ amount: 600, currency: 'HKD' });
    expect(compensationOffer(decided({ response: { ...decided().response!, sentAt: undefined } }))).toBeUndefined();
    expect(compensationOffer(decided({ compensation: { decision: { ...decided().compensation!.decision!, outcome: 'rejected', amount: 0 } } }))).toBeUndefined();
    const hq = decided({ compensation: { ...decided().compensation, hqApproval: { outcome: 'amended', amount: 500, reasons: 'HQ', by: 'hq', at: now } } });
    expect(compensationOffer(hq)).toEqual({ amount: 500, currency: 'HKD' });
  });

  it('records an answer once; the same answer again records nothing; another answer is refused; a new amount can be answered', () => {
    const planned = planCompensationAnswer(decided(), { answer: 'decline' }, now);
    expect(planned).toMatchObject({ auditAction: 'complainant.compensation-declined', public: { kind: 'compensation-declined' }, patch: { compensation: { residentAnswer: { answer: 'declined', amount: 600, stage: 1 } } } });
    expect('signal' in planned && planned.signal).toBeFalsy();
    const answered = decided({ compensation: { ...decided().compensation, residentAnswer: { answer: 'declined', amount: 600, currency: 'HKD', stage: 1, at: now } } });
    expect(planCompensationAnswer(answered, { answer: 'decline' }, now)).toEqual({ alreadyRecorded: true });
    expect(planCompensationAnswer(answered, { answer: 'accept' }, now)).toMatchObject({ status: 409, code: 'already_answered' });
    const newOffer = { ...answered, stage: 2 as const, compensation: { ...answered.compensation, hqApproval: { outcome: 'amended' as const, amount: 700, reasons: 'Stage 2', by: 'hq', at: now } } };
    expect(planCompensationAnswer(newOffer, { answer: 'accept' }, now)).toMatchObject({ auditAction: 'complainant.compensation-accepted' });
  });
});

describe('withdrawing', () => {
  it("signals a person's step that waits, and only those", () => {
    for (const kind of ['triage', 'resolution', 'compensation-decision', 'compensation-hq-approval'] as const) {
      expect(planWithdrawal({ ...base(), status: 'in-progress' }, wait(kind), { confirm: true, reason: 'Fixed' }, now), kind).toMatchObject({
        auditAction: 'complainant.withdrew', signal: { event: 'withdrawn' }, patch: { withdrawal: { requestedAt: now, stage: 1, reason: 'Fixed' } },
      });
    }
    expect(planWithdrawal({ ...base(), status: 'in-progress' }, undefined, { confirm: true }, now)).toMatchObject({ status: 409, code: 'try_again' });
    expect(planWithdrawal({ ...base(), status: 'in-progress' }, wait('resolution', true), { confirm: true }, now)).toMatchObject({ status: 409, code: 'try_again' });
    expect(planWithdrawal({ ...base(), status: 'needs-attention' }, wait('recovery'), { confirm: true }, now)).toMatchObject({ status: 409, code: 'with_customer_service' });
  });

  it('is refused once we responded or the case closed otherwise; repeated, it records nothing', () => {
    expect(planWithdrawal(decided(), wait('feedback'), { confirm: true }, now)).toMatchObject({ status: 409, code: 'already_responded' });
    expect(planWithdrawal({ ...base(), status: 'closed', closureReason: 'satisfied' }, undefined, { confirm: true }, now)).toMatchObject({ status: 409, code: 'already_closed' });
    expect(planWithdrawal({ ...base(), status: 'closed', closureReason: 'withdrawn' }, undefined, { confirm: true }, now)).toEqual({ alreadyRecorded: true });
    expect(planWithdrawal({ ...base(), status: 'in-progress', withdrawal: { requestedAt: now, stage: 1 } }, wait('resolution', true), { confirm: true }, now)).toEqual({ alreadyRecorded: true });
  });
});
