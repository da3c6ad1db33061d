/**
 * The email outbox's state changes on an InMemoryCaseStore's notifications,
 * with the same conditions as the DynamoDB implementation
 * (functions/store/emailOutbox.ts), so the delivery logic is tested alone.
 */
import type { CaseMutation } from '../../functions/domain/complaintCase';
import { VersionConflictError } from '../../functions/domain/errors';
import type { EmailOutbox, NotificationRecord } from '../../functions/domain/notifications/outbox';
import type { InMemoryCaseStore } from './inMemoryCaseStore';

export class InMemoryEmailOutbox implements EmailOutbox {
  constructor(private readonly store: InMemoryCaseStore) {}

  private item(caseId: string, notificationKey: string) {
    return this.store.notifications.get(`${caseId}#${notificationKey}`);
  }

  async claim(caseId: string, notificationKey: string, at: { sendingSince: string; inDoubtAt: string }) {
    const item = this.item(caseId, notificationKey);
    if (!item || item.status !== 'queued' || (item.nextAttemptAt !== undefined && item.nextAttemptAt > at.sendingSince)) return false;
    Object.assign(item, { status: 'sending', sendingSince: at.sendingSince, dueAt: at.inDoubtAt, nextAttemptAt: undefined });
    return true;
  }

  async recordSent(caseId: string, notificationKey: string, sent: { sendingSince: string; sentAt: string; messageId: string }, audit?: CaseMutation) {
    const item = this.item(caseId, notificationKey);
    if (audit && this.store.cases.get(caseId)?.version !== audit.expectedVersion) throw new VersionConflictError(caseId, audit.expectedVersion);
    if (!item || item.status !== 'sending' || item.sendingSince !== sent.sendingSince) throw new Error(`email ${notificationKey} of case ${caseId} is no longer marked as being sent`);
    if (audit) await this.store.applyMutation(audit);
    Object.assign(item, { status: 'sent', sentAt: sent.sentAt, messageId: sent.messageId, message: undefined, nextAttemptAt: undefined, dueAt: undefined });
  }

  async requeue(caseId: string, notificationKey: string, sendingSince: string, retry: { attempts: number; nextAttemptAt: string; lastError: string }) {
    const item = this.sendingSince(caseId, notificationKey, sendingSince);
    Object.assign(item, { status: 'queued', attempts: retry.attempts, nextAttemptAt: retry.nextAttemptAt, lastError: retry.lastError, sendingSince: undefined, dueAt: retry.nextAttemptAt });
  }

  async fail(caseId: string, notificationKey: string, sendingSince: string, failure: { attempts: number; lastError: string; at: string }) {
    const item = this.sendingSince(caseId, notificationKey, sendingSince);
    Object.assign(item, { status: 'failed', attempts: failure.attempts, lastError: failure.lastError, attention: { reason: 'refused', at: failure.at }, sendingSince: undefined, dueAt: undefined });
  }

  async wake(caseId: string, notificationKey: string, at: { now: string; recheckAt: string }) {
    const item = this.item(caseId, notificationKey);
    if (item?.status !== 'queued') return false;
    Object.assign(item, { nextAttemptAt: undefined, dueAt: at.recheckAt });
    this.woken.push(notificationKey);
    return true;
  }

  /** The keys `wake` changed, in order (in DynamoDB each is a stream record the sender receives). */
  readonly woken: string[] = [];

  async markInDoubt(caseId: string, notificationKey: string, sendingSince: string, at: string) {
    const item = this.item(caseId, notificationKey);
    if (!item || item.status !== 'sending' || item.sendingSince !== sendingSince || item.attention) return false;
    Object.assign(item, { attention: { reason: 'in-doubt', at }, dueAt: undefined });
    return true;
  }

  async withdraw(caseId: string, notificationKey: string, _at: string) {
    const item = this.item(caseId, notificationKey);
    if (item?.status === 'queued') Object.assign(item, { status: 'withdrawn', message: undefined, dueAt: undefined });
  }

  async dueEmails(now: string, limit: number): Promise<NotificationRecord[]> {
    return [...this.store.notifications.values()]
      .filter((item) => item.dueAt !== undefined && item.dueAt <= now)
      .sort((a, b) => (a.dueAt! < b.dueAt! ? -1 : 1))
      .slice(0, limit)
      .map((item) => {
        const { dueAt: _due, ...rest } = structuredClone(item);
        return rest;
      });
  }

  private sendingSince(caseId: string, notificationKey: string, sendingSince: string) {
    const item = this.item(caseId, notificationKey);
    if (!item || item.status !== 'sending' || item.sendingSince !== sendingSince) throw new Error(`notification ${notificationKey} of case ${caseId} is no longer being sent by this attempt`);
    return item;
  }
}
