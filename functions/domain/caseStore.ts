/**
 * What the domain needs from the case store. The DynamoDB implementation is
 * `functions/store/dynamoCaseStore.ts`; tests of pure logic can use a fake.
 */
import type { AuditEvent } from './auditTrail';
import type { CaseMutation, ComplaintCase } from './complaintCase';
import type { Estate } from './estate';
import type { WaitKind, WorkflowSignal, WorkflowWait } from './lifecycle/workflowWait';

export interface IdempotencyRecord {
  /** SHA-256 of the client's Idempotency-Key (scoped by caller). */
  keyHash: string;
  /** SHA-256 of the canonical request body: a reused key with another body is refused. */
  requestHash: string;
  caseId: string;
  /** The resident's tracking token is returned again on a replay, so it is kept with the record until it expires. */
  trackingToken: string;
  expiresAt: number;
}

export interface MutationOptions {
  /** Claims the right to send this logical notification in the same transaction (at most once). */
  claimNotification?: string;
  /**
   * Records a person's decision for the waiting workflow in the same transaction; fails if the wait moved on.
   * Without a task token the decision came before the workflow reached the wait: it is kept for it.
   */
  signal?: { taskToken?: string; waitingFor: WaitKind; signal: WorkflowSignal };
}

export interface NotificationRecord {
  notificationKey: string;
  /** claimed: being sent (or in doubt if it stays so); sent: delivered to the email service; released: refused, may be retried. */
  status: 'claimed' | 'sent' | 'released';
  claimedAt: string;
  messageId?: string;
  sentAt?: string;
}

export type CreateCaseOutcome =
  | { created: true }
  | { created: false; existing: IdempotencyRecord };

export interface CaseStore {
  listEstates(): Promise<Estate[]>;
  getEstate(estateId: string): Promise<Estate | undefined>;
  /** Next number in the estate's reference sequence for `year` (1, 2, 3 ...). */
  nextReferenceNumber(estateId: string, year: number): Promise<number>;
  findIdempotencyRecord(keyHash: string): Promise<IdempotencyRecord | undefined>;
  /** Writes the case, its first audit event and the idempotency record in one transaction. */
  createCase(input: { complaintCase: ComplaintCase; firstEvent: AuditEvent; idempotency: IdempotencyRecord }): Promise<CreateCaseOutcome>;
  getCase(caseId: string): Promise<ComplaintCase | undefined>;
  listEvents(caseId: string): Promise<AuditEvent[]>;
  /**
   * Applies a planned mutation atomically; throws `VersionConflictError` if the case changed meanwhile.
   * With `claimNotification`, the same transaction claims the right to send that logical notification
   * and throws `NotificationAlreadyClaimedError` if it was claimed before: an email goes out at most once.
   */
  applyMutation(mutation: CaseMutation, options?: MutationOptions): Promise<ComplaintCase>;
  /** The workflow's current wait on a person, if any. */
  getWait(caseId: string): Promise<WorkflowWait | undefined>;
  /** Records a new wait (a new task token), replacing the previous one. */
  putWait(wait: WorkflowWait): Promise<void>;
  /** Removes the wait once its signal was delivered (only if it still holds that token). */
  deleteWait(caseId: string, taskToken: string): Promise<void>;
  listNotifications(caseId: string): Promise<NotificationRecord[]>;
  /** A person confirmed a notification in doubt was delivered after all. */
  markNotificationSent(caseId: string, notificationKey: string, confirmedBy: string): Promise<void>;
  getNotification(caseId: string, notificationKey: string): Promise<NotificationRecord | undefined>;
  /** Claims a notification that goes with no case change (e.g. to staff); false if already claimed and not released. */
  claimNotification(caseId: string, notificationKey: string, claimedAt: string): Promise<boolean>;
  /** Gives a claim back after the email service refused the message, so a retry may send it. */
  releaseNotification(caseId: string, notificationKey: string, reason: string): Promise<void>;
  recordNotificationSent(caseId: string, notificationKey: string, details: { messageId: string; sentAt: string; to: string; subject: string }): Promise<void>;
}
