/**
 * What the domain needs from the case store. The DynamoDB implementation is
 * `functions/store/dynamoCaseStore.ts`; tests of pure logic can use a fake.
 */
import type { AuditEvent } from './auditTrail';
import type { CaseMutation, ComplaintCase } from './complaintCase';
import type { Estate } from './estate';
import type { GroupSettings } from './groupSettings';
import type { NotificationRecord, QueuedEmail } from './notifications/outbox';
import type { RateCharge, RateRefusal } from './rateLimit';
import type { WaitKind, WorkflowSignal, WorkflowWait } from './lifecycle/workflowWait';
import type { OpenCaseOfUnit } from './openCasesOfUnit';
import type { MailDeskDraft } from './inboundMail/mailDesk';

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
  /**
   * Queues this email in the same transaction (the transactional outbox, functions/domain/notifications/outbox.ts):
   * the change and its email are stored together or not at all, and a logical notification is queued only once.
   */
  queueEmail?: QueuedEmail;
  /**
   * Records a person's decision for the waiting workflow in the same transaction; fails if the wait moved on.
   * Without a task token the decision came before the workflow reached the wait: it is kept for it.
   */
  signal?: { taskToken?: string; waitingFor: WaitKind; signal: WorkflowSignal };
  /** Starts a new execution of the lifecycle once the change is stored (from the table stream), entering at this stage. */
  startLifecycle?: 'stage-2';
  /**
   * Takes this set-aside message off its mail desk, with its mail-desk ledger entry, in the same transaction
   * (docs/EMAIL_INTAKE.md, "The mail desk"): if someone took it meanwhile nothing is stored and the store throws
   * its mail-desk conflict. Not combined with the other options.
   */
  settleSetAside?: SetAsideSettlement;
}

export interface SetAsideSettlement {
  desk: string;
  messageId: string;
  entry: MailDeskDraft;
}

export type { NotificationRecord };

export type CreateCaseOutcome =
  | { created: true }
  | { created: false; existing: IdempotencyRecord }
  /** A rate limit charged in the same transaction was full: nothing was stored. */
  | { created: false; rateLimited: RateRefusal };

export interface NewCase {
  complaintCase: ComplaintCase;
  firstEvent: AuditEvent;
  idempotency: IdempotencyRecord;
  /** Counted in the same transaction: the case is stored only if every one of them has room. */
  rateCharges?: readonly RateCharge[];
  /**
   * Whether storing the case starts its lifecycle (from the table stream). Default yes; cases
   * written with their history already made (imports, test fixtures) say no.
   */
  startLifecycle?: boolean;
}

export interface CaseStore {
  /** Every estate, deactivated ones included (intake refuses those: `isEstateActive`). */
  listEstates(): Promise<Estate[]>;
  /** The group's settings as stored by administrators (the seed until they are first stored). */
  groupSettings(): Promise<GroupSettings>;
  getEstate(estateId: string): Promise<Estate | undefined>;
  /** A number of the estate's reference sequence for `year` (1, 2, 3 ...) that no other case has. */
  nextReferenceNumber(estateId: string, year: number): Promise<number>;
  /** Gives back a number from `nextReferenceNumber` whose case was not stored, for the next complaint. */
  returnReferenceNumber(estateId: string, year: number, number: number): void;
  /** Writes the case, its first audit event, the idempotency record and the rate-limit counts in one transaction. */
  createCase(input: NewCase): Promise<CreateCaseOutcome>;
  getCase(caseId: string): Promise<ComplaintCase | undefined>;
  /**
   * Cases of the estate that are not closed and whose unit is the same as `unit` (compared with `sameUnit`), for the
   * duplicate proposal at acknowledgement. Reads the estate's open-status partitions, never the whole table.
   */
  listOpenCasesOfUnit(estateId: string, unit: string): Promise<OpenCaseOfUnit[]>;
  listEvents(caseId: string): Promise<AuditEvent[]>;
  /**
   * Applies a planned mutation atomically; throws `VersionConflictError` if the case changed meanwhile.
   * With `queueEmail`, the same transaction queues that email, and throws `NotificationAlreadyClaimedError`
   * if its logical notification was queued before: a retried step never queues an email twice.
   */
  applyMutation(mutation: CaseMutation, options?: MutationOptions): Promise<ComplaintCase>;
  /** The workflow's current wait on a person, if any. */
  getWait(caseId: string): Promise<WorkflowWait | undefined>;
  /** Records a new wait (a new task token), replacing the previous one. */
  putWait(wait: WorkflowWait): Promise<void>;
  /** Removes the wait once its signal was delivered (only if it still holds that token). */
  deleteWait(caseId: string, taskToken: string): Promise<void>;
  /** The case's emails, in every state (consistent read). */
  listNotifications(caseId: string): Promise<NotificationRecord[]>;
  getNotification(caseId: string, notificationKey: string): Promise<NotificationRecord | undefined>;
  /** Queues an email that goes with no case change (staff, outside parties); false if that notification was queued before. */
  queueEmail(email: QueuedEmail): Promise<boolean>;
  /**
   * A person settled an email that was in doubt or refused too often (`record` as they were shown it): `were-sent`
   * records it as sent (confirmed by them), `were-not-sent` queues it again from scratch (sent once `pickUpAt` at the latest).
   * False if the email moved on meanwhile.
   */
  settleNotification(record: NotificationRecord, verdict: 'were-sent' | 'were-not-sent', settled: { by: string; at: string; pickUpAt: string }): Promise<boolean>;
}
