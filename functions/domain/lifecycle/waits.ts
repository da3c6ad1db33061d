/**
 * Hand-offs between the workflow and people. The workflow registers a wait
 * (with its task token) when it needs a decision; a person's action records
 * the decision as a pending signal in the same transaction as the case
 * change. Delivery is not the action's job: every write that leaves a wait
 * holding both a task token and a pending signal reaches the table stream
 * consumer `deliverWorkflowSignals`, which completes the task. A signal that
 * could not be delivered (the workflow had just moved on) stays pending and is
 * delivered when the workflow next waits for the same decision — nothing a
 * person did is lost.
 */
import type { CaseStore } from '../caseStore';
import type { WaitKind, WorkflowSignal, WorkflowWait } from './workflowWait';

export interface WorkflowCallbacks {
  /** Completes the waiting task; 'gone' when the workflow no longer waits on that token. */
  complete(taskToken: string, signal: WorkflowSignal): Promise<'delivered' | 'gone'>;
}

/** Stores the workflow's new wait, carrying over a decision made for it before it began. */
export async function registerWait(store: CaseStore, request: { caseId: string; waitingFor: WaitKind; taskToken: string; now: string }) {
  const previous = await store.getWait(request.caseId);
  const carried = previous?.pendingSignal?.waitingFor === request.waitingFor ? previous.pendingSignal : undefined;
  await store.putWait({ caseId: request.caseId, waitingFor: request.waitingFor, taskToken: request.taskToken, since: request.now, ...(carried ? { pendingSignal: carried } : {}) });
  return { caseId: request.caseId, waitingFor: request.waitingFor, redelivered: Boolean(carried) };
}

/**
 * Delivers the pending signal of a wait as the stream saw it: completes the task, then removes the
 * wait (only if it still holds that token). Nothing to do without both a token and a signal.
 */
export async function deliverPendingSignal(store: CaseStore, callbacks: WorkflowCallbacks, wait: Pick<WorkflowWait, 'caseId' | 'taskToken' | 'pendingSignal'>): Promise<'delivered' | 'gone' | 'nothing-pending'> {
  if (!wait.taskToken || !wait.pendingSignal) return 'nothing-pending';
  const outcome = await callbacks.complete(wait.taskToken, wait.pendingSignal.signal);
  if (outcome === 'delivered') await store.deleteWait(wait.caseId, wait.taskToken);
  return outcome;
}
