/**
 * Random case histories for property tests: a case opened with `openCase`
 * and changed step by step with `planMutation` (so versions, times and shapes
 * are those the platform writes), by any of the changes the lifecycle makes.
 */
import fc from 'fast-check';
import { type CasePatch, type ComplaintCase, openCase, planMutation } from '../../functions/domain/complaintCase';
import { CAUSE_CATEGORIES, CHANNELS, SEVERITIES } from '../../functions/domain/vocabulary';

export type HistoryStep =
  | { kind: 'acknowledge' }
  | { kind: 'triage'; caseClass: 1 | 2 | 3; severity: (typeof SEVERITIES)[number]; category: (typeof CAUSE_CATEGORIES)[number]; departmentId: string; valid: boolean }
  | { kind: 'assign'; handler: string }
  | { kind: 'extend'; workingDays: number }
  | { kind: 'pause' }
  | { kind: 'respond'; outcome: 'upheld' | 'partly-upheld' | 'not-upheld'; lateByHours: number }
  | { kind: 'compensate'; proposed: number; outcome: 'approved' | 'amended' | 'rejected'; amount: number }
  | { kind: 'rate'; outcomeRating: number; processRating: number }
  | { kind: 'noResponse' }
  | { kind: 'stage2' }
  | { kind: 'escalate' }
  | { kind: 'close' }
  | { kind: 'closingReport'; recurrence: 'one-off' | 'systemic'; procedureDefect: boolean; ruleNotFollowed: boolean }
  | { kind: 'emailSent' }
  | { kind: 'setBuilding'; buildingId: string | null }
  | { kind: 'purge' };

const step: fc.Arbitrary<HistoryStep> = fc.oneof(
  fc.constant({ kind: 'acknowledge' as const }),
  fc.record({
    kind: fc.constant('triage' as const),
    caseClass: fc.constantFrom(1 as const, 2 as const, 3 as const),
    severity: fc.constantFrom(...SEVERITIES),
    category: fc.constantFrom(...CAUSE_CATEGORIES.slice(0, 3)),
    departmentId: fc.constantFrom('engineering', 'security'),
    valid: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('assign' as const), handler: fc.constantFrom('handler.a', 'handler.b', 'handler.c') }),
  fc.record({ kind: fc.constant('extend' as const), workingDays: fc.integer({ min: 1, max: 10 }) }),
  fc.constant({ kind: 'pause' as const }),
  fc.record({ kind: fc.constant('respond' as const), outcome: fc.constantFrom('upheld' as const, 'partly-upheld' as const, 'not-upheld' as const), lateByHours: fc.integer({ min: -200, max: 200 }) }),
  fc.record({ kind: fc.constant('compensate' as const), proposed: fc.integer({ min: 1, max: 500_000 }).map((c) => c / 100), outcome: fc.constantFrom('approved' as const, 'amended' as const, 'rejected' as const), amount: fc.integer({ min: 1, max: 500_000 }).map((c) => c / 100) }),
  fc.record({ kind: fc.constant('rate' as const), outcomeRating: fc.integer({ min: 1, max: 5 }), processRating: fc.integer({ min: 1, max: 5 }) }),
  fc.constant({ kind: 'noResponse' as const }),
  fc.constant({ kind: 'stage2' as const }),
  fc.constant({ kind: 'escalate' as const }),
  fc.constant({ kind: 'close' as const }),
  fc.record({ kind: fc.constant('closingReport' as const), recurrence: fc.constantFrom('one-off' as const, 'systemic' as const), procedureDefect: fc.boolean(), ruleNotFollowed: fc.boolean() }),
  fc.constant({ kind: 'emailSent' as const }),
  // Staff set or correct the building (or clear it): its count moves between buildings.
  fc.record({ kind: fc.constant('setBuilding' as const), buildingId: fc.constantFrom('T1', 'T2', null) }),
  fc.constant({ kind: 'purge' as const }),
);

export interface CaseHistorySpec {
  estateId: string;
  channel: (typeof CHANNELS)[number];
  /** Minutes after 2026-01-01T00:00Z. */
  receivedMinute: number;
  claim?: number;
  /** The building named at receipt. */
  buildingId?: string;
  steps: { step: HistoryStep; afterHours: number }[];
}

export const caseHistorySpec = (estateIds: readonly string[]): fc.Arbitrary<CaseHistorySpec> =>
  fc.record(
    {
      estateId: fc.constantFrom(...estateIds),
      channel: fc.constantFrom(...CHANNELS),
      receivedMinute: fc.integer({ min: 0, max: 60 * 24 * 120 }),
      claim: fc.integer({ min: 1, max: 1_000_000 }).map((c) => c / 100),
      buildingId: fc.constantFrom('T1', 'T2', 'T3'),
      steps: fc.array(fc.record({ step, afterHours: fc.integer({ min: 0, max: 96 }) }), { maxLength: 12 }),
    },
    { requiredKeys: ['estateId', 'channel', 'receivedMinute', 'steps'] },
  );

