/**
 * An in-memory CaseStore with the same guarantees as the DynamoDB one
 * (version checks, emails queued once, idempotency records), so domain logic
 * is tested without a database. `InMemoryEmailOutbox` (inMemoryEmailOutbox.ts)
 * works on its notifications.
 */
import type { AuditEvent } from '../../functions/domain/auditTrail';
import type { CaseStore, CreateCaseOutcome, IdempotencyRecord, NewCase, NotificationRecord } from '../../functions/domain/caseStore';
import type { CaseMutation, ComplaintCase } from '../../functions/domain/complaintCase';
import type { Estate } from '../../functions/domain/estate';
import { DEFAULT_GROUP_SETTINGS, type GroupSettings } from '../../functions/domain/groupSettings';
import { NotificationAlreadyClaimedError, VersionConflictError, WaitChangedError } from '../../functions/domain/errors';
import type { WorkflowWait } from '../../functions/domain/lifecycle/workflowWait';
import { openCaseOfUnit, sameUnit } from '../../functions/domain/openCasesOfUnit';
import type { QueuedEmail } from '../../functions/domain/notifications/outbox';
import type { MutationOptions } from '../../functions/domain/caseStore';

export class InMemoryCaseStore implements CaseStore {
  readonly estates = new Map<string, Estate>();
  readonly cases = new Map<string, ComplaintCase>();
  readonly events = new Map<string, AuditEvent[]>();
  readonly idempotency = new Map<string, IdempotencyRecord>();
  /** Keyed `<caseId>#<notificationKey>`; `dueAt` stands for the sparse outbox index (gsi8sk) of the DynamoDB store. */
  readonly notifications = new Map<string, NotificationRecord & { dueAt?: string }>();
  readonly waits = new Map<string, WorkflowWait>();
  private readonly counters = new Map<string, number>();
  /** The group settings the steps read; tests replace it. */
  settings: GroupSettings = DEFAULT_GROUP_SETTINGS;

  constructor(estates: Estate[] = []) {
    for (const estate of estates) this.estates.set(estate.estateId, estate);
  }

