/**
 * The CS lead is asked for the compensation summary (issue 13; functions/domain/lifecycle/compensationSummaryRequest.ts):
 * each enabled CS lead serving the estate by name, in their language, once per stage; the estate's customer-service
 * mailbox when the directory has none; nothing once the summary is in.
 */
import { describe, expect, it } from 'vitest';
import type { StaffMember } from '../../../../functions/domain/admin/staffDirectory';
import type { CaseStore } from '../../../../functions/domain/caseStore';
import type { ComplaintCase } from '../../../../functions/domain/complaintCase';
import { askForCompensationSummary } from '../../../../functions/domain/lifecycle/compensationSummaryRequest';
import type { QueuedEmail } from '../../../../functions/domain/notifications/outbox';
import { demoEstates } from '../../../../infra/local/demoGroup';

const estate = demoEstates.find((e) => e.estateId === 'EST01')!;
const claimCase = {
  caseId: '01J00000000000000000000009', reference: 'EST01-2026-000090', estateId: 'EST01', language: 'en', stage: 1, status: 'awaiting-compensation-decision',
  complainant: { name: 'Chan Tai Man', email: 'chan@example.com' },
  compensationClaim: { amount: 1250.5, currency: 'HKD', reason: 'Damaged wardrobe' },
} as unknown as ComplaintCase;

const member = (userId: string, role: StaffMember['role'], estates: string, extra: Partial<StaffMember> = {}): StaffMember => ({ userId, email: `${userId}@group.example`, name: userId, role, estates, enabled: true, ...extra });

function fakeDeps(c: ComplaintCase, members: StaffMember[]) {
  const queued: QueuedEmail[] = [];
  const store = {
    getCase: async () => c,
    getEstate: async () => estate,
    getNotification: async (_id: string, key: string) => (queued.some((q) => q.notificationKey === key) ? { caseId: c.caseId, notificationKey: key, status: 'queued' } : undefined),
    queueEmail: async (email: QueuedEmail) => void queued.push(email),
  } as unknown as CaseStore;
  return { queued, deps: { store, now: () => new Date('2026-03-10T02:00:00Z'), publicBaseUrl: 'https://example.test', staffDirectory: { list: async () => members } } };
}

describe('asking the CS lead for the compensation summary', () => {
  it('emails each enabled CS lead of the estate in their language, once, linking to the case', async () => {
    const { queued, deps } = fakeDeps(claimCase, [
      member('lead.a', 'cs-lead', 'EST01', { language: 'en' }),
      member('lead.b', 'cs-lead', 'EST02,EST01'),
      member('lead.gone', 'cs-lead', 'EST01', { enabled: false }),
      member('lead.other', 'cs-lead', 'EST02'),
      member('hq.one', 'hq', '*'),
    ]);
    expect(await askForCompensationSummary(deps, claimCase.caseId)).toEqual({ caseId: claimCase.caseId, asked: 2 });
    await askForCompensationSummary(deps, claimCase.caseId);
    expect(queued.map((q) => [q.notificationKey, q.to, q.message.subject])).toEqual([
      ['compensation-summary-requested-s1-lead_a', 'lead.a@group.example', 'Complaint EST01-2026-000090: compensation of HKD 1,250.5 waits for your summary'],
      ['compensation-summary-requested-s1-lead_b', 'lead.b@group.example', '投訴 EST01-2026-000090：HKD 1,250.5 賠償有待您撰寫摘要'],
    ]);
    expect(queued[0]!.message.text).toContain('https://example.test/staff?case=01J00000000000000000000009');
    expect(queued[0]!.message.text).not.toContain('Chan Tai Man');
  });

  it("goes to the estate's customer-service mailbox without a CS lead in the directory, and to nobody once the summary is in", async () => {
    const { queued, deps } = fakeDeps(claimCase, []);
    await askForCompensationSummary(deps, claimCase.caseId);
    expect(queued.map((q) => [q.notificationKey, q.to])).toEqual([['compensation-summary-requested-s1-desk', estate.customerServiceEmail]]);
    const summarised = { ...claimCase, compensation: { summary: { recommendation: 'approve', amount: 1250.5, reasons: 'checked', by: 'lead.a', role: 'cs-lead', at: '2026-03-10T01:00:00Z' } } } as unknown as ComplaintCase;
    const after = fakeDeps(summarised, [member('lead.a', 'cs-lead', 'EST01')]);
    expect(await askForCompensationSummary(after.deps, claimCase.caseId)).toEqual({ caseId: claimCase.caseId, asked: 0 });
    expect(after.queued).toEqual([]);
  });
});
