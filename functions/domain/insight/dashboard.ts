/**
 * The dashboard's figures from pre-aggregated buckets (no case is read): what
 * HQ, estate managers and CS leads see for a period, a set of estates and a
 * class / category filter. Also the regulator measures computed from the same
 * counters (docs/INSIGHT.md says how each is defined).
 */
import { CASE_STATUSES, CAUSE_CATEGORIES, CHANNELS, SEVERITIES } from '../vocabulary';
import { addInto } from './aggregatePlan';
import { type Counters, DAYS_HISTOGRAM_CAP, isEstateShardScope } from './caseContribution';

export interface BucketSeries {
  /** Estate id, or `GROUP`. */
  scope: string;
  /** Period id → counters. */
  periods: Map<string, Counters>;
}

export interface DashboardInput {
  periods: string[];
  /** The scopes read: `GROUP` with its estate shards, or one or several estates. */
  series: BucketSeries[];
  /** Homes per estate (for complaints per 1,000 homes, given only when every estate covered has a figure). */
  homes: Record<string, number | undefined>;
  /** The estates the figures cover (for the homes total). */
  estateIds: string[];
  /** Whether per-handler figures may be shown (their managers, HQ, compliance: never peers). */
  showHandlers: boolean;
}

export interface Rate {
  numerator: number;
  denominator: number;
  /** numerator ÷ denominator, rounded to 4 places; null when nothing to divide by. */
  rate: number | null;
}

const rate = (numerator: number, denominator: number): Rate => ({ numerator, denominator, rate: denominator === 0 ? null : Math.round((numerator / denominator) * 10_000) / 10_000 });

/** Median and 90th percentile from a histogram of whole working days (`prefix<n>` counters; the cap bucket means "cap or more"). */
export function percentiles(counters: Counters, prefix: string): { count: number; median: number | null; p90: number | null; mean: number | null } {
  const histogram: number[] = [];
  for (let d = 0; d <= DAYS_HISTOGRAM_CAP; d += 1) histogram.push(counters[`${prefix}${d}`] ?? 0);
  const count = histogram.reduce((a, b) => a + b, 0);
  if (count === 0) return { count, median: null, p90: null, mean: null };
  const at = (q: number) => {
    const rank = Math.ceil(q * count);
    let seen = 0;
    for (const [days, n] of histogram.entries()) {
      seen += n;
      if (seen >= rank) return days;
    }
    return DAYS_HISTOGRAM_CAP;
  };
  const mean = histogram.reduce((sum, n, days) => sum + n * days, 0) / count;
  return { count, median: at(0.5), p90: at(0.9), mean: Math.round(mean * 100) / 100 };
}

/** Counters whose name starts with `prefix`, by the rest of the name. */
function byPrefix(counters: Counters, prefix: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, value] of Object.entries(counters)) if (name.startsWith(prefix) && value !== 0) out[name.slice(prefix.length)] = value;
  return out;
}

function ratings(counters: Counters, prefix: string) {
  const distribution: Record<string, number> = {};
  let count = 0;
  let sum = 0;
  let satisfied = 0;
  for (let r = 1; r <= 5; r += 1) {
    const n = counters[`${prefix}${r}`] ?? 0;
    distribution[r] = n;
    count += n;
    sum += n * r;
    if (r >= 4) satisfied += n;
  }
  return { count, mean: count === 0 ? null : Math.round((sum / count) * 100) / 100, satisfied: rate(satisfied, count), distribution };
}

function money(counters: Counters, prefix: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [currency, cents] of Object.entries(byPrefix(counters, `${prefix}:`))) out[currency] = cents / 100;
  return out;
}

