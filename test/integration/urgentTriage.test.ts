/**
 * The safety net end to end on the local platform: a complaint with crisis signals below critical is acknowledged,
 * the customer-service lead (not HQ) is emailed once, in three languages, and the case list marks it as needing
 * urgent triage (the queue puts it first) while its case view carries the signs found.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lifecycleDriver } from '../support/lifecycleDriver';
import { MAILBOXES } from '../support/lifecyclePaths';
import { startTestPlatform, type TestPlatform } from '../support/localPlatform';

let platform: TestPlatform;
const driver = lifecycleDriver(() => platform);

beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => platform?.stop());

describe('possible crisis: needs urgent human triage', () => {
  it('emails the customer-service lead once, not HQ, and flags the case in the list and the case view', async () => {
    const created = await driver.file({ description: 'The sockets in the clubhouse kitchen are wet from a leak.' });
    const view = await driver.waitingFor(created.id, 'triage');
    const proposed = (view as unknown as { proposedTriage: { severity: string; urgentTriage?: { reasons: string[] } } }).proposedTriage;
    expect(proposed.severity).not.toBe('critical');
    expect(proposed.urgentTriage?.reasons.join(' ')).toContain('sockets');

    const toLead = await driver.untilMail(MAILBOXES.customerService, (emails) => emails.some((m) => m.subject.includes(created.reference) && m.subject.includes('POSSIBLE CRISIS')), 'the urgent triage email');
    const urgent = toLead.filter((m) => m.subject.includes(created.reference) && m.subject.includes('POSSIBLE CRISIS'));
    expect(urgent).toHaveLength(1);
    expect(urgent[0]!.body.text).toContain('請即時開啟個案親自分流');
    expect(urgent[0]!.body.text).toContain('请立即打开个案亲自分流');
    expect(urgent[0]!.body.text).toContain('triage it yourself now');
    expect((await driver.mailTo(MAILBOXES.hq)).filter((m) => m.subject.includes(created.reference))).toHaveLength(0);

    const list = await platform.get('/api/v1/cases?estateId=EST01&limit=100', await driver.auth('cslead.est01'));
    expect(list.status).toBe(200);
    const row = ((await list.json()) as { cases: { caseId: string; needsUrgentTriage: boolean }[] }).cases.find((c) => c.caseId === created.id);
    expect(row?.needsUrgentTriage).toBe(true);
  });
});
