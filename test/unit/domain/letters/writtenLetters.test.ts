/**
 * Complainants without email are answered in writing (seed 003 書面回應): every message an email would
 * have carried becomes a letter on the case, printed on the estate's letterhead in their language and
 * recorded sent by a person; the satisfaction follow-up becomes a phone call whose answer staff record.
 */
import { describe, expect, it } from 'vitest';
import type { StaffIdentity } from '../../../../functions/domain/access/identity';
import { ACKNOWLEDGEMENT, acknowledgeComplaint } from '../../../../functions/domain/acknowledgement';
import { verifyCaseChain } from '../../../../functions/domain/auditTrail';
import { complaintSubmissionSchema } from '../../../../functions/domain/complaint';
import { planMutation } from '../../../../functions/domain/complaintCase';
import { receiveComplaint } from '../../../../functions/domain/intake';
import { closeCase, sendFollowUpRequest } from '../../../../functions/domain/lifecycle/followUp';
import { planStaffAction, staffActionSchema } from '../../../../functions/domain/lifecycle/staffActions';
import { allowedActions } from '../../../../functions/domain/lifecycle/actionPermissions';
import type { WorkflowWait } from '../../../../functions/domain/lifecycle/workflowWait';
import { letterDocument, letterParagraphs } from '../../../../functions/domain/letters/letterDocument';
import { LETTER_LINK } from '../../../../functions/domain/letters/writtenLetters';
import { demoEstates } from '../../../../infra/local/demoGroup';
import { InMemoryCaseStore } from '../../../support/inMemoryCaseStore';

const NOW = '2026-11-23T02:00:00.000Z';
const frontline: StaffIdentity = { kind: 'staff', userId: 'frontline.sz01', role: 'frontline-staff', estateIds: ['SZ01'], departmentId: 'front-desk' };

async function caseWithoutEmail(language: 'en' | 'zh-Hant' | 'zh-Hans' = 'zh-Hant', email?: string) {
  const store = new InMemoryCaseStore(demoEstates);
  const now = () => new Date(NOW);
  const outcome = await receiveComplaint(
    {
      submission: complaintSubmissionSchema.parse({
        estateId: 'SZ01',
        unit: '3座 12樓 C室',
        name: '陳<大文>',
        ...(email ? { email } : { phone: '+852 2345 6789' }),
        channel: 'phone',
        language,
        description: '升降機已經壞了三天，仍然無人處理。',
      }),
      requestId: 'r1',
      actor: { type: 'staff', id: 'frontline.sz01', role: 'frontline' },
    },
    { store, now, publicBaseUrl: 'https://complaints.example' },
  );
  if (outcome.kind !== 'created') throw new Error(outcome.kind);
  const deps = { store, now, publicBaseUrl: 'https://complaints.example' };
  return { store, caseId: outcome.caseId, deps };
}

