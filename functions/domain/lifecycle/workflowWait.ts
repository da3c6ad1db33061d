/**
 * A case's workflow waits on people at a few points (human-in-the-loop
 * `.waitForTaskToken` tasks). The wait record holds the task token and, once
 * a person has acted, the signal to deliver — written in the same
 * transaction as the case change, so a crash between the two is redelivered.
 */
export const WAIT_KINDS = ['triage', 'resolution', 'compensation-summary', 'compensation-decision', 'compensation-hq-approval', 'feedback', 'recovery'] as const;
export type WaitKind = (typeof WAIT_KINDS)[number];

export type SignalEvent =
  | 'triaged'
  | 'invalid'
  | 'responded'
  | 'deadline-moved'
  | 'escalated'
  | 'interim-response'
  | 'compensation-summarised'
  | 'compensation-decided'
  | 'feedback'
  | 'stage-2-requested'
  | 'withdrawn'
  | 'recovered';

export interface WorkflowSignal {
  event: SignalEvent;
  [detail: string]: string | number | boolean | null;
}

export interface WorkflowWait {
  caseId: string;
  waitingFor: WaitKind;
  taskToken: string;
  since: string;
  /** A person's decision not yet confirmed delivered to the workflow. */
  pendingSignal?: { waitingFor: WaitKind; signal: WorkflowSignal };
}
