/**
 * The transactional email outbox without a database: its timing and ordering
 * rules (pure), and sending, retrying, in-doubt handling and settling against
 * the in-memory store and outbox, with a clock the test moves.
 */
import { describe, expect, it } from 'vitest';
import { ACKNOWLEDGEMENT, acknowledgeComplaint } from '../../../functions/domain/acknowledgement';
import { verifyCaseChain } from '../../../functions/domain/auditTrail';
import { complaintSubmissionSchema } from '../../../functions/domain/complaint';
import { receiveComplaint } from '../../../functions/domain/intake';
import { allowedActions, planStaffAction, staffActionSchema } from '../../../functions/domain/lifecycle/staffActions';
import { notifyOnce } from '../../../functions/domain/lifecycle/notifyOnce';
import { deliverQueuedEmail, type DeliveryDependencies, sweepOutbox } from '../../../functions/domain/notifications/emailDelivery';
import {
  afterRefusal,
  attemptTag,
  DEFAULT_OUTBOX_POLICY,
  EmailRefusedError,
  isDue,
  isInDoubt,
  nextInLine,
  type NotificationRecord,
  type OutboxPolicy,
  type OutgoingEmail,
  outboxPolicy,
  retryDelaySeconds,
  settleEmails,
  waitingBehind,
} from '../../../functions/domain/notifications/outbox';
import { trackingTokenMatches } from '../../../functions/domain/trackingToken';
import { demoEstates } from '../../../infra/local/demoGroup';
import { InMemoryCaseStore } from '../../support/inMemoryCaseStore';
import { InMemoryEmailOutbox } from '../../support/inMemoryEmailOutbox';

const policy: OutboxPolicy = { retryBaseSeconds: 30, retryMaxSeconds: 1800, maxAttempts: 4, inDoubtAfterSeconds: 300, pickUpAfterSeconds: 120 };
const at = (seconds: number) => new Date(Date.parse('2026-11-23T02:00:00Z') + seconds * 1000).toISOString();