describe('letters instead of emails', () => {
  it('writes the acknowledgement as a letter once, however often the step is retried, and queues no email', async () => {
    const { store, caseId, deps } = await caseWithoutEmail('zh-Hant');
    await acknowledgeComplaint(caseId, 'exec-1', deps);
    await acknowledgeComplaint(caseId, 'exec-1', deps);
    const stored = store.cases.get(caseId)!;
    expect(await store.listNotifications(caseId)).toEqual([]);
    expect(stored.letters).toHaveLength(1);
    expect(stored.letters![0]).toMatchObject({ letterKey: ACKNOWLEDGEMENT, status: 'to-send', language: 'zh-Hant', composedAt: NOW });
    expect(stored.letters![0]!.subject).toContain('SZ01-2026-000001');
    expect(stored.lettersToSend).toBe(1);
    expect(store.events.get(caseId)!.map((e) => e.action)).toEqual(['complaint.received', 'complaint.acknowledged']);
  });

  it('gives nothing to a complainant with email (the email path is unchanged)', async () => {
    const { store, caseId, deps } = await caseWithoutEmail('en', 'chan@example.com');
    await acknowledgeComplaint(caseId, 'exec-1', deps);
    expect(store.cases.get(caseId)!.letters).toBeUndefined();
    expect(await store.listNotifications(caseId)).toHaveLength(1);
  });

  it('prints an A4 letter on the estate letterhead, in their language, with the reference, the local date and no link', async () => {
    const { store, caseId, deps } = await caseWithoutEmail('zh-Hant');
    await acknowledgeComplaint(caseId, 'exec-1', deps);
    const stored = store.cases.get(caseId)!;
    const letter = stored.letters![0]!;
    const page = letterDocument({ ...letter, text: letter.text! }, stored, demoEstates.find((e) => e.estateId === 'SZ01')!, '2026-11-24T03:00:00.000Z');
    expect(page).toContain('<html lang="zh-Hant">');
    expect(page).toContain('@page { size: A4;');
    expect(page).toContain('<h1>深圳灣公館</h1>');
    expect(page).toContain('cs.sz01@demo-group.example');
    expect(page).toContain('本處編號：SZ01-2026-000001');
    // The date as Hong Kong Chinese writes it, in the estate's time zone.
    expect(page).toContain('日期：2026年11月24日');
    expect(page).toContain('陳&lt;大文&gt;');
    expect(page).toContain('3座 12樓 C室');
    expect(page).not.toContain('<大文>');
    expect(page).not.toContain(LETTER_LINK);
    expect(page).not.toContain('私人連結');
    expect(page).toContain('並註明編號 SZ01-2026-000001');
  });

  it('says how to follow the complaint once, in place of the link and of the paragraph introducing it', () => {
    const text = ['Dear Chan,', 'We are looking into it.', 'You can follow your complaint at any time through your private link below. Please keep it to yourself.', `Track your complaint: ${LETTER_LINK}`, 'Yours sincerely'].join('\n\n');
    expect(letterParagraphs(text, 'Call the desk.')).toEqual(['Dear Chan,', 'We are looking into it.', 'Call the desk.', 'Yours sincerely']);
  });

  it('records a letter sent by a person: once, with who, when and how, its text dropped, the timeline told', async () => {
    const { store, caseId, deps } = await caseWithoutEmail('en');
    await acknowledgeComplaint(caseId, 'exec-1', deps);
    const current = store.cases.get(caseId)!;
    const estate = demoEstates.find((e) => e.estateId === 'SZ01')!;
    expect(allowedActions(current, undefined)).toContain('record-letter-sent');
    const action = staffActionSchema.parse({ type: 'record-letter-sent', letterKey: ACKNOWLEDGEMENT, delivery: 'post' });
    const planned = planStaffAction({ complaintCase: current, wait: undefined, estate, identity: frontline, now: '2026-11-23T05:00:00.000Z' }, action);
    if ('status' in planned) throw new Error(planned.message);
    expect(planned.auditAction).toBe('letter.sent');
    expect(planned.public).toEqual({ kind: 'acknowledged-by-letter' });
    expect(planned.patch.lettersToSend).toBeUndefined();
    expect('lettersToSend' in planned.patch).toBe(true);
    expect(planned.patch.letters![0]).toEqual(
      expect.objectContaining({ status: 'sent', sentAt: '2026-11-23T05:00:00.000Z', sentBy: 'frontline.sz01', delivery: 'post' }),
    );
    expect(planned.patch.letters![0]!.text).toBeUndefined();
    const mutation = planMutation(current, planned.patch, { now: '2026-11-23T05:00:00.000Z', requestId: 'r2', actor: { type: 'staff', id: 'frontline.sz01', role: 'frontline-staff' }, action: planned.auditAction, public: planned.public! });
    await store.applyMutation(mutation);
    const sent = store.cases.get(caseId)!;
    expect(verifyCaseChain(store.events.get(caseId)!, sent.personalDataSalt)).toBeUndefined();
    expect(allowedActions(sent, undefined)).not.toContain('record-letter-sent');
    const again = planStaffAction({ complaintCase: { ...sent, lettersToSend: 1 }, wait: undefined, estate, identity: frontline, now: NOW }, action);
    expect(again).toMatchObject({ status: 409, code: 'letter_already_sent' });
    const unknown = planStaffAction({ complaintCase: { ...sent, lettersToSend: 1 }, wait: undefined, estate, identity: frontline, now: NOW }, staffActionSchema.parse({ type: 'record-letter-sent', letterKey: 'response-stage1', delivery: 'post' }));
    expect(unknown).toMatchObject({ status: 404, code: 'letter_not_found' });
  });

  it('writes the closing as a letter too, and keeps each letter apart', async () => {
    const { store, caseId, deps } = await caseWithoutEmail('zh-Hans');
    await acknowledgeComplaint(caseId, 'exec-1', deps);
    await closeCase(deps, { caseId, requestId: 'exec-2', step: 'closeCase' }, 'satisfied');
    const stored = store.cases.get(caseId)!;
    expect(stored.letters!.map((l) => l.letterKey)).toEqual([ACKNOWLEDGEMENT, 'closed-stage1']);
    expect(stored.lettersToSend).toBe(2);
  });
});

