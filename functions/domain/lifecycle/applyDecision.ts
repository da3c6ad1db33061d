/**
 * Applies a person's decision (a staff action, a compensation decision, a
 * resident's rating): the case change and its audit event, plus the signal
 * for the waiting workflow, in one transaction; then the signal is delivered.
 */
import type { Actor } from '../auditTrail';
import type { CaseStore } from '../caseStore';
import { type ComplaintCase, planMutation } from '../complaintCase';
import type { PlannedAction } from './staffActions';
import { deliverSignal, type WorkflowCallbacks } from './waits';
import type { WorkflowWait } from './workflowWait';

export interface DecisionDependencies {
  store: CaseStore;
  callbacks: WorkflowCallbacks;
  startStage2Lifecycle: (caseId: string) => Promise<void>;
}

export async function applyDecision(
  deps: DecisionDependencies,
  request: { complaintCase: ComplaintCase; wait: WorkflowWait | undefined; planned: PlannedAction; actor: Actor; requestId: string; now: string },
): Promise<{ next: ComplaintCase; delivery: 'delivered' | 'gone' | 'none' }> {
  const { complaintCase, wait, planned } = request;
  const mutation = planMutation(complaintCase, planned.patch, {
    now: request.now,
    requestId: request.requestId,
    actor: request.actor,
    action: planned.auditAction,
    ...(planned.public ? { public: planned.public } : {}),
    ...(planned.recordedText ? { recordedText: planned.recordedText } : {}),
  });
  // The event's sequence number names this decision in the workflow (idempotency of the emails it triggers).
  const signal = planned.signal ? { ...planned.signal, eventSeq: mutation.event.seq } : undefined;
  if (signal && !wait && !planned.signalAhead) throw new Error('a decision with a signal needs a waiting workflow');
  if (planned.settleInDoubtEmails) {
    for (const notification of await deps.store.listNotifications(complaintCase.caseId)) {
      if (notification.status !== 'claimed') continue;
      if (planned.settleInDoubtEmails === 'were-sent') await deps.store.markNotificationSent(complaintCase.caseId, notification.notificationKey, actorId(request.actor));
      else await deps.store.releaseNotification(complaintCase.caseId, notification.notificationKey, `not sent, as checked by ${actorId(request.actor)}`);
    }
  }
  const next = await deps.store.applyMutation(
    mutation,
    signal && wait
      ? { signal: { taskToken: wait.taskToken, waitingFor: wait.waitingFor, signal } }
      : signal && planned.signalAhead
        ? { signal: { waitingFor: planned.signalAhead, signal } }
        : {},
  );
  let delivery: 'delivered' | 'gone' | 'none' = 'none';
  if (signal && wait) delivery = await deliverSignal(deps.store, deps.callbacks, complaintCase.caseId, wait.taskToken, signal);
  if (planned.startStage2Workflow) await deps.startStage2Lifecycle(complaintCase.caseId);
  return { next, delivery };
}

function actorId(actor: Actor): string {
  return actor.type === 'resident' ? 'resident' : actor.id;
}
