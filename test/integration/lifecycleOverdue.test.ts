/**
 * A complaint nobody answers: the deadline passes, the case escalates to the
 * estate manager and then HQ with interim responses to the complainant; the
 * handler finally responds, the complainant is dissatisfied, stage 2 opens
 * with a different handler, and the unanswered follow-up closes the case.
 * On simulated time: the deadlines pass when the test waits for them, not on the wall clock.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailboxEmail } from '../../infra/local/mailbox';
import { publicCaseView } from '../../functions/domain/publicView';
import { DynamoAggregateStore } from '../../functions/store/aggregateStore';
import { lifecycleDriver } from '../support/lifecycleDriver';
import { startTestPlatform, type TestPlatform } from '../support/localPlatform';
import { asActor } from '../support/simulatedTime';

let platform: TestPlatform;
const driver = lifecycleDriver(() => platform);

beforeAll(async () => {
  process.env.GROUP_SETTINGS = JSON.stringify({ followUpAfterDays: 1, feedbackWindowDays: 4 });
  platform = await startTestPlatform({ timeScale: 'simulated' });
});
afterAll(async () => platform?.stop());

describe('an overdue complaint', () => {
  it('overdue: escalates to the estate manager then HQ with interim responses; dissatisfied → stage 2 with another handler; no answer → closed', () => asActor(platform.clock, async () => {
    const { act, actOk, file, untilMail, rateFromEmail, assertAuditTrail, until, waitingFor } = driver;
    const created = await file({ description: 'The security guard at the gate was rude to my mother when she asked for help.' });
    await waitingFor(created.id, 'triage');
    await actOk(created.id, 'cslead.est01', { type: 'triage', caseClass: 1, severity: 'general', category: 'staff-attitude', departmentId: 'security' });
    await actOk(created.id, 'cslead.est01', { type: 'assign', assigneeId: 'security.est01' });
    // The assigned person is told, in their estate's staff language, with a link to the case in the console.
    const assigned = (emails: MailboxEmail[]) => emails.filter((m) => m.subject === `投訴 ${created.reference} 已分派給您`);
    const [assignment] = assigned(await untilMail('security.est01@demo-group.example', (emails) => assigned(emails).length > 0, 'the assignment email'));
    expect(assignment!.body.text).toContain(`/staff?case=${created.id}`);
    // Nobody responds: the deadline passes twice.
    const atHq = await until(created.id, (c) => (c.escalationLevel ?? 0) >= 2, 'escalated to HQ');
    expect([null, 'resolution']).toContain(atHq.waitingFor);
    const about = (emails: MailboxEmail[]) => emails.some((m) => m.subject.includes(created.reference));
    expect(about(await untilMail('manager.est01@demo-group.example', about, 'escalation to the estate manager'))).toBe(true);
    // EST01 has an assistant manager (customer) in the directory: the estate-level escalation goes through them too (issue 13).
    const escalated = (emails: MailboxEmail[]) => emails.filter((m) => m.subject.includes(created.reference) && /escalated|升級|升级/.test(m.subject));
    const viaAssistant = escalated(await untilMail('assistant.est01@demo-group.example', (emails) => escalated(emails).length > 0, 'the escalation through the assistant manager'));
    expect(viaAssistant).toHaveLength(1);
    expect(viaAssistant[0]!.subject).toBe(escalated(await untilMail('manager.est01@demo-group.example', (emails) => escalated(emails).length > 0, 'the escalation to the manager'))[0]!.subject);
    expect(about(await untilMail('hq.cs@demo-group.example', about, 'escalation to HQ'))).toBe(true);
    const interimOf = (emails: MailboxEmail[]) => emails.filter((m) => m.body.text!.includes('estate manager') || m.body.text!.includes('headquarters'));
    expect(interimOf(await untilMail(created.email, (emails) => interimOf(emails).length >= 2, 'two interim responses')).length).toBeGreaterThanOrEqual(2);

    await waitingFor(created.id, 'resolution', 'security.est01');
    await actOk(created.id, 'security.est01', { type: 'staff-statement', staffMember: 'guard.07', statement: 'I was handling a delivery and answered briefly.' });
    await actOk(created.id, 'security.est01', { type: 'respond', outcome: 'not-upheld', decision: 'We found the guard was busy but not rude.', reasons: 'CCTV review.', rootCause: 'Misunderstanding', accountability: 'None' });
    await rateFromEmail(created.email, 1, 2);
    const stage2 = await until(created.id, (c) => c.stage === 2 && c.waitingFor === 'resolution', 'stage 2 open');
    expect(stage2.status).toBe('in-progress');

    // The stage-1 handler may not handle stage 2. (Settle first: the stage-2 emails leave the outbox, and record it, a moment after the step.)
    await platform.settle();
    // The stage-2 acknowledgement (Housing Ombudsman Code 6.11): exactly one email, naming who handles stage 2 (not the
    // stage-1 handler) and the final-response date; the case records it with its own audit event and public entry.
    const stage2Emails = (emails: MailboxEmail[]) => emails.filter((m) => m.subject.includes(created.reference) && /stage 2|第二階段|第二阶段/.test(m.subject));
    const acknowledgements = stage2Emails(await untilMail(created.email, (emails) => stage2Emails(emails).length > 0, 'the stage-2 acknowledgement'));
    expect(acknowledgements).toHaveLength(1);
    expect(acknowledgements[0]!.body.text).toMatch(/head-office complaints team|總部投訴處理團隊|总部投诉处理团队|estate manager|管理處經理|管理处经理/);
    const stored = (await platform.caseStore.getCase(created.id))!;
    expect(stored.stage2Acknowledgement).toMatchObject({ requestedAt: stored.deadline!.startedAt, late: false });
    expect(stored.stage2Acknowledgement!.dueBy! > stored.stage2Acknowledgement!.acknowledgedAt).toBe(true);
    const trailAtStage2 = await assertAuditTrail(created.id);
    expect(trailAtStage2.filter((a) => a === 'case.stage2-acknowledged')).toHaveLength(1);
    expect(trailAtStage2.indexOf('case.stage2-acknowledged')).toBeGreaterThan(trailAtStage2.indexOf('case.stage-2-opened'));
    const events = await platform.caseStore.listEvents(created.id);
    const view = publicCaseView(stored, events, await platform.caseStore.getEstate(stored.estateId), 'en');
    expect(JSON.stringify(view)).toContain('We have acknowledged your stage 2 request');
    // The aggregates count it: the stream consumer's contribution of the case has one stage-2 acknowledgement, on time, the same working day.
    await platform.tableStreams.drained();
    const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: platform.dynamoDbEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }));
    const contribution = (await new DynamoAggregateStore(doc, platform.tableName).getContribution(created.id))?.contribution;
    doc.destroy();
    expect(contribution?.counters).toMatchObject({ 'ack2:count': 1, 'ack2:onTime': 1, 'ack2:days:0': 1 });
    const sameHandler = await act(created.id, 'cslead.est01', { type: 'assign', assigneeId: 'security.est01' });
    expect(sameHandler.status).toBe(409);
    expect(((await sameHandler.json()) as { error: { code: string } }).error.code).toBe('stage_2_handler_conflict');
    await actOk(created.id, 'manager.est01', { type: 'assign', assigneeId: 'manager.est01' });
    await actOk(created.id, 'manager.est01', { type: 'respond', outcome: 'partly-upheld', decision: 'We apologise; guards will be retrained on courtesy.', reasons: 'Review of the stage-1 findings.', rootCause: 'Training gap', accountability: 'Security supervisor' });
    // No answer to the follow-up within the window.
    const closed = await until(created.id, (c) => c.status === 'closed', 'closed');
    expect(closed.closureReason).toBe('no-response');
    expect(await assertAuditTrail(created.id)).toEqual(expect.arrayContaining(['case.escalated:overdue', 'case.staff-statement', 'case.stage-2-opened', 'case.closed:no-response']));
  }), 180_000);

});
