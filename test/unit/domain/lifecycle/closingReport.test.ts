/**
 * The supervisor's written report at closing (seed 003): built from the case record (cause, handling,
 * satisfaction) with the lessons-learned questions answered by the person closing the file; once per case,
 * only once it is closed, and only by the roles the policy names.
 */
import { describe, expect, it } from 'vitest';
import type { StaffIdentity } from '../../../../functions/domain/access/identity';
import type { ComplaintCase } from '../../../../functions/domain/complaintCase';
import { actionsForPerson } from '../../../../functions/domain/lifecycle/actionPermissions';
import { planStaffAction, staffActionSchema } from '../../../../functions/domain/lifecycle/staffActions';
import { demoEstates } from '../../../../infra/local/demoGroup';
import { aStoredCase } from '../../../support/caseFixtures';

const NOW = '2026-03-20T08:00:00.000Z';
const csLead: StaffIdentity = { kind: 'staff', userId: 'cslead.est01', role: 'cs-lead', estateIds: ['EST01'], departmentId: 'customer-service' };
const frontline: StaffIdentity = { kind: 'staff', userId: 'frontline.est01', role: 'frontline-staff', estateIds: ['EST01'], departmentId: 'front-desk' };
const estate = demoEstates.find((e) => e.estateId === 'EST01')!;

function closedCase(overrides: Partial<ComplaintCase> = {}): ComplaintCase {
  const { complaintCase } = aStoredCase();
  return {
    ...complaintCase,
    status: 'closed',
    closureReason: 'satisfied',
    closedAt: '2026-03-19T08:00:00.000Z',
    caseClass: 1,
    category: 'service-missing-or-not-working',
    escalationLevel: 1,
    response: {
      outcome: 'upheld',
      decision: 'The lift motor was replaced.',
      reasons: 'It had failed.',
      remedy: 'Inspection next month.',
      outstandingActions: [{ action: 'Check the motor', dueBy: '2026-04-20T08:00:00.000Z' }],
      rootCause: 'Maintenance missed at the last inspection',
      accountability: 'Engineering department',
      by: 'engineering.est01',
      at: '2026-03-10T08:00:00.000Z',
      sentAt: '2026-03-10T08:00:05.000Z',
    },
    satisfaction: { outcomeRating: 4, processRating: 3, answeredAt: '2026-03-12T08:00:00.000Z', stage: 1, via: 'phone', recordedBy: 'frontline.est01' },
    compensation: { decision: { outcome: 'amended', amount: 500, reasons: 'Receipts', by: 'manager.est01', role: 'estate-manager', at: '2026-03-09T08:00:00.000Z' } },
    ...overrides,
  };
}

const plan = (complaintCase: ComplaintCase, input: Record<string, unknown>, identity = csLead) =>
  planStaffAction({ complaintCase, wait: undefined, estate, identity, now: NOW }, staffActionSchema.parse({ type: 'closing-report', ...input }));

describe("the supervisor's closing report", () => {
  it('is built from the case record, with the lessons answered, in fields analysis can count', () => {
    const planned = plan(closedCase(), { recurrence: 'systemic', procedureDefect: 'yes', ruleNotFollowed: 'no', improvement: 'Add the lift motor to the monthly checklist.' });
    if ('status' in planned) throw new Error(planned.message);
    expect(planned.auditAction).toBe('case.closing-report');
    expect(planned.signal).toBeUndefined();
    expect(planned.patch.closingReport).toEqual({
      stage: 1,
      closureReason: 'satisfied',
      cause: { caseClass: 1, category: 'service-missing-or-not-working', rootCause: 'Maintenance missed at the last inspection', accountability: 'Engineering department' },
      handling: { outcome: 'upheld', decision: 'The lift motor was replaced.', remedy: 'Inspection next month.', outstandingActions: 1, escalationLevel: 1, answeredOnTime: true, compensationGranted: 500 },
      satisfaction: { outcomeRating: 4, processRating: 3, noResponse: false, byPhone: true },
      lessons: { recurrence: 'systemic', procedureDefect: true, ruleNotFollowed: false, improvement: 'Add the lift motor to the monthly checklist.' },
      by: 'cslead.est01',
      role: 'cs-lead',
      at: NOW,
    });
  });

  it('asks what should change when the cause is systemic or a procedure or rule failed', () => {
    expect(plan(closedCase(), { recurrence: 'one-off', procedureDefect: 'no', ruleNotFollowed: 'yes' })).toMatchObject({ status: 422, fields: { improvement: expect.any(String) } });
    const oneOff = plan(closedCase(), { recurrence: 'one-off', procedureDefect: 'no', ruleNotFollowed: 'no' });
    expect('status' in oneOff).toBe(false);
  });

  it('records an answer that came late as late, and no rating as no response', () => {
    const planned = plan(closedCase({ responseDueBy: '2026-03-09T00:00:00.000Z', satisfaction: { noResponse: true, stage: 1 }, closureReason: 'no-response' }), { recurrence: 'one-off', procedureDefect: 'no', ruleNotFollowed: 'no' });
    if ('status' in planned) throw new Error(planned.message);
    expect(planned.patch.closingReport!.handling.answeredOnTime).toBe(false);
    expect(planned.patch.closingReport!.satisfaction).toEqual({ noResponse: true, byPhone: false });
    expect(planned.patch.closingReport!.closureReason).toBe('no-response');
  });

  it('is written once, after closing, by a CS lead, manager or HQ', () => {
    const open = closedCase({ status: 'responded', closureReason: undefined });
    expect(() => plan(open, { recurrence: 'one-off', procedureDefect: 'no', ruleNotFollowed: 'no' })).not.toThrow();
    expect(plan(open, { recurrence: 'one-off', procedureDefect: 'no', ruleNotFollowed: 'no' })).toMatchObject({ status: 409, code: 'action_not_allowed' });
    const written = plan(closedCase(), { recurrence: 'one-off', procedureDefect: 'no', ruleNotFollowed: 'no' });
    if ('status' in written) throw new Error(written.message);
    const reported = closedCase({ closingReport: written.patch.closingReport! });
    expect(actionsForPerson(csLead, reported, undefined).actions).not.toContain('closing-report');
    expect(actionsForPerson(csLead, closedCase(), undefined).actions).toContain('closing-report');
    expect(actionsForPerson(frontline, closedCase(), undefined).actions).not.toContain('closing-report');
  });
});