describe('outbox timing (pure)', () => {
  it('backs off exponentially up to the ceiling, with jitter between half and all of it', () => {
    expect([1, 2, 3, 4].map((n) => retryDelaySeconds(n, DEFAULT_OUTBOX_POLICY, () => 1))).toEqual([30, 60, 120, 240]);
    expect(retryDelaySeconds(1, DEFAULT_OUTBOX_POLICY, () => 0)).toBe(15);
    expect(retryDelaySeconds(12, DEFAULT_OUTBOX_POLICY, () => 1)).toBe(1800);
    expect(retryDelaySeconds(12, DEFAULT_OUTBOX_POLICY, () => 0)).toBe(900);
  });

  it('retries a refused email later and gives it to a person after maxAttempts refusals', () => {
    expect(afterRefusal({ attempts: 0 }, at(0), policy, () => 1)).toEqual({ kind: 'retry', attempts: 1, nextAttemptAt: at(30) });
    expect(afterRefusal({ attempts: 2 }, at(0), policy, () => 1)).toEqual({ kind: 'retry', attempts: 3, nextAttemptAt: at(120) });
    expect(afterRefusal({ attempts: 3 }, at(0), policy, () => 1)).toEqual({ kind: 'give-up', attempts: 4 });
  });

  it('knows when a queued email is due and when one being sent is in doubt', () => {
    expect(isDue({ status: 'queued' }, at(0))).toBe(true);
    expect(isDue({ status: 'queued', nextAttemptAt: at(10) }, at(0))).toBe(false);
    expect(isDue({ status: 'queued', nextAttemptAt: at(10) }, at(10))).toBe(true);
    expect(isDue({ status: 'sending' }, at(0))).toBe(false);
    expect(isInDoubt({ status: 'sending', sendingSince: at(0) }, at(299), policy)).toBe(false);
    expect(isInDoubt({ status: 'sending', sendingSince: at(0) }, at(300), policy)).toBe(true);
    expect(isInDoubt({ status: 'claimed' }, at(0), policy)).toBe(true);
    expect(isInDoubt({ status: 'sent', sendingSince: at(0) }, at(900), policy)).toBe(false);
  });

  it('reads overrides from EMAIL_OUTBOX and refuses nonsense', () => {
    expect(outboxPolicy(undefined)).toEqual(DEFAULT_OUTBOX_POLICY);
    expect(outboxPolicy('{"retryBaseSeconds":0.5,"maxAttempts":3}')).toEqual({ ...DEFAULT_OUTBOX_POLICY, retryBaseSeconds: 0.5, maxAttempts: 3 });
    expect(() => outboxPolicy('{"inDoubtAfterSeconds":-1}')).toThrow(/inDoubtAfterSeconds/);
  });

  it('sends emails to one recipient in the order they were queued; other recipients and emails with a person do not wait', () => {
    const email = (key: string, queuedAt: string, recipient: string, status: NotificationRecord['status'] = 'queued', extra: Partial<NotificationRecord> = {}): NotificationRecord =>
      ({ caseId: 'c', notificationKey: key, status, queuedAt, recipient, ...extra });
    const first = email('acknowledgement', at(0), 'Wang@Example.com');
    const second = email('response-stage1', at(5), 'wang@example.com');
    const toStaff = email('routed-engineering-stage1', at(3), 'engineering@example.com');
    expect(waitingBehind(second, [first, second, toStaff])).toEqual(first);
    expect(waitingBehind(first, [first, second, toStaff])).toBeUndefined();
    expect(waitingBehind(toStaff, [first, second, toStaff])).toBeUndefined();
    expect(waitingBehind(second, [{ ...first, status: 'sent' }, second])).toBeUndefined();
    expect(waitingBehind(second, [{ ...first, status: 'sending', attention: { reason: 'in-doubt', at: at(300) } }, second])).toBeUndefined();
    expect(waitingBehind(second, [{ ...first, status: 'sending' }, second])).toEqual({ ...first, status: 'sending' });
    expect(nextInLine({ ...first, status: 'sent' }, [{ ...first, status: 'sent' }, second, toStaff], at(10))).toEqual(second);
    expect(nextInLine({ ...first, status: 'sent' }, [{ ...first, status: 'sent' }, { ...second, nextAttemptAt: at(60) }], at(10))).toBeUndefined();
  });
});

/** A case with its acknowledgement queued, an outbox, and a mail service the test scripts. */
async function queuedAcknowledgement() {
  const store = new InMemoryCaseStore(demoEstates);
  const outbox = new InMemoryEmailOutbox(store);
  let clock = Date.parse(at(0));
  const now = () => new Date(clock);
  const outcome = await receiveComplaint(
    {
      submission: complaintSubmissionSchema.parse({ estateId: 'EST01', unit: 'Block A 12/F', name: 'Chan Tai Man', email: 'chan@example.com', language: 'en', description: 'The lift in Block A has been broken for three days.' }),
      requestId: 'r1',
      actor: { type: 'resident' },
    },
    { store, now, publicBaseUrl: 'https://complaints.example' },
  );
  if (outcome.kind !== 'created') throw new Error(outcome.kind);
  const caseId = outcome.caseId;
  await acknowledgeComplaint(caseId, 'exec-1', { store, now, publicBaseUrl: 'https://complaints.example' });
  const sent: OutgoingEmail[] = [];
  const script: ('refuse' | 'no-answer' | 'accept')[] = [];
  let calls = 0;
  const email = {
    async send(message: OutgoingEmail) {
      calls += 1;
      await new Promise((resolve) => setTimeout(resolve, 1));
      const next = script.shift() ?? 'accept';
      if (next === 'refuse') throw new EmailRefusedError('SES refused the message (503): ServiceUnavailable');
      if (next === 'no-answer') throw Object.assign(new Error('socket hang up'), { name: 'TimeoutError' });
      sent.push(message);
      return `msg-${sent.length}`;
    },
  };
  const deps: DeliveryDependencies = { store, outbox, email, now, publicBaseUrl: 'https://complaints.example', policy, random: () => 1 };
  return {
    store,
    outbox,
    deps,
    caseId,
    sent,
    script,
    calls: () => calls,
    advance: (seconds: number) => (clock += seconds * 1000),
    deliver: (key = ACKNOWLEDGEMENT) => deliverQueuedEmail(deps, { caseId, notificationKey: key }, 'stream-request'),
    record: async (key = ACKNOWLEDGEMENT) => (await store.getNotification(caseId, key))!,
    actions: () => store.events.get(caseId)!.map((e) => e.action),
  };
}

