/**
 * The complaint form asks "is someone in danger right now?": the rules miss crises worded in ways nobody anticipated
 * (docs/TRIAGE.md), so the complainant's own answer makes the proposal critical and alerts HQ at acknowledgement,
 * whatever the words say. A person still confirms at triage.
 */
import { describe, expect, it } from 'vitest';
import { acknowledgeComplaint } from '../../../../functions/domain/acknowledgement';
import { complaintSubmissionSchema } from '../../../../functions/domain/complaint';
import { DEFAULT_GROUP_SETTINGS } from '../../../../functions/domain/groupSettings';
import { receiveComplaint } from '../../../../functions/domain/intake';
import { alertHqIfProposedCritical } from '../../../../functions/domain/lifecycle/routing';
import { proposeTriage } from '../../../../functions/domain/lifecycle/triageRules';
import { demoEstates } from '../../../../infra/local/demoGroup';
import { InMemoryCaseStore } from '../../../support/inMemoryCaseStore';

// Worded mildly, as a frightened or understated resident might: the rules alone do not see a crisis in it.
const MILD = 'My mother has not come back from her walk and her phone is off.';

async function acknowledged(dangerNow: boolean | undefined) {
  const store = new InMemoryCaseStore(demoEstates);
  const deps = { store, now: () => new Date('2026-11-23T02:00:00Z'), publicBaseUrl: 'https://complaints.example' };
  const submission = complaintSubmissionSchema.parse({ estateId: 'EST01', unit: 'Block A, 3/F, Flat 2', name: 'Chan', email: 'chan@example.com', language: 'en', description: MILD, ...(dangerNow === undefined ? {} : { dangerNow }) });
  const outcome = await receiveComplaint({ submission, requestId: 'r', actor: { type: 'resident' } }, deps);
  if (outcome.kind !== 'created') throw new Error(outcome.kind);
  await acknowledgeComplaint(outcome.caseId, 'ack', deps);
  return { store, deps, caseId: outcome.caseId };
}

describe('the complainant says someone is in danger right now', () => {
  it('is proposed critical, with the reason, whatever the words say', () => {
    expect(proposeTriage(MILD).severity).not.toBe('critical');
    const proposal = proposeTriage(MILD, { dangerReported: true });
    expect(proposal.severity).toBe('critical');
    expect(proposal.urgentTriage).toBeUndefined();
    expect(proposal.reasons[0]).toContain('in danger right now');
  });

  it('alerts HQ at acknowledgement; without the answer the same words do not', async () => {
    const reported = await acknowledged(true);
    expect(reported.store.cases.get(reported.caseId)!.dangerReported).toBe(true);
    expect(reported.store.cases.get(reported.caseId)!.proposedTriage!.severity).toBe('critical');
    expect(await alertHqIfProposedCritical(reported.deps, reported.caseId)).toBe(true);
    expect([...reported.store.notifications.values()].filter((n) => n.recipient === DEFAULT_GROUP_SETTINGS.hqEmail)).toHaveLength(1);

    for (const answer of [false, undefined]) {
      const quiet = await acknowledged(answer);
      expect(quiet.store.cases.get(quiet.caseId)!.dangerReported).toBeUndefined();
      expect(await alertHqIfProposedCritical(quiet.deps, quiet.caseId)).toBe(false);
    }
  });

  it('takes only true or false, with a field-level message', () => {
    const result = complaintSubmissionSchema.safeParse({ estateId: 'EST01', unit: 'A 3/F', name: 'Chan', language: 'en', description: MILD, dangerNow: 'yes' });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(['dangerNow']);
    expect(result.error!.issues[0]!.message).toBe('dangerNow must be true or false');
  });
});
