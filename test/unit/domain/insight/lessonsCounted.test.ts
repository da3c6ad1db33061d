/**
 * The closing report's lessons (seed 003: one-off or systemic, procedure defective, rule not followed) are
 * counted in the aggregates and shown with the dashboard's figures; the property test
 * (aggregates.property.test.ts) keeps incremental == rebuild with closing reports in the histories.
 */
import { describe, expect, it } from 'vitest';
import { contributionOf } from '../../../../functions/domain/insight/caseContribution';
import { figuresOf } from '../../../../functions/domain/insight/dashboard';
import { buildHistory } from '../../../support/caseHistories';

const context = { estate: { estateId: 'EST01', jurisdiction: 'HK' as const, timeZone: 'Asia/Hong_Kong' }, reportingTimeZone: 'Asia/Hong_Kong' };

describe('lessons learned in the aggregates', () => {
  it('counts a closed case with a systemic cause, a defective procedure and no rule broken', () => {
    const versions = buildHistory({
      estateId: 'EST01', channel: 'web', receivedMinute: 0,
      steps: [
        { step: { kind: 'acknowledge' }, afterHours: 1 },
        { step: { kind: 'close' }, afterHours: 1 },
        { step: { kind: 'closingReport', recurrence: 'systemic', procedureDefect: true, ruleNotFollowed: false }, afterHours: 1 },
      ],
    }, 1);
    const before = contributionOf(versions.at(-2)!, context)!;
    const after = contributionOf(versions.at(-1)!, context)!;
    expect(Object.keys(before.counters).filter((k) => k.startsWith('lessons:'))).toEqual([]);
    expect(after.counters).toMatchObject({ 'lessons:reported': 1, 'lessons:systemic': 1, 'lessons:procedureDefect': 1, 'lessons:improvement': 1 });
    expect(after.counters['lessons:ruleNotFollowed']).toBeUndefined();
    expect(after.counters['lessons:one-off']).toBeUndefined();
  });

  it('gives the share of closed cases with a report and what the reports found', () => {
    const lessons = figuresOf({ cases: 6, closed: 4, 'lessons:reported': 3, 'lessons:one-off': 2, 'lessons:systemic': 1, 'lessons:ruleNotFollowed': 1, 'lessons:improvement': 1 }, false).lessons;
    expect(lessons).toEqual({ closed: 4, reported: { numerator: 3, denominator: 4, rate: 0.75 }, oneOff: 2, systemic: 1, procedureDefect: 0, ruleNotFollowed: 1, improvement: 1 });
  });
});
