/**
 * Counts per building (issue #11): a case naming a building adds to its estate's `building:<id>` counter and to
 * the group shard's `building:<estate>/<id>`, in every period and slice; correcting the building moves the count;
 * the early-warning series are built per estate and per building from either kind of bucket, and a burst in one
 * building raises a warning for that building (and not for the quiet one beside it).
 */
import { describe, expect, it } from 'vitest';
import type { ComplaintCase } from '../../../../functions/domain/complaintCase';
import { bucketsOf, planAggregateUpdate } from '../../../../functions/domain/insight/aggregatePlan';
import { contributionOf, estateShardScope } from '../../../../functions/domain/insight/caseContribution';
import { DEFAULT_EARLY_WARNING_RULE, scanForWarnings, warningSeriesOf } from '../../../../functions/domain/insight/earlyWarning';
import { buildHistory } from '../../../support/caseHistories';

const context = { estate: { estateId: 'EST01', jurisdiction: 'HK' as const, timeZone: 'Asia/Hong_Kong' }, reportingTimeZone: 'Asia/Hong_Kong' };
const opened = (buildingId?: string): ComplaintCase => buildHistory({ estateId: 'EST01', channel: 'web', receivedMinute: 0, ...(buildingId ? { buildingId } : {}), steps: [] }, 1)[0]!;

describe('counts per building', () => {
  it('counts a case in its building, in the estate\'s buckets and the group shard, every period and slice', () => {
    const buckets = bucketsOf(contributionOf(opened('T1'), context));
    const shard = estateShardScope('EST01');
    const estateBuckets = [...buckets].filter(([key]) => key.startsWith('EST01|'));
    const shardBuckets = [...buckets].filter(([key]) => key.startsWith(`${shard}|`));
    expect(estateBuckets).toHaveLength(12);
    for (const [, counters] of estateBuckets) expect(counters['building:T1']).toBe(1);
    for (const [, counters] of shardBuckets) expect(counters).toEqual({ 'estate:EST01': 1, 'building:EST01/T1': 1 });
    // The group's own buckets have no building counters: ids mean something only within their estate.
    for (const [key, counters] of buckets) if (key.startsWith('GROUP|')) expect(Object.keys(counters).some((n) => n.startsWith('building:'))).toBe(false);
    // A case naming none counts in no building.
    for (const [, counters] of bucketsOf(contributionOf(opened(), context))) expect(Object.keys(counters).some((n) => n.startsWith('building:'))).toBe(false);
  });

  it('moves the count when staff correct the building', () => {
    const [v1, v2] = buildHistory({ estateId: 'EST01', channel: 'web', receivedMinute: 0, buildingId: 'T1', steps: [{ step: { kind: 'setBuilding', buildingId: 'T2' }, afterHours: 1 }] }, 1);
    const stored = { caseId: v1!.caseId, version: 1, contribution: contributionOf(v1!, context) };
    const plan = planAggregateUpdate(v1!.caseId, stored, 2, contributionOf(v2!, context));
    expect(plan.kind).toBe('apply');
    if (plan.kind !== 'apply') return;
    const month = [...plan.deltas].find(([key]) => key.startsWith('EST01|all|M'))![1];
    expect(month).toEqual({ 'building:T1': -1, 'building:T2': 1 });
    const shardMonth = [...plan.deltas].find(([key]) => key.startsWith(`${estateShardScope('EST01')}|all|M`))![1];
    expect(shardMonth).toEqual({ 'building:EST01/T1': -1, 'building:EST01/T2': 1 });
  });
});

describe('early warning per building', () => {
  const days = Array.from({ length: 91 }, (_, i) => `D${String(i).padStart(3, '0')}`);

  it('builds the same series from the group shards as from the estates\' own buckets', () => {
    const fromShards = warningSeriesOf(
      [
        { scope: 'GROUP#E03', category: 'lifts', period: 'D090', counters: { 'estate:EST01': 4, 'building:EST01/T1': 3, 'estate:EST02': 1 } },
        { scope: 'GROUP#E03', category: 'lifts', period: 'D089', counters: { 'estate:EST01': 1, 'building:EST01/T1': 1 } },
        { scope: 'GROUP#E03', category: 'lifts', period: 'X', counters: { 'estate:EST01': 9 } },
      ],
      days,
    );
    const fromEstates = warningSeriesOf(
      [
        { scope: 'EST01', category: 'lifts', period: 'D090', counters: { cases: 4, 'building:T1': 3, 'handler:x:cases': 2 } },
        { scope: 'EST01', category: 'lifts', period: 'D089', counters: { cases: 1, 'building:T1': 1 } },
        { scope: 'EST02', category: 'lifts', period: 'D090', counters: { cases: 1 } },
      ],
      days,
    );
    const bySeries = (list: typeof fromShards) => Object.fromEntries(list.map((s) => [`${s.estateId}|${s.buildingId ?? ''}|${s.category}`, s.daily.reduce((a, b) => a + b, 0)]));
    expect(bySeries(fromShards)).toEqual({ 'EST01||lifts': 5, 'EST01|T1|lifts': 4, 'EST02||lifts': 1 });
    expect(bySeries(fromEstates)).toEqual(bySeries(fromShards));
    expect(fromShards.find((s) => s.buildingId === 'T1')!.daily.slice(-2)).toEqual([1, 3]);
  });

  it('warns for the building with a burst, not for its quiet neighbour nor, on the same counts, for a large estate', () => {
    // Tower 1 usually has a lift complaint a month; the estate (ten towers) about two a week. Six in Tower 1 this week.
    const quiet = (perDay: number): number[] => days.map((_, i) => (i % Math.round(1 / perDay) === 0 ? 1 : 0));
    const tower1 = quiet(1 / 30);
    for (const d of [86, 87, 88, 89, 90]) tower1[d] = (tower1[d] ?? 0) + (d === 88 ? 2 : 1);
    const tower2 = quiet(1 / 30);
    const estate = quiet(2 / 7).map((n, i) => n + (tower1[i] ?? 0) - (i % 30 === 0 ? 1 : 0));
    const warnings = scanForWarnings(
      [
        { estateId: 'EST01', category: 'lifts', daily: estate },
        { estateId: 'EST01', buildingId: 'T1', category: 'lifts', daily: tower1 },
        { estateId: 'EST01', buildingId: 'T2', category: 'lifts', daily: tower2 },
      ],
      DEFAULT_EARLY_WARNING_RULE,
      days.length - DEFAULT_EARLY_WARNING_RULE.windowDays,
    );
    expect(warnings.map((w) => w.buildingId ?? 'estate')).toEqual(['T1']);
    expect(warnings[0]).toMatchObject({ estateId: 'EST01', buildingId: 'T1', category: 'lifts', count: tower1.slice(-7).reduce((a, b) => a + b, 0) });
    expect(warnings[0]!.count).toBeGreaterThanOrEqual(6);
  });
});
