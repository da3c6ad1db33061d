/**
 * The regulator measures (CH01, CH02, TP09, SPSO) and the working-day percentiles the dashboard shows,
 * from hand-made counters whose answers can be worked out on paper (docs/INSIGHT.md gives the definitions).
 */
import { describe, expect, it } from 'vitest';
import { dashboardOf, percentiles, regulatorMeasures } from '../../../../functions/domain/insight/dashboard';

// 10 complaints, 2 of them at stage 2; 8 stage-1 answers (4 in 3 working days, 2 in 5, 2 in 7), 6 on time;
// 2 stage-2 answers (15 and 25 working days), 1 on time; handling rated 5, 5, 5 and 2; one case extended.
const counters = {
  cases: 10,
  'stage:2': 2,
  'answer:s1:count': 8,
  'answer:s1:onTime': 6,
  'answer:s1:days:3': 4,
  'answer:s1:days:5': 2,
  'answer:s1:days:7': 2,
  'answer:s2:count': 2,
  'answer:s2:onTime': 1,
  'answer:s2:days:15': 1,
  'answer:s2:days:25': 1,
  'satisfaction:process:5': 3,
  'satisfaction:process:2': 1,
  extended: 1,
  'outcome:upheld': 3,
  'outcome:partly-upheld': 2,
  'outcome:not-upheld': 5,
};

describe('regulator measures', () => {
  it('computes CH01, CH02, TP09 and the SPSO indicators from the counters', () => {
    const measures = regulatorMeasures(counters, 2_000);
    expect(measures.CH01).toMatchObject({ stage1PerThousandHomes: 5, stage2PerThousandHomes: 1, stage1: 10, stage2: 2, homes: 2_000 });
    expect(measures.CH02.stage1WithinTimescale).toEqual({ numerator: 6, denominator: 8, rate: 0.75 });
    expect(measures.CH02.stage2WithinTimescale).toEqual({ numerator: 1, denominator: 2, rate: 0.5 });
    expect(measures.TP09.satisfiedWithHandling).toEqual({ numerator: 3, denominator: 4, rate: 0.75 });
    expect(measures.SPSO.stage1ClosedWithin5WorkingDays).toEqual({ numerator: 6, denominator: 8, rate: 0.75 });
    expect(measures.SPSO.stage2ClosedWithin20WorkingDays).toEqual({ numerator: 1, denominator: 2, rate: 0.5 });
    expect(measures.SPSO.averageWorkingDays).toEqual({ stage1: 4.5, stage2: 20 });
    expect(measures.SPSO.outcomes).toEqual({ upheld: 3, 'partly-upheld': 2, 'not-upheld': 5 });
    expect(measures.SPSO.extended).toEqual({ numerator: 1, denominator: 10, rate: 0.1 });
  });

  it('gives no rate per 1,000 homes without the homes, and no share without anything to divide', () => {
    const measures = regulatorMeasures({}, 0);
    expect(measures.CH01.stage1PerThousandHomes).toBeNull();
    expect(measures.CH02.stage1WithinTimescale.rate).toBeNull();
    expect(measures.TP09.satisfiedWithHandling.rate).toBeNull();
    expect(measures.SPSO.averageWorkingDays).toEqual({ stage1: null, stage2: null });
  });

  it('takes the median and 90th percentile from the working-day histogram', () => {
    expect(percentiles(counters, 'answer:s1:days:')).toEqual({ count: 8, median: 3, p90: 7, mean: 4.5 });
  });

  it('withholds the rate per 1,000 homes on the dashboard when one estate covered has no number of homes', () => {
    const series = [{ scope: 'EST01', periods: new Map([['M2026-10', counters]]) }, { scope: 'EST02', periods: new Map([['M2026-10', { cases: 2 }]]) }];
    const partial = dashboardOf({ periods: ['M2026-10'], series, homes: { EST01: 1_000 }, estateIds: ['EST01', 'EST02'], showHandlers: false });
    expect(partial.perThousandHomes).toEqual({ homes: 1_000, estatesWithHomes: 1, estates: 2, complaints: null });
    expect(partial.regulator.CH01.stage1PerThousandHomes).toBeNull();
    const whole = dashboardOf({ periods: ['M2026-10'], series, homes: { EST01: 1_000, EST02: 1_000 }, estateIds: ['EST01', 'EST02'], showHandlers: false });
    expect(whole.perThousandHomes.complaints).toBe(6);
    expect(whole.regulator.CH01.stage1PerThousandHomes).toBe(6);
  });
});
