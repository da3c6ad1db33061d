/**
 * Issue 3, the lifecycle matrix left overdue: class 1/2/3 × with/without a
 * compensation claim, each left unanswered until the deadline passes and the
 * case escalates to the estate manager (manager emailed, written interim
 * response to the complainant), then answered; the complainant is satisfied
 * or dissatisfied, alternately. A dissatisfied complainant gets a stage-2
 * review from the estate manager and stays dissatisfied: the case closes as
 * finally dissatisfied. All paths run at once on one platform through the
 * real ASL with DynamoDB Local and the SES emulator; each `it` asserts its
 * path's final status, the emails each recipient received, and the audit trail.
 *
 * On simulated time (test/support/simulatedTime.ts): each path is an actor,
 * and the clock moves only when every path waits for time to pass, straight
 * to the next timer. A path waiting for its escalation lets the deadline
 * pass; once escalated it answers at once, before the next deadline, so each
 * case escalates exactly once, however loaded the machine is.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailboxEmail } from '../../infra/local/mailbox';
import { type CaseView, lifecycleDriver } from '../support/lifecycleDriver';
import {
  amountText,
  claimFor,
  compensationDecisionFor,
  complaintFor,
  decisionText,
  departmentMailbox,
  describePath,
  grantedAmount,
  MAILBOXES,
  matrixHelpers,
  outcomeOf,
  type PathSpec,
  responseFor,
  STAFF,
  stage1Responder,
  started,
  subjectsFor,
  triageFor,
} from '../support/lifecyclePaths';
import { startTestPlatform, type TestPlatform } from '../support/localPlatform';
import { asActor } from '../support/simulatedTime';

let platform: TestPlatform;
const driver = lifecycleDriver(() => platform);
const { waitFor, actWhen, rateFollowUp, received, mailArrives, finishedExecution, emailsSent } = matrixHelpers(() => platform, driver);

/** Class × claim, satisfied and dissatisfied alternately (so each class, and each claim state, sees both). */
function overduePaths(): PathSpec[] {
  const paths: PathSpec[] = [];
  let i = 0;
  for (const caseClass of [1, 2, 3] as const) {
    for (const withClaim of [false, true]) {
      const spec = { caseClass, valid: true, satisfied: i % 2 === 0, ...(withClaim ? { claim: claimFor(caseClass) } : {}) };
      // Variants 4 and 5: descriptions of their own, distinct from the on-time matrix.
      paths.push({ ...spec, name: `overdue, ${describePath(spec)}`, variant: 4 + (withClaim ? 1 : 0) });
      i += 1;
    }
  }
  return paths;
}
const PATHS = overduePaths();

interface Driven {
  created: { id: string; reference: string; email: string };
  proposedClass: number;
  /** The case as it stood once escalated and waiting again for the handler. */
  escalated: CaseView;
  /** What the estate manager and the complainant had received by then. */
  toManagerAtEscalation: MailboxEmail[];
  toComplainantAtEscalation: MailboxEmail[];
  final: CaseView;
}

async function drive(path: PathSpec): Promise<Driven> {
  const created = await driver.file(complaintFor(path));
  const triage = (await waitFor(created.id, (c) => c.waitingFor === 'triage', 'waiting for triage')) as CaseView & { proposedTriage?: { caseClass: number } };
  await actWhen(created.id, 'triage', STAFF.csLead, triageFor(path));
  // Nobody answers: the deadline passes and the case goes to the estate manager.
  const escalated = await waitFor(created.id, (c) => (c.escalationLevel ?? 0) >= 1, 'escalated');
  // The escalation step writes the case and the interim response, then emails the manager: wait for both emails.
  const toManagerAtEscalation = await mailArrives(MAILBOXES.manager, created.reference, (m) => m.subject.includes('escalated to the estate manager'), 'the escalation email');
  const toComplainantAtEscalation = await mailArrives(created.email, created.reference, (m) => m.subject.includes('an update on timing'), 'the interim response');

  await actWhen(created.id, 'resolution', stage1Responder(path), responseFor(path, 1));
  if (path.claim) await actWhen(created.id, 'compensation-summary', STAFF.csLead, { type: 'compensation-summary', recommendation: 'approve', reasons: 'Claim checked against the evidence on file.' });
  if (path.claim) await actWhen(created.id, 'compensation-decision', STAFF.manager, compensationDecisionFor(path.claim), 'compensation');
  await rateFollowUp(created, 1, path.satisfied ? 4 : 1, path.satisfied ? 5 : 1);
  if (!path.satisfied) {
    await waitFor(created.id, (c) => c.stage === 2 && c.waitingFor === 'resolution', 'stage 2 open');
    await actWhen(created.id, 'resolution', STAFF.manager, { type: 'assign', assigneeId: STAFF.manager });
    await actWhen(created.id, 'resolution', STAFF.manager, responseFor(path, 2));
    await rateFollowUp(created, 2, 1, 2);
  }
  await waitFor(created.id, (c) => c.status === 'closed', 'closed');
  // Steps queue their emails; the outbox sends each a moment later.
  await emailsSent(created.id);
  const final = await waitFor(created.id, (c) => c.status === 'closed', 'closed');
  return { created, proposedClass: triage.proposedTriage?.caseClass ?? 0, escalated, toManagerAtEscalation, toComplainantAtEscalation, final };
}

