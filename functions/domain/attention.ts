/**
 * When a workflow step fails for good, the case is parked visibly as
 * "needs attention" and the estate's customer-service desk is alerted (the
 * alert is queued in the email outbox like every other email): a complaint is
 * never lost in a silently failed execution. A person checks it and resumes
 * the workflow at the failed step (staff action `resume-workflow`).
 */
import type { CaseStore } from './caseStore';
import { changeCase, notifyOnce, type StepDependencies } from './lifecycle/notifyOnce';
import { escapeHtml } from './notifications/emailMessage';

export interface AttentionRequest {
  caseId: string;
  failedStep: string;
  errorName: string;
}

export async function parkCaseForAttention(request: AttentionRequest, requestId: string, deps: StepDependencies & { store: CaseStore }) {
  const parked = await changeCase(deps, { caseId: request.caseId, requestId, step: 'parkForAttention' }, {
    auditAction: `workflow.step-failed:${request.failedStep}:${request.errorName}`.slice(0, 200),
    public: { kind: 'needs-attention' },
    patch: (current, _estate, now) =>
      current.status === 'needs-attention' && current.parked?.failedStep === request.failedStep
        ? undefined
        : { status: 'needs-attention', parked: { failedStep: request.failedStep, errorName: request.errorName, previousStatus: current.status === 'needs-attention' ? (current.parked?.previousStatus ?? 'in-progress') : current.status, at: now } },
  });
  const estate = await deps.store.getEstate(parked.estateId);
  if (estate) {
    const subject = `[Needs attention 需跟進] Complaint ${parked.reference}: ${request.failedStep} failed`;
    const paragraphs = [
      `自動步驟「${request.failedStep}」處理投訴 ${parked.reference} 時失敗（${request.errorName}）。個案已標記為「需跟進」，請在職員介面檢查，必要時聯絡投訴人，然後恢復流程。`,
      `The automated step "${request.failedStep}" failed for complaint ${parked.reference} (${request.errorName}).`,
      'The case is parked as "needs attention". Please check it in the staff console, contact the complainant if needed, then resume the workflow.',
    ];
    // Queued, not sent: parking never depends on the mail service (the case shows as "needs attention" in the console either way).
    await notifyOnce(deps, parked.caseId, `attention-${request.failedStep}-${parked.version}`, estate.customerServiceEmail, {
      subject,
      text: paragraphs.join('\n\n'),
      html: paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join(''),
    });
  }
  return { caseId: parked.caseId, status: 'needs-attention', failedStep: request.failedStep, alerted: Boolean(estate) };
}
