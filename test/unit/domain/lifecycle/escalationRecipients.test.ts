/**
 * Estate-level escalations go through the assistant manager (customer) where the estate has one (issue 13; seed 001
 * §3.2, §5.6.3; functions/domain/lifecycle/escalationRecipients.ts): queued to them first, then to the estate manager;
 * an estate without one, the manager alone; HQ's level unchanged. Each once.
 */
import { describe, expect, it } from 'vitest';
import type { StaffMember } from '../../../../functions/domain/admin/staffDirectory';
import type { CaseStore } from '../../../../functions/domain/caseStore';
import { notifyEscalation } from '../../../../functions/domain/lifecycle/escalationRecipients';
import type { QueuedEmail } from '../../../../functions/domain/notifications/outbox';

const estate = { estateId: 'EST01', managerEmail: 'manager.est01@group.example' };
const message = { subject: 'Complaint EST01-2026-000001 has been escalated to the estate manager', text: 't', html: '<p>t</p>' };
const member = (userId: string, role: StaffMember['role'], estates: string, enabled = true): StaffMember => ({ userId, email: `${userId}@group.example`, name: userId, role, estates, enabled });

function deps(members: StaffMember[] | undefined) {
  const queued: QueuedEmail[] = [];
  const store = {
    getNotification: async (_id: string, key: string) => (queued.some((q) => q.notificationKey === key) ? { notificationKey: key, status: 'queued' } : undefined),
    queueEmail: async (email: QueuedEmail) => void queued.push(email),
  } as unknown as CaseStore;
  return { queued, deps: { store, now: () => new Date('2026-03-10T02:00:00Z'), publicBaseUrl: 'https://example.test', ...(members ? { staffDirectory: { list: async () => members } } : {}) } };
}

describe('estate-level escalations and the assistant manager (customer)', () => {
  it('where the estate has one: queued to the assistant manager first, then the estate manager, once each', async () => {
    const { queued, deps: d } = deps([member('assistant.est01', 'assistant-manager', 'EST01'), member('assistant.est02', 'assistant-manager', 'EST02'), member('assistant.old', 'assistant-manager', 'EST01', false), member('hq.director', 'hq', '*')]);
    const input = { caseId: 'C1', estate, level: 1 as const, hqEmail: 'hq@group.example', key: 'escalation-1', message };
    expect(await notifyEscalation(d, input)).toEqual(['assistant.est01@group.example', 'manager.est01@group.example']);
    await notifyEscalation(d, input);
    expect(queued.map((q) => [q.notificationKey, q.to])).toEqual([
      ['escalation-1-via-assistant_est01', 'assistant.est01@group.example'],
      ['escalation-1', 'manager.est01@group.example'],
    ]);
  });

  it('where it has none (or no directory is given): the estate manager alone, with the key it always had', async () => {
    for (const members of [[member('assistant.est02', 'assistant-manager', 'EST02'), member('cslead.est01', 'cs-lead', 'EST01')], undefined]) {
      const { queued, deps: d } = deps(members);
      await notifyEscalation(d, { caseId: 'C1', estate, level: 1, hqEmail: 'hq@group.example', key: 'escalation-by-staff-7', message });
      expect(queued.map((q) => [q.notificationKey, q.to])).toEqual([['escalation-by-staff-7', 'manager.est01@group.example']]);
    }
  });

  it('HQ level (a critical case missed, a second miss) goes to HQ only, whatever the estate', async () => {
    const { queued, deps: d } = deps([member('assistant.est01', 'assistant-manager', 'EST01')]);
    await notifyEscalation(d, { caseId: 'C1', estate, level: 2, hqEmail: 'hq@group.example', key: 'escalation-2', message });
    expect(queued.map((q) => [q.notificationKey, q.to])).toEqual([['escalation-2', 'hq@group.example']]);
  });
});
