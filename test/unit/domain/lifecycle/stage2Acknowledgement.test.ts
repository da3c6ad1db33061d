/**
 * The stage-2 acknowledgement (Housing Ombudsman Code 6.11): due `acknowledgeWithinWorkingDays` of the stage-2 rule
 * after the request, with the estate's holidays; the opening email is the acknowledgement (who handles stage 2, the
 * date, the ombudsman) and the case records it once with its own audit event; the aggregates count it.
 */
import { describe, expect, it } from 'vitest';
import { complaintSubmissionSchema } from '../../../../functions/domain/complaint';
import { type ComplaintCase, planMutation } from '../../../../functions/domain/complaintCase';
import { contributionOf } from '../../../../functions/domain/insight/caseContribution';
import { receiveComplaint } from '../../../../functions/domain/intake';
import { acknowledgementDueBy } from '../../../../functions/domain/lifecycle/deadlineTracking';
import { openStage2 } from '../../../../functions/domain/lifecycle/followUp';
import { demoEstates } from '../../../../infra/local/demoGroup';
import { InMemoryCaseStore } from '../../../support/inMemoryCaseStore';

const LDN01 = demoEstates.find((e) => e.estateId === 'LDN01')!;
const EST01 = demoEstates.find((e) => e.estateId === 'EST01')!;
// Monday 21 December 2026: in England 25 December and 28 December (Boxing Day's substitute) are holidays.
const REQUESTED = '2026-12-21T10:00:00.000Z';

describe('when the stage-2 acknowledgement is due', () => {
  it('Housing Ombudsman preset: 5 working days of the request, over the Christmas holidays', () => {
    expect(acknowledgementDueBy(LDN01, REQUESTED, 2, 'general')).toBe('2026-12-30T23:59:59.999Z');
  });
  it('SPSO preset: 3 working days', () => {
    expect(acknowledgementDueBy({ ...LDN01, deadlinePolicyId: 'spso-model' }, REQUESTED, 2, 'general')).toBe('2026-12-24T23:59:59.999Z');
  });
  it('seed default: 1 working day for a general complaint, the same day for a serious or critical one (Hong Kong time)', () => {
    expect(acknowledgementDueBy(EST01, REQUESTED, 2, 'general')).toBe('2026-12-22T15:59:59.999Z');
    expect(acknowledgementDueBy(EST01, REQUESTED, 2, 'critical')).toBe('2026-12-21T15:59:59.999Z');
  });
});

/** A case answered at stage 1; `email` undefined stands for a complainant logged by staff without an email address. */
async function respondedCase(estateId: string, email: string | undefined) {
  const store = new InMemoryCaseStore(demoEstates);
  const deps = { store, now: () => new Date(REQUESTED), publicBaseUrl: 'https://complaints.example' };
  const outcome = await receiveComplaint(
    {
      submission: complaintSubmissionSchema.parse({ estateId, unit: 'Flat 3', name: 'Sam Jones', email: 'sam@example.com', language: 'en', description: 'The communal heating has failed again.' }),
      requestId: 'r',
      actor: { type: 'resident' },
    },
    deps,
  );
  if (outcome.kind !== 'created') throw new Error(outcome.kind);
  const current = (await store.getCase(outcome.caseId))!;
  const responded: ComplaintCase = await store.applyMutation(
    planMutation(current, { status: 'responded', caseClass: 1, severity: 'general', departmentId: 'engineering', complainant: { ...current.complainant, email } }, { now: REQUESTED, requestId: 'r', actor: { type: 'system', id: 'test' }, action: 'test' }),
  );
  return { store, deps, caseId: responded.caseId };
}

describe('opening stage 2 acknowledges it', () => {
  it('records case.stage2-acknowledged once, after the opening, and the email names who handles it, the date and the ombudsman', async () => {
    const { store, deps, caseId } = await respondedCase('LDN01', 'sam@example.com');
    await openStage2(deps, { caseId, requestId: 'r2', step: 'openStage2' });
    // A retried step changes nothing and queues nothing more.
    await openStage2(deps, { caseId, requestId: 'r3', step: 'openStage2' });
    const atStage2 = (await store.getCase(caseId))!;
    expect(atStage2.stage2Acknowledgement).toEqual({ requestedAt: REQUESTED, acknowledgedAt: REQUESTED, dueBy: '2026-12-30T23:59:59.999Z', late: false });
    const actions = (await store.listEvents(caseId)).map((e) => e.action);
    expect(actions.filter((a) => a === 'case.stage2-acknowledged')).toHaveLength(1);
    expect(actions.indexOf('case.stage2-acknowledged')).toBe(actions.indexOf('case.stage-2-opened') + 1);
    const acknowledged = (await store.listEvents(caseId)).find((e) => e.action === 'case.stage2-acknowledged')!;
    expect(acknowledged.public).toEqual({ kind: 'stage-2-acknowledged' });
    const emails = (await store.listNotifications(caseId)).filter((n) => n.notificationKey === 'stage-2-opened');
    expect(emails).toHaveLength(1);
    const text = emails[0]!.message!.text;
    expect(text).toContain(atStage2.reference);
    expect(text).toMatch(/handled by the estate manager of .*, who did not handle your complaint at stage 1/);
    expect(text).toContain(LDN01.ombudsmanContact!);
  });

  it('without an email address the acknowledgement is a letter still to send: not recorded as given', async () => {
    const { store, deps, caseId } = await respondedCase('LDN01', undefined);
    await openStage2(deps, { caseId, requestId: 'r2', step: 'openStage2' });
    const atStage2 = (await store.getCase(caseId))!;
    expect(atStage2.stage).toBe(2);
    expect(atStage2.stage2Acknowledgement).toBeUndefined();
    expect((await store.listEvents(caseId)).map((e) => e.action)).not.toContain('case.stage2-acknowledged');
  });
});

describe('the aggregates count stage-2 acknowledgements', () => {
  it('count, on time and working days from the request (the estate calendar)', async () => {
    const { store, deps, caseId } = await respondedCase('LDN01', 'sam@example.com');
    await openStage2(deps, { caseId, requestId: 'r2', step: 'openStage2' });
    const atStage2 = (await store.getCase(caseId))!;
    const onTime = contributionOf(atStage2, { estate: LDN01, reportingTimeZone: 'Europe/London' })!.counters;
    expect(onTime).toMatchObject({ 'ack2:count': 1, 'ack2:onTime': 1, 'ack2:days:0': 1 });
    // A staff-logged escalation acknowledged later: 31 December is the 6th working day after the request, late.
    const late = contributionOf({ ...atStage2, stage2Acknowledgement: { requestedAt: REQUESTED, acknowledgedAt: '2026-12-31T12:00:00Z', dueBy: '2026-12-30T23:59:59.999Z', late: true } }, { estate: LDN01, reportingTimeZone: 'Europe/London' })!.counters;
    expect(late).toMatchObject({ 'ack2:count': 1, 'ack2:days:6': 1 });
    expect(late['ack2:onTime']).toBeUndefined();
  });
});
