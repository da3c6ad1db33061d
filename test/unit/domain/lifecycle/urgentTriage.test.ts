/**
 * The safety net at acknowledgement: a complaint with crisis signals below critical is a "possible crisis: needs
 * urgent human triage". The customer-service lead (the estate's customer-service address), not HQ, is emailed once
 * through the outbox, in all three languages; the queue row says it needs urgent triage until a person triages it.
 */
import { describe, expect, it } from 'vitest';
import { acknowledgeComplaint } from '../../../../functions/domain/acknowledgement';
import { complaintSubmissionSchema } from '../../../../functions/domain/complaint';
import { planMutation } from '../../../../functions/domain/complaintCase';
import { caseSummary } from '../../../../functions/domain/caseSummary';
import { DEFAULT_GROUP_SETTINGS } from '../../../../functions/domain/groupSettings';
import { receiveComplaint } from '../../../../functions/domain/intake';
import { alertCsLeadIfUrgentTriage, alertHqIfProposedCritical } from '../../../../functions/domain/lifecycle/routing';
import { demoEstates } from '../../../../infra/local/demoGroup';
import { InMemoryCaseStore } from '../../../support/inMemoryCaseStore';

const estate = demoEstates.find((e) => e.estateId === 'EST01')!;

async function acknowledged(description: string) {
  const store = new InMemoryCaseStore(demoEstates);
  const deps = { store, now: () => new Date('2026-11-23T02:00:00Z'), publicBaseUrl: 'https://complaints.example' };
  const outcome = await receiveComplaint(
    { submission: complaintSubmissionSchema.parse({ estateId: 'EST01', unit: 'Block A, 3/F, Flat 2', name: 'Chan', email: 'chan@example.com', language: 'en', description }), requestId: 'r', actor: { type: 'resident' } },
    deps,
  );
  if (outcome.kind !== 'created') throw new Error(outcome.kind);
  await acknowledgeComplaint(outcome.caseId, 'ack', deps);
  return { store, deps, caseId: outcome.caseId };
}

const emailsTo = (store: InMemoryCaseStore, caseId: string, to: string) => [...store.notifications.values()].filter((n) => n.caseId === caseId && n.recipient === to);

describe('possible crisis: urgent human triage', () => {
  it('emails the customer-service lead once (not HQ), in three languages, and puts the case first until triaged', async () => {
    const { store, deps, caseId } = await acknowledged('The sockets in the clubhouse kitchen are wet from a leak.');
    const proposal = store.cases.get(caseId)!.proposedTriage!;
    expect(proposal.severity).not.toBe('critical');
    expect(proposal.urgentTriage?.reasons.join(' ')).toContain('sockets');

    expect(await alertHqIfProposedCritical(deps, caseId)).toBe(false);
    expect(await alertCsLeadIfUrgentTriage(deps, caseId)).toBe(true);
    // A retried step queues nothing more.
    expect(await alertCsLeadIfUrgentTriage(deps, caseId)).toBe(true);
    const toLead = emailsTo(store, caseId, estate.customerServiceEmail).filter((n) => n.notificationKey === 'urgent-triage');
    expect(toLead).toHaveLength(1);
    expect(toLead[0]!.subject).toContain('POSSIBLE CRISIS');
    expect(toLead[0]!.subject).toContain('可能危機');
    const text = toLead[0]!.message!.text;
    expect(text).toContain('請即時開啟個案親自分流'); // zh-Hant
    expect(text).toContain('请立即打开个案亲自分流'); // zh-Hans
    expect(text).toContain('triage it yourself now'); // en
    expect(text).toContain('sockets');
    expect(emailsTo(store, caseId, DEFAULT_GROUP_SETTINGS.hqEmail)).toHaveLength(0);

    const now = '2026-11-23T03:00:00Z';
    expect(caseSummary(store.cases.get(caseId)!, now).needsUrgentTriage).toBe(true);
    const current = store.cases.get(caseId)!;
    await store.applyMutation(
      planMutation(
        current,
        { status: 'in-progress', caseClass: 1, severity: 'serious', category: 'service-missing-or-not-working', departmentId: 'engineering', triage: { valid: true, confirmedBy: 'cslead.est01', confirmedAt: now, corrected: false } },
        { now, requestId: 't', actor: { type: 'staff', id: 'cslead.est01', role: 'cs-lead' }, action: 'case.triaged' },
      ),
    );
    expect(caseSummary(store.cases.get(caseId)!, now).needsUrgentTriage).toBe(false);
    // Once a person has triaged it, a late retry of the step emails nobody.
    expect(await alertCsLeadIfUrgentTriage(deps, caseId)).toBe(false);
  });

  it('a proposed-critical complaint alerts HQ and is not also sent to the safety net', async () => {
    const { store, deps, caseId } = await acknowledged('My neighbour who lives alone has not answered his door for three days and there is a strange smell.');
    expect(store.cases.get(caseId)!.proposedTriage!.severity).toBe('critical');
    expect(await alertHqIfProposedCritical(deps, caseId)).toBe(true);
    expect(await alertCsLeadIfUrgentTriage(deps, caseId)).toBe(false);
    expect(emailsTo(store, caseId, DEFAULT_GROUP_SETTINGS.hqEmail)).toHaveLength(1);
    expect(caseSummary(store.cases.get(caseId)!, '2026-11-23T03:00:00Z').needsUrgentTriage).toBe(true);
  });

  it('a drill stays calm: no alert to anyone, not first in the queue', async () => {
    const { store, deps, caseId } = await acknowledged('The gas leak drill in Block A this morning was not announced and frightened the elderly residents.');
    expect(store.cases.get(caseId)!.proposedTriage!.urgentTriage).toBeUndefined();
    expect(await alertHqIfProposedCritical(deps, caseId)).toBe(false);
    expect(await alertCsLeadIfUrgentTriage(deps, caseId)).toBe(false);
    expect(caseSummary(store.cases.get(caseId)!, '2026-11-23T03:00:00Z').needsUrgentTriage).toBe(false);
  });
});
