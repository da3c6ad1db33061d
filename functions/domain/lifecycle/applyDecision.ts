/**
 * Applies a person's decision (a staff action, a compensation decision, a
 * resident's rating): the case change and its audit event, plus the signal
 * for the waiting workflow (or the request to start stage 2), in one
 * transaction. The table stream carries the signal to the workflow
 * (functions/streams/deliverWorkflowSignals.ts) and starts stage 2
 * (functions/streams/startCaseLifecycles.ts).
 */
import type { Actor } from '../auditTrail';
import type { CaseStore } from '../caseStore';
import { type ComplaintCase, planMutation } from '../complaintCase';
import { settleEmails, type OutboxPolicy, type QueuedEmail } from '../notifications/outbox';
import type { PlannedAction } from './staffActions';
import type { WorkflowWait } from './workflowWait';

export interface DecisionDependencies {
  store: CaseStore;
  /** The outbox's timings (`EMAIL_OUTBOX`, read by the platform layer) for emails a person has sent again; unset, the defaults. */
  outboxPolicy?: Pick<OutboxPolicy, 'pickUpAfterSeconds'>;
}

export async function applyDecision(
  deps: DecisionDependencies,
  request: {
    complaintCase: ComplaintCase;
    wait: WorkflowWait | undefined;
    planned: PlannedAction;
    actor: Actor;
    requestId: string;
    now: string;
    /** An email this decision sends (e.g. to the person a case was assigned to), queued in the same transaction; keyed by the event's sequence number. */
    email?: (next: ComplaintCase, eventSeq: number) => QueuedEmail | undefined;
  },
): Promise<{ next: ComplaintCase; signalled: boolean }> {
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
  if (planned.settleInDoubtEmails) await settleEmails(deps.store, complaintCase, planned.settleInDoubtEmails, { by: actorId(request.actor), at: request.now }, deps.outboxPolicy);
  const email = request.email?.(mutation.next, mutation.event.seq);
  const next = await deps.store.applyMutation(mutation, {
    ...(email ? { queueEmail: email } : {}),
    ...(signal && wait
      ? { signal: { taskToken: wait.taskToken, waitingFor: wait.waitingFor, signal } }
      : signal && planned.signalAhead
        ? { signal: { waitingFor: planned.signalAhead, signal } }
        : {}),
    ...(planned.startStage2Workflow ? { startLifecycle: 'stage-2' as const } : {}),
  });
  return { next, signalled: Boolean(signal && wait) };
}

function actorId(actor: Actor): string {
  return actor.type === 'resident' ? 'resident' : actor.id;
}