describe('sending queued email', () => {
  it('sends once, and records it sent with an email.sent event that carries the timeline entry', async () => {
    const t = await queuedAcknowledgement();
    expect(await t.deliver()).toEqual({ outcome: 'sent' });
    expect(await t.deliver()).toEqual({ outcome: 'not-queued' });
    expect(t.sent).toHaveLength(1);
    expect(t.sent[0]).toMatchObject({ to: 'chan@example.com', notificationKey: ACKNOWLEDGEMENT, caseId: t.caseId, subject: expect.stringContaining('We have received your complaint') });
    const token = /token=([\w-]+)/.exec(t.sent[0]!.text)![1]!;
    expect(trackingTokenMatches(token, t.store.cases.get(t.caseId)!.trackingTokenHashes)).toBe(true);
    const record = await t.record();
    expect(record).toMatchObject({ status: 'sent', messageId: 'msg-1', sentAt: at(0), recipient: 'chan@example.com' });
    // The bodies (with the private link) are not kept once sent.
    expect(record.message).toBeUndefined();
    const events = t.store.events.get(t.caseId)!;
    expect(events.map((e) => e.action)).toEqual(['complaint.received', 'complaint.acknowledged', 'email.sent:acknowledgement']);
    expect(events[2]).toMatchObject({ actor: { type: 'system', id: 'sendQueuedEmails' }, public: { kind: 'acknowledged' }, changes: [] });
    expect(verifyCaseChain(events, t.store.cases.get(t.caseId)!.personalDataSalt)).toBeUndefined();
  });

  it('sends once when the same record is delivered twice at the same moment', async () => {
    const t = await queuedAcknowledgement();
    const outcomes = (await Promise.all([t.deliver(), t.deliver(), t.deliver()])).map((o) => o.outcome).sort();
    expect(outcomes).toEqual(['not-queued', 'not-queued', 'sent']);
    expect(t.calls()).toBe(1);
  });

  it('puts a refused email back in the queue with a backoff, ignores it until due, and sends it once when the sweep wakes it', async () => {
    const t = await queuedAcknowledgement();
    t.script.push('refuse');
    expect(await t.deliver()).toEqual({ outcome: 'retry-later', errorName: 'EmailRefusedError' });
    expect(await t.record()).toMatchObject({ status: 'queued', attempts: 1, nextAttemptAt: at(30), lastError: 'SES refused the message (503): ServiceUnavailable' });
    // The requeue is itself a stream record: it must not be sent straight away (no hot loop).
    expect(await t.deliver()).toEqual({ outcome: 'not-due' });
    expect(await sweepOutbox(t.deps, 'sweep-1')).toEqual({ woken: 0, inDoubt: 0, resolved: 0 });
    t.advance(30);
    expect(await sweepOutbox(t.deps, 'sweep-2')).toEqual({ woken: 1, inDoubt: 0, resolved: 0 });
    expect(t.outbox.woken).toEqual([ACKNOWLEDGEMENT]);
    expect(await t.deliver()).toEqual({ outcome: 'sent' });
    expect(t.sent).toHaveLength(1);
    expect(t.calls()).toBe(2);
    expect(t.actions().filter((a) => a.startsWith('email.'))).toEqual(['email.sent:acknowledgement']);
  });

  it('after maxAttempts refusals flags the case for a person and alerts the estate desk; the alert failing raises no alert of its own', async () => {
    const t = await queuedAcknowledgement();
    for (let attempt = 1; attempt < policy.maxAttempts; attempt += 1) {
      t.script.push('refuse');
      expect((await t.deliver()).outcome).toBe('retry-later');
      t.advance(3600);
    }
    t.script.push('refuse');
    expect(await t.deliver()).toEqual({ outcome: 'failed', errorName: 'EmailRefusedError' });
    expect(await t.record()).toMatchObject({ status: 'failed', attempts: policy.maxAttempts, attention: { reason: 'refused' } });
    const flagged = t.store.cases.get(t.caseId)!;
    expect(flagged.emailAttention).toEqual({ since: expect.any(String), emails: [{ notificationKey: ACKNOWLEDGEMENT, reason: 'refused', at: expect.any(String) }] });
    expect(t.actions().at(-1)).toBe('email.needs-attention:acknowledgement:refused');
    const alerts = (await t.store.listNotifications(t.caseId)).filter((n) => n.notificationKey.startsWith('email-attention-'));
    expect(alerts).toEqual([expect.objectContaining({ status: 'queued', recipient: 'cs.est01@demo-group.example', subject: expect.stringContaining(flagged.reference) })]);
    expect(alerts[0]!.message!.text).toContain('refused by the mail service 4 times');
    expect(allowedActions(flagged, undefined)).toContain('settle-emails');

    // The alert is refused too, every time: it is flagged, without an alert about the alert.
    for (let attempt = 1; attempt <= policy.maxAttempts; attempt += 1) {
      t.script.push('refuse');
      await t.deliver(alerts[0]!.notificationKey);
      t.advance(3600);
    }
    expect((await t.record(alerts[0]!.notificationKey)).status).toBe('failed');
    expect((await t.store.listNotifications(t.caseId)).filter((n) => n.notificationKey.startsWith('email-attention-'))).toHaveLength(1);
    expect(t.store.cases.get(t.caseId)!.emailAttention!.emails.map((e) => e.notificationKey)).toEqual([ACKNOWLEDGEMENT, alerts[0]!.notificationKey]);

    // A person checks the address and has them sent again: queued from scratch, and sent once.
    await settleEmails(t.store, t.store.cases.get(t.caseId)!, 'were-not-sent', { by: 'cslead.est01', at: t.deps.now().toISOString() });
    expect(await t.record()).toMatchObject({ status: 'queued', attempts: 0 });
    expect(await t.deliver()).toEqual({ outcome: 'sent' });
    expect(t.sent.map((m) => m.notificationKey)).toEqual([ACKNOWLEDGEMENT]);
  });

  it('leaves an email that got no answer in doubt, never resends it, and hands it to a person after inDoubtAfterSeconds', async () => {
    const t = await queuedAcknowledgement();
    t.script.push('no-answer');
    expect(await t.deliver()).toEqual({ outcome: 'in-doubt', errorName: 'TimeoutError' });
    expect(await t.record()).toMatchObject({ status: 'sending', sendingSince: at(0) });
    expect(await t.deliver()).toEqual({ outcome: 'not-queued' });
    t.advance(299);
    expect(await sweepOutbox(t.deps, 'sweep-1')).toEqual({ woken: 0, inDoubt: 0, resolved: 0 });
    t.advance(1);
    expect(await sweepOutbox(t.deps, 'sweep-2')).toEqual({ woken: 0, inDoubt: 1, resolved: 0 });
    expect(await sweepOutbox(t.deps, 'sweep-3')).toEqual({ woken: 0, inDoubt: 0, resolved: 0 });
    expect(t.calls()).toBe(1);
    const flagged = t.store.cases.get(t.caseId)!;
    expect(flagged.emailAttention!.emails).toEqual([{ notificationKey: ACKNOWLEDGEMENT, reason: 'in-doubt', at: at(300) }]);
    expect(t.actions()).toContain('email.needs-attention:acknowledgement:in-doubt');
    expect((await t.store.listNotifications(t.caseId)).some((n) => n.notificationKey.startsWith('email-attention-'))).toBe(true);

    // The person finds it arrived: recorded as sent, confirmed by them, and the flag goes with the action.
    const estate = demoEstates.find((e) => e.estateId === 'EST01')!;
    const identity = { kind: 'staff' as const, userId: 'cslead.est01', role: 'cs-lead' as const, estateIds: ['EST01'] };
    const planned = planStaffAction({ complaintCase: flagged, wait: undefined, estate, identity, now: at(400) }, { type: 'settle-emails', inDoubtEmails: 'were-sent' });
    expect(planned).toMatchObject({ patch: { emailAttention: undefined }, auditAction: 'emails.settled', settleInDoubtEmails: 'were-sent' });
    expect(await settleEmails(t.store, flagged, 'were-sent', { by: 'cslead.est01', at: at(400) })).toBe(1);
    expect(await t.record()).toMatchObject({ status: 'sent', confirmedBy: 'cslead.est01' });
    expect(t.calls()).toBe(1);
  });

  it('sends again an email a person found was not sent', async () => {
    const t = await queuedAcknowledgement();
    t.script.push('no-answer');
    await t.deliver();
    t.advance(300);
    await sweepOutbox(t.deps, 'sweep');
    // Settling from a stale view does nothing: only the state the person saw is settled.
    expect(await t.store.settleNotification({ ...(await t.record()), sendingSince: at(-1) }, 'were-not-sent', { by: 'x', at: at(301), pickUpAt: at(421) })).toBe(false);
    expect(await settleEmails(t.store, t.store.cases.get(t.caseId)!, 'were-not-sent', { by: 'cslead.est01', at: at(310) })).toBe(1);
    expect(await t.deliver()).toEqual({ outcome: 'sent' });
    expect(t.sent).toHaveLength(1);
    expect(t.calls()).toBe(2);
  });

  it('sends a later email to the same recipient only after the earlier one, and wakes it once that is out', async () => {
    const t = await queuedAcknowledgement();
    t.advance(1);
    await notifyOnce({ store: t.store, now: t.deps.now, publicBaseUrl: 'https://complaints.example' }, t.caseId, 'second', 'chan@example.com', { subject: 'Second', text: 'second', html: '<p>second</p>' });
    await notifyOnce({ store: t.store, now: t.deps.now, publicBaseUrl: 'https://complaints.example' }, t.caseId, 'to-staff', 'engineering.est01@demo-group.example', { subject: 'Staff', text: 'staff', html: '<p>staff</p>' });
    t.script.push('refuse');
    expect((await t.deliver()).outcome).toBe('retry-later');
    expect(await t.deliver('second')).toEqual({ outcome: 'waiting' });
    expect(await t.deliver('to-staff')).toEqual({ outcome: 'sent' });
    t.advance(30);
    await sweepOutbox(t.deps, 'sweep');
    expect(await t.deliver()).toEqual({ outcome: 'sent' });
    // Done with the acknowledgement: the second email was woken (a stream record for it in DynamoDB).
    expect(t.outbox.woken).toEqual([ACKNOWLEDGEMENT, 'second']);
    expect(await t.deliver('second')).toEqual({ outcome: 'sent' });
    expect(t.sent.map((m) => m.notificationKey)).toEqual(['to-staff', ACKNOWLEDGEMENT, 'second']);
  });

  it('withdraws an email whose content was erased before it went out', async () => {
    const t = await queuedAcknowledgement();
    const stored = t.store.notifications.get(`${t.caseId}#${ACKNOWLEDGEMENT}`)!;
    delete stored.message;
    delete stored.recipient;
    expect(await t.deliver()).toEqual({ outcome: 'withdrawn' });
    expect((await t.record()).status).toBe('withdrawn');
    expect(t.calls()).toBe(0);
  });

  it('picks up a queued email the stream never delivered', async () => {
    const t = await queuedAcknowledgement();
    expect(await sweepOutbox(t.deps, 'sweep-1')).toEqual({ woken: 0, inDoubt: 0, resolved: 0 });
    t.advance(policy.pickUpAfterSeconds);
    expect(await sweepOutbox(t.deps, 'sweep-2')).toEqual({ woken: 1, inDoubt: 0, resolved: 0 });
    expect(await t.deliver()).toEqual({ outcome: 'sent' });
  });
});

