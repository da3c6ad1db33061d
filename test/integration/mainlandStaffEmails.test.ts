/**
 * Staff emails in the estate's form, end to end (issue 12): at a mainland estate (SZ01, jurisdiction CN) the
 * customer-service lead's urgent-triage alert and the handler's assignment email are in 简体中文 alone (no 繁體, no
 * English), and the department is told of its case in 简体; the languages come from the estate's record in the store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lifecycleDriver } from '../support/lifecycleDriver';
import { startTestPlatform, type TestPlatform } from '../support/localPlatform';

let platform: TestPlatform;
const driver = lifecycleDriver(() => platform);

beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => platform?.stop());

const CS_LEAD_SZ01 = 'cs.sz01@demo-group.example';
const ENGINEERING_SZ01 = 'engineering.sz01@demo-group.example';

describe('staff emails at a mainland estate', () => {
  it('reach the CS lead (urgent triage) and the assignee (assignment) in 简体中文', async () => {
    const created = await driver.file({ estateId: 'SZ01', unit: '1栋 12楼 3室', language: 'zh-Hans', description: 'The sockets in the clubhouse kitchen are wet from a leak.' });
    await driver.waitingFor(created.id, 'triage', 'cslead.sz01');

    const toLead = await driver.untilMail(CS_LEAD_SZ01, (emails) => emails.some((m) => m.subject.includes(created.reference) && m.subject.includes('可能危机')), 'the urgent triage email in 简体');
    const urgent = toLead.filter((m) => m.subject.includes(created.reference) && m.subject.includes('可能危机'));
    expect(urgent).toHaveLength(1);
    expect(urgent[0]!.subject).toBe(`【可能危机・请即分流】投诉 ${created.reference}（深圳湾公馆）`);
    expect(urgent[0]!.body.text).toContain('请立即打开个案亲自分流');
    expect(urgent[0]!.body.text).not.toContain('請即時開啟個案親自分流');
    expect(urgent[0]!.body.text).not.toContain('triage it yourself now');
    expect(urgent[0]!.body.html).toContain('lang="zh-Hans"');

    await driver.actOk(created.id, 'cslead.sz01', { type: 'triage', caseClass: 1, severity: 'general', category: 'service-missing-or-not-working', departmentId: 'engineering' });
    await driver.waitingFor(created.id, 'resolution', 'cslead.sz01');
    const assigned = await driver.act(created.id, 'cslead.sz01', { type: 'assign', assigneeId: 'engineering.sz01' });
    expect(assigned.status, await assigned.clone().text()).toBe(200);

    const toHandler = await driver.untilMail(ENGINEERING_SZ01, (emails) => emails.filter((m) => m.subject.includes(created.reference)).length >= 2, 'the routing and assignment emails');
    const ours = toHandler.filter((m) => m.subject.includes(created.reference));
    // The department's mailbox is told of the routing, the person of the assignment: both in 简体 alone.
    for (const email of ours) {
      expect(email.subject).not.toContain(' / ');
      expect(email.body.html).toContain('lang="zh-Hans"');
      expect(email.body.html).not.toContain('lang="en"');
      expect(email.body.html).not.toContain('lang="zh-Hant"');
      expect(email.body.text).toContain('深圳湾公馆');
    }
    expect(ours.map((m) => m.subject)).toEqual(expect.arrayContaining([`投诉 ${created.reference} 已分派至工程部`, `投诉 ${created.reference} 已分派给您`]));
  }, 180_000);
});
