/**
 * An in-memory CaseStore with the same guarantees as the DynamoDB one
 * (version checks, one-time notification claims, idempotency records), so
 * domain logic is tested without a database.
 */
import type { AuditEvent } from '../../functions/domain/auditTrail';
import type { CaseStore, CreateCaseOutcome, IdempotencyRecord, NotificationRecord } from '../../functions/domain/caseStore';
import type { CaseMutation, ComplaintCase } from '../../functions/domain/complaintCase';
import type { Estate } from '../../functions/domain/estate';
import { NotificationAlreadyClaimedError, VersionConflictError, WaitChangedError } from '../../functions/domain/errors';
import type { WorkflowWait } from '../../functions/domain/lifecycle/workflowWait';
import type { MutationOptions } from '../../functions/domain/caseStore';

export class InMemoryCaseStore implements CaseStore {
  readonly estates = new Map<string, Estate>();
  readonly cases = new Map<string, ComplaintCase>();
  readonly events = new Map<string, AuditEvent[]>();
  readonly idempotency = new Map<string, IdempotencyRecord>();
  readonly notifications = new Map<string, NotificationRecord & { to?: string }>();
  readonly waits = new Map<string, WorkflowWait>();
  private readonly counters = new Map<string, number>();

  constructor(estates: Estate[] = []) {
    for (const estate of estates) this.estates.set(estate.estateId, estate);
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
  async findIdempotencyRecord(keyHash: string) {
    return this.idempotency.get(keyHash);
  }
  async createCase(input: { complaintCase: ComplaintCase; firstEvent: AuditEvent; idempotency: IdempotencyRecord }): Promise<CreateCaseOutcome> {
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
    const claimKey = options.claimNotification ? `${caseId}#${options.claimNotification}` : undefined;
    if (claimKey) {
      const claim = this.notifications.get(claimKey);
      if (claim && claim.status !== 'released') throw new NotificationAlreadyClaimedError(caseId, options.claimNotification!);
      this.notifications.set(claimKey, { notificationKey: options.claimNotification!, status: 'claimed', claimedAt: mutation.event.at });
    }
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
  async listNotifications(caseId: string) {
    return [...this.notifications.entries()].filter(([key]) => key.startsWith(`${caseId}#`)).map(([, value]) => structuredClone(value));
  }
  async markNotificationSent(caseId: string, notificationKey: string) {
    const claim = this.notifications.get(`${caseId}#${notificationKey}`);
    if (claim?.status === 'claimed') claim.status = 'sent';
  }
  async getNotification(caseId: string, notificationKey: string) {
    return this.notifications.get(`${caseId}#${notificationKey}`);
  }
  async claimNotification(caseId: string, notificationKey: string, claimedAt: string) {
    const key = `${caseId}#${notificationKey}`;
    const claim = this.notifications.get(key);
    if (claim && claim.status !== 'released') return false;
    this.notifications.set(key, { notificationKey, status: 'claimed', claimedAt });
    return true;
  }
  async releaseNotification(caseId: string, notificationKey: string) {
    const claim = this.notifications.get(`${caseId}#${notificationKey}`);
    if (claim?.status === 'claimed') claim.status = 'released';
  }
  async recordNotificationSent(caseId: string, notificationKey: string, details: { messageId: string; sentAt: string; to: string }) {
    const claim = this.notifications.get(`${caseId}#${notificationKey}`);
    if (claim) Object.assign(claim, { status: 'sent', messageId: details.messageId, sentAt: details.sentAt, to: details.to });
  }
}
