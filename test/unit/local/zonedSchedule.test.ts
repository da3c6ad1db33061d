import { describe, expect, it } from 'vitest';
import { lambdaFunctions, type LambdaSpec } from '../../../infra/catalog';
import { cronPatternOf, nextZonedRun } from '../../../infra/local/zonedSchedule';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe('zoned schedules locally (the Monday report)', () => {
  it('reads EventBridge crons, and refuses what it would misread', () => {
    expect(cronPatternOf('cron(0 1 ? * MON *)')).toBe('0 1 * * MON');
    expect(() => cronPatternOf('cron(0 1 ? * 2 *)')).toThrow(/name the days/);
    expect(() => cronPatternOf('rate(1 minute)')).toThrow(/not an EventBridge cron/);
    expect(() => cronPatternOf('cron(0 1 ? * MON 2027)')).toThrow(/year/);
  });

  it('runs at 01:00 Monday Hong Kong time: Sunday 17:00 UTC', () => {
    // Wednesday 9 December 2026 → Monday 14 December 01:00 +08:00.
    expect(iso(nextZonedRun('cron(0 1 ? * MON *)', 'Asia/Hong_Kong', at('2026-12-09T03:00:00Z')))).toBe('2026-12-13T17:00:00.000Z');
    // Exactly at a run: the next one, a week later.
    expect(iso(nextZonedRun('cron(0 1 ? * MON *)', 'Asia/Hong_Kong', at('2026-12-13T17:00:00Z')))).toBe('2026-12-20T17:00:00.000Z');
  });

  it('follows daylight saving where the zone has it', () => {
    // London: 01:00 Monday is 00:00 UTC in summer and 01:00 UTC in winter.
    expect(iso(nextZonedRun('cron(0 1 ? * MON *)', 'Europe/London', at('2026-07-01T00:00:00Z')))).toBe('2026-07-06T00:00:00.000Z');
    expect(iso(nextZonedRun('cron(0 1 ? * MON *)', 'Europe/London', at('2026-12-01T00:00:00Z')))).toBe('2026-12-07T01:00:00.000Z');
  });

  it('every zoned catalog schedule is one the local runtime can run', () => {
    for (const [name, spec] of Object.entries(lambdaFunctions) as [string, LambdaSpec][]) {
      if (!spec.schedule?.timeZone) continue;
      expect(() => nextZonedRun(spec.schedule!.expression, spec.schedule!.timeZone!, Date.now()), name).not.toThrow();
    }
  });
});
