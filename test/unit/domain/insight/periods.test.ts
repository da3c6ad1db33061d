/** Periods of the figures: ISO weeks, month and day ids, their instants in a time zone, and stepping. */
import { describe, expect, it } from 'vitest';
import { firstDayOf, nextPeriod, periodIdsOf, periodInstants, periodsBetween, previousPeriod, toPeriodId, weekPeriod } from '../../../../functions/domain/insight/periods';

describe('periods', () => {
  it('numbers ISO weeks as ISO 8601 does, across year ends', () => {
    expect(weekPeriod({ year: 2026, month: 1, day: 1 })).toBe('W2026-W01'); // a Thursday
    expect(weekPeriod({ year: 2027, month: 1, day: 1 })).toBe('W2026-W53'); // a Friday of 2026's last week
    expect(weekPeriod({ year: 2024, month: 12, day: 30 })).toBe('W2025-W01'); // a Monday
    expect(weekPeriod({ year: 2026, month: 10, day: 5 })).toBe('W2026-W41');
    expect(firstDayOf('W2025-W01')).toEqual({ year: 2024, month: 12, day: 30 });
  });

  it('counts an instant in the reporting time zone', () => {
    // 16:30 UTC on 31 October is 00:30 on 1 November in Hong Kong.
    expect(periodIdsOf('2026-10-31T16:30:00.000Z', 'Asia/Hong_Kong')).toEqual({ day: 'D2026-11-01', week: 'W2026-W44', month: 'M2026-11' });
    expect(periodInstants('M2026-11', 'Asia/Hong_Kong')).toEqual({ from: '2026-10-31T16:00:00.000Z', to: '2026-11-30T16:00:00.000Z' });
    expect(periodInstants('W2026-W41', 'Europe/London')).toEqual({ from: '2026-10-04T23:00:00.000Z', to: '2026-10-11T23:00:00.000Z' });
  });

  it('steps and spans periods', () => {
    expect(nextPeriod('M2026-12')).toBe('M2027-01');
    expect(previousPeriod('W2026-W01')).toBe('W2025-W52');
    expect(nextPeriod('D2026-02-28')).toBe('D2026-03-01');
    expect(periodsBetween('M2026-11', 'M2027-02')).toEqual(['M2026-11', 'M2026-12', 'M2027-01', 'M2027-02']);
    expect(toPeriodId('2026-W48', 'week')).toBe('W2026-W48');
    expect(toPeriodId('2026-13', 'month')).toBeUndefined();
  });
});
