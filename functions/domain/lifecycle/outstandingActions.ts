/**
 * Remedies and outstanding actions (seed 000 subsystem 4; issue 13): the response lists what is still to be done,
 * each with a due date and, optionally, its owner (a staff user id). A person marks each one done (staff action
 * `complete-action`, one audit event); when the last open one is done the complainant is told, once per stage: by
 * email in their language, or, without an email address, by a letter staff post or hand over (letters/).
 *
 * Pure: no store, no clock. staffActions.ts plans the action; the actions handler queues the email with the change.
 */
import type { Language } from '../complaint';
import type { CasePatch, ComplaintCase, ResponseRecord } from '../complaintCase';
import type { Estate } from '../estate';
import { withLetter } from '../letters/writtenLetters';
import { type EmailMessage, formatDateForResident } from '../notifications/emailMessage';
import { type OutboxPolicy, type QueuedEmail, queuedEmail } from '../notifications/outbox';
import { p, renderEmail } from '../notifications/residentEmails';

export type OutstandingAction = ResponseRecord['outstandingActions'][number];

export type ActionRefusal = { status: 404 | 409; code: string; message: string };

/** The response's actions not yet done. */
export function openOutstandingActions(c: ComplaintCase): OutstandingAction[] {
  return (c.response?.outstandingActions ?? []).filter((a) => !a.doneAt);
}

/** The logical notification "all actions done" (one email or letter per stage). */
export const actionsDoneKey = (c: ComplaintCase) => `outstanding-actions-done-stage${c.stage}`;

/** Marks the response's action at `index` done; says whether it was the last open one. */
export function completeOutstandingAction(
  current: ComplaintCase,
  input: { index: number; note?: string },
  by: string,
  now: string,
  estate: Pick<Estate, 'names' | 'timeZone'>,
): { patch: CasePatch; allDone: boolean } | ActionRefusal {
  const response = current.response;
  const action = response?.outstandingActions[input.index];
  if (!response || !action) return { status: 404, code: 'action_not_found', message: `the response has no outstanding action ${input.index}` };
  if (action.doneAt) return { status: 409, code: 'action_already_done', message: `that action was recorded done at ${action.doneAt}` };
  const outstandingActions = response.outstandingActions.map((a, i) => (i === input.index ? { ...a, doneAt: now, doneBy: by, ...(input.note ? { doneNote: input.note } : {}) } : a));
  const allDone = outstandingActions.every((a) => a.doneAt);
  const next = { ...current, response: { ...response, outstandingActions } };
  // Without an email address the complainant is written to: the letter goes on the case in the same change.
  const letter = allDone && !current.complainant.email && !current.erasure ? withLetter(next, actionsDoneKey(current), actionsDoneMessage(next, estate), now, { kind: 'actions-done' }) : {};
  return { patch: { response: next.response, ...letter }, allDone };
}

const COPY: Record<Language, { subject: (ref: string) => string; greeting: (name: string) => string; body: (ref: string) => string; item: (action: string, done: string) => string; signOff: (estate: string) => string }> = {
  en: {
    subject: (ref) => `Complaint ${ref}: the actions we promised are done`,
    greeting: (name) => `Dear ${name},`,
    body: (ref) => `In our response to your complaint (reference ${ref}) we told you of actions still to be completed. All of them are now done:`,
    item: (action, done) => `${action} (done ${done})`,
    signOff: (estate) => `Yours sincerely,\nCustomer Service, ${estate}`,
  },
  'zh-Hant': {
    subject: (ref) => `投訴 ${ref}：承諾的跟進工作已全部完成`,
    greeting: (name) => `${name}您好：`,
    body: (ref) => `我們就您的投訴（編號 ${ref}）作出回覆時，曾告知尚待完成的跟進工作。有關工作現已全部完成：`,
    item: (action, done) => `${action}（${done}完成）`,
    signOff: (estate) => `${estate}客戶服務部 謹啟`,
  },
  'zh-Hans': {
    subject: (ref) => `投诉 ${ref}：承诺的跟进事项已全部完成`,
    greeting: (name) => `${name}您好：`,
    body: (ref) => `我们就您的投诉（编号 ${ref}）作出答复时，曾告知尚待完成的跟进事项。有关事项现已全部完成：`,
    item: (action, done) => `${action}（${done}完成）`,
    signOff: (estate) => `${estate}客户服务部 谨启`,
  },
};

/** "The actions we promised are done", in the complainant's language, listing each with the date it was done. */
export function actionsDoneMessage(c: ComplaintCase, estate: Pick<Estate, 'names' | 'timeZone'> | undefined): EmailMessage {
  const copy = COPY[c.language];
  const timeZone = estate?.timeZone ?? 'UTC';
  const items = (c.response?.outstandingActions ?? []).map((a) => copy.item(a.action, a.doneAt ? formatDateForResident(a.doneAt, c.language, timeZone, false) : ''));
  return renderEmail(c.language, copy.subject(c.reference), [
    p(copy.greeting(c.complainant.name)),
    p(copy.body(c.reference)),
    { kind: 'list', items },
    p(copy.signOff(estate?.names[c.language] ?? c.estateId)),
  ]);
}

/** The email to queue with the change that completed the last action (none without an email address: a letter is written instead). */
export function actionsDoneEmail(next: ComplaintCase, estate: Estate, now: string, policy?: Pick<OutboxPolicy, 'pickUpAfterSeconds'>): QueuedEmail | undefined {
  const to = next.complainant.email;
  if (!to || next.erasure) return undefined;
  return queuedEmail({ caseId: next.caseId, notificationKey: actionsDoneKey(next), to, language: next.language, message: actionsDoneMessage(next, estate), publicWhenSent: { kind: 'actions-done' }, queuedAt: now }, policy);
}
