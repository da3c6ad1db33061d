/**
 * Investigation against the deadline (seed 001 §5.1.3, 003 §4.3): the
 * workflow waits for the handler until the deadline; a missed deadline
 * escalates where the estate's policy says (`escalateWhenMissedTo`: usually the
 * estate manager, a critical complaint straight to HQ), missed again to HQ, each time with a
 * written interim response to the complainant giving the reason and the
 * measures taken; staff can also escalate, extend or send an interim
 * response by hand.
 */
import { clockPausedEmail, clockResumedEmail, escalationEmail, interimResponseEmail } from '../notifications/lifecycleEmails';
import { currentDueBy, defaultEscalationDueBy, escalationLevelWhenMissed, extensionNeedsOmbudsmanContact, isClockPaused, newDeadlineState, secondsUntil } from './deadlineTracking';
import { departmentOf, residentFacts, staffCaseUrl, staffFacts } from './emailFacts';
import { plannedWarnings, warningsOwed } from './deadlineWarnings';
import type { StaffDirectory } from '../admin/staffDirectory';
import { deadlineWarningEmail, staffLanguage } from '../notifications/staffNotices';
import { changeCaseAndNotifyComplainant, loadCase, notifyOnce, type StepContext, type StepDependencies } from './notifyOnce';
import { type EscalationDependencies, notifyEscalation } from './escalationRecipients';

/**
 * How long the workflow waits for the handler: until the next warning owed before the breach (`warning: true`;
 * deadlineWarnings.ts), else until the deadline passes.
 */
export async function scheduleDeadline(deps: Pick<StepDependencies, 'store' | 'now'>, caseId: string) {
  const { complaintCase, estate } = await loadCase(deps, caseId);
  const now = deps.now().toISOString();
  const paused = isClockPaused(complaintCase.deadline);
  const dueBy = currentDueBy(complaintCase, estate, now);
  const base = { caseId, dueBy, paused, escalationCount: complaintCase.escalationCount ?? 0 };
  if (paused) return { ...base, warning: false, timeoutSeconds: secondsUntil(dueBy, now, paused) };
  const queued = new Set((await deps.store.listNotifications(caseId)).map((n) => n.notificationKey));
  const owed = warningsOwed(plannedWarnings(complaintCase, estate, now), queued, now);
  const warnAt = owed.due.length > 0 ? now : owed.next?.at;
  return { ...base, warning: warnAt !== undefined, timeoutSeconds: secondsUntil(warnAt ?? dueBy, now, false) };
}

/**
 * The wait timed out at a warning point: tell the handler (the assignee as the directory has them, else the
 * routed department, else the customer-service desk) or the estate manager, each warning once.
 */
export async function warnBeforeDeadline(deps: StepDependencies & { staffDirectory: Pick<StaffDirectory, 'get'> }, caseId: string) {
  const { complaintCase, estate } = await loadCase(deps, caseId);
  const now = deps.now().toISOString();
  const queued = new Set((await deps.store.listNotifications(caseId)).map((n) => n.notificationKey));
  const planned = plannedWarnings(complaintCase, estate, now);
  const { due } = warningsOwed(planned, queued, now);
  if (due.length === 0) return { caseId, warned: [] as string[] };
  const assignee = complaintCase.assigneeId ? await deps.staffDirectory.get(complaintCase.assigneeId) : undefined;
  const toAssignee = Boolean(assignee?.enabled && assignee.email);
  const handlerEmail = toAssignee ? assignee!.email : (departmentOf(estate, complaintCase.departmentId)?.email ?? estate.customerServiceEmail);
  for (const warning of due) {
    // The assignee reads their own language where the directory records one; a mailbox reads the estate's.
    const language = staffLanguage(estate, warning.to !== 'manager' && toAssignee ? assignee!.language : undefined);
    await notifyOnce(deps, caseId, warning.key, warning.to === 'manager' ? estate.managerEmail : handlerEmail, deadlineWarningEmail({
      language,
      reference: complaintCase.reference,
      estateName: estate.names[language],
      timeZone: estate.timeZone,
      caseUrl: staffCaseUrl(deps.publicBaseUrl, caseId),
      dueBy: planned.dueBy,
      percent: warning.percent,
      ...(warning.atRisk ? { atRisk: warning.atRisk } : {}),
    }));
  }
  return { caseId, warned: due.map((w) => w.point) };
}

const ESCALATION_MEASURES = {
  en: (level: 1 | 2) => (level === 1 ? 'Your complaint has been passed to the estate manager, who will oversee it personally.' : 'Your complaint has been passed to our group headquarters, who will oversee it personally.'),
  'zh-Hant': (level: 1 | 2) => (level === 1 ? '您的投訴已轉交管理處經理親自跟進。' : '您的投訴已轉交集團總部親自跟進。'),
  'zh-Hans': (level: 1 | 2) => (level === 1 ? '您的投诉已转交管理处经理亲自跟进。' : '您的投诉已转交集团总部亲自跟进。'),
};
const OVERDUE_REASON = {
  en: 'We have not been able to complete our investigation by the date we gave you.',
  'zh-Hant': '我們未能在承諾的日期前完成調查。',
  'zh-Hans': '我们未能在承诺的日期前完成调查。',
};

