/**
 * Compensation review (seed 001 §5.5–5.6; ISO 10002 strategies: value
 * recovery). The recorder proposes with the response, the CS lead sums the
 * claim up for the manager with a recommendation and reasons (§5.6.2-3), the
 * estate manager decides (approve, amend or reject); above the group's threshold HQ must
 * approve as well. The decision screen shows the rule of seed 000 §4: the
 * second service's value C should be at least A + B (A: the original
 * service's value; B: what complaining cost the complainant).
 */
import * as z from 'zod/mini';
import type { StaffIdentity } from '../access/identity';
import type { ComplaintCase } from '../complaintCase';
import type { GroupSettings } from '../groupSettings';
import type { ActionRefusal, PlannedAction } from './staffActions';
import type { WorkflowWait } from './workflowWait';

const money = z.number().check(z.gte(0, 'must be 0 or more'), z.lte(10_000_000, 'must be at most 10,000,000'), z.refine((n) => Math.round(n * 100) === n * 100, 'at most 2 decimal places'));

export const compensationDecisionSchema = z.strictObject({
  decision: z.enum(['approve', 'amend', 'reject']),
  /** Required when amending; approving grants the amount claimed; rejecting grants nothing. */
  amount: z.optional(money),
  reasons: z.string().check(z.trim(), z.minLength(5, 'reasons must be at least 5 characters'), z.maxLength(4000, 'reasons must be at most 4000 characters')),
  valueRecovery: z.optional(z.strictObject({ originalServiceValueA: money, complainingCostB: money, proposedC: money })),
});
export type CompensationDecisionInput = z.infer<typeof compensationDecisionSchema>;

export interface ValueRecoveryGuidance {
  originalServiceValueA: number;
  complainingCostB: number;
  proposedC: number;
  /** C ≥ A + B */
  meetsRule: boolean;
  /** How much C falls short of A + B (0 when it meets the rule). */
  shortfall: number;
}

export function valueRecoveryGuidance(a: number, b: number, c: number): ValueRecoveryGuidance {
  const shortfall = Math.max(0, Math.round((a + b - c) * 100) / 100);
  return { originalServiceValueA: a, complainingCostB: b, proposedC: c, meetsRule: shortfall === 0, shortfall };
}

/** The CS lead's written summary of a claim to the manager (seed 001 §5.6.2-3): recommendation and reasons. */
export const compensationSummarySchema = {
  recommendation: z.enum(['approve', 'amend', 'reject'], 'recommendation must be approve, amend or reject'),
  /** The amount recommended: required when recommending another amount than the claim. */
  amount: z.optional(money),
  reasons: z.string().check(z.trim(), z.minLength(10, 'reasons must be at least 10 characters'), z.maxLength(4000, 'reasons must be at most 4000 characters')),
};

export function planCompensationSummary(
  context: { complaintCase: ComplaintCase; identity: StaffIdentity; now: string },
  input: { recommendation: 'approve' | 'amend' | 'reject'; amount?: number | undefined; reasons: string },
): PlannedAction | ActionRefusal {
  const { complaintCase: current, identity, now } = context;
  if (input.recommendation === 'amend' && input.amount === undefined) {
    return { status: 422, code: 'validation_failed', message: 'recommending another amount needs the amount', fields: { amount: 'is required when recommending another amount' } };
  }
  const amount = input.recommendation === 'approve' ? current.compensationClaim!.amount : input.recommendation === 'reject' ? 0 : input.amount!;
  return {
    patch: { compensation: { ...current.compensation, summary: { recommendation: input.recommendation, amount, reasons: input.reasons, by: identity.userId, role: identity.role, at: now } } },
    auditAction: 'compensation.summarised',
    signal: { event: 'compensation-summarised' },
  };
}

export function needsHqApproval(amount: number, currency: string, settings: GroupSettings): boolean {
  const threshold = settings.compensationHqThreshold[currency];
  return threshold !== undefined && amount > threshold;
}

export function planCompensationDecision(
  context: { complaintCase: ComplaintCase; wait: WorkflowWait | undefined; identity: StaffIdentity; now: string; settings: GroupSettings },
  input: CompensationDecisionInput,
): (PlannedAction & { guidance?: ValueRecoveryGuidance }) | ActionRefusal {
  const { complaintCase: current, wait, identity, now, settings } = context;
  const claim = current.compensationClaim;
  const waitingFor = wait && !wait.pendingSignal ? wait.waitingFor : undefined;
  if (claim && waitingFor === 'compensation-summary') {
    return { status: 409, code: 'compensation_summary_awaited', message: "the manager decides once the customer-service lead's summary of the claim is in (seed 001 §5.6.3)", fields: { decision: 'waits for the summary' } };
  }
  if (!claim || (waitingFor !== 'compensation-decision' && waitingFor !== 'compensation-hq-approval')) {
    return { status: 409, code: 'action_not_allowed', message: 'no compensation decision is awaited on this case now' };
  }
  if (input.decision === 'amend' && input.amount === undefined) {
    return { status: 422, code: 'validation_failed', message: 'an amended decision needs the amount', fields: { amount: 'is required when amending' } };
  }
  const amount = input.decision === 'approve' ? claim.amount : input.decision === 'reject' ? 0 : input.amount!;
  const outcome = input.decision === 'approve' ? 'approved' : input.decision === 'amend' ? 'amended' : 'rejected';
  const guidance = input.valueRecovery
    ? valueRecoveryGuidance(input.valueRecovery.originalServiceValueA, input.valueRecovery.complainingCostB, input.valueRecovery.proposedC)
    : undefined;
  if (waitingFor === 'compensation-hq-approval') {
    if (identity.role !== 'hq') return { status: 409, code: 'hq_approval_required', message: 'this amount is above the group threshold: HQ must approve it' };
    return {
      patch: { status: 'in-progress', compensation: { ...current.compensation, hqApproval: { outcome, amount, reasons: input.reasons, by: identity.userId, at: now } } },
      auditAction: 'compensation.hq-decided',
      public: { kind: 'compensation-decided' },
      signal: { event: 'compensation-decided', needsHqApproval: false },
      ...(guidance ? { guidance } : {}),
    };
  }
  const escalateToHq = amount > 0 && identity.role !== 'hq' && needsHqApproval(amount, claim.currency, settings);
  return {
    patch: {
      ...(escalateToHq ? {} : { status: 'in-progress' as const }),
      compensation: {
        ...current.compensation,
        ...(input.valueRecovery ? { valueRecovery: input.valueRecovery } : {}),
        decision: { outcome, amount, reasons: input.reasons, by: identity.userId, role: identity.role, at: now },
      },
    },
    auditAction: 'compensation.decided',
    ...(escalateToHq ? {} : { public: { kind: 'compensation-decided' } }),
    signal: { event: 'compensation-decided', needsHqApproval: escalateToHq },
    ...(guidance ? { guidance } : {}),
  };
}

/** The amount finally granted, once decided (HQ's approval overrides the estate's decision). */
export function grantedCompensation(complaintCase: ComplaintCase): { outcome: 'approved' | 'amended' | 'rejected'; amount: number; currency: string; reasons: string } | undefined {
  const claim = complaintCase.compensationClaim;
  const final = complaintCase.compensation?.hqApproval ?? complaintCase.compensation?.decision;
  if (!claim || !final) return undefined;
  return { outcome: final.outcome, amount: final.amount, currency: claim.currency, reasons: final.reasons };
}
