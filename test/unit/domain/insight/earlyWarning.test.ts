/**
 * The early-warning rule: fires on a planted spike, stays (almost) quiet on a
 * year of steady Poisson noise across 100 estates × 8 causes. The measured
 * false-alarm rate is quoted in docs/INSIGHT.md.
 */
import { describe, expect, it } from 'vitest';
import { checkWindow, DEFAULT_EARLY_WARNING_RULE, poissonUpperTail, scanForWarnings } from '../../../../functions/domain/insight/earlyWarning';

/** mulberry32: a seeded generator, so the year of noise is the same on every run. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
/** Knuth's method: fine for the small daily rates of one estate's cause. */
function poisson(lambda: number, next: () => number): number {
  const limit = Math.exp(-lambda);
  let k = 0;
  for (let p = next(); p > limit; p *= next()) k += 1;
  return k;
}

const WARM_UP = DEFAULT_EARLY_WARNING_RULE.windowDays + DEFAULT_EARLY_WARNING_RULE.baselineDays;

describe('the Poisson upper tail', () => {
  it('matches known values', () => {
    expect(poissonUpperTail(0, 2)).toBe(1);
    expect(poissonUpperTail(1, 2)).toBeCloseTo(1 - Math.exp(-2), 12);
    // P(X >= 5 | 1) = 1 - e^-1 (1 + 1 + 1/2 + 1/6 + 1/24)
    expect(poissonUpperTail(5, 1)).toBeCloseTo(1 - Math.exp(-1) * (1 + 1 + 0.5 + 1 / 6 + 1 / 24), 12);
  });
});

describe('early warning', () => {
  it('fires on a planted spike, with the count and expectation behind it', () => {
    const next = random(7);
    const daily = Array.from({ length: WARM_UP + 60 }, () => poisson(0.15, next));
    // Eight more complaints of one cause in three days at an estate that gets about one a week.
    daily[WARM_UP + 30] = (daily[WARM_UP + 30] ?? 0) + 3;
    daily[WARM_UP + 31] = (daily[WARM_UP + 31] ?? 0) + 3;
    daily[WARM_UP + 32] = (daily[WARM_UP + 32] ?? 0) + 2;
    const warnings = scanForWarnings([{ estateId: 'EST01', category: 'staff-attitude', daily }]);
    expect(warnings.length).toBeGreaterThanOrEqual(1);
    const first = warnings[0]!;
    expect(first.day).toBeGreaterThanOrEqual(WARM_UP + 30);
    expect(first.day).toBeLessThanOrEqual(WARM_UP + 32);
    expect(first.count).toBeGreaterThanOrEqual(first.expected * 3);
    // One alert per spike, not one a day while it stays in the window.
    expect(warnings.filter((w) => w.day <= WARM_UP + 38)).toHaveLength(1);
  });

  it('does not fire below the minimum count, even where the estate never had such a complaint', () => {
    expect(checkWindow([...Array<number>(89).fill(0), 1, 1]).alert).toBe(false);
    // With no history of the cause (the baseline floor, half a complaint a week), five in a week do not alert; six do.
    expect(checkWindow([...Array<number>(90).fill(0), 5]).alert).toBe(false);
    expect(checkWindow([...Array<number>(90).fill(0), 6]).alert).toBe(true);
  });

  it('stays quiet on a year of steady Poisson noise across 100 estates (false alarms under 0.1 per estate-year)', () => {
    const next = random(2026);
    const series = [];
    for (let estate = 0; estate < 100; estate += 1) {
      for (let category = 0; category < 8; category += 1) {
        // Daily rates from 0.02 to 2 (one complaint of a cause in 50 days, to two a day), log-uniform.
        const lambda = Math.exp(Math.log(0.02) + next() * (Math.log(2) - Math.log(0.02)));
        series.push({ estateId: `E${estate}`, category: `C${category}`, daily: Array.from({ length: WARM_UP + 365 }, () => poisson(lambda, next)) });
      }
    }
    const warnings = scanForWarnings(series);
    const perEstateYear = warnings.length / 100;
    const perSeriesDay = warnings.length / (series.length * 365);
    // Measured with the default rule (seeded, so the same every run): 2 alerts, 0.02 per estate-year (docs/INSIGHT.md).
    expect({ alerts: warnings.length, perEstateYear }).toEqual({ alerts: 2, perEstateYear: 0.02 });
    expect(perSeriesDay).toBeLessThan(1e-5);
  });
});
