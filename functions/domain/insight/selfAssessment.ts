/**
 * The annual self-assessments HQ files, from the same pre-aggregated counters as the dashboard (no case is
 * read): the Housing Ombudsman's Complaint Handling Code (2024) §8 self-assessment, and an ISO 10002:2018
 * self-assessment of the complaints-handling process (clauses 7 operation, 8 maintenance and improvement).
 *
 * For each provision or clause the platform can evidence it gives the figure of the period (a count or a
 * share with its numerator and denominator, and the case-list filter that lists the cases behind it) and the
 * gaps it can see in those figures; what only people can say (policy wording, staffing, publication, the
 * governing body's scrutiny, management review...) is a `statement` item, left blank for a person to complete.
 * Pure: counters and the estates' policies in, a language-neutral document out (the texts are the message
 * catalogue's `selfAssessment` block; docs/INSIGHT.md lists what each figure is).
 */
import type { DeadlinePolicy } from '../deadlinePolicy';
import type { Counters } from './caseContribution';
import { figuresOf, percentiles, regulatorMeasures } from './dashboard';

/** A figure of the period: a count, a share (value = numerator ÷ denominator), working days or a rate per 1,000 homes. */
export interface Evidence {
  /** Message key under `selfAssessment.measures`. */
  measure: string;
  unit: 'count' | 'share' | 'workingDays' | 'perThousandHomes';
  /** null when there is nothing to divide by, or the figure cannot be given (e.g. homes unknown). */
  value: number | null;
  numerator?: number;
  denominator?: number;
  /** Case-list filters (beyond the period and estates) that list the cases behind the figure. */
  cases?: Record<string, string>;
}

/** Something the figures show is missing or late (message key under `selfAssessment.gaps`, with its count). */
export interface Gap {
  gap: string;
  count?: number;
}

export interface AssessmentItem {
  /** The Code's provision (`6.2`) or the standard's clause (`7.4`); a section of the Code is `§3`. */
  id: string;
  /** `measured`: the platform gives figures; `statement`: a person must write the evidence (left blank). */
  kind: 'measured' | 'statement';
  evidence: Evidence[];
  gaps: Gap[];
  /** Platform controls that hold for every case, whatever the period (message keys under `selfAssessment.controls`). */
  controls: string[];
}

/** The timescales the estates' policies set (general tier), to set beside the Code's. */
export interface PolicyTimescales {
  policyId: string;
  title: string;
  estates: number;
  stages: { stage: 1 | 2; acknowledgeWithinWorkingDays: number | null; respondWithinWorkingDays: number; maxExtensionWorkingDays: number | null }[];
}

export interface SelfAssessmentInput {
  /** The counters of the period, summed over the estates covered (the dashboard's `all` slice). */
  counters: Counters;
  /** Homes of the estates covered; 0 when any estate's number of homes is unknown (then no rate per 1,000 homes). */
  homes: number;
  /** The deadline policy of each estate covered. */
  policies: DeadlinePolicy[];
}

const share = (measure: string, numerator: number, denominator: number, cases?: Record<string, string>): Evidence => ({
  measure, unit: 'share', numerator, denominator, value: denominator === 0 ? null : Math.round((numerator / denominator) * 10_000) / 10_000, ...(cases ? { cases } : {}),
});
const count = (measure: string, value: number, cases?: Record<string, string>): Evidence => ({ measure, unit: 'count', value, ...(cases ? { cases } : {}) });
const days = (measure: string, value: number | null): Evidence => ({ measure, unit: 'workingDays', value });
const nonZero = (counts: Record<string, unknown>) => Object.entries(counts).filter((e): e is [string, number] => typeof e[1] === 'number' && e[1] > 0);
const gapIf = (gap: string, n: number): Gap[] => (n > 0 ? [{ gap, count: n }] : []);

/** How many of a working-day histogram (`prefix<d>` counters) are within `limit` days. */
function within(c: Counters, prefix: string, limit: number): number {
  let n = 0;
  for (let d = 0; d <= limit; d += 1) n += c[`${prefix}${d}`] ?? 0;
  return n;
}