/** Figures of one set of counters (a period's, or the total of the range). */
export function figuresOf(c: Counters, showHandlers: boolean) {
  const cases = c.cases ?? 0;
  const fill = (names: readonly (string | number)[], prefix: string) => Object.fromEntries([...names.map(String), 'untriaged'].map((n) => [n, c[`${prefix}${n}`] ?? 0]).filter(([n, v]) => n !== 'untriaged' || v !== 0));
  const performance = (prefix: 'dept' | 'handler') => {
    const out: Record<string, { cases: number; closed: number; answered: number; onTime: Rate; stage2: Rate; averageAnswerWorkingDays: number | null; satisfaction: { rated: number; mean: number | null } }> = {};
    for (const name of Object.keys(c)) {
      const match = new RegExp(`^${prefix}:(.+):cases$`).exec(name);
      if (!match || (c[name] ?? 0) === 0) continue;
      const id = match[1]!;
      const get = (k: string) => c[`${prefix}:${id}:${k}`] ?? 0;
      out[id] = {
        cases: get('cases'),
        closed: get('closed'),
        answered: get('answered'),
        onTime: rate(get('onTime'), get('answered')),
        stage2: rate(get('stage2'), get('cases')),
        averageAnswerWorkingDays: get('answered') === 0 ? null : Math.round((get('answerDays') / get('answered')) * 100) / 100,
        satisfaction: { rated: get('rated'), mean: get('rated') === 0 ? null : Math.round((get('ratingSum') / get('rated')) * 100) / 100 },
      };
    }
    return out;
  };
  return {
    cases,
    byStatus: Object.fromEntries(CASE_STATUSES.map((s) => [s, c[`status:${s}`] ?? 0])),
    byClass: fill([1, 2, 3], 'class:'),
    bySeverity: fill(SEVERITIES, 'severity:'),
    byCategory: fill(CAUSE_CATEGORIES, 'category:'),
    byChannel: Object.fromEntries(CHANNELS.map((ch) => [ch, c[`channel:${ch}`] ?? 0])),
    invalid: c.invalid ?? 0,
    resolvedOnTheSpot: c.onTheSpot ?? 0,
    escalated: c.escalated ?? 0,
    acknowledgement: { onTime: rate(c['ack:onTime'] ?? 0, c['ack:count'] ?? 0), workingDays: percentiles(c, 'ack:days:') },
    answer: {
      stage1: { onTime: rate(c['answer:s1:onTime'] ?? 0, c['answer:s1:count'] ?? 0), workingDays: percentiles(c, 'answer:s1:days:') },
      stage2: { onTime: rate(c['answer:s2:onTime'] ?? 0, c['answer:s2:count'] ?? 0), workingDays: percentiles(c, 'answer:s2:days:') },
      workingDays: percentiles(c, 'answer:days:'),
    },
    outcomes: { upheld: c['outcome:upheld'] ?? 0, 'partly-upheld': c['outcome:partly-upheld'] ?? 0, 'not-upheld': c['outcome:not-upheld'] ?? 0 },
    satisfaction: {
      withOutcome: ratings(c, 'satisfaction:outcome:'),
      withHandling: ratings(c, 'satisfaction:process:'),
      survey: { asked: c['survey:asked'] ?? 0, answered: c['survey:answered'] ?? 0, noResponse: c['survey:noResponse'] ?? 0, responseRate: rate(c['survey:answered'] ?? 0, c['survey:asked'] ?? 0) },
    },
    stage2: rate(c['stage:2'] ?? 0, cases),
    extensions: { cases: rate(c.extended ?? 0, cases), count: c.extensions ?? 0, workingDays: c.extensionDays ?? 0 },
    pauses: { cases: rate(c.paused ?? 0, cases), count: c.pauses ?? 0 },
    compensation: {
      claimed: { cases: c['comp:claimed'] ?? 0, amount: money(c, 'comp:claimed') },
      offered: { cases: c['comp:offered'] ?? 0, amount: money(c, 'comp:offered') },
      awarded: { cases: c['comp:awarded'] ?? 0, amount: money(c, 'comp:awarded') },
    },
    /** The closing reports' lessons (seed 003): of the closed cases, how many have a report, and what it found. */
    lessons: {
      closed: c.closed ?? 0,
      reported: rate(c['lessons:reported'] ?? 0, c.closed ?? 0),
      oneOff: c['lessons:one-off'] ?? 0,
      systemic: c['lessons:systemic'] ?? 0,
      procedureDefect: c['lessons:procedureDefect'] ?? 0,
      ruleNotFollowed: c['lessons:ruleNotFollowed'] ?? 0,
      improvement: c['lessons:improvement'] ?? 0,
    },
    departments: performance('dept'),
    ...(showHandlers ? { handlers: performance('handler') } : {}),
  };
}

export type Figures = ReturnType<typeof figuresOf>;

export function sumCounters(all: Iterable<Counters>): Counters {
  const total = new Map<string, Counters>();
  for (const counters of all) addInto(total, 'x', counters);
  return total.get('x') ?? {};
}

/** Per-estate case counts per period: from the group's `estate:<id>` counters, or from each estate's own buckets. */
function estateVolumes(input: DashboardInput): Map<string, number[]> {
  const volumes = new Map<string, number[]>();
  const put = (estateId: string, index: number, n: number) => {
    const row = volumes.get(estateId) ?? input.periods.map(() => 0);
    row[index] = (row[index] ?? 0) + n;
    volumes.set(estateId, row);
  };
  for (const series of input.series) {
    for (const [index, period] of input.periods.entries()) {
      const counters = series.periods.get(period) ?? {};
      if (isEstateShardScope(series.scope)) for (const [estateId, n] of Object.entries(byPrefix(counters, 'estate:'))) put(estateId, index, n);
      else if (series.scope !== 'GROUP') put(series.scope, index, counters.cases ?? 0);
    }
  }
  return volumes;
}

/** Ranked by volume over the range, and by change from the range's second-last period to its last. */
function ranking(rows: Map<string, number[]>, limit = 20) {
  const entries = [...rows].map(([id, counts]) => ({
    id,
    total: counts.reduce((a, b) => a + b, 0),
    last: counts.at(-1) ?? 0,
    previous: counts.length > 1 ? (counts.at(-2) ?? 0) : 0,
  })).map((e) => ({ ...e, change: e.last - e.previous }));
  return {
    byVolume: [...entries].sort((a, b) => b.total - a.total || a.id.localeCompare(b.id)).slice(0, limit),
    byChange: [...entries].sort((a, b) => b.change - a.change || a.id.localeCompare(b.id)).slice(0, limit),
  };
}

