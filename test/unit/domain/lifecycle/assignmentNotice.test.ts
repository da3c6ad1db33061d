/**
 * The assigned person is told (issue 13): one email per assignment, to the directory's address, in the language
 * of the estate's staff, linking to the case in the console; queued with the assignment in one transaction.
 */
import { describe, expect, it } from 'vitest';
import { complaintSubmissionSchema } from '../../../../functions/domain/complaint';
import { receiveComplaint } from '../../../../functions/domain/intake';
import { applyDecision } from '../../../../functions/domain/lifecycle/applyDecision';
import { assignmentNotice } from '../../../../functions/domain/lifecycle/assignmentNotice';
import { planStaffAction } from '../../../../functions/domain/lifecycle/staffActions';
import { demoEstates } from '../../../../infra/local/demoGroup';
import { InMemoryCaseStore } from '../../../support/inMemoryCaseStore';

async function receivedCase(estateId: string) {
  const store = new InMemoryCaseStore(demoEstates);
  const outcome = await receiveComplaint(
    { submission: complaintSubmissionSchema.parse({ estateId, unit: 'Flat 3', name: 'Chan', email: 'chan@example.com', language: 'en', description: 'The lift in Block A has been broken for three days.' }), requestId: 'r', actor: { type: 'resident' } },
    { store, now: () => new Date('2026-11-23T02:00:00Z'), publicBaseUrl: 'https://complaints.example' },
  );
  if (outcome.kind !== 'created') throw new Error(outcome.kind);
  return { store, complaintCase: (await store.getCase(outcome.caseId))!, estate: demoEstates.find((e) => e.estateId === estateId)! };
}

const security = { userId: 'security.sz01', email: 'security.sz01@demo-group.example', enabled: true };
const noticeInput = { assignedBy: { userId: 'cslead.sz01', name: 'Customer-service lead, SZ01' }, eventSeq: 7, now: '2026-11-23T03:00:00.000Z', publicBaseUrl: 'https://complaints.example/' };

describe('the assigned person is told', () => {
  it('in the language of the estate\'s staff (mainland: 简体), with the deadline and the console link, keyed by the assignment', async () => {
    const { complaintCase, estate } = await receivedCase('SZ01');
    const email = assignmentNotice({ ...noticeInput, next: complaintCase, estate, assignee: security })!;
    expect(email.to).toBe('security.sz01@demo-group.example');
    expect(email.notificationKey).toBe('assigned-7');
    expect(email.language).toBe('zh-Hans');
    expect(email.message.subject).toBe(`投诉 ${complaintCase.reference} 已分派给您`);
    expect(email.message.text).toContain(`https://complaints.example/staff?case=${complaintCase.caseId}`);
    expect(email.message.text).toContain('Customer-service lead, SZ01');
    expect(email.message.text).toContain('2026年11月30日'); // 5 working days from Monday 23 November
    expect(email.message.text).not.toContain('chan@example.com');
  });

  it('in English for an English estate, Traditional Chinese for a Hong Kong one', async () => {
    const ldn = await receivedCase('LDN01');
    expect(assignmentNotice({ ...noticeInput, next: ldn.complaintCase, estate: ldn.estate, assignee: security })!.message.subject).toBe(`Complaint ${ldn.complaintCase.reference} is assigned to you`);
    const hk = await receivedCase('EST01');
    expect(assignmentNotice({ ...noticeInput, next: hk.complaintCase, estate: hk.estate, assignee: security })!.message.subject).toBe(`投訴 ${hk.complaintCase.reference} 已分派給您`);
  });

  it("in the assignee's own language where the directory records one, whatever the estate's (issue 12)", async () => {
    const hk = await receivedCase('EST01');
    const email = assignmentNotice({ ...noticeInput, next: hk.complaintCase, estate: hk.estate, assignee: { ...security, language: 'zh-Hans' } })!;
    expect(email.language).toBe('zh-Hans');
    expect(email.message.subject).toBe(`投诉 ${hk.complaintCase.reference} 已分派给您`);
    expect(email.message.text).toContain(hk.estate.names['zh-Hans']);
    const sz = await receivedCase('SZ01');
    expect(assignmentNotice({ ...noticeInput, next: sz.complaintCase, estate: sz.estate, assignee: { ...security, language: 'en' } })!.message.subject).toBe(`Complaint ${sz.complaintCase.reference} is assigned to you`);
  });

  it('nobody to tell: unknown to the directory, disabled, or assigning to oneself', async () => {
    const { complaintCase, estate } = await receivedCase('EST01');
    expect(assignmentNotice({ ...noticeInput, next: complaintCase, estate, assignee: undefined })).toBeUndefined();
    expect(assignmentNotice({ ...noticeInput, next: complaintCase, estate, assignee: { ...security, enabled: false } })).toBeUndefined();
    expect(assignmentNotice({ ...noticeInput, next: complaintCase, estate, assignee: { ...security, userId: 'cslead.sz01' } })).toBeUndefined();
  });

  it('is queued with the assignment, once per assignment: a reassignment is told again, to the new person', async () => {
    const { store, complaintCase, estate } = await receivedCase('EST01');
    const identity = { userId: 'cslead.est01', role: 'cs-lead', estates: ['EST01'], departmentId: 'customer-service' } as never;
    const assign = async (assigneeId: string) => {
      const current = (await store.getCase(complaintCase.caseId))!;
      const planned = planStaffAction({ complaintCase: current, wait: undefined, estate, identity, now: noticeInput.now }, { type: 'assign', assigneeId });
      if ('status' in planned) throw new Error(planned.message);
      return applyDecision({ store }, {
        complaintCase: current, wait: undefined, planned, actor: { type: 'staff', id: 'cslead.est01', role: 'cs-lead' }, requestId: 'r', now: noticeInput.now,
        email: (next, eventSeq) => assignmentNotice({ ...noticeInput, next, estate, eventSeq, assignee: { userId: assigneeId, email: `${assigneeId}@demo-group.example`, enabled: true } }),
      });
    };
    const first = await assign('security.est01');
    await assign('engineering.est01');
    const notifications = (await store.listNotifications(complaintCase.caseId)).filter((n) => n.notificationKey.startsWith('assigned-'));
    expect(notifications.map((n) => n.recipient)).toEqual(['security.est01@demo-group.example', 'engineering.est01@demo-group.example']);
    expect(notifications[0]!.notificationKey).toBe(`assigned-${first.next.version}`);
  });
});
