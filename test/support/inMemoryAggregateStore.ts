/** The aggregate store's contract in memory: a conditional replace of the contribution and the bucket deltas, together. */
import { type AggregatePlan, type AggregateStore, addInto, type StoredContribution } from '../../functions/domain/insight/aggregatePlan';
import type { Counters } from '../../functions/domain/insight/caseContribution';

export class InMemoryAggregateStore implements AggregateStore {
  readonly contributions = new Map<string, StoredContribution>();
  readonly buckets = new Map<string, Counters>();

  async getContribution(caseId: string): Promise<StoredContribution | undefined> {
    const stored = this.contributions.get(caseId);
    return stored ? structuredClone(stored) : undefined;
  }

  async applyPlan(plan: Extract<AggregatePlan, { kind: 'apply' }>): Promise<boolean> {
    if (this.contributions.get(plan.caseId)?.version !== plan.expectedVersion) return false;
    this.contributions.set(plan.caseId, structuredClone(plan.stored));
    for (const [key, delta] of plan.deltas) addInto(this.buckets, key, delta);
    return true;
  }
}
