/**
 * Remedies and outstanding actions (issue 13; functions/domain/lifecycle/outstandingActions.ts): each marked done
 * once; the last one done tells the complainant, by email (queued with the change) or, without an email address,
 * by a letter on the case; the complainant's view shows what and when, never owners or staff notes.
 */
import { describe, expect, it } from 'vitest';
import type { ComplaintCase } from '../../../../functions/domain/complaintCase';
import { actionsDoneEmail, completeOutstandingAction, openOutstandingActions } from '../../../../functions/domain/lifecycle/outstandingActions';
import { allowedActions } from '../../../../functions/domain/lifecycle/actionPermissions';
import { publicCaseView } from '../../../../functions/domain/publicView';
import { demoEstates } from '../../../../infra/local/demoGroup';

const estate = demoEstates.find((e) => e.estateId === 'EST01')!;
const NOW = '2026-03-10T02:00:00.000Z';
const responded = {
  caseId: '01J00000000000000000000002',
  reference: 'EST01-2026-000050',
  estateId: 'EST01',
  language: 'zh-Hant',
  status: 'closed',
  stage: 1,
  complainant: { name: '陳大文', email: 'chan@example.com' },
  response: {
    outcome: 'upheld', decision: 'd', reasons: 'r', rootCause: 'c', accountability: 'a', by: 'engineering.est01', at: NOW, sentAt: NOW,
    outstandingActions: [
      { action: 'Replace the lift door sensor', dueBy: '2026-03-20T15:59:59.999Z', owner: 'engineering.est01' },
      { action: 'Inspect the other lifts', dueBy: '2026-03-27T15:59:59.999Z', owner: 'engineering.est01' },
    ],
  },
} as unknown as ComplaintCase;

describe('outstanding actions', () => {
  it('are marked done one at a time; only the last one done is "all done"; a done one is not done again', () => {
    expect(allowedActions(responded, undefined)).toContain('complete-action');
    const first = completeOutstandingAction(responded, { index: 1, note: 'All fine' }, 'engineering.est01', NOW, estate);
    if ('status' in first) throw new Error(first.message);
    expect(first.allDone).toBe(false);
    const afterFirst = { ...responded, ...first.patch } as ComplaintCase;
    expect(afterFirst.response!.outstandingActions[1]).toMatchObject({ doneAt: NOW, doneBy: 'engineering.est01', doneNote: 'All fine' });
    expect(openOutstandingActions(afterFirst).map((a) => a.action)).toEqual(['Replace the lift door sensor']);
    expect(completeOutstandingAction(afterFirst, { index: 1 }, 'x', NOW, estate)).toMatchObject({ status: 409, code: 'action_already_done' });
    expect(completeOutstandingAction(afterFirst, { index: 5 }, 'x', NOW, estate)).toMatchObject({ status: 404 });
    const last = completeOutstandingAction(afterFirst, { index: 0 }, 'engineering.est01', NOW, estate);
    if ('status' in last) throw new Error(last.message);
    expect(last.allDone).toBe(true);
    expect(last.patch.letters).toBeUndefined(); // the complainant has email: an email is queued instead
    const done = { ...afterFirst, ...last.patch } as ComplaintCase;
    expect(allowedActions(done, undefined)).not.toContain('complete-action');

    const email = actionsDoneEmail(done, estate, NOW)!;
    expect(email).toMatchObject({ to: 'chan@example.com', notificationKey: 'outstanding-actions-done-stage1', language: 'zh-Hant', publicWhenSent: { kind: 'actions-done' } });
    expect(email.message.subject).toBe('投訴 EST01-2026-000050：承諾的跟進工作已全部完成');
    expect(email.message.text).toContain('Replace the lift door sensor');
    expect(email.message.text).toContain('Inspect the other lifts');
  });

  it('without an email address, the last one done puts a letter on the case to send', () => {
    const noEmail = { ...responded, complainant: { name: 'Chan', phone: '+85291234567' }, language: 'en', response: { ...responded.response!, outstandingActions: [responded.response!.outstandingActions[0]!] } } as ComplaintCase;
    const last = completeOutstandingAction(noEmail, { index: 0 }, 'engineering.est01', NOW, estate);
    if ('status' in last) throw new Error(last.message);
    expect(last.patch.letters).toEqual([expect.objectContaining({ letterKey: 'outstanding-actions-done-stage1', status: 'to-send', subject: 'Complaint EST01-2026-000050: the actions we promised are done' })]);
    expect(last.patch.lettersToSend).toBe(1);
    expect(actionsDoneEmail({ ...noEmail, ...last.patch } as ComplaintCase, estate, NOW)).toBeUndefined();
  });

  it("the complainant's view shows each action, its date and whether it is done, never its owner or staff's note", () => {
    const first = completeOutstandingAction(responded, { index: 1, note: 'Internal remark' }, 'engineering.est01', NOW, estate);
    if ('status' in first) throw new Error(first.message);
    const view = publicCaseView({ ...responded, ...first.patch } as ComplaintCase, [], estate);
    expect(view.response!.outstandingActions).toEqual([
      { action: 'Replace the lift door sensor', dueBy: '2026-03-20T15:59:59.999Z' },
      { action: 'Inspect the other lifts', dueBy: '2026-03-27T15:59:59.999Z', doneAt: NOW },
    ]);
    expect(JSON.stringify(view)).not.toContain('Internal remark');
    expect(JSON.stringify(view)).not.toContain('engineering.est01');
  });
});