describe('settling emails (staff action)', () => {
  it('is offered only while emails of the case wait for a person, whatever the workflow does', async () => {
    const t = await queuedAcknowledgement();
    const plain = t.store.cases.get(t.caseId)!;
    expect(allowedActions(plain, undefined)).not.toContain('settle-emails');
    const flagged = { ...plain, emailAttention: { since: at(0), emails: [{ notificationKey: ACKNOWLEDGEMENT, reason: 'in-doubt' as const, at: at(0) }] } };
    expect(allowedActions(flagged, undefined)).toContain('settle-emails');
    expect(allowedActions({ ...flagged, status: 'closed' }, undefined)).toContain('settle-emails');
    expect(allowedActions(flagged, { caseId: t.caseId, waitingFor: 'triage', taskToken: 't', since: at(0) })).toEqual(expect.arrayContaining(['triage', 'settle-emails']));
  });

  it('is also what resuming a parked workflow does, which clears the flag with the park', async () => {
    const t = await queuedAcknowledgement();
    const parked = {
      ...t.store.cases.get(t.caseId)!,
      status: 'needs-attention' as const,
      parked: { failedStep: 'RouteComplaint', errorName: 'InvalidTaskInputError', previousStatus: 'in-progress' as const, at: at(0) },
      emailAttention: { since: at(0), emails: [{ notificationKey: ACKNOWLEDGEMENT, reason: 'in-doubt' as const, at: at(0) }] },
    };
    const estate = demoEstates.find((e) => e.estateId === 'EST01')!;
    const identity = { kind: 'staff' as const, userId: 'cslead.est01', role: 'cs-lead' as const, estateIds: ['EST01'] };
    const planned = planStaffAction(
      { complaintCase: parked, wait: { caseId: t.caseId, waitingFor: 'recovery', taskToken: 't', since: at(0) }, estate, identity, now: at(10) },
      { type: 'resume-workflow', inDoubtEmails: 'were-not-sent' },
    );
    expect(planned).toMatchObject({ patch: { status: 'in-progress', parked: undefined, emailAttention: undefined }, settleInDoubtEmails: 'were-not-sent' });
  });

  it('needs a verdict: there is no default for settle-emails', () => {
    expect(staffActionSchema.safeParse({ type: 'settle-emails' }).success).toBe(false);
    expect(staffActionSchema.safeParse({ type: 'settle-emails', inDoubtEmails: 'were-sent' }).success).toBe(true);
  });
});