  async groupSettings() {
    return this.settings;
  }
  async listEstates() {
    return [...this.estates.values()];
  }
  async getEstate(estateId: string) {
    return this.estates.get(estateId);
  }
  async nextReferenceNumber(estateId: string, year: number) {
    const key = `${estateId}#${year}`;
    const next = (this.counters.get(key) ?? 0) + 1;
    this.counters.set(key, next);
    return next;
  }
  readonly returnedReferences: string[] = [];
  returnReferenceNumber(estateId: string, year: number, number: number) {
    this.returnedReferences.push(`${estateId}#${year}#${number}`);
  }
  /** Rate charges are not counted here: tests of limits use DynamoDB Local. */
  async createCase(input: NewCase): Promise<CreateCaseOutcome> {
    const existing = this.idempotency.get(input.idempotency.keyHash);
    if (existing) return { created: false, existing };
    this.idempotency.set(input.idempotency.keyHash, structuredClone(input.idempotency));
    this.cases.set(input.complaintCase.caseId, structuredClone(input.complaintCase));
    this.events.set(input.complaintCase.caseId, [structuredClone(input.firstEvent)]);
    return { created: true };
  }
  async getCase(caseId: string) {
    const found = this.cases.get(caseId);
    return found ? structuredClone(found) : undefined;
  }
  async listOpenCasesOfUnit(estateId: string, unit: string) {
    return [...this.cases.values()].filter((c) => c.estateId === estateId && c.status !== 'closed' && !c.purge && sameUnit(c.unit, unit)).map(openCaseOfUnit);
  }
  async listEvents(caseId: string) {
    return structuredClone(this.events.get(caseId) ?? []);
  }
  async applyMutation(mutation: CaseMutation, options: MutationOptions = {}) {
    const { caseId } = mutation.next;
    const current = this.cases.get(caseId);
    if (!current || current.version !== mutation.expectedVersion) throw new VersionConflictError(caseId, mutation.expectedVersion);
    const wait = this.waits.get(caseId);
    if (options.signal && options.signal.taskToken === undefined) {
      if (wait) throw new WaitChangedError(caseId);
      this.waits.set(caseId, { caseId, waitingFor: options.signal.waitingFor, taskToken: '', since: mutation.event.at, pendingSignal: { waitingFor: options.signal.waitingFor, signal: structuredClone(options.signal.signal) } });
    } else if (options.signal) {
      if (!wait || wait.taskToken !== options.signal.taskToken || wait.pendingSignal) throw new WaitChangedError(caseId);
      wait.pendingSignal = { waitingFor: options.signal.waitingFor, signal: structuredClone(options.signal.signal) };
    }
    if (options.queueEmail && !this.canQueue(options.queueEmail)) throw new NotificationAlreadyClaimedError(caseId, options.queueEmail.notificationKey);
    if (options.queueEmail) this.putQueued(options.queueEmail);
    this.cases.set(caseId, structuredClone(mutation.next));
    this.events.get(caseId)!.push(structuredClone(mutation.event));
    return structuredClone(mutation.next);
  }
  async getWait(caseId: string) {
    return structuredClone(this.waits.get(caseId));
  }
  async putWait(wait: WorkflowWait) {
    this.waits.set(wait.caseId, structuredClone(wait));
  }
  async deleteWait(caseId: string, taskToken: string) {
    if (this.waits.get(caseId)?.taskToken === taskToken) this.waits.delete(caseId);
  }
  async listNotifications(caseId: string): Promise<NotificationRecord[]> {
    return [...this.notifications.entries()].filter(([key]) => key.startsWith(`${caseId}#`)).map(([, value]) => record(value));
  }
  async getNotification(caseId: string, notificationKey: string) {
    const found = this.notifications.get(`${caseId}#${notificationKey}`);
    return found ? record(found) : undefined;
  }
  async queueEmail(email: QueuedEmail) {
    if (!this.canQueue(email)) return false;
    this.putQueued(email);
    return true;
  }
  async settleNotification(seen: NotificationRecord, verdict: 'were-sent' | 'were-not-sent', settled: { by: string; at: string; pickUpAt: string }) {
    const key = `${seen.caseId}#${seen.notificationKey}`;
    const stored = this.notifications.get(key);
    if (!stored || stored.status !== seen.status || (seen.status === 'sending' && stored.sendingSince !== seen.sendingSince)) return false;
    if (stored.status === 'claimed') {
      Object.assign(stored, verdict === 'were-sent' ? { status: 'sent', confirmedBy: settled.by } : { status: 'released' });
    } else if (verdict === 'were-sent') {
      Object.assign(stored, { status: 'sent', confirmedBy: settled.by, message: undefined, nextAttemptAt: undefined, attention: undefined, dueAt: undefined });
    } else {
      Object.assign(stored, { status: 'queued', attempts: 0, sendingSince: undefined, nextAttemptAt: undefined, attention: undefined, lastError: undefined, dueAt: settled.pickUpAt });
    }
    return true;
  }
  private canQueue(email: QueuedEmail) {
    const existing = this.notifications.get(`${email.caseId}#${email.notificationKey}`);
    return !existing || existing.status === 'released';
  }
  private putQueued(email: QueuedEmail) {
    this.notifications.set(`${email.caseId}#${email.notificationKey}`, {
      caseId: email.caseId,
      notificationKey: email.notificationKey,
      status: 'queued',
      queuedAt: email.queuedAt,
      recipient: email.to,
      subject: email.message.subject,
      message: { text: email.message.text, html: email.message.html },
      ...(email.language ? { language: email.language } : {}),
      ...(email.publicWhenSent ? { publicWhenSent: email.publicWhenSent } : {}),
      attempts: 0,
      dueAt: email.pickUpAt,
    });
  }
}

/** A copy without the stand-in index attribute and without unset fields, as the DynamoDB store returns it. */
function record(stored: NotificationRecord & { dueAt?: string }): NotificationRecord {
  const { dueAt: _due, ...rest } = structuredClone(stored);
  return Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as unknown as NotificationRecord;
}