/**
 * The deadline passed with no response. `expectedEscalationCount` (from the
 * schedule step) makes a retried step a no-op rather than a second escalation.
 */
export async function escalateOverdue(deps: EscalationDependencies, context: StepContext, expectedEscalationCount: number) {
  const settings = (await deps.store.groupSettings());
  const number = expectedEscalationCount + 1;
  const before = await loadCase(deps, context.caseId);
  const previousDueBy = before.complaintCase.responseDueBy;
  const escalated = await changeCaseAndNotifyComplainant(deps, context, {
    key: `overdue-interim-${number}`,
    auditAction: 'case.escalated:overdue',
    public: { kind: 'escalated' },
    patch: (current, estate, now) => {
      if ((current.escalationCount ?? 0) >= number) return {};
      // Where the policy sends a missed deadline (a critical complaint straight to HQ under the seed default), at least one level up.
      const level = escalationLevelWhenMissed(current, estate);
      const deadline = current.deadline ?? newDeadlineState(estate, current.stage, current.receivedAt);
      const dueBy = defaultEscalationDueBy(now, estate, settings.escalationWorkingDays);
      return {
        escalationLevel: level,
        escalationCount: number,
        deadline: { ...deadline, setByManager: { dueBy, handlingOpinion: 'Escalated automatically: the deadline was missed. Awaiting the handling opinion.', by: 'system', at: now } },
        responseDueBy: dueBy,
      };
    },
    compose: (next, estate, link) =>
      interimResponseEmail({
        ...residentFacts(next, estate, link),
        reason: OVERDUE_REASON[next.language],
        measures: ESCALATION_MEASURES[next.language]((next.escalationLevel ?? 1) as 1 | 2),
        newDueBy: next.responseDueBy,
        ...(extensionNeedsOmbudsmanContact(next, estate) && estate.ombudsmanContact ? { ombudsmanContact: estate.ombudsmanContact } : {}),
      }),
  });
  const { estate } = await loadCase(deps, context.caseId);
  const level = (escalated.escalationLevel ?? 1) as 1 | 2;
  await notifyEscalation(deps, { caseId: escalated.caseId, estate, level, hqEmail: settings.hqEmail, key: `escalation-${number}`, message: escalationEmail({
    ...staffFacts(escalated, estate, deps.publicBaseUrl),
    level,
    reason: 'overdue',
    previousDueBy,
    newDueBy: escalated.responseDueBy,
  }) });
  return { caseId: escalated.caseId, escalationLevel: level, dueBy: escalated.responseDueBy };
}

/** Staff escalated by hand: tell the manager (or HQ). */
export async function notifyStaffEscalation(deps: EscalationDependencies, caseId: string, eventSeq: number) {
  const { complaintCase, estate } = await loadCase(deps, caseId);
  const settings = (await deps.store.groupSettings());
  const level = Math.max(1, complaintCase.escalationLevel ?? 1) as 1 | 2;
  const setBy = complaintCase.deadline?.setByManager;
  await notifyEscalation(deps, { caseId, estate, level, hqEmail: settings.hqEmail, key: `escalation-by-staff-${eventSeq}`, message: escalationEmail({
    ...staffFacts(complaintCase, estate, deps.publicBaseUrl),
    level,
    reason: 'by-staff',
    previousDueBy: complaintCase.responseDueBy,
    newDueBy: complaintCase.responseDueBy,
    ...(setBy ? { note: setBy.handlingOpinion } : {}),
  }) });
  return { caseId, escalationLevel: level };
}

/**
 * A written interim response (seed 003 §4.3) — sent by hand by staff, or as
 * the written notice of an extension (with the ombudsman's contact where the
 * deadline policy requires it).
 */
export async function sendInterimResponse(deps: StepDependencies, context: StepContext, request: { eventSeq: number; reason: string; measures: string }) {
  const updated = await changeCaseAndNotifyComplainant(deps, context, {
    key: `interim-response-${request.eventSeq}`,
    auditAction: 'complainant.notified:interim-response',
    patch: () => ({}),
    compose: (next, estate, link) =>
      interimResponseEmail({
        ...residentFacts(next, estate, link),
        reason: request.reason,
        measures: request.measures,
        newDueBy: next.responseDueBy,
        ...(extensionNeedsOmbudsmanContact(next, estate) && estate.ombudsmanContact ? { ombudsmanContact: estate.ombudsmanContact } : {}),
      }),
  });
  return { caseId: updated.caseId };
}

/** The complainant is told when the clock stops (and why: what we are waiting on) and when it starts again, with the new date. */
export async function notifyClockChange(deps: StepDependencies, context: StepContext, request: { eventSeq: number; paused: boolean; reason?: string }) {
  const updated = await changeCaseAndNotifyComplainant(deps, context, {
    key: `clock-${request.paused ? 'paused' : 'resumed'}-${request.eventSeq}`,
    auditAction: `complainant.notified:clock-${request.paused ? 'paused' : 'resumed'}`,
    patch: () => ({}),
    compose: (next, estate, link) =>
      request.paused
        ? clockPausedEmail({ ...residentFacts(next, estate, link), reason: request.reason ?? '' })
        : clockResumedEmail({ ...residentFacts(next, estate, link), newDueBy: next.responseDueBy }),
  });
  return { caseId: updated.caseId };
}
