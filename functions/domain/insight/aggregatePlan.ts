/**
 * Keeping the pre-aggregated figures right when the table's stream delivers a
 * case's versions late, twice or out of order.
 *
 * Each case keeps the contribution it last added to the aggregates, with the
 * case version it describes (the contribution item, beside the case). A
 * stream record carrying version v is applied only if v is newer than that
 * version: the store then adds `new − old` to every bucket the case touches
 * and replaces the stored contribution, in one transaction conditional on the
 * stored contribution still being the one read. So:
 * - a redelivered record (v already counted) changes nothing;
 * - an older record arriving after a newer one (v < stored) changes nothing;
 * - a version skipped by the stream (or filtered) costs nothing: the next one
 *   replaces the whole contribution, not a step of it;
 * - two consumers racing on one case: one transaction wins, the other re-reads
 *   and re-plans (or finds its version already surpassed).
 * The aggregates are therefore always the sum of the latest counted
 * contribution of every case, which is what the rebuild computes from the
 * cases themselves.
 */
import { type Contribution, type Counters, estateShardScope, GROUP_SCOPE, shardBuildingCounter } from './caseContribution';

/** The stored contribution of a case. `contribution: null`: nothing counted (never happens for a live case). */
export interface StoredContribution {
  caseId: string;
  version: number;
  contribution: Contribution | null;
}

/** An aggregate item: one scope (estate or group), one slice (filter), one period. */
export interface BucketRef {
  scope: string;
  slice: string;
  period: string;
}

export const bucketKey = (bucket: BucketRef) => `${bucket.scope}|${bucket.slice}|${bucket.period}`;
export function parseBucketKey(key: string): BucketRef {
  const [scope, slice, period] = key.split('|') as [string, string, string];
  return { scope, slice, period };
}

/** Every bucket a contribution adds to, with what it adds there. */
export function bucketsOf(contribution: Contribution | null): Map<string, Counters> {
  const buckets = new Map<string, Counters>();
  if (!contribution) return buckets;
  for (const period of contribution.periods) {
    for (const slice of contribution.slices) {
      buckets.set(bucketKey({ scope: contribution.estateId, slice, period }), { ...contribution.counters, ...contribution.estateOnly });
      buckets.set(bucketKey({ scope: GROUP_SCOPE, slice, period }), { ...contribution.counters });
      // The group's per-estate and per-building counts (rankings, early warning), in the estate's shard.
      buckets.set(bucketKey({ scope: estateShardScope(contribution.estateId), slice, period }), {
        [`estate:${contribution.estateId}`]: 1,
        ...(contribution.buildingId ? { [shardBuildingCounter(contribution.estateId, contribution.buildingId)]: 1 } : {}),
      });
    }
  }
  return buckets;
}

/** `next − previous` per bucket, leaving out zeros (a bucket with nothing to change is not written). */
export function diffBuckets(previous: Map<string, Counters>, next: Map<string, Counters>): Map<string, Counters> {
  const deltas = new Map<string, Counters>();
  for (const key of new Set([...previous.keys(), ...next.keys()])) {
    const before = previous.get(key) ?? {};
    const after = next.get(key) ?? {};
    const delta: Counters = {};
    for (const name of new Set([...Object.keys(before), ...Object.keys(after)])) {
      const change = (after[name] ?? 0) - (before[name] ?? 0);
      if (change !== 0) delta[name] = change;
    }
    if (Object.keys(delta).length > 0) deltas.set(key, delta);
  }
  return deltas;
}

export type AggregatePlan =
  | { kind: 'skip'; reason: 'already-counted' | 'older-than-counted' }
  | {
      kind: 'apply';
      caseId: string;
      /** The stored contribution's version the write is conditional on (`undefined`: none stored yet). */
      expectedVersion: number | undefined;
      stored: StoredContribution;
      deltas: Map<string, Counters>;
    };

/**
 * What to do with version `version` of a case whose contribution is now `next` (`null`: a retention tombstone, which
 * keeps what the case contributed while it existed).
 */
export function planAggregateUpdate(caseId: string, stored: StoredContribution | undefined, version: number, next: Contribution | null): AggregatePlan {
  if (stored && stored.version === version) return { kind: 'skip', reason: 'already-counted' };
  if (stored && stored.version > version) return { kind: 'skip', reason: 'older-than-counted' };
  const previous = stored?.contribution ?? null;
  const kept = next ?? previous;
  return {
    kind: 'apply',
    caseId,
    expectedVersion: stored?.version,
    stored: { caseId, version, contribution: kept },
    deltas: diffBuckets(bucketsOf(previous), bucketsOf(kept)),
  };
}

/** The store's side: read a case's stored contribution; apply a plan atomically, or say the stored one moved on. */
export interface AggregateStore {
  getContribution(caseId: string): Promise<StoredContribution | undefined>;
  /** False when the stored contribution is no longer at `plan.expectedVersion` (another writer won): re-read and re-plan. */
  applyPlan(plan: Extract<AggregatePlan, { kind: 'apply' }>): Promise<boolean>;
}

/** Counts one version of a case: read, plan, apply; on a lost race, again (the newer writer may have made it moot). */
export async function countCaseVersion(store: AggregateStore, caseId: string, version: number, next: Contribution | null): Promise<AggregatePlan['kind']> {
  for (let attempt = 0; attempt < 8; attempt += 1) {
    const plan = planAggregateUpdate(caseId, await store.getContribution(caseId), version, next);
    if (plan.kind === 'skip') return 'skip';
    if (await store.applyPlan(plan)) return 'apply';
  }
  throw new Error(`the aggregate contribution of case ${caseId} kept changing under version ${version}`);
}

/** The aggregates from scratch: the sum of every case's contribution (what the rebuild writes and checks against). */
export function aggregateFromScratch(contributions: Iterable<Contribution | null>): Map<string, Counters> {
  const totals = new Map<string, Counters>();
  for (const contribution of contributions) {
    for (const [key, counters] of bucketsOf(contribution)) addInto(totals, key, counters);
  }
  return totals;
}

export function addInto(totals: Map<string, Counters>, key: string, counters: Counters): void {
  const target = totals.get(key) ?? {};
  for (const [name, value] of Object.entries(counters)) target[name] = (target[name] ?? 0) + value;
  totals.set(key, target);
}

/** Buckets and counters where two sets of aggregates differ (zeros and missing counters are equal). */
export function aggregateDifferences(expected: Map<string, Counters>, actual: Map<string, Counters>): { bucket: string; counter: string; expected: number; actual: number }[] {
  const differences: { bucket: string; counter: string; expected: number; actual: number }[] = [];
  for (const key of new Set([...expected.keys(), ...actual.keys()])) {
    const e = expected.get(key) ?? {};
    const a = actual.get(key) ?? {};
    for (const name of new Set([...Object.keys(e), ...Object.keys(a)])) {
      if ((e[name] ?? 0) !== (a[name] ?? 0)) differences.push({ bucket: key, counter: name, expected: e[name] ?? 0, actual: a[name] ?? 0 });
    }
  }
  return differences.sort((x, y) => (x.bucket + x.counter).localeCompare(y.bucket + y.counter));
}