const runs = new Map<string, ReturnType<typeof started<Driven>>>();

beforeAll(async () => {
  process.env.GROUP_SETTINGS = JSON.stringify({ followUpAfterDays: 1, feedbackWindowDays: 5 });
  platform = await startTestPlatform({ timeScale: 'simulated' });
  for (const path of PATHS) runs.set(path.name, started(asActor(platform.clock, () => drive(path))));
});
afterAll(async () => platform?.stop());

describe('lifecycle matrix, left overdue', () => {
  it('covers class 1/2/3 × claim, satisfied and dissatisfied alternately', () => {
    expect(PATHS).toHaveLength(6);
    expect(PATHS.filter((p) => p.satisfied)).toHaveLength(3);
    for (const caseClass of [1, 2, 3]) expect(new Set(PATHS.filter((p) => p.caseClass === caseClass).map((p) => p.satisfied)).size).toBe(2);
    expect(new Set(PATHS.map((p) => String(complaintFor(p).description))).size).toBe(6);
  });

  it.each(PATHS.map((p) => [p.name, p] as const))('%s', async (_name, path) => {
    const { created, proposedClass, escalated, toManagerAtEscalation, toComplainantAtEscalation, final } = await outcomeOf(runs.get(path.name));
    const ref = created.reference;
    const s = subjectsFor(ref);
    expect(proposedClass).toBe(path.caseClass);

    // Escalated before anyone answered: the estate manager was told, the complainant got a written interim response.
    expect(escalated.escalationLevel).toBeGreaterThanOrEqual(1);
    expect(escalated.status).toBe('in-progress');
    expect(escalated.timeline.map((e) => e.action)).toContain('case.escalated:overdue');
    const managerNotice = toManagerAtEscalation.find((m) => m.subject.includes(`Complaint ${ref} escalated to the estate manager`));
    expect(managerNotice, 'escalation email to the estate manager').toBeDefined();
    expect(managerNotice!.body.text).toContain('The case is overdue.');
    const interim = toComplainantAtEscalation.filter((m) => m.subject === s.interim);
    expect(interim.length).toBeGreaterThanOrEqual(1);
    expect(interim[0]!.body.text).toContain('We have not been able to complete our investigation by the date we gave you.');
    expect(interim[0]!.body.text).toContain('passed to the estate manager');
    expect(toComplainantAtEscalation.some((m) => m.subject === s.response)).toBe(false);

    // Where it ended.
    expect(final.status).toBe('closed');
    expect(final.closureReason).toBe(path.satisfied ? 'satisfied' : 'final-dissatisfied');
    expect(final.stage).toBe(path.satisfied ? 1 : 2);
    expect(final.escalationLevel).toBeGreaterThanOrEqual(1);
    expect(await finishedExecution(created.id)).toBe('SUCCEEDED');

    const trail = await driver.assertAuditTrail(created.id);
    // Every email of the case is recorded as sent in its chain, once (by the outbox, a moment after the step that queued it).
    const sentEmails = trail.filter((a) => a.startsWith('email.sent:')).map((a) => a.slice('email.sent:'.length));
    expect(sentEmails.sort()).toEqual((await platform.caseStore.listNotifications(created.id)).map((n) => n.notificationKey).sort());
    const actions = trail.filter((a) => !a.startsWith('email.sent:'));
    const count = (name: string) => actions.filter((a) => a === name).length;
    const overdue = count('case.escalated:overdue');
    // One missed deadline, one escalation: time only moved while the path waited for it.
    expect(overdue).toBe(1);
    expect(escalated.escalationLevel).toBe(1);

    // The complainant: one interim response per overdue escalation, and otherwise exactly the path's emails.
    const toComplainant = await driver.mailTo(created.email);
    const expectedSubjects = [
      s.acknowledgement,
      ...Array.from({ length: overdue }, () => s.interim),
      s.response,
      s.followUp,
      ...(path.satisfied ? [] : [s.stage2Opened, s.finalResponse, s.followUp]),
      s.closed,
    ];
    expect(toComplainant.map((m) => m.subject).sort()).toEqual([...expectedSubjects].sort());
    expect(toComplainant[0]!.subject).toBe(s.acknowledgement);
    expect(toComplainant.at(-1)!.subject).toBe(s.closed);
    const closedEmail = toComplainant.at(-1)!.body.text!;
    expect(closedEmail).toContain(path.satisfied ? 'you are satisfied' : 'we have not been able to resolve your complaint');
    const response = toComplainant.find((m) => m.subject === s.response)!;
    expect(response.body.text).toContain(decisionText(path, 1));
    if (path.claim) expect(response.body.text).toContain(amountText(grantedAmount(path.claim)));
    if (!path.satisfied) expect(toComplainant.find((m) => m.subject === s.finalResponse)!.body.text).toContain(decisionText(path, 2));

    // Staff: one escalation email per overdue escalation (the estate manager first, then HQ), the compensation request, the stage-2 notice.
    const toManager = await received(MAILBOXES.manager, ref);
    const toHq = await received(MAILBOXES.hq, ref);
    const escalationEmails = [...toManager, ...toHq].filter((m) => m.body.text?.includes('The case is overdue.'));
    expect(escalationEmails).toHaveLength(overdue);
    expect(toManager.filter((m) => m.body.text?.includes('The case is overdue.')).length).toBeGreaterThanOrEqual(1);
    const stage2Notices = [...toManager, ...toHq].filter((m) => m.body.text?.includes('The complainant asked for a stage 2 review.'));
    expect(stage2Notices).toHaveLength(path.satisfied ? 0 : 1);
    const compensationRequests = toManager.filter((m) => m.subject.includes(`Compensation claim awaiting decision ${ref}`));
    expect(compensationRequests).toHaveLength(path.claim ? 1 : 0);
    // Before the miss, the manager was warned once that the case was at risk (docs/DEADLINES.md, "What is sent when").
    const atRisk = toManager.filter((m) => m.subject === `投訴 ${ref} 有逾期風險`);
    expect(atRisk).toHaveLength(1);
    expect(toManager.length + toHq.length).toBe(overdue + stage2Notices.length + compensationRequests.length + atRisk.length);

    // Routing by class, as on time; the handler (the routed department, nobody being assigned) was warned at 50% and 75%, once each.
    const toDepartment = await received(departmentMailbox(path), ref);
    const warnings = toDepartment.filter((m) => m.subject.startsWith(`投訴 ${ref}：回覆時限已過`));
    expect(warnings.map((m) => m.subject).sort()).toEqual([`投訴 ${ref}：回覆時限已過 50%`, `投訴 ${ref}：回覆時限已過 75%`]);
    // On a claim the CS lead (whose address is the customer-service mailbox) is asked for the summary (issue 13).
    const summaryRequest = path.claim ? [expect.stringMatching(new RegExp(`^投訴 ${ref}：.+賠償有待您撰寫摘要$`))] : [];
    expect(toDepartment.filter((m) => !warnings.includes(m)).map((m) => m.subject)).toEqual(
      path.caseClass === 1 ? [expect.stringContaining(`Complaint ${ref} assigned to`)] : [expect.stringContaining(`Complaint ${ref} assigned to`), ...summaryRequest],
    );
    if (path.caseClass === 1) expect((await received(MAILBOXES.customerService, ref)).map((m) => m.subject)).toEqual(summaryRequest);
    expect((await received(MAILBOXES.developer, ref)).length).toBe(path.caseClass === 2 ? 1 : 0);
    expect((await received(MAILBOXES.externalParty, ref)).length).toBe(path.caseClass === 3 ? 1 : 0);

    // The audit trail verifies, and records the path's key steps in order.
    const routed = path.caseClass === 1 ? 'case.routed:department' : path.caseClass === 2 ? 'case.routed:developer' : 'case.routed:duty-log';
    const closing = path.satisfied ? 'case.closed:satisfied' : 'case.closed:final-dissatisfied';
    expect(actions).toEqual(
      expect.arrayContaining([
        'complaint.received', 'complaint.acknowledged', 'case.triaged', routed, 'case.escalated:overdue', 'case.response-decided',
        'complainant.notified:response', 'complainant.notified:follow-up', 'complainant.rated', closing,
        ...(path.claim ? ['compensation.summarised', 'compensation.decided'] : []),
        ...(path.satisfied ? [] : ['case.stage-2-opened', 'case.assigned']),
      ]),
    );
    expect(actions.some((a) => a.startsWith('workflow.step-failed'))).toBe(false);
    expect(actions.at(-1)).toBe(closing);
    const stages = path.satisfied ? 1 : 2;
    expect(count('case.response-decided')).toBe(stages);
    expect(count('complainant.notified:response')).toBe(stages);
    expect(count('complainant.rated')).toBe(stages);
    expect(count('compensation.decided')).toBe(path.claim ? 1 : 0);
    expect(actions.indexOf('case.escalated:overdue')).toBeLessThan(actions.indexOf('case.response-decided'));
    if (!path.satisfied) {
      const responders = final.timeline.filter((e) => e.action === 'case.response-decided').map((e) => e.actor.id);
      expect(responders).toEqual([stage1Responder(path), STAFF.manager]);
    }
  }, 240_000);
});