describe('emails whose sending was interrupted, resolved by the mail service receipt check', () => {
  /** A mail service that remembers what it accepted, by the tags the sender would set. */
  function receiptsOf(t: Awaited<ReturnType<typeof queuedAcknowledgement>>, answer?: 'cannot-tell') {
    return {
      async lookup(email: { caseId: string; notificationKey: string; attempt: string }) {
        if (answer === 'cannot-tell') throw new Error('mailbox unreachable');
        const index = t.sent.findIndex((m) => m.caseId === email.caseId && m.notificationKey === email.notificationKey && attemptTag(m.attempt!) === email.attempt);
        return index >= 0 ? { received: true as const, messageId: `msg-${index + 1}` } : { received: false as const };
      },
    };
  }

  it('records an email the mail service received as sent, with its timeline entry, and never sends it again', async () => {
    const t = await queuedAcknowledgement();
    // Sent, then the runtime died before recording it: the mail service has it, the outbox says `sending`.
    const record = await t.record();
    await t.outbox.claim(t.caseId, ACKNOWLEDGEMENT, { sendingSince: at(0), inDoubtAt: at(300) });
    await t.deps.email.send({ to: record.recipient!, subject: record.subject!, text: record.message!.text, html: record.message!.html, notificationKey: ACKNOWLEDGEMENT, caseId: t.caseId, attempt: at(0) });
    t.advance(5);
    const deps = { ...t.deps, receipts: receiptsOf(t) };
    expect(await sweepOutbox(deps, 'recovery', 200, { recoverInterrupted: true })).toEqual({ woken: 0, inDoubt: 0, resolved: 1 });
    expect(await t.record()).toMatchObject({ status: 'sent', messageId: 'msg-1' });
    expect(t.actions()).toEqual(['complaint.received', 'complaint.acknowledged', 'email.sent:acknowledgement']);
    expect(t.store.events.get(t.caseId)![2]).toMatchObject({ public: { kind: 'acknowledged' } });
    expect(await t.deliver()).toEqual({ outcome: 'not-queued' });
    expect(t.calls()).toBe(1);
    expect(t.store.cases.get(t.caseId)!.emailAttention).toBeUndefined();
  });

  it('queues again an email the mail service never received, and it goes out once', async () => {
    const t = await queuedAcknowledgement();
    await t.outbox.claim(t.caseId, ACKNOWLEDGEMENT, { sendingSince: at(0), inDoubtAt: at(300) });
    const deps = { ...t.deps, receipts: receiptsOf(t) };
    expect(await sweepOutbox(deps, 'recovery', 200, { recoverInterrupted: true })).toEqual({ woken: 0, inDoubt: 0, resolved: 1 });
    expect(await t.record()).toMatchObject({ status: 'queued', attempts: 0 });
    expect(await t.deliver()).toEqual({ outcome: 'sent' });
    expect(t.sent).toHaveLength(1);
  });

  it('hands an email to a person as before when the mail service cannot tell, and only once it is in doubt', async () => {
    const t = await queuedAcknowledgement();
    await t.outbox.claim(t.caseId, ACKNOWLEDGEMENT, { sendingSince: at(0), inDoubtAt: at(300) });
    const deps = { ...t.deps, receipts: receiptsOf(t, 'cannot-tell') };
    expect(await sweepOutbox(deps, 'recovery', 200, { recoverInterrupted: true })).toEqual({ woken: 0, inDoubt: 0, resolved: 0 });
    expect(await t.record()).toMatchObject({ status: 'sending' });
    t.advance(300);
    expect(await sweepOutbox(deps, 'sweep')).toEqual({ woken: 0, inDoubt: 1, resolved: 0 });
    expect(t.store.cases.get(t.caseId)!.emailAttention!.emails).toEqual([{ notificationKey: ACKNOWLEDGEMENT, reason: 'in-doubt', at: at(300) }]);
  });

  it('the regular sweep asks too, once an email is in doubt, and without a check nothing changes', async () => {
    const t = await queuedAcknowledgement();
    await t.outbox.claim(t.caseId, ACKNOWLEDGEMENT, { sendingSince: at(0), inDoubtAt: at(300) });
    expect(await sweepOutbox(t.deps, 'recovery', 200, { recoverInterrupted: true })).toEqual({ woken: 0, inDoubt: 0, resolved: 0 });
    t.advance(300);
    expect(await sweepOutbox({ ...t.deps, receipts: receiptsOf(t) }, 'sweep')).toEqual({ woken: 0, inDoubt: 0, resolved: 1 });
    expect(await t.record()).toMatchObject({ status: 'queued' });
  });
});