function timescalesOf(policies: DeadlinePolicy[]): PolicyTimescales[] {
  const byId = new Map<string, PolicyTimescales>();
  for (const policy of policies) {
    const known = byId.get(policy.id);
    if (known) {
      known.estates += 1;
      continue;
    }
    byId.set(policy.id, {
      policyId: policy.id,
      title: policy.title,
      estates: 1,
      stages: policy.stages.slice(0, 2).map((stage, i) => {
        const rule = stage.tiers.general;
        return { stage: (i + 1) as 1 | 2, acknowledgeWithinWorkingDays: rule.acknowledgeWithinWorkingDays, respondWithinWorkingDays: rule.respondWithinWorkingDays, maxExtensionWorkingDays: rule.maxExtensionWorkingDays };
      }),
    });
  }
  return [...byId.values()].sort((a, b) => b.estates - a.estates || a.policyId.localeCompare(b.policyId));
}

/** The Code's sections whose evidence is the landlord's own (policy, people, publication): one blank statement each. */
const CODE_STATEMENT_SECTIONS = ['§1', '§2', '§3', '§4', '§5'] as const;

export function housingOmbudsmanSelfAssessment(input: SelfAssessmentInput): AssessmentItem[] {
  const c = input.counters;
  const f = figuresOf(c, false);
  const regulator = regulatorMeasures(c, input.homes);
  const ackCount = c['ack:count'] ?? 0;
  const ackWithin5 = within(c, 'ack:days:', 5);
  const s1 = c['answer:s1:count'] ?? 0;
  const s2 = c['answer:s2:count'] ?? 0;
  const stage2Cases = c['stage:2'] ?? 0;
  const ack2Count = c['ack2:count'] ?? 0;
  const stage2Handled = c['stage2:handled'] ?? 0;
  const sameHandler = c['stage2:sameHandler'] ?? 0;
  const extensions = c.extensions ?? 0;
  const upheld = (c['outcome:upheld'] ?? 0) + (c['outcome:partly-upheld'] ?? 0);
  const item = (id: string, evidence: Evidence[], gaps: Gap[] = [], controls: string[] = []): AssessmentItem => ({ id, kind: 'measured', evidence, gaps, controls });
  const statement = (id: string): AssessmentItem => ({ id, kind: 'statement', evidence: [], gaps: [], controls: [] });
  return [
    ...CODE_STATEMENT_SECTIONS.map(statement),
    item('6.2', [count('received', f.cases, {}), share('acknowledgedWithin5', ackWithin5, ackCount), share('acknowledgedByPolicy', c['ack:onTime'] ?? 0, ackCount), days('acknowledgeMedian', f.acknowledgement.workingDays.median)],
      [...gapIf('acknowledgedAfter5', ackCount - ackWithin5), ...gapIf('notAcknowledged', f.cases - ackCount - (c.onTheSpot ?? 0))], ['acknowledgementDeadline']),
    item('6.3', [share('stage1ByDeadline', c['answer:s1:onTime'] ?? 0, s1, { stage: '1' }), share('stage1Within10', within(c, 'answer:s1:days:', 10), s1, { stage: '1' }), days('stage1Median', f.answer.stage1.workingDays.median), days('stage1P90', f.answer.stage1.workingDays.p90)],
      gapIf('stage1Late', s1 - (c['answer:s1:onTime'] ?? 0)), ['deadlineFromPolicy']),
    item('6.4', [share('extendedCases', c.extended ?? 0, f.cases), count('extensions', extensions), days('extensionMeanDays', extensions === 0 ? null : Math.round(((c.extensionDays ?? 0) / extensions) * 100) / 100)],
      [{ gap: 'extensionStageNotSplit' }], ['extensionCapped', 'extensionOmbudsmanNotice']),
    item('6.10', [share('progressedToStage2', stage2Cases, f.cases, { stage: '2' })], [], ['stage2OnDissatisfaction']),
    item('6.11', [share('stage2AcknowledgedWithin5', within(c, 'ack2:days:', 5), ack2Count, { stage: '2' }), share('stage2AcknowledgedByPolicy', c['ack2:onTime'] ?? 0, ack2Count, { stage: '2' }),
      days('stage2AcknowledgeMedian', percentiles(c, 'ack2:days:').median)],
      [...gapIf('stage2AcknowledgedAfter5', ack2Count - within(c, 'ack2:days:', 5)), ...gapIf('stage2NotAcknowledged', stage2Cases - ack2Count)], ['stage2Acknowledgement']),
    item('6.13', [share('stage2SeparateHandler', stage2Handled - sameHandler, stage2Handled, { stage: '2' })], [...gapIf('stage2SameHandler', sameHandler), ...gapIf('stage2NoHandler', stage2Cases - stage2Handled)]),
    item('6.14', [share('stage2ByDeadline', c['answer:s2:onTime'] ?? 0, s2, { stage: '2' }), share('stage2Within20', within(c, 'answer:s2:days:', 20), s2, { stage: '2' }), days('stage2Median', f.answer.stage2.workingDays.median)],
      gapIf('stage2Late', s2 - (c['answer:s2:onTime'] ?? 0)), ['deadlineFromPolicy']),
    item('6.15', [count('extensions', extensions)], [{ gap: 'extensionStageNotSplit' }], ['extensionCapped', 'extensionOmbudsmanNotice']),
    item('7.1', [share('upheldOrPartly', upheld, upheld + f.outcomes['not-upheld']), count('compensationAwarded', f.compensation.awarded.cases)], [{ gap: 'remedyCompletionNotTracked' }]),
    item('8.1', [
      { measure: 'CH01stage1', unit: 'perThousandHomes', value: regulator.CH01.stage1PerThousandHomes, numerator: regulator.CH01.stage1, denominator: input.homes },
      { measure: 'CH01stage2', unit: 'perThousandHomes', value: regulator.CH01.stage2PerThousandHomes, numerator: regulator.CH01.stage2, denominator: input.homes },
      share('CH02stage1', regulator.CH02.stage1WithinTimescale.numerator, regulator.CH02.stage1WithinTimescale.denominator, { stage: '1' }),
      share('CH02stage2', regulator.CH02.stage2WithinTimescale.numerator, regulator.CH02.stage2WithinTimescale.denominator, { stage: '2' }),
      share('TP09', regulator.TP09.satisfiedWithHandling.numerator, regulator.TP09.satisfiedWithHandling.denominator),
    ], [...(input.homes === 0 ? [{ gap: 'homesUnknown' }] : []), { gap: 'governingBodyResponse' }]),
    statement('8.2'),
    item('9.1', [share('closingReports', c['lessons:reported'] ?? 0, c.closed ?? 0, { status: 'closed' }), count('lessonsSystemic', c['lessons:systemic'] ?? 0), count('lessonsProcedureDefect', c['lessons:procedureDefect'] ?? 0), count('lessonsRuleNotFollowed', c['lessons:ruleNotFollowed'] ?? 0), count('lessonsImprovement', c['lessons:improvement'] ?? 0)],
      gapIf('closedWithoutReport', (c.closed ?? 0) - (c['lessons:reported'] ?? 0))),
    statement('§9'),
  ];
}

