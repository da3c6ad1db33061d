/**
 * Hand-offs between the workflow and people. The workflow registers a wait
 * (with its task token) when it needs a decision; a person's action records
 * the decision as a pending signal in the same transaction as the case
 * change, then it is delivered. A signal that could not be delivered (a crash,
 * or the workflow had just moved on) stays pending and is delivered when the
 * workflow next waits for the same decision — nothing a person did is lost.
 */
import type { CaseStore } from '../caseStore';
import type { WaitKind, WorkflowSignal } from './workflowWait';

export interface WorkflowCallbacks {
  /** Completes the waiting task; 'gone' when the workflow no longer waits on that token. */
  complete(taskToken: string, signal: WorkflowSignal): Promise<'delivered' | 'gone'>;
}

export async function registerWait(store: CaseStore, callbacks: WorkflowCallbacks, request: { caseId: string; waitingFor: WaitKind; taskToken: string; now: string }) {
  const previous = await store.getWait(request.caseId);
  const carried = previous?.pendingSignal?.waitingFor === request.waitingFor ? previous.pendingSignal : undefined;
  await store.putWait({ caseId: request.caseId, waitingFor: request.waitingFor, taskToken: request.taskToken, since: request.now, ...(carried ? { pendingSignal: carried } : {}) });
  if (carried) await deliverSignal(store, callbacks, request.caseId, request.taskToken, carried.signal);
  return { caseId: request.caseId, waitingFor: request.waitingFor, redelivered: Boolean(carried) };
}

export async function deliverSignal(store: CaseStore, callbacks: WorkflowCallbacks, caseId: string, taskToken: string, signal: WorkflowSignal): Promise<'delivered' | 'gone'> {
  if (!taskToken) return 'gone';
  const outcome = await callbacks.complete(taskToken, signal);
  if (outcome === 'delivered') await store.deleteWait(caseId, taskToken);
  return outcome;
}
