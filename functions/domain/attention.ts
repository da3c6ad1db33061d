/**
 * When a workflow step fails for good, the case is parked visibly as
 * "needs attention" and the estate's customer-service desk is alerted:
 * a complaint is never lost in a silently failed execution.
 */
import type { EmailSender } from './acknowledgement';
import type { CaseStore } from './caseStore';
import { planMutation } from './complaintCase';
import { VersionConflictError } from './errors';
import { escapeHtml } from './notifications/emailMessage';

export interface AttentionRequest {
  caseId: string;
  failedStep: string;
  errorName: string;
}

export async function parkCaseForAttention(request: AttentionRequest, requestId: string, deps: { store: CaseStore; email: EmailSender; now: () => Date }) {
  for (let attempt = 1; ; attempt += 1) {
    const current = await deps.store.getCase(request.caseId);
    if (!current) throw new Error(`case ${request.caseId} not found`);
    const estate = await deps.store.getEstate(current.estateId);
    const notificationKey = `attention-${request.failedStep}-${current.version}`;
    const sealed = planMutation(current, { status: 'needs-attention' }, {
      now: deps.now().toISOString(),
      requestId,
      actor: { type: 'system', id: 'parkForAttention' },
      action: `workflow.step-failed:${request.failedStep}:${request.errorName}`.slice(0, 200),
      public: { kind: 'needs-attention' },
    });
    try {
      await deps.store.applyMutation(sealed, estate ? { claimNotification: notificationKey } : {});
    } catch (error) {
      if (error instanceof VersionConflictError && attempt < 5) continue;
      throw error;
    }
    if (estate) {
      const subject = `[Needs attention] Complaint ${current.reference}: ${request.failedStep} failed`;
      const text = [
        `The automated step "${request.failedStep}" failed for complaint ${current.reference} (${request.errorName}).`,
        'The case is parked as "needs attention". Please check it in the staff console and contact the complainant if needed.',
      ].join('\n\n');
      const messageId = await deps.email.send({ to: estate.customerServiceEmail, subject, text, html: text.split('\n\n').map((p) => `<p>${escapeHtml(p)}</p>`).join(''), notificationKey, caseId: current.caseId });
      await deps.store.recordNotificationSent(current.caseId, notificationKey, { messageId, sentAt: deps.now().toISOString(), to: estate.customerServiceEmail, subject });
    }
    return { caseId: current.caseId, status: 'needs-attention' };
  }
}
