/**
 * Early warning (預警, seed 000 subsystem 1): more complaints of one cause in
 * one estate, or in one building of an estate, than its own history makes likely.
 *
 * The rule, per estate and cause category, evaluated each day:
 * - window: the last `windowDays` days (7), count x;
 * - baseline: the same estate and cause over the `baselineDays` (84) days
 *   before the window, as a rate per window: λ = (count ÷ baselineDays) ×
 *   windowDays, but at least `minimumRate` (so an estate with no history of a
 *   cause is not alarmed by its first two complaints);
 * - alert when x ≥ `minimumCount` (3) and the Poisson upper tail
 *   P(X ≥ x | λ) < `alpha` (3e-5): fewer than three chances in a hundred
 *   thousand that steady complaining at the estate's own rate would produce
 *   this many (evaluated daily for every estate and cause, a looser alpha
 *   alarms too often: 1e-4 gave 0.16 false alarms per estate-year);
 * - once raised, the same estate and cause is not raised again until the
 *   window has passed (one alert per spike, not one a day).
 * Where a cause comes about once a week, 8 in a week alert; with no history, 6.
 * The same rule runs per building (cases naming one): the building's own history is its baseline, so a burst in
 * one block of a large estate stands out even where the estate as a whole stays within its usual range.
 * On a simulated year of steady Poisson noise over 100 estates × 8 causes the rule raised 2 false alarms
 * (0.02 per estate-year): test/unit/domain/insight/earlyWarning.test.ts, docs/INSIGHT.md.
 */

import { isEstateShardScope, parseShardBuildingCounter } from './caseContribution';

export interface EarlyWarningRule {
  windowDays: number;
  baselineDays: number;
  minimumCount: number;
  alpha: number;
  /** Floor of the baseline rate, per window. */
  minimumRate: number;
}

export const DEFAULT_EARLY_WARNING_RULE: EarlyWarningRule = { windowDays: 7, baselineDays: 84, minimumCount: 3, alpha: 3e-5, minimumRate: 0.5 };

/** P(X ≥ x) for X ~ Poisson(λ), summed from the lower side (x is small), clamped at 0. */
export function poissonUpperTail(x: number, lambda: number): number {
  if (x <= 0) return 1;
  let term = Math.exp(-lambda);
  let below = term;
  for (let k = 1; k < x; k += 1) {
    term *= lambda / k;
    below += term;
  }
  return Math.max(0, 1 - below);
}

export interface WarningCheck {
  count: number;
  expected: number;
  pValue: number;
  alert: boolean;
}

/** The rule on one series of daily counts (oldest first), for the window ending with its last day. */
export function checkWindow(daily: readonly number[], rule: EarlyWarningRule = DEFAULT_EARLY_WARNING_RULE): WarningCheck {
  const window = daily.slice(-rule.windowDays);
  const baseline = daily.slice(-(rule.windowDays + rule.baselineDays), -rule.windowDays);
  const count = window.reduce((a, b) => a + b, 0);
  // A short history (a new estate) is scaled by the days it has.
  const baselineCount = baseline.reduce((a, b) => a + b, 0);
  const expected = Math.max(rule.minimumRate, baseline.length === 0 ? 0 : (baselineCount / baseline.length) * rule.windowDays);
  const pValue = poissonUpperTail(count, expected);
  return { count, expected: Math.round(expected * 1000) / 1000, pValue, alert: count >= rule.minimumCount && pValue < rule.alpha };
}

export interface EarlyWarning extends WarningCheck {
  estateId: string;
  /** Present when the series is one building's (absent: the whole estate's). */
  buildingId?: string;
  category: string;
  /** The last day of the window (index into the series, or a date by the caller). */
  day: number;
}

/**
 * Runs the rule day by day over daily series (per estate and category) and returns the alerts it would have raised,
 * holding back a repeat for the same series until its window has passed.
 */
export function scanForWarnings(
  series: readonly { estateId: string; buildingId?: string; category: string; daily: readonly number[] }[],
  rule: EarlyWarningRule = DEFAULT_EARLY_WARNING_RULE,
  fromDay = rule.windowDays + rule.baselineDays - 1,
): EarlyWarning[] {
  const warnings: EarlyWarning[] = [];
  for (const s of series) {
    let quietUntil = -1;
    for (let day = fromDay; day < s.daily.length; day += 1) {
      if (day < quietUntil) continue;
      const check = checkWindow(s.daily.slice(0, day + 1), rule);
      if (!check.alert) continue;
      warnings.push({ estateId: s.estateId, ...(s.buildingId !== undefined ? { buildingId: s.buildingId } : {}), category: s.category, day, ...check });
      quietUntil = day + rule.windowDays;
    }
  }
  return warnings;
}

/** A daily bucket of one cause category as the store gives it (a shard's, or one estate's own). */
export interface DailyCategoryBucket {
  scope: string;
  category: string;
  period: string;
  counters: Readonly<Record<string, number>>;
}

export interface WarningSeries {
  estateId: string;
  buildingId?: string;
  category: string;
  daily: number[];
}

/**
 * The daily series the rule runs on, per estate and cause and per building and cause: from the group's shards
 * (`estate:<id>` and `building:<estate>/<building>` counters) or from estates' own buckets (`cases` and
 * `building:<id>`). `days` are the period ids of the days, oldest first; buckets of other days are ignored.
 */
export function warningSeriesOf(buckets: Iterable<DailyCategoryBucket>, days: readonly string[]): WarningSeries[] {
  const index = new Map(days.map((d, i) => [d, i]));
  const series = new Map<string, WarningSeries>();
  const add = (estateId: string, buildingId: string | undefined, category: string, dayIndex: number, n: number) => {
    const key = `${estateId}|${buildingId ?? ''}|${category}`;
    let row = series.get(key);
    if (!row) {
      row = { estateId, ...(buildingId !== undefined ? { buildingId } : {}), category, daily: days.map(() => 0) };
      series.set(key, row);
    }
    row.daily[dayIndex] = (row.daily[dayIndex] ?? 0) + n;
  };
  for (const bucket of buckets) {
    const i = index.get(bucket.period);
    if (i === undefined) continue;
    if (isEstateShardScope(bucket.scope)) {
      for (const [name, n] of Object.entries(bucket.counters)) {
        if (name.startsWith('estate:')) add(name.slice('estate:'.length), undefined, bucket.category, i, n);
        const building = parseShardBuildingCounter(name);
        if (building) add(building.estateId, building.buildingId, bucket.category, i, n);
      }
    } else {
      add(bucket.scope, undefined, bucket.category, i, bucket.counters.cases ?? 0);
      for (const [name, n] of Object.entries(bucket.counters)) if (name.startsWith('building:')) add(bucket.scope, name.slice('building:'.length), bucket.category, i, n);
    }
  }
  return [...series.values()];
}