describe('the follow-up by phone', () => {
  const feedbackWait = (caseId: string): WorkflowWait => ({ caseId, waitingFor: 'feedback', taskToken: 'token-1', since: NOW });

  async function respondedCase() {
    const made = await caseWithoutEmail('en');
    await acknowledgeComplaint(made.caseId, 'exec-1', made.deps);
    const current = made.store.cases.get(made.caseId)!;
    await made.store.applyMutation(planMutation(current, { status: 'responded' }, { now: NOW, requestId: 'r', actor: { type: 'system', id: 'test' }, action: 'test.responded' }));
    await sendFollowUpRequest(made.deps, { caseId: made.caseId, requestId: 'exec-3', step: 'sendFollowUpRequest' });
    return made;
  }

  it('becomes a call task, not an email nor a letter with rating links', async () => {
    const { store, caseId } = await respondedCase();
    const stored = store.cases.get(caseId)!;
    expect(stored.followUpCall).toMatchObject({ stage: 1, since: NOW, attempts: [] });
    expect(stored.letters!.map((l) => l.letterKey)).toEqual([ACKNOWLEDGEMENT]);
    expect(await store.listNotifications(caseId)).toEqual([]);
    expect(allowedActions(stored, feedbackWait(caseId))).toContain('record-follow-up-call');
    expect(allowedActions(stored, undefined)).not.toContain('record-follow-up-call');
  });

  it('records an unanswered call, then the rating given by phone in the same satisfaction record, and tells the workflow', async () => {
    const { store, caseId } = await respondedCase();
    const estate = demoEstates.find((e) => e.estateId === 'SZ01')!;
    const current = store.cases.get(caseId)!;
    const context = { complaintCase: current, wait: feedbackWait(caseId), estate, identity: frontline, now: '2026-11-24T02:00:00.000Z' };
    const unanswered = planStaffAction(context, staffActionSchema.parse({ type: 'record-follow-up-call', answer: 'no-answer' }));
    if ('status' in unanswered) throw new Error(unanswered.message);
    expect(unanswered.signal).toBeUndefined();
    expect(unanswered.patch.followUpCall!.attempts).toEqual([{ at: '2026-11-24T02:00:00.000Z', by: 'frontline.sz01' }]);

    expect(planStaffAction(context, staffActionSchema.parse({ type: 'record-follow-up-call', answer: 'reached' }))).toMatchObject({ status: 422, fields: { outcomeRating: expect.any(String) } });

    const answered = planStaffAction(context, staffActionSchema.parse({ type: 'record-follow-up-call', answer: 'reached', outcomeRating: 2, processRating: 4, comment: 'Lift still noisy' }));
    if ('status' in answered) throw new Error(answered.message);
    expect(answered.auditAction).toBe('complainant.rated-by-phone');
    expect(answered.patch.satisfaction).toEqual({ outcomeRating: 2, processRating: 4, comment: 'Lift still noisy', answeredAt: '2026-11-24T02:00:00.000Z', stage: 1, via: 'phone', recordedBy: 'frontline.sz01' });
    expect(answered.patch.followUpCall).toMatchObject({ answeredAt: '2026-11-24T02:00:00.000Z', answeredBy: 'frontline.sz01' });
    // A poor rating by phone opens stage 2 as a poor one-click rating does.
    expect(answered.signal).toEqual({ event: 'feedback', dissatisfied: true, stage: 1 });
  });
});