export function dashboardOf(input: DashboardInput) {
  const figureSeries = input.series.filter((s) => !isEstateShardScope(s.scope));
  const perPeriod = input.periods.map((period) => sumCounters(figureSeries.map((s) => s.periods.get(period) ?? {})));
  const total = sumCounters(perPeriod);
  const homesKnown = input.estateIds.filter((id) => input.homes[id] !== undefined);
  const homes = homesKnown.reduce((sum, id) => sum + (input.homes[id] ?? 0), 0);
  // A rate per 1,000 homes needs the homes of every estate counted: otherwise it is not given (null).
  const homesOfAll = homesKnown.length === input.estateIds.length && homes > 0 ? homes : 0;
  const categoryRows = new Map<string, number[]>(CAUSE_CATEGORIES.map((k) => [k, perPeriod.map((c) => c[`category:${k}`] ?? 0)]));
  return {
    totals: figuresOf(total, input.showHandlers),
    perThousandHomes: {
      homes,
      estatesWithHomes: homesKnown.length,
      estates: input.estateIds.length,
      complaints: homesOfAll === 0 ? null : Math.round(((total.cases ?? 0) / homesOfAll) * 1000 * 100) / 100,
    },
    trend: input.periods.map((period, i) => ({
      period,
      cases: perPeriod[i]!.cases ?? 0,
      answeredOnTime: rate((perPeriod[i]!['answer:s1:onTime'] ?? 0) + (perPeriod[i]!['answer:s2:onTime'] ?? 0), (perPeriod[i]!['answer:s1:count'] ?? 0) + (perPeriod[i]!['answer:s2:count'] ?? 0)),
      satisfiedWithHandling: figuresOf(perPeriod[i]!, false).satisfaction.withHandling.satisfied,
    })),
    rankings: { estates: ranking(estateVolumes(input)), categories: ranking(categoryRows) },
    regulator: regulatorMeasures(total, homesOfAll),
    buildings: input.estateIds.length === 1 && input.series.every((x) => x.scope === input.estateIds[0]) ? buildingFigures(total, perPeriod) : [],
  };
}

/**
 * Complaints per building of one estate (docs/BUILDINGS.md): the estate's own buckets count `building:<id>` in every
 * slice and period, so the period's count and its trend come from the items already read. Only counts: the aggregates
 * keep no on-time or satisfaction counters per building, and estates give no homes per building. Most first.
 */
export function buildingFigures(total: Counters, perPeriod: readonly Counters[]): { buildingId: string; cases: number; trend: number[] }[] {
  const ids = Object.keys(total).filter((name) => name.startsWith('building:') && !name.includes('/') && (total[name] ?? 0) > 0);
  return ids
    .map((name) => ({ buildingId: name.slice('building:'.length), cases: total[name] ?? 0, trend: perPeriod.map((c) => c[name] ?? 0) }))
    .sort((a, b) => b.cases - a.cases || a.buildingId.localeCompare(b.buildingId));
}

/**
 * Regulator measures from the same counters (cohort of receipt):
 * - CH01 (England, tenant satisfaction measures): complaints per 1,000 homes at stage 1 and at stage 2;
 * - CH02: share answered within the Complaint Handling Code's timescales (the estate's deadline policy), per stage;
 * - TP09: satisfaction with complaint handling (share rating the handling 4 or 5 of 5);
 * - SPSO indicators: stage 1 answered within 5 working days, stage 2 within 20, average working days per stage,
 *   outcomes, and the share of cases whose deadline was extended.
 */
export function regulatorMeasures(c: Counters, homes: number) {
  const cases = c.cases ?? 0;
  const stage2 = c['stage:2'] ?? 0;
  const perThousand = (n: number) => (homes === 0 ? null : Math.round((n / homes) * 1000 * 100) / 100);
  const within = (prefix: string, days: number) => {
    let n = 0;
    for (let d = 0; d <= days; d += 1) n += c[`${prefix}${d}`] ?? 0;
    return n;
  };
  const f = figuresOf(c, false);
  return {
    CH01: { stage1PerThousandHomes: perThousand(cases), stage2PerThousandHomes: perThousand(stage2), stage1: cases, stage2, homes },
    CH02: { stage1WithinTimescale: f.answer.stage1.onTime, stage2WithinTimescale: f.answer.stage2.onTime },
    TP09: { satisfiedWithHandling: f.satisfaction.withHandling.satisfied },
    SPSO: {
      stage1ClosedWithin5WorkingDays: rate(within('answer:s1:days:', 5), c['answer:s1:count'] ?? 0),
      stage2ClosedWithin20WorkingDays: rate(within('answer:s2:days:', 20), c['answer:s2:count'] ?? 0),
      averageWorkingDays: { stage1: f.answer.stage1.workingDays.mean, stage2: f.answer.stage2.workingDays.mean },
      outcomes: f.outcomes,
      extended: f.extensions.cases,
    },
  };
}