export function iso10002SelfAssessment(input: SelfAssessmentInput): AssessmentItem[] {
  const c = input.counters;
  const f = figuresOf(c, false);
  const cases = f.cases;
  const untriagedClass = c['class:untriaged'] ?? 0;
  const untriagedCategory = c['category:untriaged'] ?? 0;
  const ackCount = c['ack:count'] ?? 0;
  const answered = (c['answer:s1:count'] ?? 0) + (c['answer:s2:count'] ?? 0);
  const onTime = (c['answer:s1:onTime'] ?? 0) + (c['answer:s2:onTime'] ?? 0);
  const closed = c.closed ?? 0;
  const outcomes = f.outcomes.upheld + f.outcomes['partly-upheld'] + f.outcomes['not-upheld'];
  const surveyAsked = c['survey:asked'] ?? 0;
  const surveyAnswered = c['survey:answered'] ?? 0;
  const handling = f.satisfaction.withHandling;
  const open = cases - closed;
  const item = (id: string, evidence: Evidence[], gaps: Gap[] = [], controls: string[] = []): AssessmentItem => ({ id, kind: 'measured', evidence, gaps, controls });
  const statement = (id: string, controls: string[] = []): AssessmentItem => ({ id, kind: 'statement', evidence: [], gaps: [], controls });
  return [
    // 7 Operation of the complaints-handling process
    item('7.2', [count('received', cases, {}), ...nonZero(f.byChannel).map(([channel, n]) => count(`channel.${channel}`, n, { channel }))], [], ['uniqueReference', 'idempotentIntake']),
    item('7.3', [count('open', open), count('closed', closed, { status: 'closed' }), count('escalated', f.escalated)], [], ['auditChain', 'trackingLink']),
    item('7.4', [share('acknowledgedByPolicy', c['ack:onTime'] ?? 0, ackCount), days('acknowledgeMedian', f.acknowledgement.workingDays.median)],
      [...gapIf('acknowledgedLate', ackCount - (c['ack:onTime'] ?? 0)), ...gapIf('notAcknowledged', cases - ackCount - (c.onTheSpot ?? 0))], ['acknowledgementDeadline']),
    item('7.5', [share('triaged', cases - untriagedClass, cases), count('invalid', f.invalid), count('resolvedOnTheSpot', f.resolvedOnTheSpot), ...nonZero(f.bySeverity).map(([severity, n]) => count(`severity.${severity}`, n, { severity }))],
      gapIf('untriaged', untriagedClass), ['triageProposal']),
    item('7.6', [share('extendedCases', c.extended ?? 0, cases), share('pausedCases', c.paused ?? 0, cases), count('escalated', f.escalated)], [], ['deadlineFromPolicy', 'extensionCapped']),
    item('7.7', [share('answeredByDeadline', onTime, answered), days('answerMedian', f.answer.workingDays.median), days('answerP90', f.answer.workingDays.p90)], gapIf('answeredLate', answered - onTime)),
    item('7.8', [count('decisionsCommunicated', outcomes), count('outcome.upheld', f.outcomes.upheld, { outcome: 'upheld' }), count('outcome.partly-upheld', f.outcomes['partly-upheld'], { outcome: 'partly-upheld' }), count('outcome.not-upheld', f.outcomes['not-upheld'], { outcome: 'not-upheld' })],
      [], ['responseInLanguage', 'lettersWithoutEmail']),
    item('7.9', [share('closed', closed, cases, { status: 'closed' }), share('closingReports', c['lessons:reported'] ?? 0, closed, { status: 'closed' })], gapIf('closedWithoutReport', closed - (c['lessons:reported'] ?? 0))),
    // 8 Maintenance and improvement
    item('8.1', [share('causeRecorded', cases - untriagedCategory, cases)], gapIf('causeNotRecorded', untriagedCategory), ['auditChain']),
    item('8.2', [count('lessonsSystemic', c['lessons:systemic'] ?? 0), count('lessonsProcedureDefect', c['lessons:procedureDefect'] ?? 0), count('lessonsRuleNotFollowed', c['lessons:ruleNotFollowed'] ?? 0), ...nonZero(f.byCategory).map(([category, n]) => count(`category.${category}`, n, { category }))],
      [], ['earlyWarning', 'dashboard']),
    item('8.3', [share('surveyResponse', surveyAnswered, surveyAsked), share('satisfiedWithHandling', handling.satisfied.numerator, handling.satisfied.denominator), share('satisfiedWithOutcome', f.satisfaction.withOutcome.satisfied.numerator, f.satisfaction.withOutcome.satisfied.denominator)],
      [...(surveyAsked > 0 && surveyAnswered * 2 < surveyAsked ? [{ gap: 'lowSurveyResponse', count: surveyAsked - surveyAnswered }] : [])]),
    item('8.4', [share('answeredByDeadline', onTime, answered), share('acknowledgedByPolicy', c['ack:onTime'] ?? 0, ackCount)], [], ['weeklyReport', 'dashboard', 'deadlineWarnings']),
    statement('8.5', ['auditChain', 'auditVerification']),
    statement('8.6'),
    item('8.7', [count('lessonsImprovement', c['lessons:improvement'] ?? 0)], [{ gap: 'improvementsNotTracked' }]),
  ];
}

export function selfAssessment(input: SelfAssessmentInput) {
  return {
    policies: timescalesOf(input.policies),
    housingOmbudsman: housingOmbudsmanSelfAssessment(input),
    iso10002: iso10002SelfAssessment(input),
  };
}

export type SelfAssessment = ReturnType<typeof selfAssessment>;