/** Every stored version of the case, oldest first. */
export function buildHistory(spec: CaseHistorySpec, index: number): ComplaintCase[] {
  let now = new Date(Date.UTC(2026, 0, 1) + spec.receivedMinute * 60_000);
  const iso = () => now.toISOString();
  const caseId = `01J${String(index).padStart(23, '0')}`;
  const { complaintCase } = openCase(
    {
      estateId: spec.estateId, unit: 'Block A', name: 'Resident', email: 'resident@example.com', language: 'en', channel: spec.channel, description: 'A complaint.',
      ...(spec.claim !== undefined ? { compensationClaim: { amount: spec.claim, currency: 'HKD' as const, basis: 'losses' } } : {}),
      ...(spec.buildingId !== undefined ? { buildingId: spec.buildingId } : {}),
    } as never,
    { caseId, reference: `${spec.estateId}-2026-${String(index).padStart(6, '0')}`, trackingTokenHash: 'h', personalDataSalt: 's' },
    { now: iso(), responseDueBy: new Date(now.getTime() + 5 * 86_400_000).toISOString(), requestId: 'r', actor: { type: 'resident' } },
  );
  const versions = [complaintCase];
  let current = complaintCase;
  for (const { step: s, afterHours } of spec.steps) {
    if (current.purge) break;
    now = new Date(now.getTime() + afterHours * 3_600_000 + 60_000);
    const patch = patchFor(current, s, iso());
    const { next } = planMutation(current, patch, { now: iso(), requestId: 'r', actor: { type: 'system' } as never, action: `test.${s.kind}` });
    current = next;
    versions.push(current);
  }
  return versions;
}

function patchFor(c: ComplaintCase, s: HistoryStep, now: string): CasePatch {
  const deadline = c.deadline ?? { policyId: 'seed-default', stageId: 'stage-1', startedAt: c.receivedAt, pauses: [], extensions: [] };
  switch (s.kind) {
    case 'acknowledge':
      return { status: 'acknowledged', acknowledgedAt: now };
    case 'triage':
      return {
        caseClass: s.caseClass, severity: s.severity, category: s.category, departmentId: s.departmentId, status: 'in-progress', deadline,
        triage: { valid: s.valid, confirmedBy: 'cslead', confirmedAt: now, corrected: false },
      };
    case 'assign':
      return { assigneeId: s.handler, stageHandlers: { ...c.stageHandlers, [`stage${c.stage}`]: s.handler } };
    case 'extend':
      return { deadline: { ...deadline, extensions: [...deadline.extensions, { workingDays: s.workingDays, reason: 'x', by: 'm', at: now }] } };
    case 'pause':
      return { deadline: { ...deadline, pauses: [...deadline.pauses, { from: now, to: now, reason: 'waiting' }] } };
    case 'respond': {
      const sentAt = new Date(new Date(c.responseDueBy).getTime() + s.lateByHours * 3_600_000).toISOString();
      return {
        status: 'responded',
        response: { outcome: s.outcome, decision: 'd', reasons: 'r', outstandingActions: [], rootCause: 'rc', accountability: 'a', by: 'h', at: now, sentAt },
        followUpAt: now,
      };
    }
    case 'compensate':
      return {
        compensation: {
          proposal: { amount: s.proposed, note: 'n', by: 'h', at: now },
          decision: { outcome: s.outcome, amount: s.amount, reasons: 'r', by: 'm', role: 'estate-manager', at: now },
        },
      };
    case 'rate':
      return { satisfaction: { outcomeRating: s.outcomeRating, processRating: s.processRating, answeredAt: now, stage: c.stage } };
    case 'noResponse':
      return { satisfaction: { noResponse: true, stage: c.stage } };
    case 'stage2':
      return { stage: 2, status: 'in-progress', deadline: { policyId: 'seed-default', stageId: 'stage-2', startedAt: now, pauses: [], extensions: [] }, responseDueBy: new Date(new Date(now).getTime() + 7 * 86_400_000).toISOString() };
    case 'escalate':
      return { escalationCount: (c.escalationCount ?? 0) + 1, escalationLevel: 1 };
    case 'close':
      return { status: 'closed', closedAt: now, closureReason: 'satisfied' };
    case 'closingReport': {
      // The supervisor's report with its lessons (only its lessons are counted; the rest is the case record).
      const lessons = { recurrence: s.recurrence, procedureDefect: s.procedureDefect, ruleNotFollowed: s.ruleNotFollowed, ...(s.recurrence === 'systemic' || s.procedureDefect || s.ruleNotFollowed ? { improvement: 'change the rota' } : {}) };
      return {
        closingReport: {
          stage: c.stage, closureReason: 'satisfied', cause: {}, handling: { outstandingActions: 0, escalationLevel: 0 },
          satisfaction: { noResponse: false, byPhone: false }, lessons, by: 'supervisor', role: 'cs-lead', at: now,
        },
      };
    }
    case 'emailSent':
      return {};
    case 'setBuilding':
      return { buildingId: s.buildingId ?? undefined };
    case 'purge':
      return { purge: { purgedAt: now, purgedThroughSeq: c.eventSeq, purgedThroughHash: c.headHash, retentionEndedAt: now, rule: 'test' } };
  }
}
